"""Markdown to HTML for course text: the course dialect (course/markdown.py), raw HTML shown as text.

Content blocks get accessible HTML (docs/authoring.md, "Content blocks"): a callout is a
``role="note"`` box that starts with its kind as a word, not colour alone; a collapsible section
is ``<details>``; a figure is ``<figure>`` with ``<figcaption>``; a decorative image has
``alt=""``; table headers have ``scope="col"``. The words (``Tip``) come from the interface texts
of the course language, passed as ``words``.
"""
from __future__ import annotations

from typing import Callable

from markupsafe import Markup, escape

from ..course.checks import is_check
from ..course.markdown import DECORATIVE, DETAILS, container_kind, markdown_parser

#: Page titles are <h2> under the course's <h1>, so Markdown headings move one level down.
_HEADING_SHIFT = 1

#: ``(interface key) -> text``, the course language's interface texts.
Words = Callable[[str], str]
#: ``(n) -> HTML`` of the n-th (0-based) check question of the text.
CheckHtml = Callable[[int], str]

_md = markdown_parser()


def _shifted_heading(renderer, tokens, idx, options, env):
    token = tokens[idx]
    token.tag = f"h{min(6, int(token.tag[1]) + _HEADING_SHIFT)}"
    return renderer.renderToken(tokens, idx, options, env)


def _container(renderer, tokens, idx, options, env):
    """A ``:::`` block: a callout or a collapsible section (the checks refuse other kinds)."""
    token = tokens[idx]
    if token.nesting == -1:
        return "</details>\n" if token.meta.get("kind") == DETAILS else "</div>\n"
    kind, title = container_kind(token)
    closing = next(t for t in tokens[idx:] if t.type == "container_block_close" and t.level == token.level)
    closing.meta["kind"] = kind
    title_html = _md.renderInline(title, env)
    if kind == DETAILS:
        return f'<details class="qser-details">\n<summary>{title_html}</summary>\n'
    word = escape(env["words"](f"callout_{kind}"))  # course/blocks.py refuses other kinds
    heading = f"{word}: {title_html}" if title else word
    # The icon is decoration (aria-hidden); the word says the kind, in the course language.
    return (f'<div class="qser-callout qser-callout-{kind}" role="note">\n'
            f'<p class="qser-callout-title"><span class="qser-callout-icon" aria-hidden="true"></span>'
            f'<strong>{heading}</strong></p>\n')


def _image(renderer, tokens, idx, options, env):
    """An image: its width as a class, ``alt=""`` when decorative, and its caption in a figure."""
    token = tokens[idx]
    classes = (token.attrGet("class") or "").split()
    token.attrs.pop("class", None)
    width = token.attrs.pop("width", None)
    if DECORATIVE in classes:
        token.children = []
        token.attrSet("role", "presentation")
    if width and not token.meta.get("figure"):
        token.attrSet("class", f"qser-width-{str(width).rstrip('%')}")
    caption = token.attrs.pop("title", None) if token.meta.get("figure") else None
    html = renderer.image(tokens, idx, options, env)
    return html + (f"<figcaption>{escape(caption)}</figcaption>" if caption else "")


def _figure(renderer, tokens, idx, options, env):
    """A paragraph; a figure (an image with a caption) takes the image's width."""
    token = tokens[idx]
    if token.tag == "figure" and token.nesting == 1:
        image = next(c for c in tokens[idx + 1].children if c.type == "image")
        width = image.attrGet("width")
        token.attrSet("class", "qser-figure" + (f" qser-width-{str(width).rstrip('%')}" if width else ""))
    return renderer.renderToken(tokens, idx, options, env)


def _fence(renderer, tokens, idx, options, env):
    """A code block; a ```check block is the page's next check question (course/checks.py)."""
    if not is_check(tokens[idx]):
        return renderer.fence(tokens, idx, options, env)
    return env["check"](sum(is_check(token) for token in tokens[:idx]))


def _column_header(renderer, tokens, idx, options, env):
    tokens[idx].attrSet("scope", "col")
    return renderer.renderToken(tokens, idx, options, env)


_md.add_render_rule("heading_open", _shifted_heading)
_md.add_render_rule("heading_close", _shifted_heading)
_md.add_render_rule("container_block_open", _container)
_md.add_render_rule("container_block_close", _container)
_md.add_render_rule("image", _image)
_md.add_render_rule("paragraph_open", _figure)
_md.add_render_rule("th_open", _column_header)
_md.add_render_rule("fence", _fence)


def render_markdown(text: str, words: Words, check: CheckHtml) -> Markup:
    """Return the HTML of a Markdown block (a page body, a description); ``words`` gives the
    interface texts the blocks show (``callout_tip``), ``check`` the HTML of its check questions."""
    return Markup(_md.render(text, {"words": words, "check": check}))


def render_inline(text: str) -> Markup:
    """Return the HTML of one line of inline Markdown (a prompt, an option), without <p>."""
    return Markup(_md.renderInline(text))
