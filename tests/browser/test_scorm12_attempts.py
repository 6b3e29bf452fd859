"""Attempts as Moodle counts them, with the LMS's mastery override on (Moodle's default): a try
that leaves tries to go keeps the attempt open, the final one decides at once; read-only launches
change nothing; the stored answers and objectives are readable in an LMS report."""
from __future__ import annotations

import pytest

from qser_scorm.course.responses import response_ids

from .learner import WRONG, CourseLearner, fail_one_try, responses, run_course
from .lms import returning_learner
from .scorm12_rules import interaction_problems

WRONG_SCORE = 66.67  # three of nine equally weighted questions wrong
SCORE_ELEMENTS = ("cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max")


def set_values(session, element: str) -> list[str]:
    return [c["args"][1] for c in session.calls("LMSSetValue") if c["args"][0] == element]


def summary(session) -> str:
    return session.sco.locator("#qser-result-summary").inner_text()


def test_a_failed_try_keeps_the_attempt_open_and_the_passing_retry_counts(lms, course):
    first = lms.launch(mastery_override=True).ready()
    learner = fail_one_try(first, course)
    assert "You can try again." in summary(first)
    learner.press(first.sco.locator("#qser-exit"))

    stored = first.wait_finished()
    core = stored["core"]
    # Incomplete (so scorm_check_mode keeps the next launch normal) and no score for the override.
    assert (core["lesson_status"], core["exit"], core["score"]["raw"]) == ("incomplete", "suspend", "")
    assert len(stored["interactions"]) == len(course.assessment.questions)  # the try is recorded

    second = lms.relaunch(first, mastery_override=True).ready()
    again = CourseLearner(second.page, second.sco, course)
    again.resume()
    assert again.current_section() == "qser-results" and "Attempt 1 of 3" in summary(second)
    again.press(second.sco.locator("#qser-retry"))
    again.answer_all(responses(course))
    again.submit()
    again.press(second.sco.locator("#qser-exit"))

    final = second.wait_finished(finishes=2)
    assert (final["core"]["lesson_status"], float(final["core"]["score"]["raw"])) == ("passed", 100)
    assert final["core"]["exit"] == ""
    assert len(final["interactions"]) == 2 * len(course.assessment.questions)
    assert second.refused_sets() == []


def test_using_every_try_ends_failed_with_the_last_score(lms, course):
    session = lms.launch(mastery_override=True).ready()
    stored = run_course(session, course, wrong=WRONG, attempts=course.assessment.attempts)

    assert (stored["core"]["lesson_status"], float(stored["core"]["score"]["raw"])) == ("failed", WRONG_SCORE)
    # Score and status were sent once, for the last try; the tries before stayed incomplete.
    assert set_values(session, "cmi.core.score.raw") == [str(WRONG_SCORE)]
    assert set_values(session, "cmi.core.lesson_status") == ["incomplete", "failed"]


def test_finish_with_this_score_asks_first_then_makes_the_attempt_final_at_once(lms, course):
    session = lms.launch(mastery_override=True).ready()
    learner = fail_one_try(session, course)
    sco = session.sco
    learner.press(sco.locator("#qser-finish"))
    question = sco.locator("#qser-finish-question")
    assert f"{WRONG_SCORE}%" in question.inner_text() and "cannot try again" in question.inner_text()
    learner.press(sco.locator("#qser-finish-no"))  # not yet: nothing changes, the focus goes back
    assert sco.locator("#qser-finish-confirm").is_hidden()
    assert session.sco_frame.evaluate("document.activeElement.id") == "qser-finish"
    assert set_values(session, "cmi.core.lesson_status") == ["incomplete"]

    learner.press(sco.locator("#qser-finish"))
    learner.press(sco.locator("#qser-finish-yes"))
    assert session.attempt.wait_for(lambda a: a.last_cmi["core"]["lesson_status"] == "failed")
    assert float(session.attempt.last_cmi["core"]["score"]["raw"]) == WRONG_SCORE
    assert sco.locator("#qser-retry").is_hidden() and sco.locator("#qser-finish").is_hidden()
    assert "You can try again." not in summary(session)
    learner.press(sco.locator("#qser-exit"))
    stored = session.wait_finished()
    assert (stored["core"]["lesson_status"], stored["core"]["exit"]) == ("failed", "")


@pytest.mark.parametrize("launch", [{"cmi.core.lesson_mode": "review"}, {"cmi.core.credit": "no-credit"}],
                         ids=["review", "no-credit"])
def test_a_read_only_launch_shows_the_closed_result_and_sends_nothing(lms, course, launch):
    first = lms.launch(mastery_override=True).ready()
    learner = fail_one_try(first, course)
    learner.press(first.sco.locator("#qser-finish"))
    learner.press(first.sco.locator("#qser-finish-yes"))
    learner.press(first.sco.locator("#qser-exit"))
    stored = first.wait_finished()

    review = lms.launch(returning=returning_learner(stored) | launch, attempt=first.attempt,
                        mastery_override=True).ready()
    looking = CourseLearner(review.page, review.sco, course)
    looking.go_to("qser-results")
    text = summary(review)
    assert f"Your score: {WRONG_SCORE}%." in text
    assert "This attempt is closed in your learning platform. To try again, start a new attempt there." in text
    assert review.sco.locator("#qser-retry").is_hidden() and review.sco.locator("#qser-finish").is_hidden()
    looking.go_to("qser-results")
    review.sco_frame.evaluate("() => window.qser.nav.go('qser-assessment')")
    assert review.sco.locator("#qser-submit").is_hidden()
    assert review.sco.locator("#qser-quiz input:not([disabled])").count() == 0
    looking.press(review.sco.locator("#qser-exit"))
    review.wait_finished(finishes=2)

    assert review.calls("LMSSetValue") == []  # no session_time, status, score, nor anything else
    assert len(review.calls("LMSFinish")) == 1


def _expected(q, chosen) -> tuple[str, str]:
    """student_response and pattern in words, from the course's short ids and the learner's choice."""
    ids = response_ids(q)
    if q.type == "single":
        return ids["options"][chosen], ",".join(i for i, o in zip(ids["options"], q.options) if o.correct)
    if q.type == "multiple":
        return (",".join(ids["options"][i] for i in sorted(chosen)),
                ",".join(i for i, o in zip(ids["options"], q.options) if o.correct))
    if q.type == "true-false":
        return chosen[0], "t" if q.answer else "f"
    if q.type == "matching":
        pairs = lambda rights: ",".join(f"{ids['left'][i]}.{ids['right'][j]}" for i, j in enumerate(rights))  # noqa: E731
        return pairs(chosen), pairs(range(len(q.pairs)))
    if q.type == "ordering":
        return ",".join(ids["items"][i] for i in chosen), ",".join(ids["items"])
    raise ValueError(q.type)


def test_stored_answers_read_in_words_and_each_objective_has_its_score(lms, course):
    wrong = frozenset({"q-path-to-mentor", "q-skill-areas"})  # ordering and matching in reverse: 77.78, passed
    session = lms.launch(mastery_override=True).ready()
    stored = run_course(session, course, wrong=wrong)

    chosen = responses(course, wrong)
    by_id = {i["id"]: i for i in stored["interactions"].values()}
    for q in course.assessment.questions:
        if q.type in ("fill-in", "reflection"):
            continue
        response, pattern = _expected(q, chosen[q.id])
        assert (by_id[q.id]["student_response"], by_id[q.id]["correct_responses"]["0"]["pattern"]) == (response, pattern)
        assert by_id[q.id]["objectives"]["0"]["id"] == q.objective
    assert [p for i in by_id.values() for p in interaction_problems(i, "readable")] == []

    objectives = list(stored["objectives"].values())
    assert [o["id"] for o in objectives] == [o.id for o in course.objectives]
    for objective in objectives:
        scored = [q for q in course.scored_questions if q.objective == objective["id"]]
        right = sum(q.weight for q in scored if q.id not in wrong)
        score = round(100 * right / sum(q.weight for q in scored), 2)
        assert float(objective["score"]["raw"]) == pytest.approx(score, abs=0.01)
        assert objective["status"] == ("passed" if score >= course.pass_mark else "failed")
