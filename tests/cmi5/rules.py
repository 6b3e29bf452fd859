"""The cmi5 statement rules, as a checker over what the LRS holds for one registration.

Written from the cmi5 spec (AICC CMI-5_Spec_Current, "Quartz"): section numbers in the messages.
``violations`` returns one line per broken rule; an empty list means the sequence is conformant.
"""
from __future__ import annotations

from collections import defaultdict

ADL = "http://adlnet.gov/expapi/verbs/"
CMI5 = "https://w3id.org/xapi/cmi5/"
CATEGORY = CMI5 + "context/categories/cmi5"
MOVEON = CMI5 + "context/categories/moveon"
SESSION_ID = CMI5 + "context/extensions/sessionid"
MASTERY = CMI5 + "context/extensions/masteryscore"
#: The verbs an AU may use in "cmi5 defined" statements (9.3); launched, abandoned, waived and
#: satisfied are the LMS's.
AU_VERBS = {"initialized", "completed", "passed", "failed", "terminated"}
NEEDS_DURATION = {"terminated", "completed", "passed", "failed"}  # 9.5.4.1


def verb(statement: dict) -> str:
    return statement["verb"]["id"].removeprefix(ADL)


def is_defined(statement: dict) -> bool:
    categories = statement.get("context", {}).get("contextActivities", {}).get("category", [])
    return any(c["id"] == CATEGORY for c in categories)


def session_of(statement: dict) -> str | None:
    return statement.get("context", {}).get("extensions", {}).get(SESSION_ID)


def sessions(statements: list[dict]) -> dict[str, list[dict]]:
    """The registration's statements by session id, each session in timestamp order (9.7, 9.3)."""
    found: dict[str, list[dict]] = defaultdict(list)
    for statement in sorted(statements, key=lambda s: s["timestamp"]):
        found[session_of(statement)].append(statement)
    return dict(found)


def violations(statements: list[dict], *, activity_id: str, publisher_id: str, registration: str,
               mastery: float | None) -> list[str]:
    """Every cmi5 rule the statements of ``registration`` break (the LMS's "launched" included)."""
    problems: list[str] = []
    for statement in statements:
        problems += [f"{verb(statement)} {statement['id']}: {p}"
                     for p in _statement_problems(statement, activity_id, publisher_id, registration, mastery)]
    for session_id, in_session in sessions(statements).items():
        au = [s for s in in_session if verb(s) != "launched"]
        names = [verb(s) for s in au]
        where = f"session {session_id}"
        if not au:
            continue
        if names[0] != "initialized":
            problems.append(f"{where}: first statement is {names[0]}, not initialized (7.1.1, 9.3.2)")
        if names[-1] != "terminated":
            problems.append(f"{where}: last statement is {names[-1]}, not terminated (7.1.2, 9.3.8)")
        defined = [verb(s) for s in au if is_defined(s)]
        if len(defined) != len(set(defined)):
            problems.append(f"{where}: a cmi5 defined verb twice: {defined} (9.3)")
        if {"passed", "failed"} <= set(defined):
            problems.append(f"{where}: both passed and failed (9.3)")
        if not any(verb(s) == "launched" for s in in_session):
            problems.append(f"{where}: no launched statement of the LMS (9.3.1)")
    ordered = sorted((s for s in statements if is_defined(s)), key=lambda s: s["timestamp"])
    names = [verb(s) for s in ordered]
    for once in ("completed", "passed"):
        if names.count(once) > 1:
            problems.append(f"registration: {names.count(once)} {once} statements (9.3)")
    if "passed" in names and "failed" in names[names.index("passed"):]:
        problems.append("registration: failed after passed (9.3)")
    return problems


def _statement_problems(statement, activity_id, publisher_id, registration, mastery) -> list[str]:
    name, context, result = verb(statement), statement.get("context", {}), statement.get("result", {})
    problems = []
    if context.get("registration") != registration:
        problems.append("context.registration is not the launch's (9.6.1)")
    if not session_of(statement):
        problems.append("no session id extension (9.6.3.1)")
    grouping = context.get("contextActivities", {}).get("grouping", [])
    if {"id": publisher_id} not in [{"id": g["id"]} for g in grouping]:
        problems.append("the publisher id is not in contextActivities.grouping (9.6.2.3)")
    if name == "launched":
        return problems
    categories = [c["id"] for c in context.get("contextActivities", {}).get("category", [])]
    if not is_defined(statement):
        if name in AU_VERBS:
            problems.append("a cmi5 verb without the cmi5 category")
        if MOVEON in categories:
            problems.append("moveon category on a cmi5 allowed statement (9.6.2.2)")
        return problems
    if name not in AU_VERBS:
        problems.append("the cmi5 category on a verb that is not cmi5 defined for an AU (7.1.3)")
    if statement["object"]["id"] != activity_id:
        problems.append(f"object.id {statement['object']['id']} is not the launch activityId (9.4)")
    judged = "success" in result or "completion" in result
    if (MOVEON in categories) != judged:
        problems.append("moveon category present exactly when result has success or completion (9.6.2.2)")
    if "score" in result and name not in ("passed", "failed"):
        problems.append("score outside passed/failed (9.5.1)")
    if result.get("success", None) != {"passed": True, "failed": False}.get(name):
        problems.append(f"result.success {result.get('success')} (9.5.2)")
    if result.get("completion", None) != ({"completed": True}.get(name)):
        problems.append(f"result.completion {result.get('completion')} (9.5.3)")
    if name in NEEDS_DURATION and not result.get("duration"):
        problems.append("no result.duration (9.5.4.1)")
    score = result.get("score", {})
    if "raw" in score and not all(isinstance(score.get(k), int) for k in ("raw", "min", "max")):
        problems.append("score.raw without integer min and max (9.5.1)")
    if name in ("passed", "failed") and mastery is not None:
        scaled = score.get("scaled")
        if scaled is not None and (scaled >= mastery) != (name == "passed"):
            problems.append(f"scaled {scaled} against masteryScore {mastery} (9.3.4, 9.3.5)")
        if context.get("extensions", {}).get(MASTERY) != mastery:
            problems.append("no masteryscore extension on a verdict judged by it (9.6.3.2)")
    return problems
