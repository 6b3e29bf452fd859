"""Markdown to HTML for course text: CommonMark plus tables, raw HTML shown as text."""
from __future__ import annotations

from markupsafe import Markup

from ..course.markdown import markdown_parser

#: Page titles are <h2> under the course's <h1>, so Markdown headings move one level down.
_HEADING_SHIFT = 1

_md = markdown_parser()


def _shifted_heading(renderer, tokens, idx, options, env):
    token = tokens[idx]
    token.tag = f"h{min(6, int(token.tag[1]) + _HEADING_SHIFT)}"
    return renderer.renderToken(tokens, idx, options, env)


_md.add_render_rule("heading_open", _shifted_heading)
_md.add_render_rule("heading_close", _shifted_heading)


def render_markdown(text: str) -> Markup:
    """Return the HTML of a Markdown block (a page body, a description)."""
    return Markup(_md.render(text))


def render_inline(text: str) -> Markup:
    """Return the HTML of one line of inline Markdown (a prompt, an option), without <p>."""
    return Markup(_md.renderInline(text))
