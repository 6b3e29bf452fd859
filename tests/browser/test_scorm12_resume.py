"""Leaving and coming back: resume from the LMS's stored data, LMS outages, the 4,096 limit."""
from __future__ import annotations

from .learner import WRONG, CourseLearner, responses, run_course
from .scorm12_rules import SUSPEND_DATA_MAX

#: Answered before leaving: one of each kind of control the page has.
ANSWERED_FIRST = ("q-training-audience", "q-impact-model-impacts", "q-skill-areas", "q-path-to-mentor",
                  "q-partner-count", "q-impact-model-level", "r-most-important-trait")


def shown_answers(learner: CourseLearner, course) -> dict:
    """Every question's answer as the page shows it (checked boxes, choices, order, text)."""
    frame = learner.frame
    shown = {}
    for q in course.assessment.questions:
        group = frame.locator(f"#q-{q.id}")
        if q.type == "ordering":
            shown[q.id] = learner.item_order(q)
        elif q.type in ("fill-in", "reflection"):
            shown[q.id] = group.locator(f"#q-{q.id}-answer").input_value()
        else:
            shown[q.id] = group.locator("input:checked, select").evaluate_all(
                "els => els.map(e => e.tagName === 'SELECT' ? e.value : e.id)")
    return shown


def test_leaving_mid_way_and_coming_back_resumes_the_same_page_and_answers(lms, course):
    first = lms.launch().ready()
    learner = CourseLearner(first.page, first.sco, course)
    learner.go_to("qser-assessment")
    chosen = responses(course)
    for q in course.assessment.questions:
        if q.id in ANSWERED_FIRST:
            learner.answer(q, chosen[q.id])
    before = shown_answers(learner, course)
    first.leave()  # closing the window: pagehide -> LMSFinish, by sendBeacon

    stored = first.wait_finished()
    assert (stored["core"]["exit"], stored["core"]["lesson_status"]) == ("suspend", "incomplete")
    assert len(stored["suspend_data"]) <= SUSPEND_DATA_MAX

    second = lms.relaunch(first).ready()
    again = CourseLearner(second.page, second.sco, course)
    again.resume()
    assert again.current_section() == "qser-assessment"
    assert shown_answers(again, course) == before

    # The returning learner finishes; the LMS ends with one attempt's full record.
    for q in course.assessment.questions:
        if q.id not in ANSWERED_FIRST:
            again.answer(q, chosen[q.id])
    again.submit()
    again.press(second.sco.locator("#qser-exit"))
    final = second.wait_finished(finishes=2)
    assert (final["core"]["lesson_status"], float(final["core"]["score"]["raw"])) == ("passed", 100)
    assert second.refused_sets() == []


def test_closing_the_course_leaves_no_failed_call_in_the_lms_log(lms, course):
    # Chromium forbids synchronous XHR (scorm-again's LMSCommit) while a page is dismissed:
    # on pagehide only LMSFinish, which sends by sendBeacon, can reach the LMS.
    session = lms.launch().ready()
    CourseLearner(session.page, session.sco, course).next()
    session.unload_sco()
    stored = session.wait_finished()
    assert stored["core"]["exit"] == "suspend"
    assert [c for c in session.calls() if c["result"] == "false"] == []


def test_commits_refused_by_the_lms_are_retried_until_it_stores_them(lms, course):
    session = lms.launch().ready()
    session.refused_commits_are_retried(course, lambda cmi: cmi["core"]["lesson_location"])
    assert any(c["result"] == "false" for c in session.calls("LMSCommit"))


def test_the_longest_answers_fit_suspend_data_and_interactions(lms, course):
    # scorm-again takes up to 64,000 characters of suspend_data; SCORM 1.2 and Moodle allow 4,096,
    # and 255 for an interaction's student_response.
    session = lms.launch().ready()
    learner = CourseLearner(session.page, session.sco, course)
    learner.go_to("qser-assessment")
    long_text = "A mentor listens before advising. " * 150  # 5,100 characters per answer
    texts = {q.id: long_text for q in course.assessment.questions if q.type in ("fill-in", "reflection")}
    learner.answer_all(responses(course) | texts)
    learner.submit()  # moves to the results: the state and the interactions go to the LMS
    assert session.refused_sets() == []
    suspend_sets = [c["args"][1] for c in session.calls("LMSSetValue") if c["args"][0] == "cmi.suspend_data"]
    assert suspend_sets and max(map(len, suspend_sets)) <= SUSPEND_DATA_MAX
    stored_texts = [i["student_response"] for i in session.cmi()["interactions"].values() if i["id"] in texts]
    assert len(stored_texts) == len(texts)
    assert all(0 < len(text) <= 255 and long_text.startswith(text.rstrip()) for text in stored_texts)


def test_a_learner_with_attempts_left_resumes_in_every_later_session(lms, course):
    # Failed attempt 1 of 3, came back, left again without submitting: the third launch must
    # still resume (same attempt count), or relaunching would hand out fresh attempts forever.
    first = lms.launch().ready()
    run_course(first, course, wrong=WRONG)

    second = lms.relaunch(first).ready()
    second.leave()
    stored = second.wait_finished(finishes=2)
    assert stored["core"]["exit"] == "suspend"

    third = lms.relaunch(second).ready()
    again = CourseLearner(third.page, third.sco, course)
    again.resume()
    assert again.current_section() == "qser-results"
    again.press(third.sco.locator("#qser-retry"))
    again.go_to("qser-assessment")
    again.answer_all(responses(course))
    again.submit()
    again.press(third.sco.locator("#qser-exit"))
    final = third.wait_finished(finishes=3)
    assert final["core"]["lesson_status"] == "passed"
    # The LMS keeps both attempts' answers: the second was appended, not written over the first.
    results = [i["result"] for i in final["interactions"].values()]
    questions = len(course.assessment.questions)
    assert len(results) == 2 * questions and results[:questions].count("wrong") == len(WRONG)


def test_a_passed_course_is_never_downgraded_by_a_later_session(lms, course):
    first = lms.launch().ready()
    run_course(first, course)

    second = lms.relaunch(first).ready()
    again = CourseLearner(second.page, second.sco, course)
    again.go_to("qser-assessment")
    if second.sco.locator("#qser-submit").is_visible():  # the course may offer only a review
        again.answer_all(responses(course, WRONG))
        again.submit()
    again.press(second.sco.locator("#qser-exit"))
    stored = second.wait_finished(finishes=2)
    assert (stored["core"]["lesson_status"], float(stored["core"]["score"]["raw"])) == ("passed", 100)
