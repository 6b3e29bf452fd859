"""The jinja2 environment of every page the render stage makes (templates/), with the Markdown filters."""
from __future__ import annotations

import jinja2
from markupsafe import Markup

from ..course.model import Question
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
def _markdown(context, text: str, checks: tuple[Question, ...] = ()) -> Markup:
    """``{{ text | markdown }}``, or ``{{ page.markdown | markdown(page.checks) }}`` for a page
    with check questions: the blocks' words come from the template's ``text(key)``."""
    words = context["text"]
    # Without its checks (a printed handout) a ```check block shows nothing: it needs the runtime.
    return render_markdown(text, words, lambda n: _check_html(checks[n], words) if n < len(checks) else "")


def _check_html(question: Question, words) -> Markup:
    """The HTML of one check question (templates/check.html)."""
    if question.type == "true-false":
        choices = [(value, words(f"answer_{value}"), (value == "true") == question.answer, "")
                   for value in ("true", "false")]
    else:
        choices = [(str(i), render_inline(o.text), o.correct, o.feedback) for i, o in enumerate(question.options)]
    return Markup(environment.get_template("check.html").module.check_question(question, choices, words))


environment.filters["markdown"] = _markdown
environment.filters["inline"] = render_inline
