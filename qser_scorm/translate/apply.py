"""The course in each of its package languages, from its PO catalogs, with every problem located.

An untranslated unit is an error naming the PO file and line (or, with ``allow_untranslated``,
a warning, and the source text is used); a fuzzy entry, or one whose source text changed since
the last extract, is a warning (an error with ``--strict``, like every warning); a translation
that drops or changes a link, an image, a code span or emphasis is an error.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..course.model import Course
from ..errors import Problem
from ..interface import placeholders
from .blocks import structure
from .catalog import entries, po_path, read_catalog
from .units import Unit, translate_course, units

_EXTRACT = "run `qser-scorm translate extract {folder} --lang {lang}` to add the missing entries, then translate them"
_REVIEW = ("run `qser-scorm translate extract {folder} --lang {lang}` (it marks the entry fuzzy, with the old "
           "text), then review the translation")


def language_courses(course: Course, folder: str | Path, allow_untranslated: bool = False,
                     only: tuple[str, ...] = ()) -> tuple[list[Course], list[Problem]]:
    """One course per package language (``languages:``, or just the course language); ``only``
    keeps some of them (``build --lang``)."""
    listed = course.languages or (course.language,)
    unknown = [language for language in only if language not in listed]
    if unknown:
        return [], [Problem(course.source.file, None, f"--lang {', '.join(unknown)}: not a language of this course",
                            f"choose from {', '.join(listed)}, or add it to `languages:` in course.yaml")]
    if not course.languages:
        return [course], []
    source_units = units(course, folder)
    courses, problems = [], []
    for language in only or course.languages:
        if language == course.language:
            courses.append(course)
            continue
        translated, found = _translated(course, Path(folder), language, source_units, allow_untranslated)
        courses.append(translated)
        problems += found
    editions = tuple(courses)
    return [replace(edition, editions=editions) for edition in editions], problems


def _translated(course: Course, folder: Path, language: str, source_units: list[Unit],
                allow_untranslated: bool) -> tuple[Course, list[Problem]]:
    path = po_path(folder, language)
    shown = str(path)
    if not path.is_file():
        return course, [Problem(shown, None, f"no translation for language '{language}' (listed in `languages:`)",
                                _EXTRACT.format(folder=folder, lang=language))]
    try:
        current = entries(read_catalog(path))
    except (OSError, ValueError, UnicodeDecodeError) as error:
        return course, [unreadable(shown, error)]
    if not current:  # one message, not one per text
        return course, [Problem(shown, None, f"the translation for '{language}' has no entries",
                                _EXTRACT.format(folder=folder, lang=language))]
    problems: list[Problem] = []
    lines = path.read_text(encoding="utf-8").splitlines()

    def translate(unit: Unit) -> str:
        entry = current.get(unit.key)
        line = _msgstr_line(lines, entry.linenum) if entry else None
        if entry is None or not entry.msgstr:
            severity = "warning" if allow_untranslated else "error"
            problems.append(Problem(shown, line, f"{unit.key} is not translated (source text: {_short(unit.text)})",
                                    "translate the entry" if entry else _EXTRACT.format(folder=folder, lang=language),
                                    severity))
            return unit.text
        if entry.fuzzy or entry.msgid != unit.text:
            why = "is marked fuzzy" if entry.fuzzy else "translates an older source text"
            problems.append(Problem(shown, line, f"{unit.key} {why}: check the translation against the source",
                                    "review the entry and remove its fuzzy flag (a PO editor does both)"
                                    if entry.fuzzy else _REVIEW.format(folder=folder, lang=language), "warning"))
        mismatch = _markup_mismatch(unit, entry.msgstr)
        if mismatch:
            problems.append(Problem(shown, line, f"{unit.key}: the translation {mismatch}",
                                    "keep every link, image, `code` and *emphasis* of the source text in the "
                                    "translation (their targets unchanged)"))
        return entry.msgstr

    return translate_course(course, folder, language, translate), problems


def _msgstr_line(lines: list[str], entry_line: int) -> int:
    """The line of the entry's ``msgstr`` (where the translator writes), not its first comment."""
    return next((n for n in range(entry_line, len(lines) + 1) if lines[n - 1].startswith("msgstr")), entry_line)


def unreadable(shown: str, error: Exception) -> Problem:
    """A PO file polib cannot read: its message names the line."""
    return Problem(shown, getattr(error, "lineno", None), f"not a readable PO file: {error}",
                   "fix that line, or open the file in a PO editor (Poedit), which shows the problem")


def _markup_mismatch(unit: Unit, translation: str) -> str:
    """What the translation loses of the source's markup, or ""."""
    if unit.key.startswith("interface."):
        lost = placeholders(unit.text) ^ placeholders(translation)
        return f"changes the placeholders {', '.join(sorted('{' + p + '}' for p in lost))}" if lost else ""
    if not unit.markdown:
        return ""
    source, target = structure(unit.text), structure(translation)
    for kind, wanted in source.items():
        if target[kind] != wanted:
            return f"has {len(target[kind])} {kind} where the source has {len(wanted)}" \
                if len(target[kind]) != len(wanted) else f"changes the {kind} ({', '.join(wanted)})"
    return ""


def _short(text: str) -> str:
    return f"“{text[:60]}…”" if len(text) > 60 else f"“{text}”"
