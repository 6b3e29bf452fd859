"""Chromium launches the cmi5 package from the test LMS (lms.py) with Ralph as the LRS, and the
statement sequences are checked against the cmi5 rules (qser_scorm/xapi/cmi5_rules.py) for each
way through the course."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from qser_scorm.contract import CMI5_PROGRESS
from qser_scorm.preview.cmi5 import agent_key
from qser_scorm.xapi.cmi5_rules import MASTERY, is_defined, sessions, verb, violations
from tests.browser.learner import CourseLearner, responses
from tests.browser.server import LmsServer
from tests.lrs import strict_errors
from tests.xapi.runs import WRONG, play, wait_for_statements

from .lms import ACTIVITY_ID

PUBLISHER_ID = "https://qser.example/xapi/qser-becoming-a-mentor"


def checked(learner, lrs, expected: dict, mastery: float | None = 0.75) -> list[dict]:
    """Wait for ``expected`` (verb -> count, the LMS's launched included), check every rule; return them."""
    statements = wait_for_statements(lrs, learner.registration, sum(expected.values()))
    assert Counter(verb(s) for s in statements) == Counter(expected)
    assert violations(statements, activity_id=ACTIVITY_ID, publisher_id=PUBLISHER_ID,
                      registration=learner.registration, mastery=mastery) == []
    assert [e for e in strict_errors(statements) if e] == []
    assert [launch.fetch_calls for launch in learner.launches] == [1] * len(learner.launches)
    return statements


def test_pass_first_time_then_the_lms_return_page(cmi5_learner, lrs, course_model):
    page = cmi5_learner.open(return_url=True)
    play(page, page, course_model, [frozenset()])
    page.wait_for_url("**/return")  # 10.2.6: returnURL followed after terminated
    pages, questions = len(course_model.pages), len(course_model.assessment.questions)
    statements = checked(cmi5_learner, lrs, {"launched": 1, "initialized": 1, "experienced": pages,
                                             "answered": questions, "passed": 1, "completed": 1, "terminated": 1})
    passed = next(s for s in statements if verb(s) == "passed")
    assert passed["result"]["score"] == {"scaled": 1.0} and passed["context"]["extensions"][MASTERY] == 0.75
    answered = [s for s in statements if verb(s) == "answered"]
    assert not any(is_defined(s) for s in answered)  # cmi5 allowed: no cmi5 category
    assert {s["context"]["contextActivities"]["parent"][0]["id"] for s in answered} == {PUBLISHER_ID}


def test_an_au_on_another_origin_than_the_lms_reports_through_cors(cmi5_learner, cmi5_package, lrs, course_model):
    """Many LMSs serve content from another host than their xAPI endpoint: every request is then
    cross-origin, and the exit's keepalive requests need a CORS preflight."""
    with LmsServer(cmi5_package) as content:
        page = cmi5_learner.open(content_origin=content.origin)
        play(page, page, course_model, [frozenset()])
        checked(cmi5_learner, lrs, {"launched": 1, "initialized": 1, "experienced": len(course_model.pages),
                                    "answered": len(course_model.assessment.questions), "passed": 1,
                                    "completed": 1, "terminated": 1})
    assert CMI5_PROGRESS in cmi5_learner.launches[0].state_writes


def test_fail_then_pass_sends_one_verdict_when_the_attempt_is_final(cmi5_learner, cmi5_lms, lrs, course_model):
    preferences = {"languagePreference": "el-GR,en-US", "audioPreference": "off"}
    cmi5_lms.lms.preferences[agent_key(json.dumps(cmi5_learner.actor))] = preferences
    page = cmi5_learner.open()
    assert page.evaluate("window.qser.trackers[0].preferences") == preferences  # 11.0: read at start
    play(page, page, course_model, [WRONG, frozenset()])
    questions = len(course_model.assessment.questions)
    statements = checked(cmi5_learner, lrs, {"launched": 1, "initialized": 1, "experienced": len(course_model.pages),
                                             "answered": 2 * questions, "passed": 1, "completed": 1, "terminated": 1})
    assert [verb(s) for s in statements if is_defined(s)][-3:] == ["passed", "completed", "terminated"]
    assert set(cmi5_learner.launches[0].state_writes) == {CMI5_PROGRESS}  # never LMS.LaunchData (10.0)


def test_fail_on_the_last_try_sends_failed_and_completed(cmi5_learner, lrs, course_model):
    page = cmi5_learner.open()
    play(page, page, course_model, [WRONG, WRONG, WRONG])
    statements = checked(cmi5_learner, lrs, {"launched": 1, "initialized": 1, "experienced": len(course_model.pages),
                                             "answered": 3 * len(course_model.assessment.questions), "failed": 1,
                                             "completed": 1, "terminated": 1})
    failed = next(s for s in statements if verb(s) == "failed")
    assert failed["result"]["score"] == {"scaled": 0.6667} and failed["result"]["success"] is False


def test_finish_with_this_score_sends_failed_at_once(cmi5_learner, lrs, course_model):
    """A try the learner closes while tries remain is final: its verdict goes then, with completed."""
    page = cmi5_learner.open()
    learner = CourseLearner(page, page, course_model)
    learner.go_to("qser-assessment")
    learner.answer_all(responses(course_model, WRONG))
    learner.submit()
    learner.press(page.locator("#qser-finish"))
    learner.press(page.locator("#qser-finish-yes"))
    learner.press(page.locator("#qser-exit"))
    statements = checked(cmi5_learner, lrs, {"launched": 1, "initialized": 1, "experienced": len(course_model.pages),
                                             "answered": len(course_model.assessment.questions), "failed": 1,
                                             "completed": 1, "terminated": 1})
    assert [verb(s) for s in statements if is_defined(s)] == ["initialized", "failed", "completed", "terminated"]


def test_the_lms_mastery_score_decides_passed(cmi5_learner, lrs, course_model):
    """10.2.4: the LMS may set another masteryScore than cmi5.xml; passed/failed must follow it."""
    page = cmi5_learner.open(mastery=0.6)
    play(page, page, course_model, [WRONG, WRONG, WRONG])
    statements = checked(cmi5_learner, lrs, {"launched": 1, "initialized": 1, "experienced": len(course_model.pages),
                                             "answered": 3 * len(course_model.assessment.questions), "passed": 1,
                                             "completed": 1, "terminated": 1}, mastery=0.6)
    passed = next(s for s in statements if verb(s) == "passed")
    assert passed["context"]["extensions"][MASTERY] == 0.6


def test_leave_mid_way_and_resume_in_a_new_session(cmi5_learner, lrs, course_model):
    first = cmi5_learner.open()
    learner = CourseLearner(first, first, course_model)
    learner.next()
    learner.next()
    bookmark = learner.current_section()
    first.close()  # pagehide: terminated, and the progress written to the LMS's state
    second = cmi5_learner.open()
    again = CourseLearner(second, second, course_model)
    again.resume()
    assert again.current_section() == bookmark
    play(second, second, course_model, [frozenset()])
    statements = wait_for_statements(lrs, cmi5_learner.registration, 2 + 2 + 2 + 4)
    assert violations(statements, activity_id=ACTIVITY_ID, publisher_id=PUBLISHER_ID,
                      registration=cmi5_learner.registration, mastery=0.75) == []
    by_session = [[verb(s) for s in session if is_defined(s)] for session in sessions(statements).values()]
    assert by_session == [["initialized", "terminated"], ["initialized", "passed", "completed", "terminated"]]
    assert [launch.fetch_calls for launch in cmi5_learner.launches] == [1, 1]


def test_a_reload_never_asks_fetch_twice_and_sends_nothing_after_terminated(cmi5_learner, lrs, course_model):
    page = cmi5_learner.open()
    CourseLearner(page, page, course_model).next()
    page.reload()  # pagehide ended the session: terminated was its last statement
    page.wait_for_function("() => window.qser && window.qser.ready")
    page.evaluate("() => window.qser.ready.then(() => true)")
    CourseLearner(page, page, course_model).next()
    assert page.locator("#qser-notice").inner_text() == "Your progress is saved. You can close this window now."
    statements = wait_for_statements(lrs, cmi5_learner.registration, 1 + 1 + 2 + 1)
    assert [verb(s) for s in statements if verb(s) != "experienced"] == ["launched", "initialized", "terminated"]
    assert cmi5_learner.launches[0].fetch_calls == 1


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_browse_and_review_send_only_initialized_and_terminated(mode, cmi5_learner, lrs, course_model):
    page = cmi5_learner.open(mode=mode)
    play(page, page, course_model, [WRONG])
    checked(cmi5_learner, lrs, {"launched": 1, "initialized": 1, "terminated": 1})
    assert CMI5_PROGRESS not in cmi5_learner.launches[0].state_writes  # a browse changes nothing


def test_a_used_fetch_url_leaves_the_course_working_and_says_results_are_not_sent(cmi5_learner, cmi5_lms, lrs, course_model):
    """8.2.3: a second POST to fetch answers an error: the AU must cope (here: another window took the token)."""
    url, launch = cmi5_lms.prepare(cmi5_learner.actor, cmi5_learner.registration)
    launch.fetch_calls = 1  # the token went to someone else
    page = cmi5_learner.context.new_page()
    page.goto(url)
    page.wait_for_function("() => window.qser && window.qser.ready")
    page.evaluate("() => window.qser.ready.then(() => true)")
    assert "refused access" in page.locator("#qser-notice").inner_text()
    play(page, page, course_model, [frozenset()])
    statements = wait_for_statements(lrs, cmi5_learner.registration, 1)
    assert [verb(s) for s in statements] == ["launched"]
    assert launch.statement_posts == 0
