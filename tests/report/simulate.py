"""Simulated learners playing the Q-SER course, as xAPI statements.

Statements are the course's own templates (``qser_scorm.xapi.templates``) filled in the way the
runtime fills them (id, actor, timestamp, registration, attempt, result), each read back by
tincan, so the report is tested on the statements a real package sends.

``PLAYED`` is the story the report tests check against, with the expected figures worked out by
hand below it (not by the code under test).
"""
from __future__ import annotations

import contextlib
import copy
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tincan import Statement

from qser_scorm.course.load import load_course
from qser_scorm.xapi.templates import statement_templates
from qser_scorm.xapi.vocab import ATTEMPT_EXTENSION

COURSE = load_course(Path(__file__).resolve().parents[2] / "course_src")
TEMPLATES = statement_templates(COURSE)
COURSE_IRI = TEMPLATES["course"]
SCORED = [question.id for question in COURSE.scored_questions]
#: The component ids of the mentor-traits options, in authored order (readable short ids).
TRAITS = [choice["id"] for choice in TEMPLATES["questions"]["q-mentor-traits"]["object"]["definition"]["choices"]]


@dataclass
class Learner:
    name: str
    email: str
    registration: str = field(default_factory=lambda: str(uuid.uuid4()))
    attempts: int = 0
    #: the statement templates of the package the learner plays: its language's
    templates: dict = field(default_factory=lambda: TEMPLATES, repr=False)


class Simulation:
    """Collects the statements of learners playing the course, on a fake clock."""

    def __init__(self, start: datetime = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)):
        self.statements: list[dict] = []
        self.clock = start

    @contextlib.contextmanager
    def session(self, learner: Learner, seconds: int, resumed: bool = False, finished: bool = False):
        """A session: start, what happens inside the block, end with the session's duration."""
        self._add(learner.templates["session"]["resumed" if resumed else "initialized"], learner)
        yield
        end = "terminated" if finished else "suspended"
        self._add(learner.templates["session"][end], learner, {"duration": _iso_duration(seconds)})

    def read_pages(self, learner: Learner) -> None:
        for template in learner.templates["pages"].values():
            self._add(template, learner)

    def attempt(self, learner: Learner, correct: set[str], choices: dict[str, str] | None = None,
                reflections: dict[str, str] | None = None) -> float:
        """Submit an assessment attempt with the questions in ``correct`` right; return the score.

        ``choices`` forces the response of some questions (component ids); the rest answer the
        correct pattern, or a wrong one.
        """
        learner.attempts += 1
        extensions = {ATTEMPT_EXTENSION: learner.attempts}
        for question in SCORED:
            template = learner.templates["questions"][question]
            response = (choices or {}).get(question) or _response(template, question in correct)
            self._add(template, learner, {"response": response, "success": question in correct}, extensions)
        for question, text in (reflections or {}).items():
            self._add(learner.templates["questions"][question], learner, {"response": text}, extensions)
        score = len(correct) / len(SCORED)
        passed = 100 * score >= COURSE.pass_mark
        result = {"score": {"scaled": round(score, 4), "raw": round(100 * score, 2), "min": 0, "max": 100},
                  "success": passed, "completion": passed}
        self._add(learner.templates["session"]["passed" if passed else "failed"], learner, result, extensions)
        if passed:
            self._add(learner.templates["session"]["completed"], learner, {"completion": True})
        return round(100 * score, 2)

    def _add(self, template: dict, learner: Learner, result: dict | None = None,
             extensions: dict | None = None) -> None:
        self.clock += timedelta(seconds=20)
        statement = copy.deepcopy(template)
        statement["id"] = str(uuid.uuid4())
        statement["actor"] = {"objectType": "Agent", "name": learner.name, "mbox": f"mailto:{learner.email}"}
        statement["timestamp"] = self.clock.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        statement["context"]["registration"] = learner.registration
        if extensions:
            statement["context"]["extensions"] = extensions
        if result:
            statement["result"] = result
        Statement.from_json(json.dumps(statement))  # tincan rejects what is not a statement
        self.statements.append(statement)


def _response(template: dict, right: bool) -> str:
    """The correct response pattern of a question, or a wrong response of the same shape."""
    definition = template["object"]["definition"]
    pattern = definition["correctResponsesPattern"][0].replace("{case_matters=false}", "")
    if right:
        return pattern
    kind = definition["interactionType"]
    if kind == "true-false":
        return "true" if pattern == "false" else "false"
    if kind == "choice":
        ids = [choice["id"] for choice in definition["choices"]]
        return next(i for i in ids if i not in pattern.split("[,]"))
    if kind == "sequencing":
        return "[,]".join(reversed(pattern.split("[,]")))
    if kind == "matching":  # every source gets the next pair's target
        pairs = [pair.split("[.]") for pair in pattern.split("[,]")]
        return "[,]".join(f"{source}[.]{pairs[(i + 1) % len(pairs)][1]}" for i, (source, _) in enumerate(pairs))
    return "I do not know"


def _iso_duration(seconds: int) -> str:
    return f"PT{seconds // 60}M{seconds % 60}S" if seconds % 60 else f"PT{seconds // 60}M"


def play() -> list[dict]:
    """Four learners; see the expected figures below."""
    sim = Simulation()
    ana, ben = Learner("Ana Novak", "ana@example.org"), Learner("Ben Okafor", "ben@example.org")
    chloe, dara = Learner("Chloé Dubois", "chloe@example.org"), Learner("Dara Ní Bhriain", "dara@example.org")
    with sim.session(ana, seconds=12 * 60):
        sim.read_pages(ana)
        sim.attempt(ana, correct=set(SCORED) - {"q-training-audience", "q-skill-areas", "q-good-mentor-role",
                                                "q-mentor-traits"},
                    reflections={"r-most-important-trait": "Patience, I think."})
    with sim.session(ana, seconds=8 * 60 + 30, resumed=True, finished=True):
        sim.attempt(ana, correct=set(SCORED), reflections={"r-most-important-trait": "Patience and listening."})
    with sim.session(ben, seconds=20 * 60):
        sim.read_pages(ben)
        sim.attempt(ben, correct={"q-partner-count", "q-impact-model-level", "q-good-mentor-role"},
                    choices={"q-mentor-traits": f"{TRAITS[0]}[,]{TRAITS[3]}"})
    with sim.session(chloe, seconds=5 * 60):
        sim.read_pages(chloe)
    with sim.session(dara, seconds=15 * 60, finished=True):
        sim.read_pages(dara)
        sim.attempt(dara, correct=set(SCORED) - {"q-mentor-traits"}, choices={"q-mentor-traits": f"{TRAITS[0]}[,]{TRAITS[1]}"},
                    reflections={"r-most-important-trait": "=listening, before anything else",
                                 "r-skill-to-work-on": "Giving feedback.\nAnd saying no."})
    return sim.statements


#: Expected figures of ``play()``, worked out by hand. 9 scored questions, pass mark 75.
EXPECTED_LEARNERS = {
    # name: (status, best score %, last score %, attempts, seconds spent)
    "Ana Novak": ("passed", 100.0, 100.0, 2, 12 * 60 + 8 * 60 + 30),  # 5/9 failed, then 9/9
    "Ben Okafor": ("failed", 33.33, 33.33, 1, 20 * 60),  # 3/9
    "Chloé Dubois": ("in progress", None, None, 0, 5 * 60),  # pages only
    "Dara Ní Bhriain": ("passed", 88.89, 88.89, 1, 15 * 60),  # 8/9
}
