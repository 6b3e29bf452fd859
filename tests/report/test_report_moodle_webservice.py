"""The report read live through Moodle's web services, from a local server replaying the
recorded Moodle 4.5 answers (tests/report/moodle_replay.py): the same report as the downloads,
clear messages for what the coordinator must fix, and the token never shown or written."""
from __future__ import annotations

import pytest

from qser_scorm.report.moodle import webservice

from .moodle_replay import TOKEN, MoodleReplay
from .moodle_truth import COURSE_SOURCE, EXPORTS, expected_correct_rates, expected_learners, expected_reflections


@pytest.fixture
def moodle():
    with MoodleReplay().running() as replay:
        yield replay


@pytest.fixture
def token_file(tmp_path):
    path = tmp_path / "moodle.token"
    path.write_text(TOKEN + "\n", encoding="utf-8")
    return path


def _live(run_report, moodle, token_file, *extra):
    return run_report("--moodle", moodle.url, "--token-file", token_file, "--cmid", "6",
                      "--moodle-course", "QSER-MENTOR-2026", "--course", COURSE_SOURCE, *extra)


def test_the_web_services_give_the_ground_truth(moodle, token_file, run_report):
    result, written = _live(run_report, moodle, token_file)

    assert result.exit_code == 0, result.output
    learners = written.learners()
    for name, figures in expected_learners().items():
        for column in ("status", "best_score", "attempts", "lms_attempts", "group", "account"):
            assert learners[name][column] == figures[column], (name, column)
    # Only the web services have the time spent: cmi.core.total_time, summed over attempts.
    assert learners["Ana Martínez"]["time_spent_seconds"] == "33"  # 16.04 s + 16.73 s
    questions = {row["question"]: row for row in written.rows("questions.csv")}
    assert {q: (int(r["answers"]), int(r["correct"])) for q, r in questions.items()} == expected_correct_rates()
    assert {(r["question"], r["learner"], r["reflection"]) for r in written.rows("reflections.csv")} \
        == expected_reflections()


def test_the_web_services_and_the_downloads_give_the_same_report(moodle, token_file, run_report):
    live_result, live = _live(run_report, moodle, token_file)
    assert "8 attempts, 8 learners, 9 questions." in live_result.output
    live_tables = [live.rows(name) for name in ("learners.csv", "questions.csv", "objectives.csv")]
    live_reflections = {(r["question"], r["learner"], r["reflection"]) for r in live.rows("reflections.csv")}
    result, downloaded = run_report("--moodle-export", EXPORTS / "scorm-interactions-all.ods", "--moodle-export",
                                    EXPORTS / "gradebook.ods", "--course", COURSE_SOURCE)
    assert result.exit_code == 0, result.output
    assert "8 attempts, 8 learners, 9 questions." in result.output

    # The downloads have no groups, no time spent and last access only to the minute.
    only_live = ("group", "time_spent_seconds", "last_activity")
    strip = [{k: v for k, v in row.items() if k not in only_live} for row in live_tables[0]]
    assert strip == [{k: v for k, v in row.items() if k not in only_live} for row in downloaded.rows("learners.csv")]
    assert live_tables[1:] == [downloaded.rows("questions.csv"), downloaded.rows("objectives.csv")]
    assert live_reflections == {(r["question"], r["learner"], r["reflection"]) for r in downloaded.rows("reflections.csv")}


def test_the_learners_are_read_a_page_at_a_time(moodle, token_file, run_report, monkeypatch):
    monkeypatch.setattr(webservice, "PAGE_SIZE", 3)
    result, written = _live(run_report, moodle, token_file)

    assert result.exit_code == 0, result.output
    assert len(written.learners()) == 8
    pages = [r for r in moodle.requests if r["wsfunction"] == "core_enrol_get_enrolled_users"]
    assert [p["options[2][value]"] for p in pages] == ["0", "3", "6"]


def test_group_filters_and_compares(moodle, token_file, run_report):
    result, written = _live(run_report, moodle, token_file, "--group", "Valencia citizen service")

    assert result.exit_code == 0, result.output
    assert set(written.learners()) == {n for n, f in expected_learners().items()
                                       if f["group"] == "Valencia citizen service"}
    _, both = _live(run_report, moodle, token_file, "--group", "Valencia citizen service",
                    "--group", "Egaleo social services")
    assert "Groups compared" in both.html
    assert "<th scope=\"row\">Egaleo social services</th><td class=\"num\">4</td><td class=\"num\">2</td>" in both.html


def test_an_unknown_group_exits_2_naming_the_groups(moodle, token_file, run_report):
    result, _ = _live(run_report, moodle, token_file, "--group", "Madrid")

    assert result.exit_code == 2
    assert "no learner is in the group 'Madrid'" in result.output and "Egaleo social services" in result.output


def test_a_wrong_token_exits_2_with_a_message_and_no_traceback(moodle, tmp_path, run_report):
    wrong = tmp_path / "wrong.token"
    wrong.write_text("0123456789abcdef0123456789abcdef", encoding="utf-8")
    result, written = _live(run_report, moodle, wrong)

    assert result.exit_code == 2
    assert "refused the token (Invalid token - token not found)" in result.output
    assert "Traceback" not in result.output and "0123456789abcdef" not in result.output
    assert not written.folder.exists()


def test_the_token_is_never_in_a_url_the_output_or_the_files(moodle, token_file, run_report):
    result, written = _live(run_report, moodle, token_file, "--format", "xlsx", "--format", "csv",
                            "--format", "html")

    assert result.exit_code == 0, result.output
    assert TOKEN not in result.output
    assert all(TOKEN not in request["path"] for request in moodle.requests)  # only in POST bodies
    for path in written.folder.iterdir():
        assert TOKEN.encode() not in path.read_bytes(), path.name


def test_the_token_can_come_from_the_environment(moodle, run_report, monkeypatch):
    monkeypatch.setenv("QSER_MOODLE_TOKEN", TOKEN)
    result, written = run_report("--moodle", moodle.url, "--cmid", "6", "--moodle-course", "QSER-MENTOR-2026",
                                 "--course", COURSE_SOURCE)

    assert result.exit_code == 0, result.output
    assert len(written.learners()) == 8


def test_a_function_missing_from_the_service_is_named(moodle, token_file, run_report):
    moodle.functions.discard("mod_scorm_get_scorm_sco_tracks")
    moodle.answers = {key: body.replace(b'{"name":"mod_scorm_get_scorm_sco_tracks"', b'{"name":"x"')
                      for key, body in moodle.answers.items()}
    result, _ = _live(run_report, moodle, token_file)

    assert result.exit_code == 2
    assert "may not call mod_scorm_get_scorm_sco_tracks" in result.output
    assert "External services > Functions" in result.output


def test_disabled_web_services_are_named(moodle, token_file, run_report):
    moodle.status = 403
    result, _ = _live(run_report, moodle, token_file)

    assert result.exit_code == 2
    assert "web services or the REST protocol are disabled" in result.output


def test_a_missing_capability_is_named(moodle, token_file, run_report):
    moodle.answers = {key: (b'{"exception":"required_capability_exception","errorcode":"nopermissions",'
                            b'"message":"Sorry, but you do not currently have permissions to do that '
                            b'(View SCORM reports)."}' if ("wsfunction", "gradereport_user_get_grade_items") in key
                            else body) for key, body in moodle.answers.items()}
    result, _ = _live(run_report, moodle, token_file)

    assert result.exit_code == 2
    assert "lacks a capability" in result.output and "(View SCORM reports)" in result.output


@pytest.mark.parametrize(("args", "expected"), [
    (["--moodle", "http://moodle.example.org", "--cmid", "6"], "plain http"),
    (["--moodle", "https://moodle.example.org"], "needs --cmid"),
    (["--moodle", "https://moodle.example.org", "--cmid", "6", "--token-file", "/nonexistent/token"],
     "cannot read /nonexistent/token"),
    (["--moodle", "https://moodle.example.org", "--cmid", "6"], "needs a token"),
], ids=["plain-http", "no-cmid", "token-file-missing", "no-token"])
def test_bad_moodle_options_exit_2(args, expected, run_report, monkeypatch, token_file):
    monkeypatch.delenv("QSER_MOODLE_TOKEN", raising=False)
    if expected == "plain http":
        args = [*args, "--token-file", str(token_file)]
    result, _ = run_report(*args, "--course", COURSE_SOURCE)

    assert result.exit_code == 2, result.output
    assert expected in result.output and "Traceback" not in result.output


def test_an_unreachable_moodle_exits_1(token_file, run_report):
    result, _ = run_report("--moodle", "http://127.0.0.1:9", "--token-file", token_file, "--cmid", "6",
                           "--course", COURSE_SOURCE, "--timeout", "5")

    assert result.exit_code == 1
    assert "Cannot connect to Moodle at http://127.0.0.1:9" in result.output
