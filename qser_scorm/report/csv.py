"""Render a :class:`~qser_scorm.report.model.Report` as CSV files for spreadsheets.

UTF-8, comma-separated, one header row; numbers without units (scores in percent, time in
seconds) and times in ISO 8601 UTC, so a spreadsheet can compute with them.
"""
from __future__ import annotations

import csv
import io
from datetime import timezone

from .model import UNKNOWN_TIME, Report

#: A cell starting with one of these is run as a formula by Excel and LibreOffice (OWASP "CSV
#: injection"); learners type names and reflections, so such text gets a leading apostrophe.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

LEARNER_COLUMNS = ("learner", "account", "status", "best_score", "last_score", "attempts", "time_spent_seconds",
                   "last_activity")
QUESTION_COLUMNS = ("question", "prompt", "question_iri", "interaction_type", "answers", "correct", "correct_rate",
                    "answer_distribution")
REFLECTION_COLUMNS = ("question", "prompt", "question_iri", "learner", "answered_at", "reflection")


def render_csv(report: Report) -> dict[str, str]:
    """Return {file name: CSV text} for learners.csv, questions.csv and reflections.csv."""
    learners = [(_text(learner.name), _text(learner.account), learner.status, _number(learner.best_score),
                 _number(learner.last_score), learner.attempts, round(learner.seconds),
                 _iso(learner.last_activity)) for learner in report.learners]
    questions = [(_text(question.name), _text(question.prompt), question.iri, question.kind, question.answers,
                  question.correct, _number(question.correct_rate),
                  _text("; ".join(f"{label}: {count}" for label, count in question.distribution)))
                 for question in report.questions]
    reflections = [(_text(question.name), _text(question.prompt), question.iri, _text(answer.learner),
                    _iso(answer.when), _text(answer.text))
                   for question in report.reflections for answer in question.latest]
    return {
        "learners.csv": _table(LEARNER_COLUMNS, learners),
        "questions.csv": _table(QUESTION_COLUMNS, questions),
        "reflections.csv": _table(REFLECTION_COLUMNS, reflections),
    }


def _table(header: tuple[str, ...], rows: list[tuple]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *rows])  # RFC 4180 line ends
    return out.getvalue()


def _text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def _iso(moment) -> str:
    if moment == UNKNOWN_TIME:
        return ""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
