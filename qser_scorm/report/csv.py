"""Render a :class:`~qser_scorm.report.model.Report` as CSV files for spreadsheets.

UTF-8, comma-separated, one header row; numbers without units (scores in percent, time in
seconds) and times in ISO 8601 UTC, so a spreadsheet can compute with them.
"""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

from .model import Report
from .tables import report_tables

#: A cell starting with one of these is run as a formula by Excel and LibreOffice (OWASP "CSV
#: injection"); learners type names and reflections, so such text gets a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_csv(report: Report) -> dict[str, str]:
    """Return {file name: CSV text}: learners.csv, questions.csv, objectives.csv, reflections.csv."""
    return {f"{name}.csv": _table(header, rows) for name, (header, rows) in report_tables(report).items()}


def _table(header: tuple[str, ...], rows: list[tuple]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *([_cell(value) for value in row] for row in rows)])
    return out.getvalue()  # RFC 4180 line ends


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return str(value)
