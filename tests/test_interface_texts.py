"""Interface texts (buttons, labels, feedback) in the course language, overridable in course.yaml."""
from __future__ import annotations

import json
import re

import pytest
from markupsafe import Markup, escape

from qser_scorm.course.check import check_course
from qser_scorm.course.load import load_course
from qser_scorm.render import render_site
from qser_scorm.interface import (builtin_languages, builtin_table, expected_keys, placeholders, plural_categories,
                                 reference_text, reference_texts, text)
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


@pytest.mark.parametrize("language", builtin_languages())
def test_every_built_in_table_is_complete(language):
    """English's keys, each counting text in every CLDR plural category of the language, the
    placeholders of the English text, nothing empty, nothing extra."""
    table = builtin_table(language)
    assert list(table) == expected_keys(language)
    for key, text in table.items():
        assert text.strip(), f"{language}.json: `{key}` is empty"
        assert placeholders(text) == placeholders(reference_text(key)), f"{language}.json: `{key}`"


def test_counting_texts_come_in_the_plural_categories_of_cldr():
    assert plural_categories("en") == ("one", "other")
    assert plural_categories("pl-PL") == ("one", "few", "many", "other")
    assert plural_categories("ar") == ("zero", "one", "two", "few", "many", "other")
    assert plural_categories("tlh") == ("other",)  # unknown to CLDR: its root
    assert [key for key in expected_keys("sl") if key.startswith("hours_") and key != "hours_and_minutes"] == \
        ["hours_one", "hours_two", "hours_few", "hours_other"]


@pytest.mark.parametrize("language, n, shown", [
    ("pl", 1, "Masz 1 podejście."), ("pl", 3, "Masz 3 podejścia."), ("pl", 5, "Masz 5 podejść."),
    ("pl", 22, "Masz 22 podejścia."), ("uk", 21, "У вас 21 спроба."), ("uk", 11, "У вас 11 спроб."),
    ("sl", 2, "Imate 2 poskusa."), ("sl", 102, "Imate 102 poskusa."), ("ga", 2, "Tá 2 iarracht agat."),
    ("ar", 2, "لديك محاولتان (2)."), ("ar", 11, "لديك 11 محاولة."), ("lv", 10, "Jums ir 10 mēģinājumu."),
])
def test_the_plural_form_is_chosen_by_cldr(language, n, shown):
    assert text(builtin_table(language), "attempts", {"n": n}, language) == shown


def test_the_table_of_the_primary_language_subtag_is_chosen(course):
    _set_language(course, "de-AT")
    html = _index(course)
    assert '<html lang="de-AT" dir="ltr">' in html
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
    ("fr", 90, "62.5", ["1 heure 30 minutes", "avec une note d’au moins 62,5\u00a0%."]),
    ("pl", 300, "62.5", ["5 godzin", "z wynikiem co najmniej 62,5%."]),
    ("ar", 120, "75", ["ساعتان (2)", "تنجح إذا حصلت على 75% أو أكثر."]),
])
def test_durations_and_numbers_follow_the_language(course, language, minutes, pass_mark, shown):
    _set_language(course, language)
    path = course / "course.yaml"
    text = re.sub(r"pass_mark: \d+", f"pass_mark: {pass_mark}", path.read_text(encoding="utf-8"))
    path.write_text(re.sub(r"duration_minutes: \d+", f"duration_minutes: {minutes}", text), encoding="utf-8")
    html = _index(course)
    for expected in shown:
        assert expected in html


def test_a_language_without_a_table_is_an_error_listing_the_languages(course, run_cli, tmp_path):
    _set_language(course, "ru")
    (error,) = check_course(load_course(course))
    assert error.severity == "error"
    assert (error.file, error.line) == (str(course / "course.yaml"), _line_of(course / "course.yaml", "language:"))
    assert "'ru'" in error.message
    assert "`interface:`" in error.hint and ", ".join(builtin_languages()) in error.hint

    result = run_cli("build", course, "--out", tmp_path / "dist")
    assert result.exit_code == 2
    assert f"course.yaml:{error.line}: error: no built-in interface texts for language 'ru'" in result.output
    assert not (tmp_path / "dist").exists()


def test_a_listed_package_language_without_a_table_is_an_error_at_its_entry(course):
    path = course / "course.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("language: en\n", "language: en\nlanguages:\n  - en\n  - ru\n"),
                    encoding="utf-8")
    (error,) = check_course(load_course(course))
    assert (error.line, error.message.split(" (")[0]) == (
        _line_of(path, "  - ru"), "no built-in interface texts for language 'ru'")


def test_a_complete_interface_mapping_builds_in_any_language(course, run_cli, tmp_path):
    """Russian counts in four CLDR forms: the author gives each, and the package picks by CLDR."""
    _set_language(course, "ru")
    texts = {key: f"ru {reference_text(key)}" for key in expected_keys("ru")} | {
        "next": "Далее", "attempts_one": "У вас {n} попытка.", "attempts_few": "У вас {n} попытки.",
        "attempts_many": "У вас {n} попыток.", "attempts_other": "У вас {n} попытки."}
    _add_to_course(course, "interface:\n" + "".join(f"  {k}: {json.dumps(v)}\n" for k, v in texts.items()))
    assert check_course(load_course(course)) == []
    html = _index(course)
    assert 'id="qser-next">Далее<' in html and "У вас 3 попытки." in html
    assert run_cli("build", course, "--out", tmp_path / "dist").exit_code == 0


def test_author_texts_go_over_the_table_and_reach_the_runtime(course):
    _set_language(course, "de")
    _add_to_course(course, 'interface:\n  next: "Weiter <3"\n  position: "{n}/{total}"\n')
    html = _index(course)
    assert 'id="qser-next">Weiter &lt;3<' in html and ">1/11<" in html
    assert 'id="qser-back">Zurück<' in html  # the rest stays German
    texts = _runtime_texts(html)
    assert texts["next"] == "Weiter <3" and texts["position"] == "{n}/{total}" and texts["back"] == "Zurück"


def _failed_build(course, run_cli, tmp_path, yaml_text: str) -> tuple[int, str]:
    """Append ``yaml_text`` to course.yaml and build, which fails; return the text's first line and the output."""
    first = _add_to_course(course, yaml_text)
    result = run_cli("build", course, "--out", tmp_path / "dist")
    assert result.exit_code == 2
    return first, result.output


def test_an_unknown_interface_key_is_an_error_with_file_line_and_suggestion(course, run_cli, tmp_path):
    first, output = _failed_build(course, run_cli, tmp_path, "interface:\n  next: Weiter\n  nxet: Weiter\n")
    assert f"course.yaml:{first + 2}: error: unknown interface text `nxet`" in output
    assert "did you mean `next`?" in output


def test_placeholders_of_an_author_text_must_match_the_english_text(course, run_cli, tmp_path):
    first, output = _failed_build(course, run_cli, tmp_path,
                                  'interface:\n  position: "Seite {n}"\n  back: "Zurück {page}"\n')
    assert (f"course.yaml:{first + 1}: error: interface text `position` has the placeholders {{n}}, "
            "the English text {n}, {total}") in output
    assert f"course.yaml:{first + 2}: error: interface text `back` has the placeholders {{page}}" in output


def test_a_plural_form_the_language_does_not_have_is_an_error(course, run_cli, tmp_path):
    first, output = _failed_build(course, run_cli, tmp_path,
                                  'interface:\n  hours_one: "{n} hr"\n  hours_few: "{n} hrs"\n')
    assert f"course.yaml:{first + 2}: error: `hours_few`: en has no plural form `few` (CLDR)" in output
    assert "use the forms `hours_one`, `hours_other`" in output


def test_the_authoring_guide_lists_every_interface_text():
    guide = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    section = guide.split("\n## Interface texts\n")[1].split("\n## ")[0]
    listed = dict(re.findall(r"^\| `([a-z_]+)` \| (.*?) \| ", section, re.MULTILINE))
    assert listed == reference_texts()


def test_values_in_html_texts_are_escaped_unless_already_html():
    texts = reference_texts() | {"correct_match": "<{answer}>"}
    assert text(texts, "correct_order", {"items": Markup("1. <em>Listen</em>")}, "en", escape) == \
        "Correct order: 1. <em>Listen</em>"
    assert text(texts, "correct_match", {"answer": "a & b"}, "en", escape) == "&lt;a &amp; b&gt;"
    assert text(texts, "attempts", {"n": 1}, "en") == "You have 1 attempt."
