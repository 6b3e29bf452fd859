"""The render stage: index.html and the runtime as bytes, from the real Q-SER course."""
from __future__ import annotations

import dataclasses
import json

import pytest
from lxml import html

from qser_scorm.course.load import load_course
from qser_scorm.render import render_site

from .conftest import COURSE_SRC


@pytest.fixture(scope="module")
def course():
    return load_course(COURSE_SRC)


@pytest.fixture(scope="module")
def site(course):
    return render_site(course)


@pytest.fixture(scope="module")
def document(site):
    return html.fromstring(site["index.html"])


def test_same_course_gives_the_same_bytes(course, site):
    assert render_site(course) == site


def test_page_language_and_sections_in_course_order(course, document):
    assert document.get("lang") == course.language
    sections = [s.get("id") for s in document.iter("section")]
    # The pages the learner goes through, then the finish page shown after Exit.
    assert sections == ["qser-overview", *(f"page-{p.id}" for p in course.pages), "qser-assessment", "qser-results",
                        "qser-finish-page"]
    for page in course.pages:
        assert document.get_element_by_id(f"page-{page.id}-title").text_content() == page.title


def test_overview_shows_the_course_metadata(course, document):
    overview = document.get_element_by_id("qser-overview").text_content()
    for value in (course.subtitle, course.author, course.programme, course.training_format,
                  course.assessment_method, "1 hour", *(o.text for o in course.objectives)):
        assert value in overview


def test_the_runtime_is_one_script_and_one_stylesheet_from_this_package(site, document):
    """Three requests of ours for the first screen: the page, the script, the style."""
    references = [el.get(attr) for el in document.iter() for attr in ("src", "href") if el.get(attr)]
    assert [r for r in references if r.startswith("runtime/")] == ["runtime/qser.css", "runtime/qser.js"]
    assert sorted(p for p in site if p.startswith("runtime/")) == ["runtime/qser.css", "runtime/qser.js"]
    assert references and not [r for r in references if "//" in r or r.startswith(("http:", "https:"))]
    assert b"url(" not in site["runtime/qser.css"]


def test_the_script_runs_its_parts_in_order_and_main_last(site):
    """The shared names first, then core.js, the engine, the trackers, the xAPI templates, and
    main.js last: it starts everything on DOMContentLoaded."""
    script = site["runtime/qser.js"].decode()
    marks = ["Qser.contract=", "Qser.emitter=", "class Quiz", "Qser.tracking.scorm12=", "Qser.xapiTemplates=",
             'addEventListener("DOMContentLoaded"']
    at = [script.find(mark) for mark in marks]
    assert -1 not in at and at == sorted(at), dict(zip(marks, at))
    assert "/*" not in script  # minified: the commented sources stay in the repository


def test_every_control_has_a_label_and_every_question_a_legend(course, document):
    questions = document.xpath("//fieldset[@data-question]")
    assert [q.get("data-question") for q in questions] == [q.id for q in course.assessment.questions]
    assert all(q.find("legend") is not None for q in questions)
    labelled = {label.get("for") for label in document.iter("label")}
    for control in document.xpath("//form[@id='qser-quiz']//*[self::input or self::select or self::textarea]"):
        assert control.get("id") in labelled, control.get("id")


def test_course_data_for_the_runtime(course, document):
    data = json.loads(document.get_element_by_id("qser-course").text)
    assert data["passMark"] == course.pass_mark
    assert [q["id"] for q in data["questions"]] == [q.id for q in course.assessment.questions]
    for ordering in (q for q in data["questions"] if q["type"] == "ordering"):
        assert ordering["start"] != sorted(ordering["start"])  # never shown already in order


def test_authored_text_cannot_inject_markup_or_end_the_data_script(course):
    hostile = "</script><script>alert(1)</script> <b>bold</b>"
    page = dataclasses.replace(course.pages[0], title=hostile, markdown=hostile)
    site = render_site(dataclasses.replace(course, title=hostile, pages=(page, *course.pages[1:])))
    document = html.fromstring(site["index.html"])
    assert not [s for s in document.iter("script") if "alert" in (s.text or "") and s.get("type") != "application/json"]
    assert document.find(".//b") is None
    assert json.loads(document.get_element_by_id("qser-course").text)["title"] == hostile
