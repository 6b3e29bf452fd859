"""A learner's whole run through the Q-SER package in the test LMS (scorm-again), as Moodle would
record it: status, score, one interaction per question, in formats a strict LMS accepts."""
from __future__ import annotations

import pytest

from .learner import WRONG, CourseLearner, KeyboardLearner, responses, run_course
from .scorm12_rules import CMI_TIMESPAN, SUSPEND_DATA_MAX, interaction_problems


def expected_score(course, wrong) -> float:
    weights = {q.id: q.weight for q in course.scored_questions}
    right = sum(w for qid, w in weights.items() if qid not in wrong)
    return round(100 * right / sum(weights.values()), 2)


def assert_clean_tracking(session, stored: dict) -> None:
    """What every session must leave: no refused set, valid formats, suspend_data within 4,096."""
    assert session.refused_sets() == []
    problems = [p for i in stored["interactions"].values() for p in interaction_problems(i)]
    assert problems == []
    assert CMI_TIMESPAN.match(session.value("cmi.core.session_time"))
    suspend_sets = [c["args"][1] for c in session.calls("LMSSetValue") if c["args"][0] == "cmi.suspend_data"]
    assert suspend_sets and max(map(len, suspend_sets)) <= SUSPEND_DATA_MAX


def test_full_correct_run_passes_with_score_100_and_every_answer_stored(lms, course):
    session = lms.launch().ready()
    stored = run_course(session, course)

    core = stored["core"]
    assert (core["lesson_status"], float(core["score"]["raw"])) == ("passed", 100)
    assert (float(core["score"]["min"]), float(core["score"]["max"])) == (0, 100)
    assert core["exit"] == ""  # finished: nothing to resume (RTE 3.4.2 cmi.core.exit)
    by_id = {i["id"]: i for i in stored["interactions"].values()}
    assert sorted(by_id) == sorted(q.id for q in course.assessment.questions)
    for question in course.assessment.questions:
        assert by_id[question.id]["result"] == ("correct" if question.scored else "neutral")
    assert_clean_tracking(session, stored)
    session.unload_sco()  # pagehide after Exit: LMSFinish stays the one call (RTE 3.3.2)
    assert len(session.calls("LMSInitialize")) == len(session.calls("LMSFinish")) == 1


def test_failing_every_attempt_ends_failed_with_the_right_score(lms, course):
    attempts = course.assessment.attempts
    session = lms.launch().ready()
    stored = run_course(session, course, wrong=WRONG, attempts=attempts)

    core = stored["core"]
    assert core["lesson_status"] == "failed"
    assert float(core["score"]["raw"]) == pytest.approx(expected_score(course, WRONG), abs=0.01)
    wrong_ones = {i["id"] for i in stored["interactions"].values() if i["result"] == "wrong"}
    assert wrong_ones == WRONG
    assert_clean_tracking(session, stored)


def test_no_passed_before_the_assessment_decides(lms, course):
    session = lms.launch().ready()
    learner = CourseLearner(session.page, session.sco, course)
    learner.go_to("qser-assessment")
    learner.answer_all(responses(course))
    statuses = [c["args"][1] for c in session.calls("LMSSetValue") if c["args"][0] == "cmi.core.lesson_status"]
    assert statuses and set(statuses) == {"incomplete"}


@pytest.mark.parametrize("wrong, status", [(frozenset(), "passed"), (WRONG, "failed")], ids=["pass", "fail"])
def test_mastery_override_agrees_with_the_content(lms, course, wrong, status):
    # Moodle's default: at LMSFinish the LMS recomputes passed/failed from score.raw against the
    # manifest's masteryscore, over what the SCO said (REFERENCE.md (d) rule 4).
    # A fail decides only with the last try (test_scorm12_attempts.py).
    session = lms.launch(mastery_override=True).ready()
    stored = run_course(session, course, wrong=wrong, attempts=course.assessment.attempts if wrong else 1)
    content_said = session.value("cmi.core.lesson_status")
    assert stored["core"]["lesson_status"] == content_said == status


def test_the_whole_course_with_the_keyboard_only(lms, course):
    session = lms.launch().ready()
    learner = KeyboardLearner(session.page, session.sco, course)
    focused = lambda: session.sco_frame.evaluate("document.activeElement.id")  # noqa: E731
    while learner.current_section() != "qser-assessment":
        learner.next()
        # The new page's heading takes the focus: a screen reader starts reading there.
        assert focused() == f"{learner.current_section()}-title"
    learner.answer_all(responses(course))
    learner.submit()
    assert focused() == "qser-results-title"
    assert "passed" in session.sco.locator("#qser-result-summary").inner_text()
    learner.press(session.sco.locator("#qser-exit"))
    stored = session.wait_finished()
    assert (stored["core"]["lesson_status"], float(stored["core"]["score"]["raw"])) == ("passed", 100)


@pytest.mark.parametrize("mode", ["browse", "review"])
def test_browse_and_review_launches_leave_status_and_score_to_the_lms(lms, course, mode):
    """RTE 3.4.2 cmi.core.lesson_mode: a learner looking around cannot submit, and sets nothing."""
    session = lms.launch(returning={"cmi.core.lesson_mode": mode, "cmi.core.credit": "no-credit"}).ready()
    learner = CourseLearner(session.page, session.sco, course)
    learner.go_to("qser-assessment")
    assert session.sco.locator("#qser-submit").is_hidden()
    learner.press(session.sco.locator("#qser-exit"))
    session.wait_finished()
    assert session.calls("LMSSetValue") == []