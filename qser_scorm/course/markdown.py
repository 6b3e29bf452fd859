"""The one Markdown dialect of course text: CommonMark with tables and content blocks, raw HTML off.

Every stage that reads course Markdown (the media scan, the block checks, the HTML renderer,
the translation units, plain-text metadata) uses a parser from here, so what is checked is
exactly what is rendered. The content blocks (docs/authoring.md, "Content blocks") come from
mdit-py-plugins: ``::: kind title`` containers (callouts, collapsible sections) and ``{...}``
attributes after an image (width, decorative). Two small rules of ours shape the tokens: an
image alone in a paragraph with a title is a figure, and a ``Table:`` paragraph right after a
table is its caption; a quote's last paragraph that starts with a dash is its attribution.
"""
from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin

#: ``::: note`` ... ``:::``: a callout, shown with its kind as a word (interface text ``callout_<kind>``).
CALLOUT_KINDS = ("note", "tip", "warning", "example")
#: ``::: details Summary`` ... ``:::``: a collapsible section.
DETAILS = "details"
#: The token type of every ``:::`` block; its kind and title are in ``token.info``.
CONTAINER = "container_block"
#: The widths a figure may take, in percent of the text column (``{width=50}``).
FIGURE_WIDTHS = (25, 33, 50, 66, 75, 100)
#: The class that marks an image as decorative (``{.decorative}``): no alt text needed.
DECORATIVE = "decorative"
#: What the first line of a table caption starts with, as in Pandoc.
CAPTION_MARK = "Table:"
#: What the last paragraph of a quote starts with to be its attribution.
ATTRIBUTION_MARKS = ("—", "--", "―")


def markdown_parser() -> MarkdownIt:
    """Return a new parser of the course dialect (raw HTML is shown as text, never run)."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    # Only these two attributes: no `style`, no event handlers (the rest go to meta, checked).
    md.use(attrs_plugin, after=("image",), allowed=("width", "class"))
    md.use(container_plugin, "block", validate=lambda params, *_: bool(params.strip()))
    # Before "inline": a caption's text is parsed without its `Table:` mark.
    md.core.ruler.before("inline", "qser_table_caption", _table_captions)
    md.core.ruler.before("inline", "qser_quote_attribution", _quote_attributions)
    md.core.ruler.push("qser_figure", _figures)
    return md


def container_kind(token) -> tuple[str, str]:
    """The kind and the title of a ``:::`` block's opening token: ``("tip", "Remember")``."""
    kind, _, title = token.info.strip().partition(" ")
    return kind, title.strip()


def lone_image(inline):
    """The image of a paragraph that holds one image and nothing else, or None."""
    children = [c for c in inline.children or () if not (c.type == "text" and not c.content.strip())]
    return children[0] if len(children) == 1 and children[0].type == "image" else None


def _table_captions(state: StateCore) -> None:
    """``Table: text`` right after a table becomes its ``<caption>`` (the first child of ``<table>``)."""
    tokens = state.tokens
    for close in [i for i, t in enumerate(tokens) if t.type == "table_close"][::-1]:
        paragraph = tokens[close + 1:close + 4]
        if len(paragraph) < 3 or paragraph[0].type != "paragraph_open" \
                or not paragraph[1].content.startswith(CAPTION_MARK):
            continue
        paragraph[0].tag = paragraph[2].tag = "caption"
        for token in paragraph:
            token.level += 1
        paragraph[1].content = paragraph[1].content[len(CAPTION_MARK):].strip()
        del tokens[close + 1:close + 4]
        opening = _opening(tokens, close, "table_open")
        tokens[opening + 1:opening + 1] = paragraph


def _quote_attributions(state: StateCore) -> None:
    """A quote whose last paragraph starts with a dash gives ``<figure><blockquote>…</blockquote>
    <figcaption>— Name</figcaption></figure>`` (the HTML standard's pattern for a quote's source)."""
    tokens = state.tokens
    close = 0
    while close < len(tokens):
        last = tokens[close - 3:close]
        if tokens[close].type != "blockquote_close" or len(last) < 3 or last[0].type != "paragraph_open" \
                or last[0].level != tokens[close].level + 1 or not last[1].content.startswith(ATTRIBUTION_MARKS) \
                or _opening(tokens, close, "blockquote_open") == close - 4:  # the dash paragraph is all
            close += 1
            continue
        opening = _opening(tokens, close, "blockquote_open")
        last[0].tag = last[2].tag = "figcaption"
        figure_open = Token("quote_figure_open", "figure", 1)
        figure_open.attrSet("class", "qser-quote")
        figure_open.map, figure_open.block = tokens[opening].map, True
        figure_close = Token("quote_figure_close", "figure", -1, block=True)
        tokens[close - 3:close + 1] = [tokens[close]] + last + [figure_close]
        tokens.insert(opening, figure_open)
        close += 3


def _opening(tokens, close: int, kind: str) -> int:
    """The index of the token of type ``kind`` that ``tokens[close]`` closes."""
    return max(i for i in range(close) if tokens[i].type == kind and tokens[i].level == tokens[close].level)


def _figures(state: StateCore) -> None:
    """A paragraph that holds one image with a title (its caption) is a ``<figure>``."""
    for index, token in enumerate(state.tokens):
        if token.type == "inline" and state.tokens[index - 1].type == "paragraph_open":
            image = lone_image(token)
            if image is not None and image.attrGet("title"):
                state.tokens[index - 1].tag = state.tokens[index + 1].tag = "figure"
                state.tokens[index - 1].meta["figure"] = image.meta["figure"] = True


_parser = markdown_parser()


def plain_text(markdown: str) -> str:
    """Return the words of a Markdown text without its markup (for metadata fields)."""
    paragraphs = []
    for token in _parser.parse(markdown):
        if token.type == "inline":
            paragraphs.append("".join(" " if c.type in ("softbreak", "hardbreak") else c.content
                                      for c in token.children or ()))
    return "\n\n".join(paragraphs)
