"""The workshop kits of the Q-SER course and of the tiny Greek and Spanish courses, built once."""
from __future__ import annotations

from pathlib import Path

import pytest

from qser_scorm.pipeline import build
from tests.conftest import COURSE_SRC
from tests.workshop.pdfs import read_pdf

COURSES = Path(__file__).resolve().parent / "courses"


def _kit(source: Path, out: Path, paper: str = "a4") -> dict:
    written = build(source, out, ("workshop",), paper=paper).written
    return {path.name.rsplit("-", 1)[1][:-4]: read_pdf(path) for path in written}


@pytest.fixture(scope="session")
def qser_kit(tmp_path_factory) -> dict:
    """``{"facilitator": Pdf, "handout": Pdf}`` of the Q-SER course, on A4."""
    return _kit(COURSE_SRC, tmp_path_factory.mktemp("qser-kit"))


@pytest.fixture(scope="session")
def language_kits(tmp_path_factory) -> dict:
    """The kits of the tiny Greek (default agenda, a figure) and Spanish (an agenda) courses."""
    return {language: _kit(COURSES / language, tmp_path_factory.mktemp(f"kit-{language}"))
            for language in ("el", "es")}
