"""The multilingual Q-SER package (`build --multilingual`) in the test LMS (scorm-again): the learner
picks Greek on the cover page, keeps what they did, leaves and comes back in Greek; the LMS gets
the same data as from the one-language package."""
from __future__ import annotations

from pathlib import Path

import pytest

from qser_scorm.course.load import load_course
from qser_scorm.interface import builtin_table
from qser_scorm.translate.apply import language_courses
from tests.conftest import SHIPPED_COURSE

from .conftest import build_package, mastery_score
from .learner import CourseLearner, responses, run_course
from .lms import TestLms
from .scorm2004_lms import TestLms2004
from .server import LmsServer
from .test_scorm12_resume import shown_answers

#: Answered before switching or leaving: one of each kind of control the page has.
ANSWERED_FIRST = ("q-training-audience", "q-impact-model-impacts", "q-skill-areas", "q-path-to-mentor",
                  "q-partner-count", "r-most-important-trait")


@pytest.fixture(scope="module")
def multilingual(tmp_path_factory) -> Path:
    return build_package(SHIPPED_COURSE, tmp_path_factory.mktemp("build"), "scorm12", "--multilingual")


@pytest.fixture(scope="module")
def editions() -> dict:
    courses, _ = language_courses(load_course(SHIPPED_COURSE), SHIPPED_COURSE)
    return {course.language: course for course in courses}


def _test_lms(package: Path, context):
    with LmsServer(package) as server:
        test_lms = TestLms(server, context, mastery_score(package))
        yield test_lms
        assert test_lms.page_errors == []


@pytest.fixture
def lms(multilingual, context):
    yield from _test_lms(multilingual, context)


def _language(session) -> tuple[str, str]:
    html = session.sco.locator("html")
    return html.get_attribute("lang"), html.get_attribute("dir")


def _choose(learner: CourseLearner, session, language: str) -> None:
    learner.press(session.sco.locator(f"#qser-languages button[lang='{language}']"))
    session.sco.locator(f"html[lang='{language}']").wait_for(state="attached")


def test_the_learner_switches_to_greek_leaves_and_resumes_in_greek(lms, editions):
    first = lms.launch().ready()
    assert _language(first) == ("en", "ltr")
    learner = CourseLearner(first.page, first.sco, editions["en"])
    _choose(learner, first, "el")
    assert _language(first) == ("el", "ltr")
    assert first.sco.locator("h1").inner_text() == editions["el"].title
    assert first.sco.locator("#qser-next").inner_text() == "Επόμενο"
    chosen = first.sco.locator("#qser-languages button[lang='el']")
    assert chosen.get_attribute("aria-pressed") == "true"
    assert chosen.evaluate("button => button === document.activeElement")  # the focus stays on the choice

    greek = CourseLearner(first.page, first.sco, editions["el"])
    greek.go_to("qser-assessment")
    greek.answer_only(ANSWERED_FIRST, responses(editions["el"]))
    before = shown_answers(greek, editions["el"])
    greek.press(first.sco.locator("#qser-exit"))
    stored = first.wait_finished()
    assert stored["student_preference"]["language"] == "el"  # RTE 3.4.2, kept by the LMS

    second = lms.relaunch(first).ready()
    assert _language(second) == ("el", "ltr")
    assert second.sco.locator("h1").inner_text() == editions["el"].title
    again = CourseLearner(second.page, second.sco, editions["el"])
    again.go_to("qser-assessment")
    assert shown_answers(again, editions["el"]) == before


def test_switching_language_keeps_the_answers_and_the_place(lms, editions):
    session = lms.launch().ready()
    learner = CourseLearner(session.page, session.sco, editions["en"])
    learner.go_to("qser-assessment")
    learner.answer_only(ANSWERED_FIRST, responses(editions["en"]))
    before = shown_answers(learner, editions["en"])
    session.sco.locator("#qser-contents-button").click()
    session.sco.locator('#qser-toc a[href="#qser-overview"]').click()
    for language in ("es", "el", "en"):
        _choose(learner, session, language)
        assert learner.current_section() == "qser-overview"
        session.sco.locator("#qser-contents-button").click()
        session.sco.locator('#qser-toc a[href="#qser-assessment"]').click()
        assert shown_answers(learner, editions[language]) == before
        session.sco.locator("#qser-contents-button").click()
        session.sco.locator('#qser-toc a[href="#qser-overview"]').click()


def test_a_first_launch_opens_in_the_lms_preferred_language(lms):
    session = lms.launch(returning={"cmi.student_preference.language": "es-ES"}).ready()
    assert _language(session) == ("es", "ltr")
    assert session.sco.locator("#qser-languages button[lang='es']").get_attribute("aria-pressed") == "true"


def test_the_lms_gets_the_same_data_as_from_the_one_language_package(lms, editions, context, tmp_path):
    session = lms.launch().ready()
    learner = CourseLearner(session.page, session.sco, editions["en"])
    _choose(learner, session, "el")
    together = run_course(session, editions["el"])
    alone = build_package(SHIPPED_COURSE, tmp_path / "build", "scorm12", "--lang", "el")
    for one_language in _test_lms(alone, context):
        single = run_course(one_language.launch().ready(), editions["el"])

    def shape(cmi: dict) -> dict:
        return {"status": cmi["core"]["lesson_status"], "score": cmi["core"]["score"],
                "interactions": [(i["id"], i["type"], i["result"], i["student_response"], i["objectives"])
                                 for i in cmi["interactions"].values()],
                "objectives": [(o["id"], o["status"], o["score"]) for o in cmi["objectives"].values()]}

    assert shape(together) == shape(single)
    assert together["core"]["lesson_status"] == "passed"


def test_axe_finds_no_violation_on_the_cover_with_the_choice(lms, editions):
    session = lms.launch().ready()
    learner = CourseLearner(session.page, session.sco, editions["en"])
    found = {"en": session.axe_violations()}
    for language in ("el", "es"):
        _choose(learner, session, language)
        found[language] = session.axe_violations()
    assert found == {"en": [], "el": [], "es": []}


def test_without_an_lms_the_notice_follows_the_language(lms):
    page = lms.open_standalone()
    page.evaluate("() => qser.ready")
    assert page.locator("#qser-notice").inner_text().startswith("No learning platform")
    page.locator("#qser-languages button[lang='el']").click()
    assert page.locator("html").get_attribute("lang") == "el"
    assert page.locator("#qser-notice").inner_text() == " ".join(
        builtin_table("el")[key] for key in ("notice_no_lms", "notice_kept_here"))


def test_in_scorm_2004_the_lms_keeps_the_choice_as_the_learner_preference(tmp_path, context, editions):
    package = build_package(SHIPPED_COURSE, tmp_path / "build", "scorm2004", "--multilingual")
    with LmsServer(package) as server:
        lms = TestLms2004(server, context, package)
        first = lms.launch().ready()
        learner = CourseLearner(first.page, first.sco, editions["en"])
        _choose(learner, first, "es")
        learner.press(first.sco.locator("#qser-exit"))
        stored = first.wait_finished()
        assert stored["learner_preference"]["language"] == "es"  # RTE 4.2.12
        second = lms.relaunch(first).ready()
        assert _language(second) == ("es", "ltr")
        assert lms.page_errors == []
