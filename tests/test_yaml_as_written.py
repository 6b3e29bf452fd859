"""YAML as authors write it: words like No, on or y stay text (YAML 1.2), and a plain 1.10 or
0755 is read as written where the course format wants text; true and false still are booleans."""
from __future__ import annotations

import zipfile

from lxml import html

from qser_scorm.course.load import load_course

WORDS_QUESTION = """
  - id: q-plain-words
    type: single
    objective: obj-intro
    prompt: Which of these answers does the course show as written?
    options:
      - text: No
        correct: true
      - text: Yes
      - text: on
      - text: off
      - text: y
      - text: 1.10
      - text: 0755
      - text: True
        correct: false
"""

NUMBERS_QUESTION = """
  - id: q-plain-numbers
    type: fill-in
    objective: obj-intro
    prompt: Which version?
    accept: [1.10, 0755, 7]
"""


def _add_questions(course, *questions: str) -> None:
    with (course / "assessment.yaml").open("a", encoding="utf-8") as assessment:
        assessment.write("".join(questions))


def _built_page(run_cli, course, out):
    result = run_cli("build", course, "--out", out)
    assert result.exit_code == 0, result.output
    (archive,) = out.glob("*-scorm12.zip")
    with zipfile.ZipFile(archive) as package:
        return html.fromstring(package.read("index.html")), package.read("imsmanifest.xml").decode()


def test_option_words_are_shown_as_written(course, run_cli, tmp_path):
    _add_questions(course, WORDS_QUESTION)
    page, _ = _built_page(run_cli, course, tmp_path / "dist")
    (question,) = page.xpath("//fieldset[@data-question='q-plain-words']")
    # The page may show the options in another order: data-option is each one's place in the file.
    labels = {int(option.get("data-option")): option.xpath("string(.//label)").strip()
              for option in question.xpath(".//li[@data-option]")}
    assert [labels[i] for i in sorted(labels)] == ["No", "Yes", "on", "off", "y", "1.10", "0755", "True"]


def test_plain_numbers_are_text_where_text_is_wanted(course, run_cli, tmp_path):
    _add_questions(course, NUMBERS_QUESTION)
    manifest_version = (course / "course.yaml").read_text().replace('version: "1.0"', "version: 1.10")
    (course / "course.yaml").write_text(manifest_version)
    _, manifest = _built_page(run_cli, course, tmp_path / "dist")
    assert 'version="1.10"' in manifest
    (question,) = [q for q in load_course(course).assessment.questions if q.id == "q-plain-numbers"]
    assert question.accept == ("1.10", "0755", "7")


def test_numbers_and_booleans_stay_what_the_format_wants(course):
    _add_questions(course, WORDS_QUESTION)
    loaded = load_course(course)
    (question,) = [q for q in loaded.assessment.questions if q.id == "q-plain-words"]
    assert [option.correct for option in question.options] == [True] + [False] * 7
    assert loaded.assessment.shuffle is True and loaded.assessment.attempts == 3
    assert loaded.pass_mark == 75
