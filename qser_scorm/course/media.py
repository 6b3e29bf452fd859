"""Find the files that pages show or link to (images, handouts) and read them into the course.

Local files live in the course's ``media/`` folder and are written ``media/<name>`` in Markdown;
the package ships exactly the ones the text uses, at the same path. Images from other hosts are
refused: LMSs run packages behind strict content policies, and a course must work offline.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

from ..errors import Problem
from .model import MediaFile, Page

MEDIA_FOLDER = "media"

_parser = MarkdownIt("commonmark").enable("table")


def load_media(folder: Path, pages: list[Page]) -> tuple[tuple[MediaFile, ...], list[Problem]]:
    """Return the media files the pages use, and a problem for each reference that cannot work."""
    found: dict[str, MediaFile] = {}
    problems = []
    for page in pages:
        for target, line, is_image in _references(page.markdown):
            problem = _check(folder, target, is_image, found)
            if problem:
                problems.append(Problem(page.source.file, line, problem[0], problem[1]))
    return tuple(found[path] for path in sorted(found)), problems


def _references(markdown: str):
    """Yield (target, line, is_image) for every image and link of a Markdown text."""
    for block in _parser.parse(markdown):
        if block.type != "inline":
            continue
        line = block.map[0] + 1 if block.map else None
        for token in block.children or ():
            if token.type == "image":
                yield token.attrGet("src") or "", line, True
            elif token.type == "link_open":
                yield token.attrGet("href") or "", line, False


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
    if not path.startswith(f"{MEDIA_FOLDER}/") or ".." in path.split("/"):
        return (f"{target} is not in the course's {MEDIA_FOLDER}/ folder",
                f"put the file in {MEDIA_FOLDER}/ and write its path as {MEDIA_FOLDER}/<name>, relative to the "
                "course folder (not to the page)")
    if path not in found:
        try:
            found[path] = MediaFile(path, (folder / path).read_bytes())
        except OSError:
            return f"{path} does not exist in the course folder", f"add the file, or correct the path in the page"
    return None
