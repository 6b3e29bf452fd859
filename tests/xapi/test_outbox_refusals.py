"""The xAPI outbox when Ralph refuses: a statement it can never store must not hold up the others,
and credentials it denies stop the sending for the session, with a notice to the learner."""
from __future__ import annotations

import base64
import json
import uuid
from types import SimpleNamespace

from tests.browser.learner import CourseLearner

from .outbox import pending_statements
from .runs import page_statements, wait_for_statements


def test_a_statement_the_lrs_rejects_is_set_aside_and_all_the_others_arrive(xapi_launch, lrs, course):
    registration = xapi_launch.registration
    valid = [json.loads(s.to_json("1.0.3")) for s in page_statements(course, registration, 4)]
    # An actor without any identifier (xAPI Data 2.4.2.1): Ralph refuses the whole batch holding it.
    broken = dict(valid[0], id=str(uuid.uuid4()), actor={"objectType": "Agent", "name": "Nobody"})
    lrs_key = f"{lrs.endpoint}|{registration}"
    # Left in the outbox by an earlier session: the broken statement among valid ones.
    queue = json.dumps(valid[:2] + [broken] + valid[2:])
    xapi_launch.context.add_init_script(
        script=f"localStorage.setItem({json.dumps('qser-xapi-outbox:' + lrs_key)}, {json.dumps(queue)})")

    page = xapi_launch.open()
    statements = wait_for_statements(lrs, registration, len(valid) + 1)  # and "initialized"

    assert {s["id"] for s in valid} <= {s["id"] for s in statements}
    assert len(statements) == len(valid) + 1 and broken["id"] not in {s["id"] for s in statements}
    rejected = page.evaluate(f"JSON.parse(localStorage.getItem({json.dumps('qser-xapi-rejected:' + lrs_key)}))")
    assert [(entry["statement"]["id"], entry["status"]) for entry in rejected] == [(broken["id"], 422)]
    assert pending_statements(page) == 0


def test_credentials_the_lrs_denies_stop_the_sending_and_the_learner_is_told(xapi_launch, lrs, course):
    wrong = base64.b64encode(f"{lrs.username}:not-the-password".encode()).decode()
    xapi_launch.lrs = SimpleNamespace(endpoint=lrs.endpoint, auth=f"Basic {wrong}")  # what launch_query reads
    page = xapi_launch.open()
    page.locator("#qser-notice", has_text="The learning record store (LRS) refused access").wait_for()
    CourseLearner(page, page, course).next()
    page.wait_for_timeout(500)

    assert xapi_launch.posts.count == 1  # none after the refusal
    assert pending_statements(page) == 2  # initialized, the first course page: kept for the next launch
    assert lrs.statements(registration=xapi_launch.registration) == []


def test_an_lrs_that_rejects_the_launch_itself_stops_the_sending_and_loses_nothing(xapi_launch, lrs, course):
    # mbox_sha1sum must be 40 hex digits (xAPI Data 2.4.2.3): Ralph rejects every statement (422).
    actor = {"objectType": "Agent", "name": "Maria Testperson", "mbox_sha1sum": "not-a-hash"}
    xapi_launch.actor = actor
    earlier = [dict(json.loads(s.to_json("1.0.3")), actor=actor)
               for s in page_statements(course, xapi_launch.registration, 8)]
    lrs_key = f"{lrs.endpoint}|{xapi_launch.registration}"
    xapi_launch.context.add_init_script(
        script=f"localStorage.setItem({json.dumps('qser-xapi-outbox:' + lrs_key)}, {json.dumps(json.dumps(earlier))})")

    page = xapi_launch.open()
    page.locator("#qser-notice", has_text="The learning record store (LRS) refused access").wait_for(timeout=20000)
    requests = xapi_launch.posts.count
    CourseLearner(page, page, course).next()
    page.wait_for_timeout(1500)

    assert xapi_launch.posts.count == requests <= 8  # a few halvings, paced, then nothing more
    assert pending_statements(page) == len(earlier) + 2  # and "initialized", the first page: all kept
    assert page.evaluate(f"localStorage.getItem({json.dumps('qser-xapi-rejected:' + lrs_key)})") is None
    assert lrs.statements(registration=xapi_launch.registration) == []
