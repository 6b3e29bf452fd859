"""SCORM 2004 under LMS faults: the same retry and local-backup rules as SCORM 1.2 (both trackers
run on tracking/scorm-lms.js), and an LMS that refuses Initialize."""
from __future__ import annotations

from .learner import CourseLearner, responses
from .scorm2004_lms import lms2004, server2004  # noqa: F401


def test_commits_refused_by_the_lms_are_retried_until_it_stores_them(lms2004, course):
    session = lms2004.launch().ready()
    session.refused_commits_are_retried(course, lambda cmi: cmi["location"])
    assert any(c["result"] == "false" for c in session.calls("Commit"))


def test_answers_the_lms_never_stored_reach_it_on_the_next_launch(lms2004, course):
    # From the second session on the LMS loses every commit, Terminate's beacon included.
    _, old, second = lms2004.second_session_while_the_lms_loses_all(course)
    learner = CourseLearner(second.page, second.sco, course)
    learner.answer_only([q.id for q in course.assessment.questions[:2]], responses(course))
    state = second.sco_frame.evaluate("qser.state()")
    second.leave()
    assert second.attempt.wait_for(lambda a: a.refused_finishes >= 1), "Terminate sent nothing"
    assert second.attempt.last_cmi == old

    second.attempt.down = False
    third = lms2004.relaunch(second).ready()  # the LMS hands back its old data
    again = CourseLearner(third.page, third.sco, course)
    again.resume()
    assert again.current_section() == "qser-assessment"
    assert third.attempt.wait_for(lambda a: a.last_cmi["suspend_data"] == state), "the backup never reached the LMS"
    assert third.attempt.last_cmi["location"] == "qser-assessment"


def test_an_lms_that_refuses_initialize_leaves_progress_in_this_browser(lms2004, course):
    session = lms2004.launch(fail={"Initialize": "false"}).ready()
    notice = session.sco.locator("#qser-notice").inner_text()
    assert "did not answer" in notice
    assert session.sco_frame.evaluate("qser.trackers.map((t) => t.name)")[0] == "local"
    assert session.calls("SetValue") == [] and session.calls("Terminate") == []
