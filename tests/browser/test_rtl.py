"""An Arabic course in the LMS reads right to left: <html dir="rtl">, the layout and the Back/Next
bar mirrored against the same course in English, Arabic texts from the runtime, and axe clean."""
from __future__ import annotations

import pytest

from qser_scorm.course.load import load_course

from ..tiny_course import ARABIC, ENGLISH, write_tiny_course
from .conftest import build_package, mastery_score
from .learner import CourseLearner, responses
from .lms import TestLms
from .server import LmsServer

#: What is mirrored: the header (title, then Contents and Exit), the pager (Back, position, Next).
PARTS = (".qser-header .qser-title", "#qser-tools", "#qser-back", "#qser-position", "#qser-next")


@pytest.fixture(scope="module", params=["ar", "en"])
def launched(request, tmp_path_factory):
    """The tiny course built in Arabic (with Arabic content) and in English, each in a test LMS."""
    language = request.param
    folder = tmp_path_factory.mktemp(language)
    source = write_tiny_course(folder / "src", language, ARABIC if language == "ar" else ENGLISH)
    package = build_package(source, folder / "dist")
    with LmsServer(package) as server:
        yield language, source, server, mastery_score(package)


def _session(launched, context):
    language, source, server, mastery = launched
    lms = TestLms(server, context, mastery)
    return lms, lms.launch().ready(), load_course(source)


def _edges(sco, selector: str) -> tuple[float, float]:
    """The element's left and right edges as distances from the viewport's left and right."""
    box = sco.locator(selector).bounding_box()
    width = sco.locator("html").evaluate("html => html.clientWidth")
    return box["x"], width - box["x"] - box["width"]


def test_the_arabic_course_is_the_english_one_mirrored(launched, context):
    language, *_ = launched
    lms, session, course = _session(launched, context)
    sco = session.sco
    assert sco.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    order = [_edges(sco, selector) for selector in PARTS]
    start = [left if language == "en" else right for left, right in order]  # distance from the start side
    assert start[0] < start[1], "the title comes first, at the start side of the header"
    assert start[2] < start[3] < start[4], "Back, the position, then Next, from the start side"
    assert start[2] == pytest.approx(order[2][0 if language == "en" else 1]) and start[2] < 400

    learner = CourseLearner(session.page, sco, course)
    learner.next()
    cell = sco.locator("td").first
    cell_box, text_start = cell.bounding_box(), cell.evaluate(
        "td => { const r = document.createRange(); r.selectNodeContents(td); return r.getBoundingClientRect(); }")
    if language == "ar":  # text starts at the right of a cell, as the table's columns run right to left
        assert cell_box["x"] + cell_box["width"] - (text_start["x"] + text_start["width"]) < 12
        assert sco.locator("th").first.inner_text() == "الخطوة"
        assert learner.position() == "الصفحة 1 من 1"
    else:
        assert text_start["x"] - cell_box["x"] < 12
        assert learner.position() == "Page 1 of 1"
    assert lms.page_errors == []


@pytest.mark.parametrize("launched", ["ar"], indirect=True)
def test_the_arabic_course_passes_axe_and_reports_in_arabic(launched, context):
    lms, session, course = _session(launched, context)
    sco = session.sco
    learner = CourseLearner(session.page, sco, course)
    violations = {}
    while True:
        violations[learner.current_section()] = session.axe_violations()
        if sco.locator("#qser-next").is_disabled():
            break
        learner.next()
    learner.press(sco.locator("#qser-contents-button"))
    violations["contents open"] = session.axe_violations()
    learner.press(sco.locator('#qser-toc a[href="#qser-assessment"]'))
    learner.answer_all(responses(course))
    learner.submit()
    violations["results"] = session.axe_violations()
    assert sco.locator("#qser-result-summary").inner_text() == \
        "درجتك: 100%. لقد نجحت (درجة النجاح 62.5%). المحاولة 1 من 2."
    learner.press(sco.locator("#qser-back"))
    feedback = sco.locator(".qser-feedback").first
    assert feedback.evaluate("e => getComputedStyle(e).borderRightWidth") == "6px"  # border-inline-start
    violations["assessment in review"] = session.axe_violations()
    assert {state: found for state, found in violations.items() if found} == {}
    assert lms.page_errors == []
