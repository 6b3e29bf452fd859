"""Shared fixtures: a private copy of the Q-SER course to edit, and the CLI run in-process."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from qser_scorm.__main__ import cli

REPO = Path(__file__).resolve().parent.parent
COURSE_SRC = REPO / "course_src"
#: The official SCORM 1.2 XSDs, shipped as package data (qser_scorm/schemas/README.md).
SCHEMAS = REPO / "qser_scorm" / "schemas" / "scorm12"

pytest_plugins = ["tests.chromium", "tests.lrs"]


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
