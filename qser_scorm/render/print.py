"""Render the workshop kit as HTML: the facilitator guide and the learner handout.

The same HTML becomes the PDFs (``package/workshop.py``), and the handout is also the print page
of the SCORM package (``handout.html``). Both use the package's stylesheet (``runtime/qser.css``)
under print rules (``templates/workshop.css``), so they share the course's look. Only the
facilitator guide holds the answer key: anything in a package, learners can open.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from markupsafe import Markup, escape

from ..course.model import Course, Theme
from ..interface import text as interface_text
from ..workshop import workshop_texts
from ..workshop.agenda import agenda, session_minutes
from .runtime import runtime_stylesheet
from .templating import environment

#: The handout's print page in the SCORM package, linked from the overview page.
HANDOUT_PAGE = "handout.html"
#: Paper sizes for ``--paper``, as CSS ``@page size`` values.
PAPER_SIZES = {"a4": "A4", "letter": "letter"}


def facilitator_html(course: Course, paper: str = "a4") -> str:
    """The facilitator guide: the timed plan, the discussion prompts and the answer key."""
    texts = workshop_texts(course)
    prompts = {entry.question.id: entry.prompts for entry in course.workshop.discussion} if course.workshop else {}
    return _render("workshop-facilitator.html", course, texts, PAPER_SIZES[paper],
                   agenda=agenda(course, texts), prompts=prompts, session=session_minutes(course))


def handout_html(course: Course, paper: str | None = "a4") -> str:
    """The learner handout: the course content and the discussion questions, no answers.

    ``paper`` None leaves the paper size to the browser (the package's print page).
    """
    return _render("workshop-handout.html", course, workshop_texts(course), PAPER_SIZES.get(paper))


def print_link_text(course: Course) -> str:
    """The overview page's link to the handout, in the course language."""
    return workshop_texts(course)["print_handout"]


def _render(template: str, course: Course, texts: dict[str, str], paper_size: str | None, **context) -> str:
    def text(key: str, **values) -> Markup:
        return Markup(interface_text(texts, key, values, course.language, escape))

    return environment.get_template(template).render(
        course=course,
        text=text,
        clock=lambda minutes: f"{minutes // 60}:{minutes % 60:02d}",  # from the session's start
        stylesheets=_stylesheets(course.theme),
        paper_size=paper_size,
        reflections=[q for q in course.assessment.questions if not q.scored],
        **context,
    )


@lru_cache(maxsize=None)
def _stylesheets(theme: Theme | None) -> tuple[Markup, ...]:
    """The package's stylesheet (with the course's theme) and the print rules over it, inlined:
    each document is one file."""
    return (Markup(runtime_stylesheet(theme).decode("utf-8")),
            Markup(files(__package__).joinpath("templates", "workshop.css").read_text(encoding="utf-8")))
