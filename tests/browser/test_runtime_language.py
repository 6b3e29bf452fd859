"""A German course in the LMS: the runtime's buttons, feedback and results are German, and the
assessment still passes axe."""
from __future__ import annotations

import shutil

import pytest

from qser_scorm.course.load import load_course

from .conftest import COURSE_SRC, served
from .learner import WRONG, CourseLearner, responses
from .lms import TestLms


@pytest.fixture(scope="module")
def german_source(tmp_path_factory):
    source = shutil.copytree(COURSE_SRC, tmp_path_factory.mktemp("de") / "course_src")
    course_yaml = source / "course.yaml"
    course_yaml.write_text(course_yaml.read_text(encoding="utf-8").replace("\nlanguage: en\n", "\nlanguage: de\n"),
                           encoding="utf-8")
    return source


@pytest.fixture(scope="module")
def german_lms_server(german_source, tmp_path_factory):
    with served(german_source, tmp_path_factory.mktemp("de-build")) as serving:
        yield serving


def test_a_german_course_speaks_german_and_passes_axe(german_lms_server, german_source, context):
    server, mastery = german_lms_server
    lms = TestLms(server, context, mastery)
    course = load_course(german_source)
    session = lms.launch().ready()
    sco = session.sco
    learner = CourseLearner(session.page, sco, course)
    assert sco.locator("html").get_attribute("lang") == "de"
    assert [sco.locator(f"#qser-{name}").inner_text() for name in ("back", "next", "contents-button", "exit")] == \
        ["Zurück", "Weiter", "Inhalt", "Beenden"]
    assert learner.position() == f"Seite 1 von {len(course.pages) + 3}"

    learner.go_to("qser-assessment")
    sco.get_by_role("button", name="Nach unten").first.click()  # the first ordering item moves down
    assert ": Position 2" in sco.locator("#qser-announce").inner_text()
    learner.answer_all(responses(course, WRONG))
    learner.submit()
    summary = sco.locator("#qser-result-summary").inner_text()
    assert summary == ("Ihr Ergebnis: 66,67\u00a0%. Sie haben nicht bestanden (Bestehensgrenze 75\u00a0%). "
                       "Versuch 1 von 3. Sie können es noch einmal versuchen.")
    review = sco.locator("#qser-review li").all_inner_texts()
    assert review[0] == "Frage 1: Nicht richtig" and review[1] == "Frage 2: Richtig"
    assert sco.locator("#qser-retry").inner_text() == "Noch einmal versuchen"

    learner.press(sco.locator("#qser-back"))
    verdicts = {q.id: sco.locator(f"#q-{q.id} .qser-verdict").inner_text() for q in course.assessment.questions}
    expected = {q.id: "Antwort gespeichert" if not q.scored else "Nicht richtig" if q.id in WRONG else "Richtig"
                for q in course.assessment.questions}
    assert verdicts == expected
    assert session.axe_violations() == []
    assert lms.page_errors == []
