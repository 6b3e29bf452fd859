"""Shared fixtures: a private copy of the Q-SER course to edit, and the CLI run in-process.

Also the test slices (README, "Running part of the tests"): a test that uses Chromium (the
``browser`` fixture, or one built on it) is marked ``browser``, one that uses Ralph (``lrs``) is
marked ``lrs``; the fuzz tests and the users of SLOW_FIXTURES are marked ``slow``: no decorator
to remember. Where Chromium or Ralph is missing their tests are skipped, under one line of the
summary; with QSER_REQUIRE_BROWSER or QSER_REQUIRE_LRS set (scripts/test sets both, for CI) they
fail instead.

Run in parallel (scripts/test: ``pytest -n auto --dist loadgroup``, pytest-xdist), each worker
has its own session fixtures (Chromium, Ralph, packages) and temporary folders; the tests of one
file stay on one worker (its module fixtures are made once), and so do the tests of a costly
fixture of ONE_WORKER_FIXTURES.
"""
from __future__ import annotations

import atexit
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from qser_scorm.__main__ import cli

REPO = Path(__file__).resolve().parent.parent
#: The Q-SER course as shipped: English, Greek and Spanish packages (tests/translate builds it).
SHIPPED_COURSE = REPO / "course_src"


def _source_language_only(shipped: Path) -> Path:
    """A copy of the shipped course without `languages:`: one package, in its source language."""
    copy = Path(tempfile.mkdtemp(prefix="qser-course-")) / "course_src"
    atexit.register(shutil.rmtree, copy.parent, True)
    shutil.copytree(shipped, copy)
    course_yaml = copy / "course.yaml"
    kept = [line for line in course_yaml.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("languages:")]
    course_yaml.write_text("".join(kept), encoding="utf-8")
    return copy


#: The Q-SER course in English only: what every test but the translation tests builds.
COURSE_SRC = _source_language_only(SHIPPED_COURSE)
#: The official SCORM 1.2 XSDs, shipped as package data (qser_scorm/schemas/README.md).
SCHEMAS = REPO / "qser_scorm" / "schemas" / "scorm12"

pytest_plugins = ["tests.chromium", "tests.lrs"]

#: Marker -> (the fixture that means a test needs it, the plugin that knows whether it can run here
#: (its ``missing()``), the variable that makes a missing one a failure)
NEEDS = {"browser": ("browser", "tests.chromium", "QSER_REQUIRE_BROWSER"),
         "lrs": ("lrs", "tests.lrs", "QSER_REQUIRE_LRS")}
SLOW_FOLDERS = (REPO / "tests" / "fuzz",)
#: Fixtures that take seconds: a pip install of the wheel, the workshop PDFs (WeasyPrint)
SLOW_FIXTURES = {"installed_wheel", "qser_kit", "language_kits"}
#: Session fixtures that take seconds and serve tests in several files: made on one worker only
ONE_WORKER_FIXTURES = {"installed_wheel"}


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(items) -> None:
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))  # every fixture it uses, directly or not
        for marker, (fixture, _, _) in NEEDS.items():
            if fixture in uses:
                item.add_marker(marker)
        if uses & SLOW_FIXTURES or any(folder in item.path.parents for folder in SLOW_FOLDERS):
            item.add_marker("slow")
        shared = sorted(uses & ONE_WORKER_FIXTURES)
        item.add_marker(pytest.mark.xdist_group(shared[0] if shared else item.path.relative_to(REPO).as_posix()))


@pytest.hookimpl(tryfirst=True)  # before any fixture starts
def pytest_runtest_setup(item) -> None:
    for marker, (_, plugin, required) in NEEDS.items():
        if item.get_closest_marker(marker) and (reason := _why_missing(plugin)):
            if os.environ.get(required):
                pytest.fail(f"{reason} ({required} is set: these tests must run)", pytrace=False)
            pytest.skip(reason)  # raised here, so pytest -ra folds every such skip into one line


@cache
def _why_missing(plugin: str) -> str:
    return importlib.import_module(plugin).missing()


def the_one_sco(manifest, imscp: str, scorm_type: str):
    """Assert the manifest's shape for one SCO: the default organization launches its one item,
    which points at the one resource, a "sco" (``scorm_type`` attribute) launched by index.html;
    return that resource. ``imscp`` is the version's content packaging namespace."""
    ns = {"cp": imscp}
    organizations = manifest.find("cp:organizations", ns)
    (organization,) = organizations.findall("cp:organization", ns)
    assert organizations.get("default") == organization.get("identifier")
    (item,) = organization.findall("cp:item", ns)
    (resource,) = manifest.findall("cp:resources/cp:resource", ns)
    assert item.get("identifierref") == resource.get("identifier")
    assert resource.get(scorm_type) == "sco" and resource.get("type") == "webcontent"
    assert resource.get("href") == "index.html"
    return resource


@pytest.fixture
def course(tmp_path) -> Path:
    """A copy of course_src that a test may break."""
    return Path(shutil.copytree(COURSE_SRC, tmp_path / "course_src"))


@pytest.fixture
def run_cli():
    """Run ``qser-scorm ARGS`` in-process; return click's Result (exit_code, output)."""
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return run


@pytest.fixture(scope="session")
def installed_wheel(tmp_path_factory) -> Path:
    """A folder holding qser-scorm as a plain (non-editable) install of its wheel: put it on
    PYTHONPATH to run the installed copy, which has only what the wheel carries."""
    wheels, site = tmp_path_factory.mktemp("wheels"), tmp_path_factory.mktemp("site")
    # From a copy of the source: setuptools' build/ in a working tree may hold files since deleted.
    source = shutil.copytree(REPO, tmp_path_factory.mktemp("source") / "qser-scorm",
                             ignore=shutil.ignore_patterns(".git", "build", "dist", "node_modules", ".venv*",
                                                           "*.egg-info", "__pycache__", ".hypothesis"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", wheels,
                    source], check=True, capture_output=True)
    (wheel,) = wheels.glob("qser_scorm-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", site, wheel],
                   check=True, capture_output=True)
    return site
