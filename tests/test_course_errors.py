"""Bad course source: exit code 2, file and line, how to fix, no traceback, dist/ untouched."""
from __future__ import annotations

import os
import re
import zipfile

import pytest
import yaml

from tests.conftest import COURSE_SRC

PREVIOUS = b"zip of the previous good build"


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def missing_page_file(src):
    (src / "pages" / "summary.md").unlink()
    return "course.yaml", _line_of(src / "course.yaml", "id: summary"), "does not exist"


def missing_course_file(src):
    (src / "course.yaml").unlink()
    return "course.yaml", None, "file not found"


def yaml_syntax_error(src):
    _replace(src / "course.yaml", "language: en", "language: [en")
    return "course.yaml", _line_of(src / "course.yaml", "language: [en"), "YAML syntax error"


def unknown_key(src):
    _replace(src / "course.yaml", "pass_mark:", "pass_mrak:")
    return "course.yaml", _line_of(src / "course.yaml", "pass_mrak"), "unknown key `pass_mrak`"


def missing_required_field(src):
    _replace(src / "course.yaml", "\ntitle:", "\nheadline:")
    first_key = _line_of(src / "course.yaml", "id: qser-becoming-a-mentor")  # the mapping that lacks it
    return "course.yaml", first_key, "missing required key `title`"


def pass_mark_out_of_range(src):
    text = (src / "course.yaml").read_text()
    (src / "course.yaml").write_text(re.sub(r"pass_mark: \d+", "pass_mark: 150", text))
    return "course.yaml", _line_of(src / "course.yaml", "pass_mark"), "between 0 and 100"


def duplicate_page_id(src):
    _replace(src / "course.yaml", "id: summary", "id: opening\n    file: pages/summary.md")
    return "course.yaml", _line_of(src / "course.yaml", "file: pages/summary.md") - 1, "duplicate page id 'opening'"


def duplicate_question_id(src):
    _replace(src / "assessment.yaml", "id: q-skill-areas", "id: q-partner-count")
    line = [n for n, text in enumerate((src / "assessment.yaml").read_text().splitlines(), 1)
            if "id: q-partner-count" in text][1]
    return "assessment.yaml", line, "duplicate question id 'q-partner-count'"


def id_not_an_xml_identifier(src):
    _replace(src / "assessment.yaml", "id: q-skill-areas", "id: 1 skill areas")
    return "assessment.yaml", _line_of(src / "assessment.yaml", "id: 1 skill areas"), "is not a valid id"


def wrong_type(src):
    _replace(src / "assessment.yaml", "shuffle: true", "shuffle: sometimes")
    return "assessment.yaml", _line_of(src / "assessment.yaml", "shuffle:"), "must be true or false"


def key_of_another_question_type(src):
    _replace(src / "assessment.yaml", "type: true-false", "type: true-false\n    accept: [yes]")
    return "assessment.yaml", _line_of(src / "assessment.yaml", "accept: [yes]"), "does not apply"


def undefined_objective(src):
    _replace(src / "assessment.yaml", "objective: obj-role", "objective: obj-nowhere")
    lines = (src / "assessment.yaml").read_text().splitlines()
    question = max(n for n, text in enumerate(lines[:_line_of(src / "assessment.yaml", "obj-nowhere")], 1)
                   if text.lstrip().startswith("- id:"))
    return "assessment.yaml", question, "objective 'obj-nowhere' is not defined"


def unknown_explaining_page(src):
    _replace(src / "assessment.yaml", "page: mentors-mentees", "page: mentors-and-mentees")
    return "assessment.yaml", _line_of(src / "assessment.yaml", "page: mentors-and-mentees"), \
        "page 'mentors-and-mentees' is not a page of course.yaml"


def unknown_assessment_setting(src):
    _replace(src / "assessment.yaml", "display: one_per_screen", "display: one_at_a_time")
    return "assessment.yaml", _line_of(src / "assessment.yaml", "display: one_at_a_time"), "one_per_screen"


def missing_image(src):
    with (src / "pages" / "summary.md").open("a") as page:
        page.write("\n![The two models](media/models.png)\n")
    return "summary.md", _line_of(src / "pages" / "summary.md", "media/models.png"), "media/models.png does not exist"


def image_from_another_host(src):
    with (src / "pages" / "summary.md").open("a") as page:
        page.write("\nSee ![logo](https://cdn.example.org/logo.png)\n")
    return "summary.md", _line_of(src / "pages" / "summary.md", "cdn.example.org"), "loaded from another host"


def page_outside_the_course_folder(src):
    _replace(src / "course.yaml", "id: summary", "id: summary\n    file: ../outside.md")
    (src.parent / "outside.md").write_text("Not part of the course.")
    return "course.yaml", _line_of(src / "course.yaml", "../outside.md"), "outside the course folder"


def value_that_does_not_fit_its_yaml_tag(src):
    text = (src / "course.yaml").read_text()
    (src / "course.yaml").write_text(re.sub(r"pass_mark: \d+", "pass_mark: !!int seventy", text))
    return "course.yaml", _line_of(src / "course.yaml", "pass_mark"), "'seventy' is not a valid int"


def nesting_too_deep(src):
    """libyaml's composer would crash the whole process on this (a C stack overflow)."""
    (src / "course.yaml").write_text("title: x\npages: " + "[" * 100_000 + "\n")
    return "course.yaml", 2, "nested more than 64 levels deep"


def nesting_too_deep_in_block_style(src):
    (src / "assessment.yaml").write_text("questions:\n" + "- " * 50_000 + "x\n")
    return "assessment.yaml", 2, "nested more than 64 levels deep"


def unreadable_tagged_value(src):
    _replace(src / "assessment.yaml", "shuffle: true", "shuffle: !!bool maybe")
    return "assessment.yaml", _line_of(src / "assessment.yaml", "shuffle:"), "'maybe' is not a valid bool"


def mis_indented_question(src):
    _replace(src / "assessment.yaml", "    type: single", "   type: single")
    return "assessment.yaml", _line_of(src / "assessment.yaml", "   type: single"), "YAML syntax error"


CASES = [missing_page_file, missing_course_file, yaml_syntax_error, unknown_key, missing_required_field,
         pass_mark_out_of_range, duplicate_page_id, duplicate_question_id, id_not_an_xml_identifier, wrong_type,
         key_of_another_question_type, undefined_objective, unknown_explaining_page, unknown_assessment_setting,
         missing_image, image_from_another_host,
         page_outside_the_course_folder, value_that_does_not_fit_its_yaml_tag, nesting_too_deep,
         nesting_too_deep_in_block_style, unreadable_tagged_value, mis_indented_question]


@pytest.mark.parametrize("breakage", CASES, ids=[c.__name__ for c in CASES])
def test_bad_input_exits_2_with_file_line_and_leaves_dist_alone(breakage, course, run_cli, tmp_path):
    file, line, message = breakage(course)
    out = tmp_path / "dist"
    out.mkdir()
    (out / "qser-becoming-a-mentor-scorm12.zip").write_bytes(PREVIOUS)

    result = run_cli("build", course, "--out", out)

    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert message in result.output
    # A problem with a place in a file names its line; a missing file or an unreadable one cannot.
    where = rf"{line}:" if line else ": error"
    assert re.search(rf"^\S*/{re.escape(file)}:?{where}", result.output, re.MULTILINE), result.output
    assert "how to fix:" in result.output
    assert os.listdir(out) == ["qser-becoming-a-mentor-scorm12.zip"]
    assert (out / "qser-becoming-a-mentor-scorm12.zip").read_bytes() == PREVIOUS


def test_every_problem_is_reported_at_once(course, run_cli, tmp_path):
    _replace(course / "course.yaml", "pass_mark:", "pass_mrak:")
    _replace(course / "course.yaml", "language: en", "language: 12")
    result = run_cli("build", course, "--out", tmp_path)
    assert result.exit_code == 2
    assert "pass_mrak" in result.output and "`language` '12' is not a language code" in result.output
    assert "did you mean `pass_mark`?" in result.output


def test_identical_pages_warn_but_build(course, run_cli, tmp_path):
    (course / "pages" / "summary.md").write_text((course / "pages" / "opening.md").read_text())
    result = run_cli("build", course, "--out", tmp_path)
    assert result.exit_code == 0
    assert "warning: page 'summary' has the same text as page 'opening'" in result.output


def test_strict_makes_warnings_stop_the_build(course, run_cli, tmp_path):
    (course / "pages" / "summary.md").write_text((course / "pages" / "opening.md").read_text())
    result = run_cli("build", course, "--out", tmp_path / "dist", "--strict")
    assert result.exit_code == 2
    assert "1 warning in the course source (--strict: warnings count as errors)" in result.output
    assert not (tmp_path / "dist").exists()


def test_check_reports_without_writing(course, run_cli):
    assert run_cli("check", COURSE_SRC).output.strip().endswith("no warnings, no error.")
    _replace(course / "course.yaml", "pass_mark:", "pass_mrak:")
    result = run_cli("check", course)
    assert result.exit_code == 2 and "unknown key `pass_mrak`" in result.output


def test_a_date_like_value_is_text(course, run_cli, tmp_path):
    _replace(course / "course.yaml", 'version: "1.0"', "version: 2026-11-29")
    result = run_cli("build", course, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "qser-becoming-a-mentor-scorm12.zip") as archive:
        assert 'version="2026-11-29"' in archive.read("imsmanifest.xml").decode()


def test_missing_source_folder_is_a_clear_error(run_cli, tmp_path):
    result = run_cli("build", tmp_path / "nowhere", "--out", tmp_path / "dist")
    assert result.exit_code == 2 and "the course folder does not exist" in result.output
    assert not (tmp_path / "dist").exists()


def test_the_shipped_course_builds_without_warnings(run_cli, tmp_path):
    result = run_cli("build", COURSE_SRC, "--out", tmp_path)
    assert result.exit_code == 0 and "warning" not in result.output


def _problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error: " in line]


def test_problems_in_every_file_come_in_one_run(course, run_cli, tmp_path):
    """An unknown key in course.yaml hides neither a duplicate question id nor a missing page."""
    _replace(course / "course.yaml", "programme: Erasmus+", "programme: Erasmus+\nfunder: European Union")
    unknown = "course.yaml", _line_of(course / "course.yaml", "funder:"), "unknown key `funder`"
    duplicate = duplicate_question_id(course)
    missing = missing_page_file(course)

    result = run_cli("build", course, "--out", tmp_path / "dist")

    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for file, line, message in (unknown, duplicate, missing):
        assert any(f"/{file}:{line}: error: " in text and message in text for text in _problem_lines(result.output)), \
            (file, line, message, result.output)
    assert "3 errors in the course source" in result.output
    assert not (tmp_path / "dist").exists()


def test_a_broken_question_does_not_hide_the_checks_of_the_others(course, run_cli, tmp_path):
    _replace(course / "assessment.yaml", "shuffle: true", "shuffle: sometimes")
    _replace(course / "assessment.yaml", "    type: ordering", "    type: ordering\n    weight: heavy")
    _replace(course / "assessment.yaml", "objective: obj-role", "objective: obj-nowhere")
    result = run_cli("check", course)
    assert result.exit_code == 2
    errors = _problem_lines(result.output)
    assert any("`shuffle` must be true or false" in e for e in errors)
    assert any("`questions[3].weight` must be a number" in e for e in errors), result.output
    assert any("objective 'obj-nowhere' is not defined" in e for e in errors)
    assert len(errors) == 3, result.output


def test_an_unreadable_assessment_does_not_hide_course_problems(course, run_cli):
    _replace(course / "assessment.yaml", "    type: single", "   type: single")
    _replace(course / "course.yaml", "pass_mark:", "pass_mrak:")
    result = run_cli("check", course)
    assert result.exit_code == 2
    assert "assessment.yaml" in result.output and "YAML syntax error" in result.output
    assert "unknown key `pass_mrak`" in result.output
    # No question was read: the assessment has none "scored" only because it could not be read.
    assert "no scored question" not in result.output
    assert ("not checked until the errors above are fixed: whether the assessment has a scored question"
            in result.output)


def test_a_check_that_needs_a_broken_part_waits_and_says_so(course, run_cli):
    _replace(course / "course.yaml", "  - id: obj-role\n    text:", "  - id: obj-role\n    txet:")
    result = run_cli("check", course)
    assert result.exit_code == 2
    assert "missing required key `text` in `objectives[3]`" in result.output
    # Questions that name obj-role are not reported: the objectives are not all known yet.
    assert "is not defined in course.yaml" not in result.output
    assert re.search(r"not checked until the errors above are fixed: whether each question's objective is "
                     r"defined in course\.yaml \(it needs `objectives` in \S+/course\.yaml\)", result.output)


def test_an_unreadable_course_file_says_what_it_could_not_check(course, run_cli):
    yaml_syntax_error(course)
    result = run_cli("check", course)
    assert result.exit_code == 2
    assert "not checked until the errors above are fixed: the assessment and the pages" in result.output


def test_a_bad_tag_is_one_problem_not_two(course, run_cli):
    value_that_does_not_fit_its_yaml_tag(course)
    result = run_cli("check", course)
    assert result.exit_code == 2
    assert "'seventy' is not a valid int" in result.output
    assert len(_problem_lines(result.output)) == 1, result.output


@pytest.mark.parametrize("old, new, message, hint", [
    ("    type: ordering", "    type: orderin", "must be one of: single, multiple, true-false, matching, ordering, "
     "fill-in, reflection; got 'orderin'", "did you mean `ordering`?"),
    ("    type: ordering", "    type: essay", "must be one of: single,", "write one of: single, multiple,"),
    ("attempts: 3", "attempts: 500", "`attempts` must be between 0 and 100, got 500",
     "write a number between 0 and 100"),
    ("attempts: 3", "attempts: three", "`attempts` must be a whole number, got text 'three'",
     "write a whole number without quotes"),
    ("shuffle: true", "shuffle: sometimes", "`shuffle` must be true or false, got text 'sometimes'",
     "write true or false, without quotes"),
    ("shuffle: true", "shuffle: yes", "`shuffle` must be true or false, got text 'yes'",
     "YAML 1.2 reads yes as text"),
    ("title: Assessment", "title:\n  - Assessment", "`title` must be text, got a list", "as a `|` block"),
    ("title: Assessment", "title:", "`title` must be text, got nothing", "write a value after the colon"),
])
def test_the_hint_fits_the_error(course, run_cli, old, new, message, hint):
    _replace(course / "assessment.yaml", old, new)
    result = run_cli("check", course)
    assert result.exit_code == 2
    assert message in result.output, result.output
    assert hint in result.output, result.output


def test_loader_problems_carry_their_key_path(course):
    from qser_scorm.errors import CourseError
    from qser_scorm.pipeline import check

    _replace(course / "assessment.yaml", "      - text: Immigrants and refugees", "      - text: [Immigrants]")
    missing_page_file(course)
    with pytest.raises(CourseError) as raised:
        check(course)
    paths = {problem.key_path for problem in raised.value.problems}
    assert ("questions", 1, "options", 1, "text") in paths
    summary = [page["id"] for page in yaml.safe_load((course / "course.yaml").read_text())["pages"]].index("summary")
    assert ("pages", summary) in paths


def test_a_missing_page_is_not_also_a_page_the_workshop_names_in_vain(course, run_cli):
    (course / "pages" / "opening.md").unlink()
    result = run_cli("check", course)
    assert result.exit_code == 2
    assert "page 'opening': file pages/opening.md does not exist" in result.output
    assert "the workshop names page" not in result.output
    assert "not checked until the errors above are fixed: whether the workshop agenda names pages" in result.output
    assert len(_problem_lines(result.output)) == 1, result.output
