"""An LMS that fails the learner: it does not answer LMSInitialize, loses every commit and the
last LMSFinish, or throws from its API. Nothing the learner did may be lost, the page never breaks."""
from __future__ import annotations

import pytest

from .learner import WRONG, CourseLearner, responses, run_course
from .lms import TestLms, returning_learner
from .test_scorm12_resume import ANSWERED_FIRST, shown_answers


@pytest.mark.parametrize("answer", ["false", "throw"])
def test_an_lms_that_does_not_answer_initialize_leaves_progress_in_this_browser(lms, course, answer):
    broken = {"LMSInitialize": answer}
    first = lms.launch(fail=broken).ready()
    notice = first.sco.locator("#qser-notice")
    assert notice.is_visible()
    assert "did not answer" in notice.inner_text() and "kept in this browser" in notice.inner_text()
    learner = CourseLearner(first.page, first.sco, course)
    learner.go_to("qser-assessment")
    learner.answer_only(ANSWERED_FIRST, responses(course))
    before = shown_answers(learner, course)
    assert first.calls("LMSSetValue") == []  # nothing is sent to an LMS session that never began
    first.leave()

    second = lms.launch(fail=broken).ready()  # the same browser, the LMS still silent
    again = CourseLearner(second.page, second.sco, course)
    again.resume()
    assert again.current_section() == "qser-assessment"
    assert shown_answers(again, course) == before


def test_progress_and_result_the_lms_never_stored_reach_it_on_the_next_launch(lms, course):
    # From the second session on the LMS loses every commit, LMSFinish's beacon included.
    _, old, second = lms.second_session_while_the_lms_loses_all(course)
    # What the LMS holds: the learner on the first page, nothing answered.
    assert old["core"]["lesson_location"] == f"page-{course.pages[0].id}"
    learner = CourseLearner(second.page, second.sco, course)
    learner.answer_all(responses(course, WRONG))
    learner.submit()  # attempt 1 of 3 failed: its interactions are what the LMS must get
    learner.press(second.sco.locator("#qser-retry"))
    learner.go_to("qser-assessment")
    learner.answer_only(ANSWERED_FIRST, responses(course))
    before, state = shown_answers(learner, course), second.sco_frame.evaluate("qser.state()")
    second.leave()
    assert second.attempt.wait_for(lambda a: a.refused_finishes >= 1), "LMSFinish sent nothing"
    assert second.attempt.last_cmi == old  # the LMS still holds the first session's data

    second.attempt.down = False
    third = lms.relaunch(second).ready()  # the LMS hands back its old data (entry resume, page 1)
    again = CourseLearner(third.page, third.sco, course)
    again.resume()
    assert again.current_section() == "qser-assessment"
    assert shown_answers(again, course) == before
    assert third.sco_frame.evaluate("qser.quiz.attempt") == 2

    # The runtime sent what the LMS lost at once, without waiting for the learner to do anything.
    assert third.attempt.wait_for(lambda a: a.last_cmi["suspend_data"] == state), "the backup never reached the LMS"
    core = third.attempt.last_cmi["core"]
    assert (core["lesson_status"], core["score"]["raw"]) == ("incomplete", "")  # a try with tries left
    assert (core["lesson_location"], core["exit"]) == ("qser-assessment", "suspend")
    answers = [i["id"] for i in third.attempt.last_cmi["interactions"].values()]
    assert answers == [q.id for q in course.assessment.questions]

    # Once the LMS confirmed it, nothing is sent twice: a fourth launch resumes from the LMS alone.
    third.leave()
    third.wait_finished(finishes=2)
    fourth = lms.relaunch(third).ready()
    assert fourth.sco_frame.evaluate("qser.state()") == state
    assert len(fourth.cmi()["interactions"]) == len(course.assessment.questions)


def test_a_pass_the_lms_never_stored_survives_a_review_launch_and_reaches_it_next_time(lms, course):
    # The pass below never reaches the LMS, LMSFinish's beacon included.
    _, old, second = lms.second_session_while_the_lms_loses_all(course)
    learner = CourseLearner(second.page, second.sco, course)
    learner.answer_all(responses(course))
    learner.submit()
    second.leave()
    assert second.attempt.wait_for(lambda a: a.refused_finishes >= 1), "LMSFinish sent nothing"
    second.attempt.down = False

    # The LMS opens the course for review (RTE 3.4.2 cmi.core.lesson_mode): no result is sent then.
    review = lms.launch(returning=returning_learner(old) | {"cmi.core.lesson_mode": "review"},
                        attempt=second.attempt).ready()
    assert review.value("cmi.core.lesson_status") == ""
    review.leave()
    assert review.wait_finished(finishes=2)["core"]["lesson_status"] == "incomplete"

    # The next normal launch still holds the pass in this browser and sends it.
    again = lms.relaunch(review).ready()
    assert again.attempt.wait_for(lambda a: a.last_cmi["core"]["lesson_status"] == "passed"), "the pass was lost"
    assert float(again.cmi()["core"]["score"]["raw"]) == 100


def test_a_stale_backup_never_overwrites_what_the_lms_got_from_another_session(lms, course, browser):
    first = lms.launch().ready()
    first.attempt.down = True  # this browser's progress never reaches the LMS...
    CourseLearner(first.page, first.sco, course).go_to("qser-assessment")
    first.leave()
    assert first.attempt.wait_for(lambda a: a.refused_finishes >= 1), "LMSFinish sent nothing"
    first.attempt.down = False

    # ... and the learner passes on another computer, from the LMS's data (no backup there).
    elsewhere = browser.new_context()
    try:
        other = TestLms(lms.server, elsewhere, lms.mastery_score).relaunch(first).ready()
        passed = run_course(other, course)
    finally:
        elsewhere.close()

    # Back in the first browser: the LMS's newer data wins over the backup kept here.
    back = lms.relaunch(first).ready()
    assert back.sco_frame.evaluate("qser.state()") == passed["suspend_data"]
    assert CourseLearner(back.page, back.sco, course).current_section() == "qser-overview"
    assert back.cmi()["core"]["lesson_status"] == "passed"
    assert back.value("cmi.core.lesson_location") == ""  # the stale bookmark was not sent


def test_an_api_that_throws_on_set_and_commit_never_breaks_the_page_and_finishes_once(lms, course):
    session = lms.launch(fail={"LMSSetValue": "throw", "LMSCommit": "throw"}).ready()
    learner = CourseLearner(session.page, session.sco, course)
    learner.go_to("qser-assessment")
    learner.answer_all(responses(course))
    learner.submit()
    assert "You passed" in session.sco.locator("#qser-result-summary").inner_text()
    learner.press(session.sco.locator("#qser-exit"))
    assert "close this window" in session.sco.locator("#qser-finish-page").inner_text()
    session.unload_sco()  # pagehide after Exit
    assert session.calls("LMSSetValue") and session.calls("LMSCommit")  # they were tried, and threw
    assert len(session.calls("LMSFinish")) == 1
    # lms fixture: no uncaught error on any page
