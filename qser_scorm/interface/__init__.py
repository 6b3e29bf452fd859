"""The interface texts of a package (buttons, labels, feedback, results) in the course language.

One table per language, ``<primary language subtag>.json`` beside this module; ``en.json`` is
the reference. The author's ``interface:`` texts in course.yaml go over the chosen table. A text
is a template: ``{name}`` stands for a value. A text that counts (``hours``) comes in one form per
CLDR plural category of the language (``hours_one``, ``hours_few``, ``hours_other``...), and
numbers are written as the language writes them; both rules come from CLDR through Babel. The
runtime receives the texts and the language in the course JSON and fills them the same way
(``Qser.text``, with the browser's CLDR: ``Intl.NumberFormat``).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from ..course.model import Course

REFERENCE_LANGUAGE = "en"
#: CLDR's plural categories, in CLDR's order (https://cldr.unicode.org/index/cldr-spec/plural-rules).
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def primary_subtag(language: str) -> str:
    """BCP 47: the language without region or script, lower case (``de-AT`` -> ``de``)."""
    return language.split("-")[0].lower()


@lru_cache(maxsize=None)
def cldr_locale(language: str) -> Locale:
    """Babel's locale for a BCP 47 tag: the tag itself, else its primary subtag, else CLDR's root
    (plural form ``other`` only, neutral number format) for a language CLDR does not know."""
    for tag in (language, primary_subtag(language)):
        try:
            return Locale.parse(tag, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    return Locale("root")


def plural_categories(language: str) -> tuple[str, ...]:
    """The CLDR plural categories of ``language``, in CLDR's order (always ending with ``other``)."""
    tags = cldr_locale(language).plural_form.tags | {"other"}
    return tuple(category for category in PLURAL_CATEGORIES if category in tags)


def text_direction(language: str) -> str:
    """``ltr`` or ``rtl``, as CLDR writes ``language``; the value of ``<html dir>``."""
    return cldr_locale(language).text_direction


def language_name(language: str) -> str:
    """The language's name in itself, as CLDR writes it, capitalized for a button: ``el`` ->
    ``Ελληνικά``, ``es`` -> ``Español``."""
    name = cldr_locale(language).get_display_name(cldr_locale(language)) or language
    return name[:1].upper() + name[1:]


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


@lru_cache(maxsize=None)
def counting_texts() -> frozenset[str]:
    """The texts that count (``hours`` for ``hours_one``, ``hours_other``)."""
    return frozenset(key[:-len("_other")] for key in reference_texts() if key.endswith("_other"))


def base_key(key: str) -> str:
    """The text a key belongs to: ``hours`` for ``hours_few``, the key itself for any other."""
    base, _, category = key.rpartition("_")
    return base if category in PLURAL_CATEGORIES and base in counting_texts() else key


def reference_text(key: str) -> str | None:
    """The English text of ``key`` (of its ``other`` form for a plural form), None for no such key."""
    base = base_key(key)
    return reference_texts().get(f"{base}_other" if base != key else key)


def expected_keys(language: str) -> list[str]:
    """Every key a table for ``language`` has: English's, with each counting text in the
    language's plural categories instead of English's ``one`` and ``other``."""
    keys = []
    for key in reference_texts():
        base = base_key(key)
        if base == key:
            keys.append(key)
        elif key.endswith("_other"):
            keys += [f"{base}_{category}" for category in plural_categories(language)]
    return keys


def placeholders(text: str) -> frozenset[str]:
    return frozenset(_PLACEHOLDER.findall(text))


def interface_texts(course: Course) -> dict[str, str]:
    """The texts a package of ``course`` shows: English, under the language's table, under the author's."""
    return {**reference_texts(), **(builtin_table(course.language) or {}), **dict(course.interface)}


def text(texts: dict[str, str], key: str, values: dict[str, object], language: str, escape=str) -> str:
    """The text ``key`` with ``values`` in its placeholders (a counting text in the plural form
    of ``values["n"]``): numbers as ``language`` writes them, at most 2 decimals as the runtime's
    scores, the rest through ``escape`` (markupsafe's, for HTML: then the text itself is escaped too)."""
    locale = cldr_locale(language)
    if key not in texts and f"{key}_other" in texts:  # a counting text: the form CLDR gives for n
        form = f"{key}_{locale.plural_form(values['n'])}"
        key = form if form in texts else f"{key}_other"

    def value(match: re.Match) -> str:
        found = values[match.group(1)]
        if isinstance(found, (int, float)):
            found = format_decimal(round(found, 2), locale=locale)
        return escape(found if isinstance(found, str) else str(found))  # Markup stays as it is

    return _PLACEHOLDER.sub(value, escape(texts[key]))
