"""Fixtures for the report tests: the report command run in-process, and its output read back."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from qser_scorm.commands.report import report_command


class Written:
    """The files a report run wrote into ``folder``."""

    def __init__(self, folder: Path):
        self.folder = folder

    def rows(self, name: str) -> list[dict]:
        with open(self.folder / name, encoding="utf-8", newline="") as file:
            return list(csv.DictReader(file))

    @property
    def html(self) -> str:
        return (self.folder / "report.html").read_text(encoding="utf-8")

    def learners(self) -> dict[str, dict]:
        return {row["learner"]: row for row in self.rows("learners.csv")}


@pytest.fixture
def run_report(tmp_path):
    """Run ``qser-scorm report ARGS --out <tmp>``; return (click Result, Written)."""

    def run(*args: str):
        out = tmp_path / "report"
        result = CliRunner().invoke(report_command, [*map(str, args), "--out", str(out)])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result, Written(out)

    return run


@pytest.fixture
def statements_file(tmp_path):
    """Save statements as a JSON list; return the file's path."""

    def save(statements, name: str = "statements.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(statements), encoding="utf-8")
        return path

    return save
