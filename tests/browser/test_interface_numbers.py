"""The runtime writes numbers as the HTML does: Chromium's CLDR (Intl.NumberFormat, in Qser.text)
and Babel's give the same text for every built-in language, so a score the runtime fills in
matches the pass mark the build wrote."""
from __future__ import annotations

from qser_scorm.interface import builtin_languages, text

#: Scores and pass marks as the runtime shows them (0-100, at most 2 decimals), and counts.
NUMBERS = (0, 1, 2, 7.5, 33.33, 62.5, 66.67, 80.25, 100, 250)


def test_numbers_in_the_runtime_match_the_html_in_every_language(context):
    page = context.new_page()
    shown_by_chromium = page.evaluate(
        """([languages, numbers]) => Object.fromEntries(languages.map((language) => [language,
             numbers.map((n) => new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(n))]))""",
        [list(builtin_languages()), list(NUMBERS)])
    shown_by_babel = {language: [text({"score": "{n}"}, "score", {"n": n}, language) for n in NUMBERS]
                      for language in builtin_languages()}
    assert shown_by_chromium == shown_by_babel
