"""What a real LMS implements, and how it keeps data (Chamilo 1.11 as the example): the runtime
sets only the elements the LMS lists, commits before finishing on Exit, sends session_time with
every commit, and resumes from saved state whatever cmi.core.entry says."""
from __future__ import annotations

import re

from .learner import CourseLearner, responses, run_course
from .scorm12_rules import CMI_TIMESPAN

INTERACTION_OBJECTIVE = re.compile(r"^cmi\.interactions\.\d+\.objectives\.")


def seconds(timespan: str) -> float:
    hours, minutes, rest = timespan.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def test_elements_the_lms_does_not_list_are_never_set(lms, course):
    # Chamilo 1.11: cmi.interactions._children has no "objectives", and setting one answers 401.
    session = lms.launch(lacks={"cmi.interactions": ["objectives"]}).ready()
    stored = run_course(session, course)
    assert [c for c in session.calls("LMSSetValue") if INTERACTION_OBJECTIVE.match(c["args"][0])] == []
    assert session.refused_sets() == []
    assert len(stored["interactions"]) == len(course.assessment.questions)
    assert stored["core"]["lesson_status"] == "passed"


def test_without_children_lists_an_element_refused_as_not_implemented_is_not_set_again(lms, course):
    session = lms.launch(unlisted=True, lacks={"cmi.interactions": ["objectives"]}).ready()
    run_course(session, course)
    refused = session.refused_sets()
    assert [c["args"][0] for c in refused] == ["cmi.interactions.0.objectives.0.id"]  # once, then never
    assert refused[0]["error"] == "401"


def test_exit_commits_location_state_and_session_time_before_finishing(lms, course):
    session = lms.launch().ready()
    learner = CourseLearner(session.page, session.sco, course)
    learner.go_to("qser-assessment")
    learner.answer_all(responses(course))
    learner.press(session.sco.locator("#qser-exit"))
    session.wait_finished()

    calls = [(c["name"], c["args"][0] if c["args"] else "", c["result"]) for c in session.calls()
             if c["name"] != "LMSGetValue"]
    finish = next(i for i, call in enumerate(calls) if call[0] == "LMSFinish")
    commit = max(i for i, call in enumerate(calls[:finish]) if call[0] == "LMSCommit")
    assert calls[commit][2] == "true"
    set_before = {element for name, element, _ in calls[:commit] if name == "LMSSetValue"}
    assert {"cmi.core.lesson_location", "cmi.suspend_data", "cmi.core.session_time"} <= set_before
    # The commit before LMSFinish is stored: an LMS that keeps only committed data has it all.
    committed = session.attempt.stored[-2]["cmi"]
    assert committed["core"]["lesson_location"] == "qser-assessment" and committed["suspend_data"]


def test_session_time_goes_with_every_commit_and_total_time_counts_each_session_once(lms, course):
    first = lms.launch().ready()
    learner = CourseLearner(first.page, first.sco, course)
    learner.next()
    learner.next()
    first.page.wait_for_timeout(400)
    first.unload_sco()  # a dismissal: pagehide, LMSFinish with no commit first
    stored = first.wait_finished()
    timed = False
    for call in first.calls():
        if call["name"] == "LMSSetValue" and call["args"][0] == "cmi.core.session_time":
            timed = True
        elif call["name"] == "LMSCommit":
            assert timed, "a commit without session_time"
            timed = False
    first_session = seconds(first.value("cmi.core.session_time"))
    assert seconds(stored["core"]["total_time"]) == first_session

    second = lms.relaunch(first).ready()
    second.page.wait_for_timeout(300)
    second.unload_sco()
    final = second.wait_finished(finishes=2)
    second_session = seconds(second.value("cmi.core.session_time"))
    assert CMI_TIMESPAN.match(final["core"]["total_time"])
    assert abs(seconds(final["core"]["total_time"]) - (first_session + second_session)) < 0.05


def test_saved_state_resumes_whatever_entry_says_and_no_state_starts_fresh(lms, course):
    first = lms.launch().ready()
    learner = CourseLearner(first.page, first.sco, course)
    learner.go_to("qser-assessment")
    first.leave()
    stored = first.wait_finished()

    # ab-initio with saved state (an LMS that derives entry badly): the learner resumes.
    again = lms.launch(returning={"cmi.core.entry": "ab-initio", "cmi.suspend_data": stored["suspend_data"],
                                  "cmi.core.lesson_location": "qser-assessment"}).ready()
    resumed = CourseLearner(again.page, again.sco, course)
    resumed.resume()
    assert resumed.current_section() == "qser-assessment"
    # resume with nothing saved (Chamilo on a first launch): a fresh start, no error.
    fresh = lms.launch(returning={"cmi.core.entry": "resume"}).ready()
    assert CourseLearner(fresh.page, fresh.sco, course).current_section() == "qser-overview"
