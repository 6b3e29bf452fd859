"""Chromium plays the packages with Ralph as the LRS: what arrives, how often, and how valid.

The Tin Can package is launched with the Tin Can launch parameters; the SCORM package gets the
same parameters in cmi.launch_data (dual tracking). Every statement is checked with Ralph's
own strict xAPI model, because Ralph's API stores some invalid statements.
"""
from __future__ import annotations

import io
import json
import time
import uuid
import zipfile
from collections import Counter
from urllib.parse import urlencode

from tests.browser.learner import REFLECTION_TEXT, CourseLearner
from tests.browser.lms import TestLms
from tests.browser.server import LmsServer
from tests.lrs import strict_errors

from qser_scorm.package.scorm12 import package_scorm12
from qser_scorm.render import render_site
from qser_scorm.xapi import course_iri, embedded_login
from qser_scorm.xapi.vocab import ATTEMPT_EXTENSION, OBJECTIVES_EXTENSION

from .conftest import LEARNER, launch_query
from .outbox import pending_statements
from .roundtrip import round_trips
from .runs import ADL, WRONG, play, verbs, wait_for_statements


def assert_strictly_valid(statements: list[dict]) -> None:
    errors = [(s["verb"]["id"], error) for s, error in zip(statements, strict_errors(statements)) if error]
    assert errors == []


def test_a_full_run_of_the_tin_can_package_reaches_the_lrs_once_per_event(xapi_launch, lrs, course):
    page = xapi_launch.open()
    play(page, page, course, [WRONG, frozenset()])
    questions, pages = len(course.assessment.questions), len(course.pages)
    expected = {"initialized": 1, "experienced": pages, "answered": 2 * questions,
                "failed": 1, "passed": 1, "completed": 1, "terminated": 1}
    statements = wait_for_statements(lrs, xapi_launch.registration, sum(expected.values()))

    assert verbs(statements) == Counter(expected)
    assert len({s["id"] for s in statements}) == len(statements)
    assert_strictly_valid(statements)
    assert [s["id"] for s in statements if not round_trips(s)] == []
    assert {s["context"]["registration"] for s in statements} == {xapi_launch.registration}
    assert all(s["actor"]["mbox"] == LEARNER["mbox"] for s in statements)
    assert all(s["object"]["id"].startswith(course_iri(course)) for s in statements)
    outcomes = {s["verb"]["id"].removeprefix(ADL): s["result"] for s in statements if "score" in s.get("result", {})}
    assert outcomes["failed"]["score"] == {"scaled": 0.6667, "raw": 66.67, "min": 0, "max": 100}
    assert (outcomes["passed"]["score"]["raw"], outcomes["passed"]["success"]) == (100, True)
    # The browser's responses (xapi-response.js) meet the build's patterns (activities.py).
    for answer in (s for s in statements if s["verb"]["id"] == ADL + "answered"):
        definition, result = answer["object"]["definition"], answer["result"]
        attempt = answer["context"]["extensions"][ATTEMPT_EXTENSION]
        right = attempt == 2 or answer["object"]["id"].rsplit("/", 1)[1] not in WRONG
        if definition["interactionType"] in ("choice", "true-false", "matching", "sequencing"):
            assert (result["response"] in definition["correctResponsesPattern"]) == right, answer["object"]["id"]
        if definition["interactionType"] != "long-fill-in":
            assert result["success"] == right
    # The reflection answer arrives in full (SCORM 1.2 keeps 255 characters of it).
    reflections = [s["result"]["response"] for s in statements
                   if s["object"].get("definition", {}).get("interactionType") == "long-fill-in"]
    assert reflections and set(reflections) == {REFLECTION_TEXT}
    # At most one request per page change, plus the one at Exit.
    requests = xapi_launch.posts.count
    page_changes = pages + 2 + 2  # course pages, overview/assessment, results twice
    assert requests <= page_changes + 1


def test_a_returning_learner_resumes_the_same_registration(xapi_launch, lrs, course):
    first = xapi_launch.open()
    CourseLearner(first, first, course).next()
    first.close()  # leaves mid-way: pagehide
    second = xapi_launch.open()
    again = CourseLearner(second, second, course)
    again.resume()
    again.next()
    second.close()
    statements = wait_for_statements(lrs, xapi_launch.registration, 7)

    # The second session reopens the bookmarked page (Resume), then moves on: experienced twice.
    assert [s["verb"]["id"].removeprefix(ADL) for s in statements] == [
        "initialized", "experienced", "suspended", "resumed", "experienced", "experienced", "suspended"]
    assert [s["object"]["id"].rsplit("/", 1)[-1] for s in statements if s["verb"]["id"] == ADL + "experienced"] == [
        "opening", "opening", "becoming-a-mentor"]
    assert_strictly_valid(statements)


def test_statements_made_while_the_lrs_is_down_all_arrive_once_it_is_back(xapi_launch, lrs, course):
    page = xapi_launch.open()
    learner = CourseLearner(page, page, course)
    with lrs.down():
        for _ in range(3):
            learner.next()
        page.reload()  # the queue outlives the page: it is kept in localStorage
        page.wait_for_function("() => window.qser && window.qser.ready")
        pending = pending_statements(page)
        assert pending >= 6
        again = CourseLearner(page, page, course)
        again.resume()
        again.next()
    statements = wait_for_statements(lrs, xapi_launch.registration, 8, timeout=40)

    # Three pages, the bookmarked one again after the reload (Resume), one more.
    assert verbs(statements) == Counter({"initialized": 1, "experienced": 5, "suspended": 1, "resumed": 1})
    assert len({s["id"] for s in statements}) == len(statements)
    assert pending_statements(page) == 0


def test_the_scorm_package_with_dual_tracking_sends_the_same_statements(xapi_launch, lms, lrs, course):
    page = xapi_launch.open()
    play(page, page, course, [WRONG])
    # initialized, the pages, the answers, failed (attempts remain), suspended
    tin_can = wait_for_statements(lrs, xapi_launch.registration, len(course.pages) + len(course.assessment.questions) + 3)

    registration = str(uuid.uuid4())
    session = lms.launch(returning={"cmi.launch_data": launch_query(lrs, registration, actor=None)}).ready()
    play(session.page, session.sco, course, [WRONG])
    stored = session.wait_finished()
    dual = wait_for_statements(lrs, registration, len(tin_can))

    def essence(statement: dict) -> tuple:
        result = statement.get("result", {})
        return (statement["verb"]["id"], statement["object"]["id"], result.get("response"),
                result.get("success"), result.get("score", {}).get("raw"))

    assert sorted(map(essence, dual)) == sorted(map(essence, tin_can))
    assert_strictly_valid(dual)
    (verdict,) = [s for s in dual if s["verb"]["id"] == ADL + "failed"]
    # The LRS gets every try's score; the LMS none while tries remain (docs/runtime.md, "Attempts").
    assert (verdict["result"]["score"]["raw"], stored["core"]["score"]["raw"]) == (66.67, "")
    objectives = verdict["result"]["extensions"][OBJECTIVES_EXTENSION]
    assert [o["id"] for o in objectives] == [o.id for o in course.objectives]
    assert all(0 <= o["score"]["raw"] <= 100 and o["success"] in (True, False) for o in objectives)
    # No actor in the launch data: the learner is the LMS account (cmi.core.student_id).
    assert {s["actor"]["account"]["name"] for s in dual} == {session.cmi()["core"]["student_id"]}


def test_without_launch_parameters_the_package_sends_nothing(xapi_server, context, lrs):
    page = context.new_page()
    page.goto(f"{xapi_server.origin}/sco/index.html?{urlencode({'registration': str(uuid.uuid4())})}")
    page.wait_for_function("() => window.qser && window.qser.ready")
    assert page.evaluate("window.qser.trackers.map(t => t.name)") == ["local"]


def test_a_scorm_package_with_baked_in_lrs_settings_reports_as_the_lms_learner(
        tmp_path, context, lrs, course):
    site = render_site(course, embedded_login(lrs.endpoint, lrs.username, lrs.password))
    unzipped = tmp_path / "scorm12"
    with zipfile.ZipFile(io.BytesIO(package_scorm12(course, site).data)) as zipped:
        zipped.extractall(unzipped)
    student_id = f"learner-{uuid.uuid4().hex[:8]}"
    with LmsServer(unzipped) as server:
        lms = TestLms(server, context, str(course.pass_mark))
        session = lms.launch(returning={"cmi.core.student_id": student_id}).ready()
        CourseLearner(session.page, session.sco, course).next()
        session.sco.locator("#qser-exit").click()
        session.wait_finished()
        agent = json.dumps({"objectType": "Agent", "account": {"homePage": server.origin, "name": student_id}})
        deadline = time.monotonic() + 10
        while not (first := lrs.statements(agent=agent)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert first, "no statement reached the LRS"
        # The runtime made up the registration (none was launched with): wait for all of it.
        statements = wait_for_statements(lrs, first[0]["context"]["registration"], 3)

    assert verbs(statements) == Counter({"initialized": 1, "experienced": 1, "suspended": 1})
    assert len(lrs.statements(agent=agent)) == 3  # none under another registration either
