"""The Greek and Spanish Q-SER packages played to the end in the test LMS (scorm-again), as a
learner in Athens or Seville would: each reaches a final status, with the interaction and
objective ids of the English package, so one LMS report and gradebook column serve all three."""
from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from qser_scorm.course.load import load_course
from qser_scorm.translate.apply import language_courses
from tests.browser.conftest import mastery_score
from tests.conftest import REPO, SHIPPED_COURSE
from tests.browser.learner import run_course
from tests.browser.lms import TestLms
from tests.browser.server import LmsServer

LANGUAGES = ("en", "el", "es")


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, object]:
    """Each language's SCORM 1.2 package, unzipped, from one build of the shipped course."""
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "-m", "qser_scorm", "build", str(SHIPPED_COURSE), "--out", str(out)],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    unzipped = {}
    for language in LANGUAGES:
        unzipped[language] = out / language
        name = "qser-becoming-a-mentor-scorm12.zip" if language == "en" else f"qser-becoming-a-mentor-{language}-scorm12.zip"
        with zipfile.ZipFile(out / name) as archive:
            archive.extractall(unzipped[language])
    return unzipped


@pytest.fixture(scope="module")
def courses() -> dict[str, object]:
    editions, problems = language_courses(load_course(SHIPPED_COURSE), SHIPPED_COURSE)
    assert [p for p in problems if p.severity == "error"] == []
    return {course.language: course for course in editions}


def test_every_language_reaches_a_final_status_with_the_same_ids(packages, courses, context):
    stored = {}
    for language in LANGUAGES:
        with LmsServer(packages[language]) as server:
            session = TestLms(server, context, mastery_score(packages[language])).launch().ready()
            assert session.sco.locator("html").get_attribute("lang") == language
            stored[language] = run_course(session, courses[language])
            assert session.refused_sets() == []
    for language, data in stored.items():
        assert data["core"]["lesson_status"] == "passed", language
    ids = {language: [i["id"] for i in data["interactions"].values()] for language, data in stored.items()}
    objectives = {language: sorted(o["id"] for o in data["objectives"].values()) for language, data in stored.items()}
    responses = {language: [i["student_response"] for i in data["interactions"].values() if i["type"] == "choice"]
                 for language, data in stored.items()}
    assert ids["el"] == ids["es"] == ids["en"]
    assert objectives["el"] == objectives["es"] == objectives["en"] == ["obj-importance", "obj-intro", "obj-role"]
    assert responses["el"] == responses["es"] == responses["en"]  # readable ids from the English source
