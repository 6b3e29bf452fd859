"""Fixtures for the browser tests: the Q-SER course built into a SCORM 1.2 package and unzipped,
a loopback server with the test LMS (scorm-again) around it, and Debian's Chromium.

One browser per session (launching costs about a second); a fresh context per test, so no
storage, cookie or page leaks from one test into the next.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from lxml import etree

from qser_scorm.course.load import load_course
from tests.conftest import COURSE_SRC  # the course in English only

from .lms import TestLms
from .server import LmsServer

REPO = Path(__file__).resolve().parents[2]
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"


def build_package(source: Path, out: Path, target: str = "scorm12") -> Path:
    """Build ``source`` for ``target`` with the real CLI and unzip its zip; return the unzipped folder."""
    result = subprocess.run(
        [sys.executable, "-m", "qser_scorm", "build", str(source), "--out", str(out), "--target", target],
        capture_output=True, text=True, cwd=REPO,
    )
    assert result.returncode == 0, f"qser-scorm build failed:\n{result.stdout}{result.stderr}"
    (archive,) = out.glob(f"*-{target}.zip")
    unzipped = out / target
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(unzipped)
    return unzipped


@contextmanager
def served(source: Path, out: Path):
    """Build ``source`` into ``out`` and serve it in the test LMS; yield the server and the
    package's mastery score (for :class:`lms.TestLms`)."""
    package = build_package(source, out)
    with LmsServer(package) as running:
        yield running, mastery_score(package)


def build_variant(folder: Path, edit) -> Path:
    """Copy the course into ``folder``, let ``edit(source folder)`` change it, build it with the CLI
    and unzip it; return the unzipped package."""
    source = Path(shutil.copytree(COURSE_SRC, folder / "course_src"))
    edit(source)
    return build_package(source, folder / "dist")


def mastery_score(package: Path) -> str:
    """The manifest's adlcp:masteryscore, which the LMS hands the SCO as mastery_score."""
    found = etree.parse(str(package / "imsmanifest.xml")).findall(f".//{{{ADLCP}}}masteryscore")
    return found[0].text.strip() if found else ""


@pytest.fixture(scope="session")
def package(tmp_path_factory) -> Path:
    return build_package(COURSE_SRC, tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def server(package):
    with LmsServer(package) as running:
        yield running


@pytest.fixture
def lms(server, context, package):
    test_lms = TestLms(server, context, mastery_score(package))
    yield test_lms
    # Whatever the LMS answered, the course must never break with an uncaught error.
    assert test_lms.page_errors == []


@pytest.fixture(scope="session")
def course():
    """The course model the package was built from: the tests take the right answers from it.

    Overrides ``tests/conftest.py``'s ``course`` (a folder to edit) for the browser tests."""
    return load_course(COURSE_SRC)
