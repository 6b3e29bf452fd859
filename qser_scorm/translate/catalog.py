"""The PO catalogs of a course: ``translations/<lang>.po``, one entry per unit (with polib).

gettext PO is what Weblate, Poedit, Transifex and Crowdin edit. An entry's ``msgctxt`` is the
unit key, its ``msgid`` the source text, ``#:`` where the text is written, ``#.`` what it is.
Updating keeps every translation: an entry whose source text changed is marked ``fuzzy`` with
the old text as ``#|``, an entry whose unit is gone becomes obsolete (``#~``), and comes back
with its translation if the unit does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib
from babel import Locale

from .units import Unit

TRANSLATIONS_FOLDER = "translations"
#: Wide enough that most sentences stay on one line, so a diff of a PO file shows whole sentences.
WRAP_WIDTH = 100


def translations_folder(folder: str | Path) -> Path:
    return Path(folder) / TRANSLATIONS_FOLDER


def po_path(folder: str | Path, language: str) -> Path:
    return translations_folder(folder) / f"{language}.po"


class PoSyntaxError(ValueError):
    """A line that is not PO: polib would read it anyway and drop characters of the text."""

    def __init__(self, lineno: int, message: str):
        super().__init__(message)
        self.lineno = lineno


#: A PO line that is not a comment: ``keyword "text"`` or a continued ``"text"`` (gettext manual,
#: "The Format of PO Files"), with backslash escapes inside the quotes.
_PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')


def read_catalog(path: Path) -> polib.POFile:
    """The PO file at ``path``; raises OSError, UnicodeDecodeError, :class:`PoSyntaxError` or
    polib's ValueError for a file that cannot be read as it is written."""
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not _PO_LINE.match(stripped):
            raise PoSyntaxError(number, f"line {number} is not `keyword \"text\"` or `\"text\"`: {stripped[:60]}")
    return polib.pofile(text, wrapwidth=WRAP_WIDTH, check_for_duplicates=True)


def catalog_bytes(catalog: polib.POFile) -> bytes:
    """The PO text of ``catalog``: the same catalog always gives the same bytes."""
    return str(catalog).encode("utf-8")


def entries(catalog: polib.POFile | None) -> dict[str, polib.POEntry]:
    """The catalog's current (not obsolete) entries by key."""
    return {e.msgctxt: e for e in catalog if e.msgctxt and not e.obsolete} if catalog else {}


def updated_catalog(units: list[Unit], language: str, existing: polib.POFile | None, course_title: str,
                    course_version: str) -> polib.POFile:
    """The catalog for ``units``: translations of ``existing`` kept, changed texts fuzzy."""
    catalog = polib.POFile(wrapwidth=WRAP_WIDTH)
    catalog.header = existing.header if existing else _header(language, course_title)
    catalog.metadata = existing.metadata if existing else _metadata(language, course_title, course_version)
    old = entries(existing)
    old_obsolete = {e.msgctxt: e for e in existing.obsolete_entries()} if existing else {}
    for unit in units:
        before = old.pop(unit.key, None) or old_obsolete.pop(unit.key, None)
        entry = polib.POEntry(msgctxt=unit.key, msgid=unit.text, occurrences=[_location(unit.where)],
                              comment=unit.note)
        if before is not None:
            entry.msgstr, entry.tcomment, entry.flags = before.msgstr, before.tcomment, list(before.flags)
            entry.previous_msgid = before.previous_msgid
            if before.msgid != unit.text and before.msgstr:
                entry.flags = sorted({*entry.flags, "fuzzy"})
                entry.previous_msgid = before.msgid
        catalog.append(entry)
    for gone in [*old.values(), *old_obsolete.values()]:
        gone.obsolete = True
        catalog.append(gone)
    return catalog


@dataclass(frozen=True)
class Status:
    language: str
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int

    @property
    def complete(self) -> bool:
        return not (self.fuzzy or self.untranslated)


def status(units: list[Unit], language: str, catalog: polib.POFile | None) -> Status:
    """How far ``catalog`` translates ``units``; an entry whose source text changed since the
    last extract counts as fuzzy, one that is missing as untranslated."""
    current = entries(catalog)
    translated = fuzzy = 0
    for unit in units:
        entry = current.get(unit.key)
        if entry is None or not entry.msgstr:
            continue
        if entry.fuzzy or entry.msgid != unit.text:
            fuzzy += 1
        else:
            translated += 1
    obsolete = len(catalog.obsolete_entries()) if catalog else 0
    return Status(language, translated, fuzzy, len(units) - translated - fuzzy, obsolete)


def _location(where: str) -> tuple[str, str]:
    file, _, line = where.rpartition(":")
    return file, line


def language_name(language: str) -> str:
    """``el`` -> ``Greek``: the language's English name from CLDR (Babel)."""
    try:
        return Locale.parse(language.replace("-", "_")).get_display_name("en")
    except (ValueError, LookupError):
        return language


def _header(language: str, course_title: str) -> str:
    return (f"{language_name(language)} translation of the course “{course_title}”.\n"
            "Made with `qser-scorm translate extract`; edit it with any PO editor (Poedit, Weblate).\n"
            "Awaits review by a native-speaking trainer before the course is published.")


def _metadata(language: str, course_title: str, course_version: str) -> dict[str, str]:
    return {
        "Project-Id-Version": f"{course_title} {course_version}",
        "Language": language,
        "Language-Team": f"{language_name(language)} translators of the course",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
