"""Find the files that course text shows or links to (images, handouts) and read them in.

Local files live in the course's ``media/`` folder and are written ``media/<name>`` in Markdown;
the package ships exactly the ones the text uses, at the same path. Images from other hosts are
refused: LMSs run packages behind strict content policies, and a course must work offline.
Every Markdown text is scanned (pages, description, objectives, intro, questions), with the
parser the renderer uses, so no image can reach the page unchecked.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import Problem
from .markdown import markdown_parser
from .model import MediaFile

MEDIA_FOLDER = "media"

_parser = markdown_parser()


@dataclass(frozen=True)
class MarkdownText:
    """A text the renderer treats as Markdown, and where it was written."""

    text: str
    file: str
    line: int | None  #: the line the text starts on
    block: bool  #: a block of paragraphs (pages, description), else one line (a prompt, an option)
    key_path: tuple = ()  #: where in a YAML file's data; () for a page


@dataclass(frozen=True)
class ImageReference:
    """An image that course.yaml names outside Markdown (the theme's logo), and where."""

    target: str
    file: str
    line: int | None
    key_path: tuple


def load_media(folder: Path, texts: list[MarkdownText], images: tuple[ImageReference, ...] = ()
               ) -> tuple[tuple[MediaFile, ...], list[Problem]]:
    """Return the media files the texts and ``images`` use, and a problem for each reference that cannot work."""
    found: dict[str, MediaFile] = {}
    problems = []
    for markdown in texts:
        for target, offset, is_image in _references(markdown):
            problem = _check(folder, target, is_image, found)
            if problem:
                line = markdown.line + offset if markdown.line else None
                problems.append(Problem(markdown.file, line, *problem, key_path=markdown.key_path))
    for image in images:
        problem = _check(folder, image.target, True, found)
        if problem:
            problems.append(Problem(image.file, image.line, *problem, key_path=image.key_path))
    return tuple(found[path] for path in sorted(found)), problems


def _references(markdown: MarkdownText):
    """Yield (target, line offset, is_image) for every image and link of a Markdown text."""
    blocks = _parser.parse(markdown.text) if markdown.block else _parser.parseInline(markdown.text)
    for block in blocks:
        if block.type != "inline":
            continue
        offset = block.map[0] if block.map else 0
        for token in block.children or ():
            if token.type == "image":
                yield token.attrGet("src") or "", offset, True
            elif token.type == "link_open":
                yield token.attrGet("href") or "", offset, False


def _check(folder: Path, target: str, is_image: bool, found: dict[str, MediaFile]) -> tuple[str, str] | None:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        if is_image:
            return (f"image {target} is loaded from another host",
                    f"save the image in {MEDIA_FOLDER}/ in the course folder and write {MEDIA_FOLDER}/<name>")
        return None  # a link the learner may follow: the package itself requests nothing
    path = unquote(parts.path)
    if not path:
        return None  # "#section" links within the page
    if not path.startswith(f"{MEDIA_FOLDER}/") or ".." in path.split("/") or "\\" in path:
        return (f"{target} is not in the course's {MEDIA_FOLDER}/ folder",
                f"put the file in {MEDIA_FOLDER}/ and write its path as {MEDIA_FOLDER}/<name>, relative to the "
                "course folder (not to the page)")
    if path not in found:
        file = folder / path
        try:
            inside = file.resolve().is_relative_to(folder.resolve() / MEDIA_FOLDER)
        except (OSError, RuntimeError):  # a link loop
            inside = False
        if not inside or not file.is_file():
            return (f"{path} does not exist in the course folder (or is a link out of {MEDIA_FOLDER}/)",
                    "add the file itself, or correct the path")
        found[path] = MediaFile(path, file.read_bytes())
    return None
