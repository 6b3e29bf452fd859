"""A tiny course in each of the 26 built-in interface languages builds with no warning, and its
package shows that language's texts, numbers and writing direction."""
from __future__ import annotations

import re
import zipfile

import pytest

from qser_scorm.interface import builtin_languages, builtin_table, text

from .tiny_course import write_tiny_course

LANGUAGES = ("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
             "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv", "uk", "ar")


def test_the_built_in_languages_are_the_eu_languages_ukrainian_and_arabic():
    assert builtin_languages() == tuple(sorted(LANGUAGES))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_tiny_course_builds_with_no_warning_in_the_language(language, run_cli, tmp_path):
    source = write_tiny_course(tmp_path / "src", language)
    result = run_cli("build", source, "--out", tmp_path / "dist")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output

    with zipfile.ZipFile(tmp_path / "dist" / f"tiny-{language}-scorm12.zip") as package:
        html = package.read("index.html").decode("utf-8")
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    table = builtin_table(language)
    for key in ("back", "next", "start", "submit", "overview_title", "objectives_title", "results_title"):
        assert f">{_html(table[key])}<" in html, key
    hours = text(table, "hours_and_minutes", {"hours": text(table, "hours", {"n": 1}, language),
                                                "minutes": text(table, "minutes", {"n": 30}, language)}, language)
    assert _html(hours) in html
    pass_rule = text(table, "pass_rule", {"pass_mark": 62.5}, language)
    assert _html(pass_rule) in html and re.search(r"62[.,]5", pass_rule)
    assert _html(text(table, "attempts", {"n": 2}, language)) in html


def _html(shown: str) -> str:
    """As jinja2 writes a text into the page (markupsafe escapes these five characters)."""
    return (shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))
