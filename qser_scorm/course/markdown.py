"""The one Markdown dialect of course text: CommonMark with tables, raw HTML off.

Every stage that reads course Markdown (the media scan, the HTML renderer, plain-text metadata)
uses a parser from here, so what is checked is exactly what is rendered.
"""
from __future__ import annotations

from markdown_it import MarkdownIt


def markdown_parser() -> MarkdownIt:
    """Return a new parser of the course dialect (raw HTML is shown as text, never run)."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


_parser = markdown_parser()


def plain_text(markdown: str) -> str:
    """Return the words of a Markdown text without its markup (for metadata fields)."""
    paragraphs = []
    for token in _parser.parse(markdown):
        if token.type == "inline":
            paragraphs.append("".join(" " if c.type in ("softbreak", "hardbreak") else c.content
                                      for c in token.children or ()))
    return "\n\n".join(paragraphs)
