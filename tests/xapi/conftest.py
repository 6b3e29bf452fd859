"""Fixtures for the xAPI tests: the course built for both targets, each package on a loopback
server, Chromium from the browser tests, and Ralph (``tests/lrs.py``, loaded by the root conftest).
"""
from __future__ import annotations

import json
import subprocess
import sys
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import COURSE_SRC, REPO, course, lms, package, server  # noqa: F401
from tests.browser.server import LmsServer

from .outbox import StatementPosts

LEARNER = {"objectType": "Agent", "name": "Maria Testperson", "mbox": "mailto:maria@example.org"}


@pytest.fixture(scope="session")
def xapi_build(tmp_path_factory) -> Path:
    """``qser-scorm build --target xapi`` of the Q-SER course, by the real CLI: the output folder."""
    out = tmp_path_factory.mktemp("xapi-build")
    done = subprocess.run([sys.executable, "-m", "qser_scorm", "build", str(COURSE_SRC), "--out", str(out),
                           "--target", "xapi"], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session")
def xapi_server(xapi_build):
    """The unzipped Tin Can package, served on 127.0.0.1 as an LMS or LRS-side player would."""
    (archive,) = xapi_build.glob("*-xapi.zip")
    unzipped = xapi_build / "unzipped"
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(unzipped)
    with LmsServer(unzipped) as running:
        yield running


def launch_query(lrs, registration: str, actor: dict | None = LEARNER) -> str:
    """The Tin Can launch parameters an LMS adds to the launch URL (or puts in launch_data)."""
    params = {"endpoint": lrs.endpoint, "auth": lrs.auth, "registration": registration}
    if actor is not None:
        params["actor"] = json.dumps(actor)
    return urlencode(params)


@dataclass
class XapiLaunch:
    """Opens the Tin Can package the way an LMS launch plugin does; one registration per test."""

    server: LmsServer
    context: object
    lrs: object
    registration: str
    errors: list
    actor: dict = None  #: the launch actor; None: LEARNER
    posts: StatementPosts = None  #: the statement POSTs of the page last opened

    def open(self) -> Page:
        page = self.context.new_page()
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.posts = StatementPosts(page)
        page.goto(f"{self.server.origin}/sco/index.html?{launch_query(self.lrs, self.registration, self.actor or LEARNER)}")
        page.wait_for_function("() => window.qser && window.qser.ready")
        page.evaluate("() => window.qser.ready.then(() => true)")
        return page


@pytest.fixture
def xapi_launch(xapi_server, context, lrs):
    launcher = XapiLaunch(xapi_server, context, lrs, str(uuid.uuid4()), [])
    yield launcher
    assert launcher.errors == []
