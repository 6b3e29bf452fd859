"""cmi5 statements (an LMS's launches of an AU): the report reads each registration's completed,
passed/failed and score (cmi5 9.3), and the LMS's abandoned and waived statements."""
from __future__ import annotations

import uuid

CMI5 = {"id": "https://w3id.org/xapi/cmi5/context/categories/cmi5"}
MOVEON = {"id": "https://w3id.org/xapi/cmi5/context/categories/moveon"}
ADL, W3ID = "http://adlnet.gov/expapi/verbs/", "https://w3id.org/xapi/adl/verbs/"
AU = "https://lms.example.org/au/3f2a"  # the LMS-generated activityId (cmi5 8.1.5)
QUESTION = "https://qser.example/xapi/qser-becoming-a-mentor/question/q-training-audience"


class Registration:
    """The statements of one learner's registration, a minute apart."""

    clock = 0

    def __init__(self, name: str, account: str):
        self.actor = {"objectType": "Agent", "name": name,
                      "account": {"homePage": "https://lms.example.org", "name": account}}
        self.registration = str(uuid.uuid4())
        self.statements: list[dict] = []

    def send(self, verb: str, result: dict | None = None, defined: bool = True, moveon: bool = False,
             target: str = AU) -> None:
        Registration.clock += 1
        categories = [CMI5, MOVEON] if moveon else [CMI5]
        statement = {
            "id": str(uuid.uuid4()), "actor": self.actor, "verb": {"id": verb, "display": {"en-US": verb}},
            "object": {"id": target, "objectType": "Activity"},
            "timestamp": f"2026-12-01T10:{Registration.clock // 60:02d}:{Registration.clock % 60:02d}Z",
            "context": {"registration": self.registration,
                        "contextActivities": {"category": categories} if defined else {}},
        }
        if result:
            statement["result"] = result
        self.statements.append(statement)


def _story() -> tuple[list[dict], dict]:
    elena = Registration("Elena", "elena")
    elena.send(ADL + "launched")
    elena.send(ADL + "initialized")
    elena.send(ADL + "answered", {"response": "0", "success": True}, defined=False, target=QUESTION)
    elena.send(ADL + "failed", {"score": {"scaled": 0.5}, "success": False, "duration": "PT4M"}, moveon=True)
    elena.send(ADL + "terminated", {"duration": "PT5M"})
    elena.send(ADL + "initialized")
    elena.send(ADL + "passed", {"score": {"scaled": 0.8889}, "success": True, "duration": "PT3M"}, moveon=True)
    elena.send(ADL + "completed", {"completion": True, "duration": "PT3M"}, moveon=True)
    elena.send(W3ID + "abandoned", {"duration": "PT6M"})  # the LMS: the second session never terminated
    # Elena's second registration (enrolled again): only completed.
    again = Registration("Elena", "elena")
    again.send(ADL + "initialized")
    again.send(ADL + "completed", {"completion": True, "duration": "PT2M"}, moveon=True)
    again.send(ADL + "terminated", {"duration": "PT2M"})
    # Yusuf's requirements were met otherwise: the LMS waived the AU.
    yusuf = Registration("Yusuf", "yusuf")
    yusuf.send(W3ID + "waived", {"success": True, "completion": True,
                                 "extensions": {"https://w3id.org/xapi/cmi5/result/extensions/reason": "Equivalent"}})
    return [*elena.statements, *again.statements, *yusuf.statements], {
        # registration: (learner, status, best score, last score, attempts, seconds)
        elena.registration: ("Elena", "passed", "88.89", "88.89", "2", "660"),
        again.registration: ("Elena", "completed", "", "", "0", "120"),
        yusuf.registration: ("Yusuf", "passed", "", "", "0", "0"),
    }


def test_each_registration_has_its_completion_pass_and_score(statements_file, run_report):
    statements, expected = _story()
    result, written = run_report("--from", statements_file(statements))

    assert result.exit_code == 0, result.output
    rows = {row["registration"]: row for row in written.rows("learners.csv")}
    assert set(rows) == set(expected)
    for registration, (name, status, best, last, attempts, seconds) in expected.items():
        row = rows[registration]
        assert (row["learner"], row["status"], row["best_score"], row["last_score"], row["attempts"],
                row["time_spent_seconds"]) == (name, status, best, last, attempts, seconds), registration
    assert rows[next(iter(expected))]["account"] == "https://lms.example.org/elena"
    assert f"registration {next(iter(expected))}" in written.html


def test_cmi5_statement_order_does_not_change_the_report(statements_file, run_report):
    statements, _ = _story()
    _, forward = run_report("--from", statements_file(statements, "a.json"))
    rows = forward.rows("learners.csv")
    _, backward = run_report("--from", statements_file(statements[::-1], "b.json"))

    assert backward.rows("learners.csv") == rows
