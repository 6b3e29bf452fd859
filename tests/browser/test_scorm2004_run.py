"""The Q-SER package built for SCORM 2004 4th Edition, played in scorm-again's 2004 API as the LMS:
completion and success kept apart, a score and passed/failed only when the attempt is final,
objectives, interactions in 2004 formats, resume, one Terminate."""
from __future__ import annotations

import re

import pytest

from qser_scorm.course.markdown import plain_text
from qser_scorm.course.responses import response_ids

from .learner import REFLECTION_TEXT, WRONG, WRONG_TEXT, CourseLearner, fail_one_try, responses, run_course
from .scorm2004_lms import ISO_DURATION, lms2004, moodle_refusals, server2004  # noqa: F401

SUSPEND_DATA_MAX = 64000
RESULT_ELEMENTS = ("cmi.score.raw", "cmi.score.scaled", "cmi.success_status")


def expected_score(course, wrong) -> float:
    weights = {q.id: q.weight for q in course.scored_questions}
    right = sum(w for qid, w in weights.items() if qid not in wrong)
    return round(100 * right / sum(weights.values()), 2)


def assert_clean_tracking(session) -> None:
    """What every session must leave: no refused call (nor one Moodle's stricter runtime would
    refuse), session time and suspend data in range, one Initialize and one Terminate."""
    assert session.refused_sets() == []
    assert moodle_refusals(session.sets()) == []
    assert [c for c in session.calls() if c["name"] != "GetValue" and c["error"] != "0"] == []
    session_times = session.sets_of("cmi.session_time")  # with every commit, and at Terminate
    assert session_times and all(re.match(ISO_DURATION, time) for time in session_times)
    suspend_sets = session.sets_of("cmi.suspend_data")
    assert suspend_sets and max(map(len, suspend_sets)) <= SUSPEND_DATA_MAX
    assert len(session.calls("Initialize")) == len(session.calls("Terminate")) == 1


def test_first_launch_is_incomplete_and_unknown(lms2004):
    session = lms2004.launch().ready()
    cmi = session.cmi()
    assert (cmi["completion_status"], cmi["success_status"]) == ("incomplete", "unknown")
    assert cmi["exit"] == "suspend" and cmi["score"]["raw"] == ""
    assert not any(session.sets_of(element) for element in RESULT_ELEMENTS)
    assert 0 < float(cmi["progress_measure"]) < 1  # the first page of eleven


def test_a_passing_run_is_completed_passed_with_a_scaled_score(lms2004, course):
    session = lms2004.launch().ready()
    stored = run_course(session, course)

    assert (stored["completion_status"], stored["success_status"]) == ("completed", "passed")
    score = stored["score"]
    assert (float(score["raw"]), float(score["scaled"]), float(score["min"]), float(score["max"])) == (100, 1, 0, 100)
    assert (stored["exit"], float(stored["progress_measure"])) == ("normal", 1)
    assert session.sets_of("adl.nav.request") == ["exitAll"]
    assert_clean_tracking(session)
    session.unload_sco()  # pagehide after Exit: Terminate stays the one call (RTE 3.1.3.2)
    assert len(session.calls("Terminate")) == 1


def test_a_failed_try_with_tries_left_is_not_final(lms2004, course):
    session = lms2004.launch().ready()
    stored = run_course(session, course, wrong=WRONG)

    assert (stored["completion_status"], stored["success_status"]) == ("incomplete", "unknown")
    assert stored["score"]["raw"] == stored["score"]["scaled"] == ""
    assert not any(session.sets_of(element) for element in RESULT_ELEMENTS)
    assert stored["exit"] == "suspend" and float(stored["progress_measure"]) < 1
    assert len(stored["interactions"]) == len(course.assessment.questions)  # the try is recorded
    assert session.sets_of("adl.nav.request") == ["suspendAll"]
    assert_clean_tracking(session)


def test_failing_the_last_try_is_final_failed_with_its_score(lms2004, course):
    attempts = course.assessment.attempts
    session = lms2004.launch().ready()
    stored = run_course(session, course, wrong=WRONG, attempts=attempts)

    assert (stored["completion_status"], stored["success_status"]) == ("completed", "failed")
    score = expected_score(course, WRONG)
    assert float(stored["score"]["raw"]) == pytest.approx(score, abs=0.01)
    assert float(stored["score"]["scaled"]) == pytest.approx(score / 100, abs=0.0001)
    assert float(stored["score"]["scaled"]) < float(stored["scaled_passing_score"])
    assert stored["exit"] == "normal"
    assert len(stored["interactions"]) == attempts * len(course.assessment.questions)
    assert_clean_tracking(session)


def test_objectives_get_scaled_scores_and_success_by_the_pass_mark(lms2004, course):
    session = lms2004.launch().ready()
    stored = run_course(session, course, wrong=WRONG, attempts=course.assessment.attempts)

    by_id = {o["id"]: o for o in stored["objectives"].values()}
    assert sorted(by_id) == sorted(o.id for o in course.objectives)  # the ones the manifest preset, no more
    for objective in course.objectives:
        questions = [q for q in course.scored_questions if q.objective == objective.id]
        right = sum(q.weight for q in questions if q.id not in WRONG)
        expected = round(100 * right / sum(q.weight for q in questions), 2)
        stored_objective = by_id[objective.id]
        assert float(stored_objective["score"]["raw"]) == pytest.approx(expected, abs=0.01)
        assert float(stored_objective["score"]["scaled"]) == pytest.approx(expected / 100, abs=0.0001)
        assert stored_objective["success_status"] == ("passed" if expected >= course.pass_mark else "failed")
    assert {o["success_status"] for o in by_id.values()} == {"passed", "failed"}  # WRONG spans objectives


def test_leaving_mid_way_resumes_the_page_and_answers(lms2004, course):
    first = lms2004.launch().ready()
    learner = CourseLearner(first.page, first.sco, course)
    learner.go_to("qser-assessment")
    chosen = responses(course)
    answered = [q for q in course.assessment.questions if q.type in ("single", "multiple")][:2]
    for q in answered:
        learner.answer(q, chosen[q.id])
    first.leave()  # the learner closes the tab: pagehide -> Terminate, by sendBeacon

    stored = first.wait_terminated()
    assert (stored["exit"], stored["completion_status"], stored["location"]) == ("suspend", "incomplete", "qser-assessment")
    assert re.match(ISO_DURATION, stored["session_time"])
    assert first.attempt.finishes == 1 and not first.attempt.wait_for(lambda a: a.finishes > 1, timeout=1)

    second = lms2004.relaunch(first).ready()
    assert second.cmi()["entry"] == "resume"
    again = CourseLearner(second.page, second.sco, course)
    again.resume()
    assert again.current_section() == "qser-assessment"
    for q in answered:
        assert again.frame.locator(f"#q-{q.id} input:checked").count() >= 1
    stored = run_course(second, course)
    assert (stored["completion_status"], stored["success_status"]) == ("completed", "passed")


def test_a_finished_attempt_starts_afresh_on_the_next_launch(lms2004, course):
    first = lms2004.launch().ready()
    run_course(first, course)
    second = lms2004.relaunch(first).ready()  # exit normal ended the attempt (RTE 4.2.8)
    assert second.cmi()["entry"] == "ab-initio"
    assert CourseLearner(second.page, second.sco, course).current_section() == "qser-overview"


def test_finish_with_this_score_makes_the_attempt_final_at_once(lms2004, course):
    session = lms2004.launch().ready()
    learner = fail_one_try(session, course)
    assert session.sets_of("cmi.success_status") == []
    learner.press(session.sco.locator("#qser-finish"))
    learner.press(session.sco.locator("#qser-finish-yes"))
    assert session.attempt.wait_for(lambda a: a.last_cmi["success_status"] == "failed")
    stored = session.attempt.last_cmi
    assert (stored["completion_status"], float(stored["score"]["raw"])) == ("completed", expected_score(course, WRONG))
    learner.press(session.sco.locator("#qser-exit"))
    stored = session.wait_terminated()
    assert (stored["exit"], stored["success_status"]) == ("normal", "failed")
    assert len(stored["interactions"]) == len(course.assessment.questions)  # not sent again
    assert_clean_tracking(session)


@pytest.mark.parametrize("launch", [{"cmi.mode": "review"}, {"cmi.credit": "no-credit"}], ids=["review", "no-credit"])
def test_a_read_only_launch_shows_the_closed_result_and_sets_nothing(lms2004, course, launch):
    first = lms2004.launch().ready()
    learner = fail_one_try(first, course)
    learner.press(first.sco.locator("#qser-finish"))
    learner.press(first.sco.locator("#qser-finish-yes"))
    learner.press(first.sco.locator("#qser-exit"))
    stored = first.wait_terminated()

    review = lms2004.launch(returning=lms2004.stored_cmi(stored) | launch, attempt=first.attempt).ready()
    looking = CourseLearner(review.page, review.sco, course)
    looking.go_to("qser-results")
    text = review.sco.locator("#qser-result-summary").inner_text()
    assert f"Your score: {expected_score(course, WRONG)}%." in text
    assert "This attempt is closed in your learning platform." in text
    assert review.sco.locator("#qser-retry").is_hidden() and review.sco.locator("#qser-finish").is_hidden()
    looking.press(review.sco.locator("#qser-exit"))
    review.wait_terminated(terminations=2)
    assert review.calls("SetValue") == []  # no session_time, status, score, navigation request
    assert len(review.calls("Terminate")) == 1


def correct_pattern(q) -> str:
    """The 2004 correct response of ``q`` in the readable short ids the build derives (responses.py)."""
    ids = response_ids(q)
    if q.type in ("single", "multiple"):
        return "[,]".join(i for i, option in zip(ids["options"], q.options) if option.correct)
    if q.type == "true-false":
        return "true" if q.answer else "false"
    if q.type == "matching":
        return "[,]".join(f"{left}[.]{right}" for left, right in zip(ids["left"], ids["right"]))
    return "[,]".join(ids["items"])


def test_interactions_in_2004_formats_with_readable_ids(lms2004, course):
    session = lms2004.launch().ready()
    stored = run_course(session, course, wrong=WRONG)
    types = {"single": "choice", "multiple": "choice", "true-false": "true-false", "matching": "matching",
             "ordering": "sequencing", "fill-in": "fill-in", "reflection": "long-fill-in"}

    by_id = {i["id"]: i for i in stored["interactions"].values()}
    assert sorted(by_id) == sorted(q.id for q in course.assessment.questions)  # the question ids
    for q in course.assessment.questions:
        interaction = by_id[q.id]
        assert interaction["type"] == types[q.type]
        assert interaction["description"] == plain_text(q.prompt)[:250]
        assert interaction["objectives"]["0"]["id"] == q.objective
        assert interaction["result"] == ("neutral" if not q.scored else "incorrect" if q.id in WRONG else "correct")
        assert re.match(ISO_DURATION, interaction["latency"])
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\dZ$", interaction["timestamp"])
        patterns = [p["pattern"] for p in interaction["correct_responses"].values()]
        if q.type == "fill-in":
            assert patterns == [f"{{case_matters=false}}{text}" for text in q.accept]
            assert interaction["learner_response"] == WRONG_TEXT
        elif q.type == "reflection":
            assert patterns == [] and interaction["learner_response"] == REFLECTION_TEXT
        else:
            assert patterns == [correct_pattern(q)]
            right = interaction["learner_response"] == patterns[0]
            assert right == (q.id not in WRONG)
    matching = next(by_id[q.id] for q in course.assessment.questions if q.type == "matching")
    assert "[.]" in matching["learner_response"] and "[,]" in matching["learner_response"]
    assert_clean_tracking(session)
