"""SCORM 1.2 data formats the tests hold the SCO's data to, stricter than scorm-again.

scorm-again accepts some values that Moodle or the spec reject (its regex notes say so), so the
tests check the formats themselves. Source: the SCORM 1.2 RTE 3.4.2
data types and Moodle's scorm_12.js patterns.
"""
from __future__ import annotations

import re

#: CMITimespan: 2-4 hour digits, optional 1-2 decimals (Moodle's pattern).
CMI_TIMESPAN = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")
#: CMITime: a time of day.
CMI_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$")
#: CMIIdentifier: printable ASCII, no whitespace.
CMI_IDENTIFIER = re.compile(r"^[\x21-\x7e]{1,255}$")
CMI_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")

def _formats(part: str) -> dict[str, re.Pattern]:
    """CMIFeedback by interaction type (student_response and correct_responses.n.pattern), with
    ``part`` as one choice: RTE 3.4.2's single characters, or the readable short ids."""
    pair = f"{part}\\.{part}"
    return {
        "true-false": re.compile(r"^[01tf]$"),
        "choice": re.compile(rf"^(\{{{part}(,{part})*\}}|{part}(,{part})*)$"),
        "matching": re.compile(rf"^(\{{{pair}(,{pair})*\}}|{pair}(,{pair})*)$"),
        "sequencing": re.compile(rf"^{part}(,{part})*$"),
        "fill-in": re.compile(r"^.{0,255}$", re.DOTALL),
    }


#: By the course's ``tracking: {responses: ...}``: letter codes, or readable short ids (the default).
RESPONSE_FORMATS = {"codes": _formats("[0-9a-z]"), "readable": _formats("[A-Za-z0-9_]{1,64}")}
RESULTS = {"correct", "wrong", "unanticipated", "neutral"}
SUSPEND_DATA_MAX = 4096  # CMIString4096; Moodle's limit in standard mode


def interaction_problems(interaction: dict, responses: str = "readable") -> list[str]:
    """What is wrong with one stored ``cmi.interactions.n`` (empty list: nothing)."""
    problems = []
    where = interaction.get("id") or "<no id>"

    def check(ok: bool, what: str) -> None:
        if not ok:
            problems.append(f"{where}: {what}")

    check(bool(CMI_IDENTIFIER.match(interaction.get("id", ""))), "id is not a CMIIdentifier")
    kind = interaction.get("type", "")
    response_format = RESPONSE_FORMATS[responses].get(kind)
    check(response_format is not None, f"type {kind!r} is not one the course uses")
    response = interaction.get("student_response", "")
    if response_format is not None:
        check(response == "" or bool(response_format.match(response)), f"student_response {response!r} is no {kind}")
        for pattern in (p["pattern"] for p in interaction.get("correct_responses", {}).values()):
            check(bool(response_format.match(pattern)), f"correct pattern {pattern!r} is no {kind}")
    result = interaction.get("result", "")
    check(result in RESULTS or bool(CMI_DECIMAL.match(result)), f"result {result!r}")
    check(bool(CMI_DECIMAL.match(interaction.get("weighting", ""))), "weighting is no CMIDecimal")
    check(bool(CMI_TIMESPAN.match(interaction.get("latency", ""))), f"latency {interaction.get('latency')!r}")
    check(bool(CMI_TIME.match(interaction.get("time", ""))), f"time {interaction.get('time')!r}")
    return problems
