"""The cmi5 statement rules, checked over the statements of one registration.

Written from the cmi5 spec (AICC CMI-5_Spec_Current, "Quartz"); each message names its section.
The preview shows the problems next to each statement; the tests assert there are none.
:func:`problems_by_statement` gives each statement's problems (a rule of the sequence is charged
to the statement that breaks it); :func:`violations` the same as one flat list.
"""
from __future__ import annotations

from collections import defaultdict

from .vocab import CMI5, VERBS

LAUNCHED = "http://adlnet.gov/expapi/verbs/launched"  # the LMS's statement (9.3.1)
CATEGORY, MOVEON = CMI5["categories"]["cmi5"], CMI5["categories"]["moveon"]
SESSION_ID, MASTERY = CMI5["extensions"]["sessionid"], CMI5["extensions"]["masteryscore"]
#: The verbs an AU may send as "cmi5 defined" (9.3); abandoned, waived, satisfied are the LMS's.
AU_VERBS = {VERBS[name]: name for name in ("initialized", "completed", "passed", "failed", "terminated")}
NEEDS_DURATION = {"terminated", "completed", "passed", "failed"}  # 9.5.4.1


def verb(statement: dict) -> str:
    """The verb's short name: its display for the cmi5 verbs, else the last part of its IRI."""
    iri = statement["verb"]["id"]
    return AU_VERBS.get(iri) or iri.rstrip("/").rsplit("/", 1)[-1]


def is_defined(statement: dict) -> bool:
    """A "cmi5 defined" statement carries the cmi5 category (7.1.3)."""
    categories = statement.get("context", {}).get("contextActivities", {}).get("category", [])
    return any(c.get("id") == CATEGORY for c in categories)


def session_of(statement: dict) -> str | None:
    return statement.get("context", {}).get("extensions", {}).get(SESSION_ID)


def sessions(statements: list[dict]) -> dict[str | None, list[dict]]:
    """The statements by session id, each session in timestamp order (9.7: order is by timestamp)."""
    found: dict[str | None, list[dict]] = defaultdict(list)
    for statement in sorted(statements, key=lambda s: s["timestamp"]):
        found[session_of(statement)].append(statement)
    return dict(found)


def problems_by_statement(statements: list[dict], *, activity_id: str, publisher_id: str, registration: str,
                          mastery: float | None) -> dict[str, list[str]]:
    """Each statement's id -> the cmi5 rules it breaks (empty list: conformant)."""
    found = {s["id"]: _statement_problems(s, activity_id, publisher_id, registration, mastery) for s in statements}
    for session_id, in_session in sessions(statements).items():
        au = [s for s in in_session if s["verb"]["id"] != LAUNCHED]
        if not au:
            continue
        if verb(au[0]) != "initialized":
            found[au[0]["id"]].append("the session's first statement is not initialized (7.1.1, 9.3.2)")
        elif not any(s["verb"]["id"] == LAUNCHED for s in in_session):
            found[au[0]["id"]].append("no launched statement of the LMS in this session (9.3.1)")
        if verb(au[-1]) != "terminated":
            found[au[-1]["id"]].append("the session's last statement is not terminated (7.1.2, 9.3.8)")
        seen: set[str] = set()
        for statement in filter(is_defined, au):
            name = verb(statement)
            if name in seen:
                found[statement["id"]].append(f"a second {name} in this session (9.3)")
            elif name in ("passed", "failed") and {"passed", "failed"} & seen:
                found[statement["id"]].append("passed and failed in one session (9.3)")
            seen.add(name)
    passed = False
    counted: dict[str, int] = defaultdict(int)
    for statement in sorted(filter(is_defined, statements), key=lambda s: s["timestamp"]):
        name = verb(statement)
        counted[name] += 1
        if name in ("completed", "passed") and counted[name] == 2:
            found[statement["id"]].append(f"a second {name} in this registration (9.3)")
        if name == "failed" and passed:
            found[statement["id"]].append("failed after passed in this registration (9.3)")
        passed = passed or name == "passed"
    return found


def violations(statements: list[dict], **launch) -> list[str]:
    """Every broken rule, as ``<verb> <statement id>: <problem>`` lines; ``launch`` as above."""
    by_id = {s["id"]: s for s in statements}
    return [f"{verb(by_id[i])} {i}: {problem}"
            for i, problems in problems_by_statement(statements, **launch).items() for problem in problems]


def _statement_problems(statement, activity_id, publisher_id, registration, mastery) -> list[str]:
    name, context, result = verb(statement), statement.get("context", {}), statement.get("result", {})
    activities = context.get("contextActivities", {})
    problems = []
    if context.get("registration") != registration:
        problems.append("context.registration is not the launch's (9.6.1)")
    if not session_of(statement):
        problems.append("no session id extension (9.6.3.1)")
    if publisher_id not in [g.get("id") for g in activities.get("grouping", [])]:
        problems.append("the publisher id is not in contextActivities.grouping (9.6.2.3)")
    if statement["verb"]["id"] == LAUNCHED:
        return problems
    categories = [c.get("id") for c in activities.get("category", [])]
    if not is_defined(statement):
        if statement["verb"]["id"] in AU_VERBS:
            problems.append("a cmi5 verb without the cmi5 category (7.1.3)")
        if MOVEON in categories:
            problems.append("the moveon category on a cmi5 allowed statement (9.6.2.2)")
        return problems
    if statement["verb"]["id"] not in AU_VERBS:
        problems.append("the cmi5 category on a verb that is not cmi5 defined for an AU (7.1.3)")
    if statement["object"].get("id") != activity_id:
        problems.append("object.id is not the launch's activityId (9.4)")
    if (MOVEON in categories) != ("success" in result or "completion" in result):
        problems.append("the moveon category belongs exactly on statements with success or completion (9.6.2.2)")
    if "score" in result and name not in ("passed", "failed"):
        problems.append("a score outside passed and failed (9.5.1)")
    if result.get("success") != {"passed": True, "failed": False}.get(name):
        problems.append(f"result.success is {result.get('success')} (9.5.2)")
    if result.get("completion") != {"completed": True}.get(name):
        problems.append(f"result.completion is {result.get('completion')} (9.5.3)")
    if name in NEEDS_DURATION and not result.get("duration"):
        problems.append("no result.duration (9.5.4.1)")
    score = result.get("score", {})
    if "raw" in score and not all(isinstance(score.get(k), int) for k in ("raw", "min", "max")):
        problems.append("score.raw without integer raw, min and max (9.5.1)")
    if name in ("passed", "failed") and mastery is not None:
        scaled = score.get("scaled")
        if scaled is not None and (scaled >= mastery) != (name == "passed"):
            problems.append(f"score.scaled {scaled} disagrees with the masteryScore {mastery} (9.3.4, 9.3.5)")
        if context.get("extensions", {}).get(MASTERY) != mastery:
            problems.append("no masteryscore extension on a verdict judged by it (9.6.3.2)")
    return problems
