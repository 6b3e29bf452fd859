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
