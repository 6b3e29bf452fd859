"""A Markdown text as translatable blocks, and the same text with the blocks translated.

A block is what a translator sees as one sentence group: a heading, a paragraph, a list item,
a table cell, a table caption, the title of a callout or the summary of a collapsible section. Its text keeps its inline Markdown (links, emphasis, code, images with their alt
text), so the translation carries the same markup; ``structure`` tells whether it does.
Lines of one paragraph are joined with a space, as Markdown shows them.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..course.markdown import CAPTION_MARK, CONTAINER, DETAILS, container_kind, markdown_parser

_parser = markdown_parser()

#: Short block kinds in translation keys: ``page.summary/p2`` is the page's second paragraph.
_KINDS = {"heading_open": "h", "paragraph_open": "p", "th_open": "cell", "td_open": "cell"}


@dataclass(frozen=True)
class Block:
    key: str  #: kind and 1-based ordinal: ``h1``, ``p3``, ``li2``, ``cell5``, ``caption1``, ``title1``, ``summary1``
    text: str  #: the block's inline Markdown, on one line
    line: int  #: 0-based first line of the block in the text
    _last: int  #: 0-based line after the block
    _cell: int | None = None  #: position of a table cell in its row
    _prefix: str | None = None  #: the markup before the text on its line, when the block knows it


def blocks(markdown: str) -> list[Block]:
    """The translatable blocks of ``markdown``, in reading order."""
    tokens = _parser.parse(markdown)
    found: list[Block] = []
    counts: dict[str, int] = {}
    cell = 0
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            cell = 0
        if token.type == f"{CONTAINER}_open":
            kind, title = container_kind(token)
            if title:
                kind = "summary" if kind == DETAILS else "title"
                counts[kind] = counts.get(kind, 0) + 1
                line = markdown.splitlines()[token.map[0]]
                found.append(Block(f"{kind}{counts[kind]}", title, token.map[0], token.map[0] + 1,
                                   _prefix=line[:line.rindex(title)]))
            continue
        if token.type != "inline":
            continue
        opener = tokens[index - 1]
        kind = _KINDS.get(opener.type)
        if kind == "p" and index >= 2 and tokens[index - 2].type == "list_item_open":
            kind = "li"
        prefix = None
        if kind == "p" and opener.tag == "caption":
            kind = "caption"
            line = markdown.splitlines()[opener.map[0]]
            prefix = line[:line.index(CAPTION_MARK) + len(CAPTION_MARK)] + " "
        if kind is None:
            continue
        counts[kind] = counts.get(kind, 0) + 1
        start, end = opener.map or token.map  # a heading's own map covers a setext underline
        text = " ".join(line.strip() for line in token.content.splitlines())
        if kind == "cell":
            found.append(Block(f"cell{counts[kind]}", text, start, end, cell))
            cell += 1
        else:
            found.append(Block(f"{kind}{counts[kind]}", text, start, end, _prefix=prefix))
    return found


def translated(markdown: str, translations: dict[str, str]) -> str:
    """``markdown`` with each block whose key is in ``translations`` replaced by its text.

    The markup around a block (heading marks, list markers, quote marks, indentation, table
    pipes) stays; a multi-line paragraph becomes one line.
    """
    lines = markdown.splitlines()
    found = blocks(markdown)
    cells: dict[int, dict[int, str]] = {}
    for block in found:
        if block._cell is not None and block.key in translations:
            cells.setdefault(block.line, {})[block._cell] = translations[block.key]
    # From the last block up, so the line numbers of the blocks above stay valid.
    for block in sorted(found, key=lambda block: block.line, reverse=True):
        if block._cell is not None:
            if block.line in cells:
                lines[block.line] = _row_with(lines[block.line], cells.pop(block.line))
            continue
        if block.key not in translations:
            continue
        first = lines[block.line]
        head = block.text.split(" ")[0]
        prefix = first[: first.find(head)] if head and head in first else first[: len(first) - len(first.lstrip())]
        if block._prefix is not None:
            prefix = block._prefix
        underline = lines[block._last - 1].strip()
        if block._last - block.line == 2 and underline and not underline.strip("=-"):
            prefix = "# " if underline[0] == "=" else "## "  # a setext heading becomes ATX
        lines[block.line:block._last] = [prefix + translations[block.key]]
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")


def _row_with(row: str, cells: dict[int, str]) -> str:
    """A table row with the cells at the given positions replaced (``|`` inside is escaped)."""
    parts = _split_row(row)
    for position, text in cells.items():
        if position < len(parts):
            parts[position] = text.replace("|", "\\|")
    return "| " + " | ".join(parts) + " |"


def _split_row(row: str) -> list[str]:
    cells, current, escaped = [], "", False
    body = row.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    for char in body:
        if char == "|" and not escaped:
            cells.append(current.strip())
            current = ""
        else:
            current += char
        escaped = char == "\\" and not escaped
    cells.append(current.strip())
    return cells


def structure(text: str) -> dict[str, list[str]]:
    """The markup a translation must keep: link targets, image sources with their options and
    alt text (or its absence), code spans, and how many emphasised and strong spans there are."""
    found: dict[str, list[str]] = {"links": [], "images": [], "code": [], "emphasis": [], "strong": []}
    for token in _parser.parseInline(text)[0].children or ():
        if token.type == "link_open":
            found["links"].append(token.attrGet("href") or "")
        elif token.type == "image":  # with its options ({width=50}) and whether it has alt text
            options = " ".join(f"{name}={token.attrs[name]}" for name in ("width", "class") if name in token.attrs)
            alt = "alt text" if token.content.strip() else "no alt text"
            found["images"].append(f"{token.attrGet('src') or ''} ({alt}{', ' + options if options else ''})")
        elif token.type == "code_inline":
            found["code"].append(token.content)
        elif token.type == "em_open":
            found["emphasis"].append("*")
        elif token.type == "strong_open":
            found["strong"].append("**")
    return {kind: sorted(values) for kind, values in found.items()}
