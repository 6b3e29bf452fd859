"""What the xAPI tests and the benchmark do with the packages: play the course in Chromium,
wait for Ralph to hold the statements, make statements in bulk with tincan."""
from __future__ import annotations

import time
import uuid
from collections import Counter
from datetime import datetime, timezone

from tincan import Agent, Context, Statement

from qser_scorm.xapi import statement_templates
from tests.browser.learner import CourseLearner, responses

ADL = "http://adlnet.gov/expapi/verbs/"
#: Three wrong of nine equally weighted questions: 66.67 %, under the pass mark of 75.
WRONG = frozenset({"q-path-to-mentor", "q-skill-areas", "q-partner-count"})


def wait_for_statements(lrs, registration: str, count: int, timeout: float = 20) -> list[dict]:
    """Wait until the LRS holds ``count`` statements of the registration, then make sure no more
    arrive (a duplicate would come late); return them, oldest first."""
    deadline = time.monotonic() + timeout
    while len(lrs.statements(registration=registration)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)
    return lrs.statements(registration=registration)


def verbs(statements: list[dict]) -> Counter:
    return Counter(s["verb"]["id"].removeprefix(ADL) for s in statements)


def play(page, frame, course, attempts: list[frozenset]) -> None:
    """Page through the course, submit once per entry of ``attempts`` (the wrong ids), Exit."""
    learner = CourseLearner(page, frame, course)
    learner.go_to("qser-assessment")
    for number, wrong in enumerate(attempts):
        if number:
            learner.press(frame.locator("#qser-retry"))
            frame.locator("#qser-assessment:visible").wait_for()
        learner.answer_all(responses(course, wrong))
        learner.submit()
    learner.press(frame.locator("#qser-exit"))


def page_statements(course, registration: str, count: int) -> list[Statement]:
    """``count`` "experienced" statements of one learner, made with tincan from the templates."""
    templates = list(statement_templates(course)["pages"].values())
    statements = []
    for number in range(count):
        statement = Statement(templates[number % len(templates)])
        statement.id = str(uuid.uuid4())
        statement.actor = Agent(mbox="mailto:maria@example.org", name="Maria Testperson")
        statement.context = Context(statement.context, registration=registration)
        statement.timestamp = datetime.now(timezone.utc)
        statements.append(statement)
    return statements
