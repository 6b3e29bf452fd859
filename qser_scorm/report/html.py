"""Render a :class:`~qser_scorm.report.model.Report` as one self-contained HTML page.

Charts are inline SVG drawn here from the numbers, each followed by a table with the same
numbers, so the page needs no JavaScript, no network and no image files, and screen readers get
the tables.
"""
from __future__ import annotations

from datetime import datetime, timezone

import jinja2
from babel import Locale, UnknownLocaleError

from .model import STATUSES, UNKNOWN_TIME, Cohort, Report
from .wording import ReportTexts

#: Status -> bar colour; each passes 3:1 contrast on white (WCAG 1.4.11, non-text contrast).
STATUS_COLOURS = {"passed": "#1a7f37", "failed": "#b42318", "completed": "#6a5acd", "in progress": "#6b7280",
                  "not attempted": "#9a6700"}
_CHART_WIDTH = 600
_BAR_HEIGHT = 160

_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("qser_scorm.report", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


def render_html(report: Report, source: str, generated: datetime | None = None) -> str:
    """Return the HTML report; ``source`` says where the records came from (no secrets)."""
    lms_attempts = any(learner.lms_attempts is not None for learner in report.learners)
    texts = ReportTexts(report.language)
    generated = generated or datetime.now(timezone.utc)
    return _environment.get_template("report.html").render(
        report=report,
        source=source,
        records="attempts" if lms_attempts else "statements",
        lms_attempts=lms_attempts,
        group_names=report.groups,  # once: the template asks for each learner row
        groups=report.group_cohorts(),
        answered_languages=report.answered_languages,
        language_cohorts=report.language_cohorts(),
        everyone=Cohort.of("", report.learners),
        language_name=lambda tag: _language_name(tag, texts),
        # the learners' language beside each name, when they played in more than one or are compared
        language_column=report.by_language or len([language for language in report.languages if language]) > 1,
        question_tallies=lambda question: [*map(question.in_language, report.answered_languages), question],
        generated=_when(generated),
        t=texts,
        statuses=_status_rows(report, texts),
        status_bar=_status_bar(report, texts),
        histogram=_histogram(report),
        when=_when,
        duration=_duration,
        percent=_percent,
        score=_score,
    )


def _status_rows(report: Report, texts: ReportTexts) -> list[dict]:
    total = len(report.learners)
    return [{"status": status, "label": texts("status_" + status.replace(" ", "_")), "count": report.count(status),
             "colour": STATUS_COLOURS[status],
             "share": 100.0 * report.count(status) / total if total else 0.0} for status in STATUSES]


def _language_name(tag: str, texts: ReportTexts) -> str:
    """``el`` -> ``Greek (el)`` in the report's language (CLDR, through Babel)."""
    if not tag:
        return texts("language_unknown")
    try:
        name = Locale.parse(tag, sep="-").get_display_name(texts.lang) or tag
    except (ValueError, UnknownLocaleError):
        return tag
    return f"{name[:1].upper()}{name[1:]} ({tag})"


def _status_bar(report: Report, texts: ReportTexts) -> list[dict]:
    """Segments of one horizontal bar, a learner's share of the width each, left to right."""
    segments, x = [], 0.0
    for row in _status_rows(report, texts):
        width = _CHART_WIDTH * row["share"] / 100
        if width:
            segments.append({**row, "x": round(x, 2), "width": round(width, 2)})
        x += width
    return segments


def _histogram(report: Report) -> dict:
    bins = report.score_histogram
    tallest = max((count for _, count in bins), default=0) or 1
    slot = _CHART_WIDTH / len(bins)
    bars = [{"label": label, "count": count, "x": round(index * slot + 4, 2), "width": round(slot - 8, 2),
             "height": round(_BAR_HEIGHT * count / tallest, 2)} for index, (label, count) in enumerate(bins)]
    return {"bars": bars, "base": _BAR_HEIGHT + 20, "tallest": tallest, "slot": slot}


def _when(moment: datetime) -> str:
    if moment == UNKNOWN_TIME:
        return "—"
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} %"


def _score(value: float | None) -> str:
    """A score as Moodle's gradebook shows it: two decimals."""
    return "—" if value is None else f"{value:.2f} %"
