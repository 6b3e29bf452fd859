"""Render a :class:`~qser_scorm.report.model.Report` as one Excel workbook (openpyxl): a sheet
per table, the same columns as the CSV files, numbers as numbers and times as UTC dates."""
from __future__ import annotations

import io
from datetime import datetime, timezone

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .model import Report
from .tables import report_tables


def render_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (header, rows) in report_tables(report).items():
        sheet = workbook.create_sheet(name)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_value(value) for value in row])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    # Text stays text: openpyxl would store "=..." typed by a learner as a formula.
                    cell.data_type = "s"
                    cell.alignment = Alignment(wrap_text="\n" in cell.value, vertical="top")
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _value(value):
    if isinstance(value, datetime):  # Excel has no time zones: UTC, as the column header says
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    return value
