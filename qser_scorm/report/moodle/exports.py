"""Read Moodle 4.5's downloads of a SCORM activity: the SCORM reports (basic, interactions,
objectives) and the gradebook export, in each format Moodle writes them.

Formats: text (``.txt``, tab-separated although Moodle's link says CSV; the gradebook's ``.csv``
with the separator the coordinator chose), OpenDocument (``.ods``, read with odfpy) and Excel
(``.xlsx``, read with python-calamine; it cannot read Moodle's ODS, whose rows hold whitespace
between the cells). The kind of file is told by its header row, not its name.

Moodle's quirks met here (docs/report.md lists them):
- learner text in the SCORM reports is HTML-escaped once (``&amp;``, ``&#039;``, ``&quot;``), in
  every format; the gradebook's is not;
- spreadsheets store numeric-looking text as numbers (``7``, ``0``, ``88.89``): read back as text;
- one row per Moodle attempt, in no useful order; a learner who never launched has a row of ``-``;
- a reflection keeps its line breaks inside one quoted field (a record spans several lines);
- the SCORM reports hold no passed/failed: a status word stands in the SCO column only when there
  is no score, and ``Score`` is ``0`` for an attempt never submitted;
- the interactions report numbers interaction *slots*; its default download has responses only.
"""
from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from xml.sax import SAXException
from datetime import datetime, timezone
from pathlib import Path

from odf import teletype
from odf.opendocument import load as load_ods
from odf.table import Table, TableCell, TableRow
from python_calamine import CalamineError, CalamineWorkbook

from qser_scorm.errors import QserError

from ..answers import AnswerKey
from ..model import UNKNOWN_TIME
from .tracks import LESSON_STATUSES, Enrolment, Interaction, in_activities_played

#: ``Question 3``, ``Response 3``, ``Right answer 3``, ``Result 3``: interaction slot 3.
_SLOT = re.compile(r"(Question|Response|Right answer|Result) (\d+)$")
_BASIC = ("Name", "Email address", "Attempt", "Started on", "Last accessed on", "Score")
_GRADE_COLUMN = re.compile(r"SCORM package: (.*) \(Real\)$")
_SEPARATORS = "\t,;:"  # Moodle's gradebook text export offers these four


class ExportError(QserError):
    """A file given to --moodle-export cannot be read as a Moodle download (exit code 2)."""

    exit_code = 2


def read_exports(sources: list[tuple[str, Path]], key: AnswerKey) -> tuple[list[Enrolment], str, int]:
    """Read the downloads, each given with the language of the activity's package ("" for the
    language of the package the answer key is of). The files of one language are one Moodle
    activity (a course built per language is one activity per language), merged into one
    Enrolment per learner. Return the enrolments of every activity, the first activity's title
    and the number of Moodle attempts read."""
    activities: dict[str, list[Path]] = {}
    for language, path in sources:
        activities.setdefault(language or key.played_language, []).append(path)
    enrolments: list[Enrolment] = []
    title = ""
    for language, paths in activities.items():
        found, activity_title = _activity(paths, key)
        for enrolment in found:
            enrolment.language = language
        enrolments += found
        title = title or activity_title
    if len(activities) > 1:
        enrolments = in_activities_played(enrolments)
    return enrolments, title, sum(len(e.attempts) for e in enrolments)


def _activity(paths: list[Path], key: AnswerKey) -> tuple[list[Enrolment], str]:
    """One activity's downloads: its SCORM reports first, which name its package, then gradebooks,
    whose column of that package holds the grades."""
    enrolments: dict[str, Enrolment] = {}
    reports, gradebooks = [], []
    for path in paths:
        if path.suffix.lower() == ".xml":
            raise ExportError(f"{path}: the gradebook's XML export names learners by ID number only.\n"
                              "Export the gradebook as a plain text file, ODS or Excel instead.")
        header, rows = _table(path)
        if header[:len(_BASIC)] == list(_BASIC):
            reports.append((path, header, rows))
        elif {"First name", "Last name", "Email address"} <= set(header):
            gradebooks.append((path, header, rows))
        else:
            raise ExportError(f"{path}: not a Moodle SCORM report or gradebook download (its first row is "
                              f"{', '.join(header[:4])}...).\nDownload the activity's Basic, Interactions or "
                              "Objectives report, or the gradebook's export (text, ODS or Excel).")
    title = ""
    for path, header, rows in reports:
        title = _scorm_report(path, header, rows, key, enrolments) or title
    for path, header, rows in gradebooks:
        title = _gradebook(path, header, rows, enrolments, title) or title
    return list(enrolments.values()), title


def _scorm_report(path: Path, header: list[str], rows: list[list[str]], key: AnswerKey, enrolments: dict) -> str:
    sco_title = header[6] if len(header) > 6 and not _SLOT.match(header[6]) else ""
    slots = sorted({int(m.group(2)) for m in map(_SLOT.match, header) if m})
    columns = {name: index for index, name in enumerate(header)}
    for index, row in enumerate(rows, 2):
        name, email, number, _, last_access, score = row[:6]
        enrolment = _enrolment(enrolments, name, email)
        if number == "-":  # never launched: Moodle's "all users" row
            continue
        try:
            attempt = enrolment.attempt(int(float(number)))
        except ValueError:
            raise ExportError(f"{path}: row {index}: the Attempt column holds {number!r}, not a number.\n"
                              "Give the file as Moodle downloaded it.") from None
        attempt.last_access = max(attempt.last_access, _moodle_date(last_access))
        sco = row[6] if sco_title else ""
        attempt.status = LESSON_STATUSES.get(sco.lower(), attempt.status)
        if attempt.status not in ("in progress", "not attempted"):
            attempt.score = _number(score)
        if slots and attempt.interactions is None:
            attempt.interactions = _interactions(row, columns, slots, key)
    return sco_title


def _interactions(row: list[str], columns: dict, slots: list[int], key: AnswerKey) -> list[Interaction]:
    interactions = []
    for n in slots:
        question = row[columns[f"Question {n}"]] if f"Question {n}" in columns else _slot_question(n, key)
        if not question:
            continue  # an empty slot: this attempt has fewer interactions than the longest one
        response = html.unescape(row[columns[f"Response {n}"]]) if f"Response {n}" in columns else ""
        result = row[columns[f"Result {n}"]] if f"Result {n}" in columns else None
        interactions.append(Interaction(html.unescape(question), response, result or None))
    if "Question 0" not in columns:  # responses only: empty trailing slots are no answers
        while interactions and not interactions[-1].response:
            interactions.pop()
    return interactions


def _slot_question(n: int, key: AnswerKey) -> str:
    """Without ``Question n`` columns, slot n is the n-th question: the package writes every
    question of the assessment, in authored order, at each submission."""
    return key.questions[n % len(key.questions)].id if key.questions else ""


def _gradebook(path: Path, header: list[str], rows: list[list[str]], enrolments: dict, package: str) -> str:
    """Read the grades of the SCORM activity; in a course of several (one per language), of the
    one named as ``package``, the title its SCORM reports give."""
    grades = [(index, m.group(1)) for index, m in enumerate(map(_GRADE_COLUMN.match, header)) if m]
    if not grades:
        raise ExportError(f"{path}: this gradebook export has no SCORM grade in points (Real).\n"
                          "Export it again with the display type Real ticked (the default).")
    if len(grades) > 1:
        grades = [(index, name) for index, name in grades if name == package]
        if len(grades) != 1:
            names = ", ".join(m.group(1) for m in map(_GRADE_COLUMN.match, header) if m)
            raise ExportError(f"{path}: the gradebook holds the grades of several SCORM activities ({names}) "
                              "and none is named as the package of this activity's SCORM report"
                              f"{f' ({package})' if package else ''}.\nExport the gradebook again with only "
                              "this activity's grade item ticked: one file per activity, given with its "
                              "language (--moodle-export el=FILE).")
    column, title = grades[0]
    first, last, email = (header.index(name) for name in ("First name", "Last name", "Email address"))
    for row in rows:
        enrolment = _enrolment(enrolments, f"{row[first]} {row[last]}", row[email])
        enrolment.graded, enrolment.grade = True, _number(row[column])
    return title


def _enrolment(enrolments: dict, name: str, email: str) -> Enrolment:
    account = email.strip().lower()
    return enrolments.setdefault(account, Enrolment(name=name.strip(), email=account))


def _number(text: str) -> float | None:
    try:
        return round(float(text), 2)
    except ValueError:
        return None  # "-": no grade or no attempt


def _moodle_date(text: str):
    """``Tuesday, 1 December 2026, 4:03 PM`` (text) or ``1 December 2026, 4:03 PM`` (spreadsheets),
    in the downloading user's timezone, read as UTC (the report says so)."""
    parts = [part.strip() for part in text.split(",")]
    try:
        moment = datetime.strptime(", ".join(parts[-2:]), "%d %B %Y, %I:%M %p")
    except ValueError:
        return UNKNOWN_TIME
    return moment.replace(tzinfo=timezone.utc)


# --- the formats ----------------------------------------------------------------------------------


def _table(path: Path) -> tuple[list[str], list[list[str]]]:
    """The first sheet of ``path`` as text cells: (header, rows), blank rows left out."""
    reader = {".ods": _ods_rows, ".xlsx": _xlsx_rows}.get(path.suffix.lower(), _text_rows)
    try:
        rows = [row for row in reader(path) if any(cell.strip() for cell in row)]
    except OSError as error:
        raise ExportError(f"Cannot read {path}: {error.strerror or error}.\n"
                          "Check the file name given to --moodle-export.") from None
    except (ValueError, KeyError, IndexError, zipfile.BadZipFile, SAXException) as error:
        raise ExportError(f"{path}: not a readable {path.suffix.lstrip('.') or 'text'} file ({error}).\n"
                          "Give the file as Moodle downloaded it (text, ODS or Excel).") from None
    if not rows:
        raise ExportError(f"{path} is empty.\nDownload the report again from Moodle.")
    # Rows are padded to the header: the 4.5 objectives report writes headers without cells.
    width = len(rows[0])
    return [cell.strip() for cell in rows[0]], [row + [""] * (width - len(row)) for row in rows[1:]]


def _text_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(_SEPARATORS, key=first_line.count)
    # A reflection's line breaks stay inside a quoted field (PHP fputcsv): a CSV parser, not lines.
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _xlsx_rows(path: Path) -> list[list[str]]:
    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    except CalamineError as error:
        raise ValueError(str(error)) from None
    return [[_cell_text(value) for value in row] for row in sheet.to_python()]


def _ods_rows(path: Path) -> list[list[str]]:
    table = load_ods(str(path)).getElementsByType(Table)[0]
    rows = []
    for row in table.getElementsByType(TableRow):
        cells = []
        for cell in row.getElementsByType(TableCell):
            repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
            cells.extend([teletype.extractText(cell)] * min(repeat, 1024))
        rows.append(cells)
    return rows


def _cell_text(value) -> str:
    """A spreadsheet cell as the text Moodle wrote: ``7`` not ``7.0``, ``88.89`` not ``88.89000001``."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)
