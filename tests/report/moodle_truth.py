"""What the report of the recorded Moodle course must say, worked out from the recording's ground
truth (tests/data/moodle-qser/GROUND-TRUTH.json: what each learner answered, what Moodle stored),
not by the code under test."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
MOODLE = DATA / "moodle-qser"
EXPORTS = MOODLE / "exports"
WEBSERVICE = MOODLE / "webservice"
COURSE_SOURCE = Path(__file__).resolve().parents[2] / "course_src"
TRUTH = json.loads((MOODLE / "GROUND-TRUTH.json").read_text(encoding="utf-8"))
#: SCORM 1.2 lesson_status -> the report's status
STATUS = {"passed": "passed", "failed": "failed", "incomplete": "in progress"}
ORDER = ("passed", "failed", "completed", "in progress", "not attempted")


def _submissions(learner: dict) -> list[dict]:
    return [submission for session in learner["sessions"] for submission in session["submissions"]]


def expected_learners() -> dict[str, dict]:
    """name -> status, best score (the gradebook, 2 decimals), tries, Moodle attempts, group."""
    expected = {}
    for learner in TRUTH["learners"]:
        attempts = learner["moodle_recorded"]["attempts"]
        statuses = [STATUS[a["lesson_status"]] for a in attempts] or ["not attempted"]
        grade = learner["moodle_recorded"]["gradebook"]
        expected[learner["name"]] = {
            "status": min(statuses, key=ORDER.index),
            "best_score": "" if grade == "-" else f"{float(grade):.2f}".rstrip("0").rstrip("."),
            "attempts": str(len(_submissions(learner))),
            "lms_attempts": str(len(attempts)),
            "group": learner["group"],
            "account": learner["email"],
        }
    return expected


def expected_correct_rates(groups: tuple[str, ...] = ()) -> dict[str, tuple[int, int]]:
    """question id -> (answers, correct): every submitted answer of every learner (of ``groups``) counts."""
    answers, correct = Counter(), Counter()
    scored = {q["id"] for q in TRUTH["package"]["questions"] if q["scored"]}
    for learner in TRUTH["learners"]:
        if groups and learner["group"] not in groups:
            continue
        for submission in _submissions(learner):
            for question, answer in submission["answers"].items():
                if question in scored:
                    answers[question] += 1
                    correct[question] += answer["correct"]
    return {question: (answers[question], correct[question]) for question in scored}


def expected_reflections() -> set[tuple[str, str, str]]:
    """(question id, learner, text exactly as typed) of each learner's latest submission."""
    expected = set()
    for learner in TRUTH["learners"]:
        submissions = _submissions(learner)
        if not submissions:
            continue
        for question, answer in submissions[-1]["answers"].items():
            if question.startswith("r-") and answer["scorm_student_response"]:
                expected.add((question, learner["name"], answer["scorm_student_response"]))
    return expected
