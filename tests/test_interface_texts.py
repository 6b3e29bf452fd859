"""Interface texts (buttons, labels, feedback) in the course language, overridable in course.yaml."""
from __future__ import annotations

import json
import re

import pytest
from markupsafe import Markup, escape

from qser_scorm.course.check import check_course
from qser_scorm.course.load import load_course
from qser_scorm.render import render_site
from qser_scorm.interface import builtin_languages, builtin_table, placeholders, reference_texts, text
from tests.conftest import REPO


def _set_language(src, language: str) -> None:
    path = src / "course.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nlanguage: en\n" in text
    path.write_text(text.replace("\nlanguage: en\n", f"\nlanguage: {language}\n"), encoding="utf-8")


def _add_to_course(src, yaml_text: str) -> int:
    """Append ``yaml_text`` to course.yaml; return the line number of its first line."""
    path = src / "course.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    path.write_text(text + yaml_text, encoding="utf-8")
    return text.count("\n") + 1


def _line_of(path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def _index(src) -> str:
    return render_site(load_course(src))["index.html"].decode("utf-8")


def _runtime_texts(html: str) -> dict[str, str]:
    data = re.search(r'<script type="application/json" id="qser-course">(.*?)</script>', html).group(1)
    return json.loads(data)["ui"]


@pytest.mark.parametrize("language", [lang for lang in builtin_languages() if lang != "en"])
def test_every_built_in_table_has_exactly_the_english_keys_and_placeholders(language):
    reference, table = reference_texts(), builtin_table(language)
    assert list(table) == list(reference)
    for key, text in table.items():
        assert text.strip(), f"{language}.json: `{key}` is empty"
        assert placeholders(text) == placeholders(reference[key]), f"{language}.json: `{key}`"


def test_the_table_of_the_primary_language_subtag_is_chosen(course):
    _set_language(course, "de-AT")
    html = _index(course)
    assert '<html lang="de-AT">' in html
    for shown in ('id="qser-back">Zurück<', 'id="qser-next">Weiter<', ">Seite 1 von 11<", ">Antworten abgeben<",
                  ">Frage 1</span>", ">Über diesen Kurs</h2>", ">Lernziele</h3>", "Sie haben 3 Versuche."):
        assert shown in html
    assert "Submit answers" not in html and "Question 1" not in html
    assert _runtime_texts(html)["verdict_wrong"] == "Nicht richtig"
    assert check_course(load_course(course)) == []


@pytest.mark.parametrize("language, minutes, pass_mark, shown", [
    ("de", 90, "62.5", ["1 Stunde 30 Minuten", "Sie bestehen mit mindestens 62,5\u00a0%."]),
    ("el", 120, "75", ["2 ώρες", "Περνάτε με βαθμολογία 75% ή μεγαλύτερη."]),
    ("el", 61, "75", ["1 ώρα και 1 λεπτό"]),
    ("en", 45, "80.25", ["45 minutes", "You pass with a score of 80.25% or more."]),
])
def test_durations_and_numbers_follow_the_language(course, language, minutes, pass_mark, shown):
    _set_language(course, language)
    path = course / "course.yaml"
    text = re.sub(r"pass_mark: \d+", f"pass_mark: {pass_mark}", path.read_text(encoding="utf-8"))
    path.write_text(re.sub(r"duration_minutes: \d+", f"duration_minutes: {minutes}", text), encoding="utf-8")
    html = _index(course)
    for expected in shown:
        assert expected in html


def test_a_language_without_a_table_falls_back_to_english_with_a_warning(course, run_cli, tmp_path):
    _set_language(course, "fr")
    html = _index(course)
    assert 'id="qser-next">Next<' in html and _runtime_texts(html) == reference_texts()
    (warning,) = check_course(load_course(course))
    assert warning.severity == "warning"
    assert (warning.file, warning.line) == (str(course / "course.yaml"), _line_of(course / "course.yaml", "language:"))
    assert "'fr'" in warning.message and "English" in warning.message
    assert "`interface:`" in warning.hint and "de, el, en" in warning.hint

    result = run_cli("build", course, "--out", tmp_path / "dist")
    assert result.exit_code == 0
    assert f"course.yaml:{warning.line}: warning: no built-in interface texts for language 'fr'" in result.output


def test_a_complete_interface_mapping_needs_no_warning(course):
    _set_language(course, "fr")
    texts = {key: f"fr {text}" for key, text in reference_texts().items()} | {"next": "Suivant"}
    _add_to_course(course, "interface:\n" + "".join(f"  {k}: {json.dumps(v)}\n" for k, v in texts.items()))
    assert check_course(load_course(course)) == []
    assert 'id="qser-next">Suivant<' in _index(course)


def test_author_texts_go_over_the_table_and_reach_the_runtime(course):
    _set_language(course, "de")
    _add_to_course(course, 'interface:\n  next: "Weiter <3"\n  position: "{n}/{total}"\n')
    html = _index(course)
    assert 'id="qser-next">Weiter &lt;3<' in html and ">1/11<" in html
    assert 'id="qser-back">Zurück<' in html  # the rest stays German
    texts = _runtime_texts(html)
    assert texts["next"] == "Weiter <3" and texts["position"] == "{n}/{total}" and texts["back"] == "Zurück"


def test_an_unknown_interface_key_is_an_error_with_file_line_and_suggestion(course, run_cli, tmp_path):
    line = _add_to_course(course, "interface:\n  next: Weiter\n  nxet: Weiter\n") + 2
    result = run_cli("build", course, "--out", tmp_path / "dist")
    assert result.exit_code == 2
    assert f"course.yaml:{line}: error: unknown interface text `nxet`" in result.output
    assert "did you mean `next`?" in result.output


def test_placeholders_of_an_author_text_must_match_the_english_text(course, run_cli, tmp_path):
    first = _add_to_course(course, 'interface:\n  position: "Seite {n}"\n  back: "Zurück {page}"\n')
    result = run_cli("build", course, "--out", tmp_path / "dist")
    assert result.exit_code == 2
    assert (f"course.yaml:{first + 1}: error: interface text `position` has the placeholders {{n}}, "
            "the English text {n}, {total}") in result.output
    assert f"course.yaml:{first + 2}: error: interface text `back` has the placeholders {{page}}" in result.output


def test_the_authoring_guide_lists_every_interface_text():
    guide = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    section = guide.split("\n## Interface texts\n")[1].split("\n## ")[0]
    listed = dict(re.findall(r"^\| `([a-z_]+)` \| (.*?) \| ", section, re.MULTILINE))
    assert listed == reference_texts()


def test_values_in_html_texts_are_escaped_unless_already_html():
    texts = reference_texts() | {"correct_match": "<{answer}>"}
    assert text(texts, "correct_order", {"items": Markup("1. <em>Listen</em>")}, escape) == \
        "Correct order: 1. <em>Listen</em>"
    assert text(texts, "correct_match", {"answer": "a & b"}, escape) == "&lt;a &amp; b&gt;"
    assert text(texts, "attempts", {"n": 1}) == "You have 1 attempt."
