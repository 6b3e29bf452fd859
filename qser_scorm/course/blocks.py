"""Check the content blocks of every Markdown text: ``block_problems(texts) -> list[Problem]``.

A block the renderer cannot show as meant stops the build at its file and line: a ``:::`` kind
that does not exist, a collapsible section without a summary, an image without alt text (unless
it is marked decorative), an image attribute other than a width or ``.decorative``, a check
question outside a page.
"""
from __future__ import annotations

from ..errors import Problem
from .checks import is_check
from .markdown import CALLOUT_KINDS, CONTAINER, DECORATIVE, DETAILS, FIGURE_WIDTHS, container_kind, markdown_parser
from .media import MarkdownText

_parser = markdown_parser()
_KINDS = (*CALLOUT_KINDS, DETAILS)
_WIDTHS = ", ".join(str(width) for width in FIGURE_WIDTHS)


def block_problems(texts: list[MarkdownText]) -> list[Problem]:
    """An error for each block of ``texts`` that cannot be shown as its author meant."""
    problems = []
    for markdown in texts:
        tokens = _parser.parse(markdown.text) if markdown.block else _parser.parseInline(markdown.text)
        for token in tokens:
            offset = token.map[0] if token.map else 0
            in_page = not markdown.key_path  # a page file, not a text in a YAML file
            for message, hint in _token_problems(token, in_page):
                line = markdown.line + offset if markdown.line else None
                problems.append(Problem(markdown.file, line, message, hint, key_path=markdown.key_path))
    return problems


def _token_problems(token, in_page: bool):
    if is_check(token) and not in_page:
        yield ("a check question (```check) outside a page",
               "put check questions in a page's Markdown file; the assessment's questions go in assessment.yaml")
    if token.type == f"{CONTAINER}_open":
        kind, title = container_kind(token)
        if kind not in _KINDS:
            yield (f"`::: {kind}` is not a kind of block",
                   f"use one of {', '.join(_KINDS)} (`::: tip`, then the text, then `:::` on a line of its own)")
        elif kind == DETAILS and not title:
            yield ("a collapsible section (`::: details`) has no summary",
                   "write what the learner clicks to open it after the kind: `::: details Read the full procedure`")
    if token.type == "inline":
        children = token.children or []
        for index, child in enumerate(children):
            if child.type == "image":
                yield from _image_problems(child, children[index + 1] if index + 1 < len(children) else None)


def _image_problems(image, after):
    src = image.attrGet("src") or ""
    classes = (image.attrGet("class") or "").split()
    if not image.content.strip() and DECORATIVE not in classes:
        yield (f"image {src} has no alt text",
               f"describe what the image shows in the brackets, `![A mentor and a new colleague]({src})`; "
               "or, for an image that only decorates, add `{.decorative}` after it")
    for name in classes:
        if name != DECORATIVE:
            yield f"image {src}: `.{name}` is not an image option", "use `{.decorative}` or `{width=50}`"
    for name in image.meta.get("insecure_attrs", {}):
        yield f"image {src}: `{name}` is not an image option", "use `{width=50}` or `{.decorative}`"
    width = image.attrGet("width")
    if width is not None and str(width).rstrip("%") not in {str(w) for w in FIGURE_WIDTHS}:
        yield (f"image {src}: width {width} is not one of the widths",
               f"use a percentage of the text column: one of {_WIDTHS}, e.g. `{{width=50}}`")
    if after is not None and after.type == "text" and after.content.startswith("{"):
        yield (f"image {src}: the options after it cannot be read ({after.content.split('}')[0]}}})",
               "write `{width=50}` (a percentage, without %) or `{.decorative}`, right after the image")
