"""Content blocks from Markdown: the HTML each gives, and the errors for blocks that cannot work."""
from __future__ import annotations

import json

import pytest
from lxml import html

from qser_scorm.course.check import check_course
from qser_scorm.course.load import load_course
from qser_scorm.errors import CourseError
from qser_scorm.interface import builtin_table
from qser_scorm.render.print import HANDOUT_PAGE
from qser_scorm.render.markdown import render_markdown

ENGLISH = builtin_table("en").__getitem__
GREEK = builtin_table("el").__getitem__


def rendered(markdown: str, words=ENGLISH):
    return html.fragment_fromstring(str(render_markdown(markdown, words, check=lambda n: "")), create_parent="div")


@pytest.mark.parametrize("kind, word", [("note", "Note"), ("tip", "Tip"), ("warning", "Warning"), ("example", "Example")])
def test_a_callout_is_a_note_that_says_its_kind_in_words(kind, word):
    box = rendered(f"::: {kind}\nKeep the first meeting **short**.\n:::\n").find("div")
    assert box.get("role") == "note" and f"qser-callout-{kind}" in box.get("class")
    title = box.find("p")
    assert title.text_content() == word  # the kind is a word, not a colour alone
    assert title.find("span").get("aria-hidden") == "true"  # the icon is decoration
    assert box.findall("p")[1].text_content() == "Keep the first meeting short."


def test_a_callout_title_follows_the_kind_word_in_the_course_language():
    box = rendered("::: tip Before the *first* meeting\nRead the file.\n:::\n", GREEK).find("div")
    assert box.find("p").text_content() == "Συμβουλή: Before the first meeting"
    assert box.find("p/strong/em").text == "first"


def test_a_details_block_is_a_collapsible_section_with_its_summary():
    details = rendered("::: details The full procedure\n1. Ask\n2. Listen\n:::\n").find("details")
    assert details.find("summary").text_content() == "The full procedure"
    assert [li.text for li in details.iter("li")] == ["Ask", "Listen"]
    assert details.get("open") is None  # closed until the learner opens it


def test_an_image_with_a_title_is_a_figure_with_caption_and_width():
    figure = rendered('![The mentoring cycle](media/cycle.png "The cycle of mentoring"){width=50}\n').find("figure")
    assert figure.get("class") == "qser-figure qser-width-50"
    image = figure.find("img")
    assert image.get("alt") == "The mentoring cycle" and image.get("title") is None and image.get("width") is None
    assert figure.find("figcaption").text == "The cycle of mentoring"


def test_a_decorative_image_has_empty_alt_text_and_no_role_in_the_page():
    image = rendered("![](media/line.png){.decorative}\n").find(".//img")
    assert image.get("alt") == "" and image.get("role") == "presentation" and image.get("class") is None


def test_an_inline_image_keeps_its_width_as_a_class():
    image = rendered("See ![the chart](media/chart.png){width=25} here.\n").find(".//img")
    assert image.get("class") == "qser-width-25"


def test_table_headers_are_column_headers_and_a_table_line_is_the_caption():
    table = rendered("| Role | Task |\n| --- | --- |\n| Mentor | Listen |\n\nTable: Who does *what*\n").find("table")
    assert table[0].tag == "caption" and table[0].text_content() == "Who does what"
    assert [th.get("scope") for th in table.iter("th")] == ["col", "col"]


def test_a_quote_ending_with_a_dash_line_names_its_source():
    figure = rendered("> Mentoring is a two-way street.\n>\n> — A municipal mentor\n").find("figure")
    assert figure.get("class") == "qser-quote"
    assert figure.find("blockquote").text_content().strip() == "Mentoring is a two-way street."
    assert figure.find("figcaption").text == "— A municipal mentor"


def test_a_quote_without_a_source_stays_a_plain_quote():
    fragment = rendered("> Just a quote.\n")
    assert fragment.find("figure") is None and fragment.find("blockquote") is not None


def _page_errors(course, text: str) -> list[str]:
    (course / "pages" / "summary.md").write_text(text, encoding="utf-8")
    with pytest.raises(CourseError) as raised:
        load_course(course)
    return [f"{p.file.rsplit('/', 1)[-1]}:{p.line}: {p.message} ({p.hint})" for p in raised.value.problems]


def test_an_image_without_alt_text_is_an_error_at_its_line_with_a_fix(course):
    (course / "media").mkdir()
    (course / "media" / "cycle.png").write_bytes(b"\x89PNG fake")
    (error,) = _page_errors(course, "Intro.\n\nMore.\n\n![](media/cycle.png)\n")
    assert error.startswith("summary.md:5: image media/cycle.png has no alt text")
    assert "{.decorative}" in error and "![A mentor" in error


def test_a_decorative_image_needs_no_alt_text(course):
    (course / "media").mkdir()
    (course / "media" / "line.png").write_bytes(b"\x89PNG fake")
    (course / "pages" / "summary.md").write_text("Text.\n\n![](media/line.png){.decorative}\n", encoding="utf-8")
    load_course(course)


@pytest.mark.parametrize("markdown, message", [
    ("::: danger\nText\n:::\n", "summary.md:3: `::: danger` is not a kind of block"),
    ("::: details\nText\n:::\n", "summary.md:3: a collapsible section (`::: details`) has no summary"),
    ("![A](media/a.png){width=40}\n", "summary.md:3: image media/a.png: width 40 is not one of the widths"),
    ("![A](media/a.png){width=50%}\n", "summary.md:3: image media/a.png: the options after it cannot be read"),
    ("![A](media/a.png){style=x}\n", "summary.md:3: image media/a.png: `style` is not an image option"),
    ("![A](media/a.png){.big}\n", "summary.md:3: image media/a.png: `.big` is not an image option"),
])
def test_a_block_that_cannot_work_is_an_error_at_its_line(course, markdown, message):
    (course / "media").mkdir()
    (course / "media" / "a.png").write_bytes(b"\x89PNG fake")
    errors = _page_errors(course, "Intro.\n\n" + markdown)
    assert any(error.startswith(message) for error in errors), errors


def test_an_image_in_a_question_needs_alt_text_too(course, run_cli, tmp_path):
    (course / "media").mkdir()
    (course / "media" / "cycle.png").write_bytes(b"\x89PNG fake")
    text = (course / "assessment.yaml").read_text()
    (course / "assessment.yaml").write_text(text.replace("how many partners?", "how many partners? ![](media/cycle.png)", 1))
    result = run_cli("build", course, "--out", tmp_path)
    assert result.exit_code == 2 and "assessment.yaml:" in result.output and "has no alt text" in result.output


CHECK = """Text.

```check
type: single
prompt: Who listens first?
options:
  - text: The mentor
    correct: true
    feedback: Yes, the mentor.
  - text: The mentee
feedback:
  wrong: Read the page again.
```
"""


def _with_page(course, text: str):
    (course / "pages" / "summary.md").write_text(text, encoding="utf-8")
    return load_course(course)


def test_a_check_block_is_an_ungraded_question_with_a_stable_id(course):
    loaded = _with_page(course, CHECK + "\n```check\nid: truth\ntype: true-false\nprompt: Mentors judge.\nanswer: false\n```\n")
    summary = next(p for p in loaded.pages if p.id == "summary")
    assert [(q.id, q.type, q.weight) for q in summary.checks] == [("check-summary-1", "single", 0.0),
                                                                   ("check-truth", "true-false", 0.0)]
    assert summary.checks[0].source.line == 3  # the fence
    assert not {q.id for q in summary.checks} & {q.id for q in loaded.assessment.questions}


def test_a_check_renders_as_a_question_box_and_its_data_has_weight_0(course):
    from qser_scorm.render import render_site

    site = render_site(_with_page(course, CHECK))
    document = html.fromstring(site["index.html"])
    box = document.get_element_by_id("check-summary-1")
    assert box.getparent().get("id") == "page-summary" and box.tag == "fieldset"
    assert box.find("legend").text_content() == "Check your understanding Who listens first?"
    assert [i.get("type") for i in box.iter("input")] == ["radio", "radio"]
    assert box.find(".//button").text == "Check" and box.find(".//*[@role='status']") is not None
    for page in ("index.html", HANDOUT_PAGE):  # the printed handout leaves the check out
        assert "```" not in site[page].decode() and "type: single" not in site[page].decode()
    assert "Who listens first?" not in site[HANDOUT_PAGE].decode()
    data = json.loads(document.get_element_by_id("qser-course").text)
    (check,) = [q for q in data["checks"] if q["id"] == "check-summary-1"]
    assert check == {"id": "check-summary-1", "type": "single", "weight": 0.0, "text": "Who listens first?",
                     "ids": {"options": ["the_mentor", "the_mentee"]}, "count": 2, "correct": [0]}


@pytest.mark.parametrize("block, message", [
    ("```check\ntype: single\nprompt: [unclosed\n```\n", "summary.md:5: YAML syntax error"),
    ("```check\ntype: single\nprompt: Who?\ncolour: red\noptions: [{text: A, correct: true}, {text: B}]\n```\n",
     "summary.md:6: unknown key `colour`"),
    ("```check\ntype: single\nprompt: Who?\n```\n", "summary.md:4: question (single) needs `options`"),
    ("```check\ntype: matching\nprompt: Who?\n```\n", "summary.md:4: `type`"),
    ("```check\n```\n", "summary.md:3: a check block is empty or not a mapping"),
])
def test_a_broken_check_block_is_an_error_at_its_line_in_the_page(course, block, message):
    errors = _page_errors(course, "Intro.\n\n" + block)
    assert any(error.startswith(message) for error in errors), errors


def test_the_course_checks_refuse_a_check_with_two_right_answers_and_two_checks_with_one_id(course):
    twice = "```check\nid: same\ntype: true-false\nprompt: A.\nanswer: true\n```\n"
    two_right = "```check\ntype: single\nprompt: Who?\noptions: [{text: A, correct: true}, {text: B, correct: true}]\n```\n"
    problems = check_course(_with_page(course, twice + "\n" + twice + "\n" + two_right))
    errors = [f"{p.file.rsplit('/', 1)[-1]}:{p.line}: {p.message}" for p in problems if p.severity == "error"]
    assert "summary.md:8: duplicate question id 'check-same'" in errors
    assert "summary.md:15: question 'check-summary-3': a single-choice question needs exactly one correct option, found 2" in errors


def test_every_text_of_the_blocks_is_a_translation_unit_and_comes_back_translated(course):
    from qser_scorm.translate.units import translate_course, units

    text = ("::: tip Before the meeting\nRead.\n:::\n\n::: details The procedure\nAsk.\n:::\n\n"
            "| A | B |\n| --- | --- |\n| 1 | 2 |\n\nTable: Table of roles\n\n" + CHECK)
    loaded = _with_page(course, text)
    found = {u.key: u for u in units(loaded, course)}
    assert found["page.summary/title1"].text == "Before the meeting"
    assert found["page.summary/summary1"].text == "The procedure"
    assert found["page.summary/caption1"].text == "Table of roles"
    check_texts = {k: u.text for k, u in found.items() if k.startswith("question.check-summary-1.")}
    assert check_texts == {"question.check-summary-1.prompt": "Who listens first?",
                           "question.check-summary-1.option1.text": "The mentor",
                           "question.check-summary-1.option1.feedback": "Yes, the mentor.",
                           "question.check-summary-1.option2.text": "The mentee",
                           "question.check-summary-1.feedback.wrong": "Read the page again."}
    assert found["question.check-summary-1.prompt"].where == "pages/summary.md:17"  # the fence

    upper = translate_course(loaded, course, "el", lambda unit: unit.text.upper())
    page = next(p for p in upper.pages if p.id == "summary")
    assert "::: tip BEFORE THE MEETING\n" in page.markdown and "::: details THE PROCEDURE\n" in page.markdown
    assert "Table: TABLE OF ROLES\n" in page.markdown
    assert page.checks[0].prompt == "WHO LISTENS FIRST?" and page.checks[0].id == "check-summary-1"


def test_a_check_question_outside_a_page_is_an_error(course):
    text = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(text.replace("description: |\n", "description: |\n  ```check\n  type: true-false\n"
                                                     "  prompt: A.\n  answer: true\n  ```\n\n", 1), encoding="utf-8")
    with pytest.raises(CourseError) as raised:
        load_course(course)
    assert [p.message for p in raised.value.problems] == ["a check question (```check) outside a page"]
    assert raised.value.problems[0].file.endswith("course.yaml")


@pytest.mark.parametrize("translation", [
    '![Ο κύκλος](media/cycle.png "Ο κύκλος της καθοδήγησης")',  # the width is lost
    '![](media/cycle.png "Ο κύκλος της καθοδήγησης"){width=50}',  # the alt text is lost
])
def test_a_translation_must_keep_an_images_options_and_alt_text(translation):
    from qser_scorm.translate.blocks import structure

    source = '![The cycle](media/cycle.png "The cycle of mentoring"){width=50}'
    assert structure('![Ο κύκλος](media/cycle.png "Ο κύκλος"){width=50}') == structure(source)
    assert structure(translation)["images"] != structure(source)["images"]
