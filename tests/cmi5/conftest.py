"""Fixtures for the cmi5 tests: the course built with --target cmi5 and unzipped, the test LMS
(``lms.py``) serving it with Ralph as its LRS, and one launcher per test (its own registration)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page

from qser_scorm.course.load import load_course
from qser_scorm.preview.cmi5 import Cmi5Session
from qser_scorm.xapi import course_iri
from tests.browser.conftest import COURSE_SRC, build_package

from .lms import TestCmi5Lms


@pytest.fixture(scope="session")
def cmi5_package(tmp_path_factory) -> Path:
    """``qser-scorm build --target cmi5`` by the real CLI, unzipped as an LMS does on import."""
    return build_package(COURSE_SRC, tmp_path_factory.mktemp("cmi5-build"), "cmi5")


@pytest.fixture(scope="session")
def course_model():
    """The course model the package was built from: the tests take the right answers from it."""
    return load_course(COURSE_SRC)


@pytest.fixture(scope="session")
def cmi5_lms(cmi5_package, lrs, course_model):
    with TestCmi5Lms(cmi5_package, lrs, course_iri(course_model)) as running:
        yield running


@dataclass
class Cmi5Learner:
    """One learner and registration; ``open`` launches a new session of the AU the way the spec says."""

    lms: TestCmi5Lms
    context: object
    registration: str = field(default_factory=lambda: str(uuid.uuid4()))
    errors: list = field(default_factory=list)
    launches: list[Cmi5Session] = field(default_factory=list)

    @property
    def actor(self) -> dict:
        # Spec 9.2: an account, no personal data.
        return {"objectType": "Agent", "account": {"homePage": "https://lms.example", "name": f"learner-{self.registration[:8]}"}}

    def open(self, **launch_data) -> Page:
        url, launch = self.lms.prepare(self.actor, self.registration, **launch_data)
        self.launches.append(launch)
        page = self.context.new_page()
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.goto(url)
        page.wait_for_function("() => window.qser && window.qser.ready")
        page.evaluate("() => window.qser.ready.then(() => true)")
        return page


@pytest.fixture
def cmi5_learner(cmi5_lms, context):
    learner = Cmi5Learner(cmi5_lms, context)
    yield learner
    assert learner.errors == []
