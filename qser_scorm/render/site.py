"""Render the course as one web site: ``index.html`` plus the browser runtime.

The site is one SCO. Every page of the course is a ``<section>`` of ``index.html``, visible
without JavaScript; the runtime (``qser_scorm/runtime/``) shows one at a time, runs the
assessment and reports to the LMS. What the runtime needs to know about the course (ids,
answers, weights, pass mark) travels as JSON in ``<script id="qser-course">``.

The runtime ships as one script and one stylesheet (``render/runtime.py``).
"""
from __future__ import annotations

import json
import random

from markupsafe import Markup, escape

from .. import contract
from ..course.markdown import plain_text
from ..course.model import Course, Question
from ..course.responses import response_ids
from ..interface import interface_texts, text as interface_text, text_direction
from ..vocab import LAUNCH_FILE, SCRIPT_FILE, STYLE_FILE
from ..xapi.templates import TEMPLATES_FILE, EmbeddedLrs, templates_script
from .runtime import runtime_script, runtime_stylesheet
from .print import HANDOUT_PAGE, handout_html, print_link_text
from .templating import environment



def render_site(course: Course, embedded_lrs: EmbeddedLrs | None = None) -> dict[str, bytes]:
    """Return the site's files as ``{relative path: bytes}``; writes nothing.

    ``embedded_lrs`` bakes an LRS login into the script (only on the author's explicit build
    option, docs/xapi.md). The same course always gives the same bytes (no dates, no random
    parts), so packages are reproducible.
    """
    texts = interface_texts(course)
    html = environment.get_template("index.html").render(
        course=course,
        # text("position", n=1, total=9): an interface text in the course language, as HTML.
        text=lambda key, **values: Markup(interface_text(texts, key, values, course.language, escape)),
        direction=text_direction(course.language),
        sections=_sections(course, texts),
        question_orders={q.id: _display_order(q) for q in course.assessment.questions},
        course_json=_course_json(course, texts),
        # In <head>: core.js hides all but the first section before the first paint.
        script=SCRIPT_FILE,
        stylesheet=STYLE_FILE,
        section_ids={"overview": contract.OVERVIEW_ID, "assessment": contract.ASSESSMENT_ID,
                      "results": contract.RESULTS_ID, "title": contract.TITLE_SUFFIX},
        ids=contract.ELEMENT_IDS,
        data=contract.DATA_ATTRIBUTES,
        page_id=_page_section_id,
        question_id=_question_element_id,
        # The learner handout to print from the LMS; the facilitator guide (answer key) is never here.
        print_page={"href": HANDOUT_PAGE, "label": print_link_text(course)},
    )
    # The xAPI statement templates, built with tincan (qser_scorm/xapi, docs/xapi.md).
    generated = {TEMPLATES_FILE: templates_script(course, embedded_lrs), contract.CONTRACT_FILE: contract.contract_script()}
    return {LAUNCH_FILE: html.encode("utf-8"), HANDOUT_PAGE: handout_html(course, paper=None).encode("utf-8"),
            SCRIPT_FILE: runtime_script(generated), STYLE_FILE: runtime_stylesheet(course.theme),
            **{m.path: m.data for m in course.media}}


def _sections(course: Course, texts: dict[str, str]) -> list[dict[str, str]]:
    """Every section the learner pages through, in order: its element id and title."""
    return (
        [{"id": contract.OVERVIEW_ID, "title": texts["overview_title"]}]
        + [{"id": _page_section_id(page.id), "title": page.title} for page in course.pages]
        + [{"id": contract.ASSESSMENT_ID, "title": course.assessment.title},
           {"id": contract.RESULTS_ID, "title": texts["results_title"]}]
    )


def _page_section_id(page_id: str) -> str:
    return contract.PAGE_PREFIX + page_id


def _question_element_id(question_id: str, part: str = "") -> str:
    """``q-<id>`` (the fieldset), or one of its parts (``contract.QUESTION_PARTS``)."""
    return contract.QUESTION_PREFIX + question_id + (contract.QUESTION_PARTS[part] if part else "")


def _display_order(question: Question) -> list[int]:
    """The order in which options are first shown, as indexes into the authored list.

    Ordering items must not start in the correct order, and a matching question's answers
    must not line up with their prompts; both get a fixed scramble derived from the question
    id (stable from build to build). Other types keep the authored order.
    """
    count = {"ordering": len(question.items), "matching": len(question.pairs)}.get(question.type, 0)
    if count < 2:
        return list(range(len(question.options)))
    order = list(range(count))
    shuffler = random.Random(question.id)
    while order == sorted(order):
        shuffler.shuffle(order)
    return order


def _course_json(course: Course, texts: dict[str, str]) -> str:
    """The data the runtime reads, as JSON safe inside a <script> element."""
    assessment = course.assessment
    data = {
        "id": course.id,
        "title": course.title,
        "language": course.language,  # Qser.text writes numbers as this language does
        "passMark": course.pass_mark,
        "attempts": assessment.attempts,
        "shuffle": assessment.shuffle,
        "responses": course.responses,
        "objectives": [objective.id for objective in course.objectives],
        "pages": _sections(course, texts),
        "questions": [_question_data(q) for q in assessment.questions],
        # The pages' check questions (weight 0): recorded as interactions, never scored.
        "checks": [_question_data(q) for page in course.pages for q in page.checks],
        "ui": texts,  # the interface texts, read by Qser.text
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "<" never appears raw, so neither "</script>" nor "<!--" can end the element early.
    return text.replace("<", "\\u003c")


def _question_data(question: Question) -> dict:
    data: dict = {"id": question.id, "type": question.type, "weight": question.weight if question.scored else 0,
                  "text": plain_text(question.prompt)}  # the interaction's description (SCORM 2004)
    if question.objective:
        data["objective"] = question.objective
    ids = response_ids(question)
    if ids:
        data["ids"] = ids  # the readable short ids records carry (course/responses.py)
    if question.type in ("single", "multiple"):
        data["count"] = len(question.options)
        data["correct"] = [i for i, option in enumerate(question.options) if option.correct]
    elif question.type == "true-false":
        data["correct"] = bool(question.answer)
    elif question.type in ("matching", "ordering"):
        data["count"] = len(question.pairs or question.items)
        data["start"] = _display_order(question)
    elif question.type == "fill-in":
        data["accept"] = list(question.accept)
    return data
