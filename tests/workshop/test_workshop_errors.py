"""A bad `workshop:` section: exit 2, the file and line, how to fix it, nothing written."""
from __future__ import annotations

import pytest

from tests.test_course_errors import _line_of, _replace


def segments_do_not_add_up(src):
    _replace(src / "course.yaml", "      minutes: 13\n", "      minutes: 10\n")
    return (_line_of(src / "course.yaml", "- title: Welcome and the aims of the unit"),
            "the agenda's segments add up to 57 minutes, but `duration_minutes` is 60",
            "so they add up to 60")


def unknown_page(src):
    _replace(src / "course.yaml", "pages: [becoming-a-mentor]", "pages: [becoming-a-mentr]")
    return (_line_of(src / "course.yaml", "pages: [becoming-a-mentr]"),
            "the workshop names page 'becoming-a-mentr', which does not exist", "did you mean 'becoming-a-mentor'?")


def unknown_question(src):
    _replace(src / "course.yaml", "questions: [r-most-important-trait, r-skill-to-work-on]",
             "questions: [r-most-important-trait, r-skill-to-work-at]")
    return (_line_of(src / "course.yaml", "r-skill-to-work-at]"),
            "the workshop names question 'r-skill-to-work-at', which does not exist",
            "did you mean 'r-skill-to-work-on'?")


def prompts_for_a_scored_question(src):
    _replace(src / "course.yaml", "    r-skill-to-work-on:\n", "    q-skill-areas:\n")
    return (_line_of(src / "course.yaml", "    q-skill-areas:") + 1,  # its prompts start there
            "question 'q-skill-areas' is scored, not a discussion question", "`type: reflection`")


def minutes_not_a_number(src):
    _replace(src / "course.yaml", "      minutes: 8\n", "      minutes: eight\n")
    return _line_of(src / "course.yaml", "minutes: eight"), "`workshop.agenda[2].minutes` must be a whole number", ""


def misspelt_key(src):
    _replace(src / "course.yaml", "      minutes: 8\n", "      minute: 8\n")
    return _line_of(src / "course.yaml", "minute: 8"), "unknown key `minute`", "did you mean `minutes`?"


@pytest.mark.parametrize("breakage", [segments_do_not_add_up, unknown_page, unknown_question,
                                      prompts_for_a_scored_question, minutes_not_a_number, misspelt_key],
                         ids=lambda f: f.__name__)
def test_a_bad_workshop_section_stops_the_build_with_file_and_line(course, run_cli, tmp_path, breakage):
    line, message, hint = breakage(course)
    out = tmp_path / "dist"

    result = run_cli("build", course, "--out", out, "--target", "workshop")

    assert result.exit_code == 2, result.output
    assert f"course.yaml:{line}: error: {message}" in result.output
    assert hint in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_check_reports_a_bad_agenda_too(course, run_cli):
    line, message, _ = segments_do_not_add_up(course)
    result = run_cli("check", course)
    assert result.exit_code == 2 and f"course.yaml:{line}: error: {message}" in result.output
