"""The cmi5 rule checker catches what it should: a conformant session passes, each broken rule is
charged to the statement that breaks it. (The browser tests rely on it finding nothing.)"""
from __future__ import annotations

import copy
import uuid

import pytest

from qser_scorm.xapi.cmi5_rules import CATEGORY, LAUNCHED, MASTERY, MOVEON, SESSION_ID, problems_by_statement, violations

ADL = "http://adlnet.gov/expapi/verbs/"
AU, PUBLISHER, REGISTRATION = "https://lms.example/au/1", "https://qser.example/xapi/c", str(uuid.uuid4())
LAUNCH = {"activity_id": AU, "publisher_id": PUBLISHER, "registration": REGISTRATION, "mastery": 0.75}


def statement(name: str, second: int, *, defined=True, result=None, session="s1", mastery=None) -> dict:
    """One statement as a conformant AU (or, for "launched", the LMS) would send it."""
    categories = [{"id": CATEGORY}] if defined else []
    if result and ("success" in result or "completion" in result):
        categories.append({"id": MOVEON})
    extensions = {SESSION_ID: session, **({MASTERY: mastery} if mastery is not None else {})}
    made = {
        "id": str(uuid.uuid4()), "timestamp": f"2026-12-01T10:00:{second:02d}Z",
        "verb": {"id": LAUNCHED if name == "launched" else ADL + name},
        "object": {"id": AU if defined or name == "launched" else PUBLISHER + "/pages/p"},
        "context": {"registration": REGISTRATION, "extensions": extensions,
                    "contextActivities": {"grouping": [{"id": PUBLISHER}], **({"category": categories} if categories else {})}},
    }
    if result:
        made["result"] = result
    return made


def good_session(session="s1", start=0) -> list[dict]:
    return [
        statement("launched", start, defined=False, session=session),
        statement("initialized", start + 1, session=session),
        statement("experienced", start + 2, defined=False, session=session),
        statement("passed", start + 3, session=session, mastery=0.75,
                  result={"score": {"scaled": 0.8}, "success": True, "duration": "PT3S"}),
        statement("completed", start + 4, session=session, result={"completion": True, "duration": "PT4S"}),
        statement("terminated", start + 5, session=session, result={"duration": "PT5S"}),
    ]


def test_a_conformant_session_has_no_problem():
    assert violations(good_session(), **LAUNCH) == []


def broken(index: int, change) -> tuple[list[dict], str]:
    statements = copy.deepcopy(good_session())
    change(statements[index])
    return statements, statements[index]["id"]


@pytest.mark.parametrize("index, change, message", [
    (2, lambda s: s["context"]["extensions"].pop(SESSION_ID), "no session id"),
    (2, lambda s: s["context"]["contextActivities"].update(category=[{"id": MOVEON}]), "moveon category on a cmi5 allowed"),
    (3, lambda s: s["result"]["score"].update(scaled=0.5), "disagrees with the masteryScore"),
    (3, lambda s: s["context"]["extensions"].pop(MASTERY), "no masteryscore extension"),
    (3, lambda s: s["result"]["score"].update(raw=80.5, min=0, max=100), "integer raw"),
    (4, lambda s: s["result"].pop("duration"), "no result.duration"),
    (4, lambda s: s["context"]["contextActivities"]["category"].pop(), "exactly on statements with success"),
    (5, lambda s: s["result"].update(completion=True), "result.completion"),
    (1, lambda s: s["object"].update(id=PUBLISHER), "not the launch's activityId"),
    (1, lambda s: s["context"].update(registration=str(uuid.uuid4())), "registration"),
])
def test_each_broken_rule_is_charged_to_its_statement(index, change, message):
    statements, culprit = broken(index, change)
    found = problems_by_statement(statements, **LAUNCH)
    assert any(message in problem for problem in found[culprit]), found[culprit]
    assert [i for i, problems in found.items() if problems] == [culprit]


def test_sequence_rules_of_a_session_and_of_a_registration():
    late = good_session()
    late.append(statement("experienced", 9, defined=False))  # after terminated
    assert any("last statement is not terminated" in p for p in violations(late, **LAUNCH))
    first = good_session()[2:]  # no launched, no initialized
    assert any("first statement is not initialized" in p for p in violations(first, **LAUNCH))
    twice = good_session() + good_session("s2", 10)  # passed and completed again in a second session
    messages = violations(twice, **LAUNCH)
    assert sum("a second passed in this registration" in p for p in messages) == 1
    assert sum("a second completed in this registration" in p for p in messages) == 1
    after = good_session() + good_session("s2", 10)[:2] + [
        statement("failed", 13, session="s2", mastery=0.75, result={"score": {"scaled": 0.5}, "success": False, "duration": "PT1S"}),
        statement("terminated", 14, session="s2", result={"duration": "PT4S"})]
    assert any("failed after passed" in p for p in violations(after, **LAUNCH))
