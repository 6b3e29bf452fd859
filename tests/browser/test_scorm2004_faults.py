"""SCORM 2004 under LMS faults: the same retry and local-backup rules as SCORM 1.2 (both trackers
run on tracking/scorm-lms.js), and an LMS that refuses Initialize."""
from __future__ import annotations

from .learner import CourseLearner, responses
from .scorm2004_lms import lms2004, server2004  # noqa: F401


def test_commits_refused_by_the_lms_are_retried_until_it_stores_them(lms2004, course):
    session = lms2004.launch().ready()
    learner = CourseLearner(session.page, session.sco, course)
    session.attempt.down = True  # the LMS server answers 500 from now on
    learner.next()
    learner.next()
    where = learner.current_section()
    assert session.attempt.wait_for(lambda a: a.refused >= 1), "no commit reached the LMS"
    assert any(c["result"] == "false" for c in session.calls("Commit"))

    session.attempt.down = False
    recovered = session.attempt.wait_for(lambda a: a.last_cmi is not None and a.last_cmi["location"] == where, timeout=15)
    assert recovered, "the runtime never committed again after the LMS recovered"


def test_answers_the_lms_never_stored_reach_it_on_the_next_launch(lms2004, course):
    first = lms2004.launch().ready()
    CourseLearner(first.page, first.sco, course).next()
    first.leave()
    old = first.wait_terminated()

    first.attempt.down = True  # from here the LMS loses every commit, Terminate's beacon included
    second = lms2004.relaunch(first).ready()
    learner = CourseLearner(second.page, second.sco, course)
    learner.go_to("qser-assessment")
    chosen = responses(course)
    first_two = [q.id for q in course.assessment.questions[:2]]
    learner.answer_only(first_two, chosen)
    state = second.sco_frame.evaluate("qser.state()")
    second.leave()
    assert second.attempt.wait_for(lambda a: a.refused_finishes >= 1), "Terminate sent nothing"
    assert second.attempt.last_cmi == old

    second.attempt.down = False
    third = lms2004.relaunch(second).ready()  # the LMS hands back its old data
    assert CourseLearner(third.page, third.sco, course).current_section() == "qser-assessment"
    assert third.attempt.wait_for(lambda a: a.last_cmi["suspend_data"] == state), "the backup never reached the LMS"
    assert third.attempt.last_cmi["location"] == "qser-assessment"


def test_an_lms_that_refuses_initialize_leaves_progress_in_this_browser(lms2004, course):
    session = lms2004.launch(fail={"Initialize": "false"}).ready()
    notice = session.sco.locator("#qser-notice").inner_text()
    assert "did not answer" in notice
    assert session.sco_frame.evaluate("qser.trackers.map((t) => t.name)")[0] == "local"
    assert session.calls("SetValue") == [] and session.calls("Terminate") == []
