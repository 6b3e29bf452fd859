"""The jinja2 environment of every page the render stage makes (templates/), with the Markdown filters."""
from __future__ import annotations

import jinja2

from .markdown import render_inline, render_markdown

environment = jinja2.Environment(
    loader=jinja2.PackageLoader("qser_scorm.render", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
environment.filters["markdown"] = render_markdown
environment.filters["inline"] = render_inline
