"""The interface texts of a package (buttons, labels, feedback, results) in the course language.

One table per language, ``<primary language subtag>.json`` beside this module; ``en.json`` is
the reference and holds every key. The author's ``interface:`` texts in course.yaml go over the
chosen table. A text is a template: ``{name}`` stands for a value; a text that counts comes in
two forms, ``<key>_one`` (for 1) and ``<key>_other``, which suits English, German and Greek.
The runtime receives the texts in the course JSON and fills them the same way (``Qser.text``).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files

from ..course.model import Course

REFERENCE_LANGUAGE = "en"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def primary_subtag(language: str) -> str:
    """BCP 47: the language without region or script, lower case (``de-AT`` -> ``de``)."""
    return language.split("-")[0].lower()


@lru_cache(maxsize=None)
def builtin_languages() -> tuple[str, ...]:
    """The languages with a built-in table, sorted."""
    return tuple(sorted(entry.name[:-5] for entry in files(__package__).iterdir() if entry.name.endswith(".json")))


@lru_cache(maxsize=None)
def builtin_table(language: str) -> dict[str, str] | None:
    """The built-in table for ``language`` (any BCP 47 tag), or None when there is none."""
    subtag = primary_subtag(language)
    if subtag not in builtin_languages():
        return None
    return json.loads(files(__package__).joinpath(f"{subtag}.json").read_text(encoding="utf-8"))


def reference_texts() -> dict[str, str]:
    """Every key with its English text, in the order the package shows them."""
    return builtin_table(REFERENCE_LANGUAGE)


def placeholders(text: str) -> frozenset[str]:
    return frozenset(_PLACEHOLDER.findall(text))


def interface_texts(course: Course) -> dict[str, str]:
    """The texts a package of ``course`` shows: English, under the language's table, under the author's."""
    return {**reference_texts(), **(builtin_table(course.language) or {}), **dict(course.interface)}


def text(texts: dict[str, str], key: str, values: dict[str, object], escape=str) -> str:
    """The text ``key`` with ``values`` in its placeholders (a counting text in the form for
    ``values["n"]``): numbers with the language's decimal mark, the rest through ``escape``
    (markupsafe's, for HTML: then the text itself is escaped too)."""
    if f"{key}_one" in texts:
        key = f"{key}_one" if values["n"] == 1 else f"{key}_other"

    def value(match: re.Match) -> str:
        found = values[match.group(1)]
        if isinstance(found, float):  # at most 2 decimals, as the runtime's scores
            found = f"{found:.2f}".rstrip("0").rstrip(".").replace(".", texts["decimal_mark"])
        return escape(found if isinstance(found, str) else str(found))  # Markup stays as it is

    return _PLACEHOLDER.sub(value, escape(texts[key]))
