"""The report of learners who played the built Tin Can package in Chromium, with Ralph as the LRS.

The course is a copy of course_src under another id, so its activity IRI is its own: other tests
post statements of the Q-SER course to the same Ralph.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import uuid
import zipfile

import pytest

from qser_scorm.course.load import load_course
from qser_scorm.xapi import course_iri
from tests.browser.learner import REFLECTION_TEXT, WRONG
from tests.browser.server import LmsServer
from tests.xapi.conftest import REPO, launch_query
from tests.xapi.runs import play

COURSE_ID = "qser-report-played"
#: name -> the wrong question ids of each submitted attempt (WRONG: 6 of 9 right, 66.67 %).
PLAYS = {
    "Maria Testperson": [WRONG, frozenset()],  # fails, retries, passes
    "Jonas Probst": [WRONG],  # fails once and leaves
    "Aiko Tanaka": [frozenset()],  # passes at once
}


@pytest.fixture(scope="module")
def played(browser, lrs, tmp_path_factory):
    """Build the copied course, let each learner of PLAYS play it; return the course model."""
    folder = tmp_path_factory.mktemp("played")
    source = shutil.copytree(REPO / "course_src", folder / "course_src")
    course_yaml = source / "course.yaml"
    course_yaml.write_text(re.sub(r"(?m)^id: .*$", f"id: {COURSE_ID}", course_yaml.read_text(encoding="utf-8")),
                           encoding="utf-8")
    built = subprocess.run([sys.executable, "-m", "qser_scorm", "build", str(source), "--out", str(folder / "dist"),
                            "--target", "xapi"], capture_output=True, text=True, cwd=REPO)
    assert built.returncode == 0, built.stdout + built.stderr
    with zipfile.ZipFile(folder / "dist" / f"{COURSE_ID}-xapi.zip") as zipped:
        zipped.extractall(folder / "package")
    course = load_course(source)
    with LmsServer(folder / "package") as server:
        for name, attempts in PLAYS.items():
            actor = {"objectType": "Agent", "name": name, "mbox": f"mailto:{name.split()[0].lower()}@example.org"}
            registration = str(uuid.uuid4())
            context = browser.new_context()
            context.set_default_timeout(10_000)
            page = context.new_page()
            page.goto(f"{server.origin}/sco/index.html?{launch_query(lrs, registration, actor)}")
            page.wait_for_function("() => window.qser && window.qser.ready")
            play(page, page, course, attempts)
            _wait_for_session_end(lrs, registration)
            context.close()
    return course


def _wait_for_session_end(lrs, registration: str, timeout: float = 20) -> None:
    ends = ("http://adlnet.gov/expapi/verbs/suspended", "http://adlnet.gov/expapi/verbs/terminated")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(s["verb"]["id"] in ends for s in lrs.statements(registration=registration)):
            return
        time.sleep(0.2)
    raise AssertionError(f"the session of {registration} never ended in the LRS")


def test_report_has_the_numbers_played(played, lrs, run_report):
    started = time.monotonic()
    result, written = run_report("--lrs", lrs.endpoint, "--user", lrs.username, "--password", lrs.password,
                                 "--activity", course_iri(played))

    assert result.exit_code == 0, result.output
    learners = written.learners()
    got = {name: (row["status"], row["best_score"], row["last_score"], row["attempts"])
           for name, row in learners.items()}
    assert got == {
        "Maria Testperson": ("passed", "100", "100", "2"),
        "Jonas Probst": ("failed", "66.67", "66.67", "1"),
        "Aiko Tanaka": ("passed", "100", "100", "1"),
    }
    assert all(0 <= int(row["time_spent_seconds"]) <= 600 for row in learners.values())
    assert "66.7 %</strong> pass rate" in written.html

    questions = {row["question"]: row for row in written.rows("questions.csv")}
    assert len(questions) == len(played.scored_questions)
    # Four submissions: Maria twice, Jonas, Aiko; WRONG questions right only in two of them.
    for question in played.scored_questions:
        row = questions[question.id]
        expected_correct = 2 if question.id in WRONG else 4
        assert (row["answers"], row["correct"]) == ("4", str(expected_correct)), question.id
    # Fill-in answers are grouped as marked: "  SEVEN " (tests/browser/learner.py) counts as "seven".
    assert questions["q-partner-count"]["answer_distribution"] == "i do not know: 2; seven: 2"

    reflections = written.rows("reflections.csv")
    assert {(row["learner"], row["reflection"]) for row in reflections
            if row["question"] == "r-most-important-trait"} == {(name, REFLECTION_TEXT) for name in PLAYS}
    assert time.monotonic() - started < 30
    assert json.dumps(lrs.password) not in written.html
