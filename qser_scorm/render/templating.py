"""The jinja2 environment of every page the render stage makes (templates/), with the Markdown filters."""
from __future__ import annotations

import jinja2
from markupsafe import Markup

from .markdown import render_inline, render_markdown

environment = jinja2.Environment(
    loader=jinja2.PackageLoader("qser_scorm.render", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


@jinja2.pass_context
def _markdown(context, text: str) -> Markup:
    """``{{ text | markdown }}``: the blocks' words come from the template's ``text(key)``."""
    return render_markdown(text, context["text"])


environment.filters["markdown"] = _markdown
environment.filters["inline"] = render_inline
