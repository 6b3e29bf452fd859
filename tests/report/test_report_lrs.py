"""The report read from Ralph, a real LRS (tests/lrs.py), and clear messages when the LRS fails."""
from __future__ import annotations

import json
import socket
import uuid

import pytest
from tincan import Statement

from qser_scorm.report.read import read_lrs
from qser_scorm.xapi.lrs import TimedRemoteLRS
from tests.xapi.posting import post_in_batches

from .simulate import COURSE_IRI, EXPECTED_LEARNERS, play


@pytest.fixture(scope="module")
def posted(lrs) -> tuple[str, list[dict]]:
    """The simulated learners' statements, posted to Ralph under a course IRI of their own (other
    tests share the LRS); return that IRI and the statements."""
    course = f"https://qser.example/xapi/report-test-{uuid.uuid4().hex[:8]}"
    statements = json.loads(json.dumps(play()).replace(COURSE_IRI, course))
    sender = TimedRemoteLRS(endpoint=lrs.endpoint, username=lrs.username, password=lrs.password)
    post_in_batches(sender, [Statement.from_json(json.dumps(statement)) for statement in statements], 40)
    return course, statements


def test_report_from_ralph_has_the_numbers_played(lrs, posted, run_report):
    course, statements = posted
    result, written = run_report("--lrs", lrs.endpoint, "--user", lrs.username, "--password", lrs.password,
                                 "--activity", course)

    assert result.exit_code == 0, result.output
    assert f"{len(statements)} statements, 4 learners, 9 questions." in result.output
    learners = written.learners()
    for name, (status, best, _, attempts, seconds) in EXPECTED_LEARNERS.items():
        row = learners[name]
        assert (row["status"], row["attempts"], row["time_spent_seconds"]) == (status, str(attempts), str(seconds))
        assert row["best_score"] == ("" if best is None else f"{best:g}")
    questions = {row["question"]: row for row in written.rows("questions.csv")}
    assert questions["q-training-audience"]["correct_rate"] == "50"
    assert "50.0 %</strong> pass rate" in written.html
    assert f"from {lrs.endpoint}, activity {course}" in written.html
    assert lrs.password not in written.html


def test_pages_are_followed_through_more(lrs, posted):
    course, statements = posted
    status, first_page = lrs.request("GET", "statements?limit=25")
    assert status == 200 and first_page["more"], "Ralph should page at 25"

    read = list(read_lrs(lrs.endpoint, lrs.username, lrs.password, activity=course, page_size=25))

    assert sorted(s["id"] for s in read) == sorted(s["id"] for s in statements)


def test_no_statements_for_the_course_is_a_clear_message(lrs, posted, run_report):
    result, written = run_report("--lrs", lrs.endpoint, "--user", lrs.username, "--password", lrs.password,
                                 "--activity", "https://qser.example/xapi/never-played")

    assert result.exit_code == 1
    assert "holds no statements about https://qser.example/xapi/never-played; nothing was written" in result.output
    assert not written.folder.exists()


def test_wrong_password_is_a_clear_message(lrs, run_report):
    result, _ = run_report("--lrs", lrs.endpoint, "--user", lrs.username, "--password", "not-the-password")

    assert result.exit_code == 1
    assert "refused the user name or password (HTTP 401)" in result.output
    assert "Check --user and --password" in result.output
    assert "Traceback" not in result.output


def test_wrong_endpoint_is_a_clear_message(lrs, run_report):
    root = lrs.endpoint.replace("/xAPI/", "/")
    result, _ = run_report("--lrs", root, "--user", lrs.username, "--password", lrs.password)

    assert result.exit_code == 1
    assert "has no statements resource (HTTP 404)" in result.output


def test_unreachable_lrs_is_a_clear_message(run_report):
    with socket.socket() as probe:  # a port nothing listens on once closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result, _ = run_report("--lrs", f"http://127.0.0.1:{port}/xAPI/", "--user", "u", "--password", "p")

    assert result.exit_code == 1
    assert f"Cannot connect to the LRS at http://127.0.0.1:{port}/xAPI/" in result.output
    assert "Check the address given to --lrs" in result.output


def test_silent_lrs_times_out_with_a_clear_message(run_report):
    with socket.socket() as silent:  # accepts connections (backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        result, _ = run_report("--lrs", f"http://127.0.0.1:{port}/xAPI/", "--user", "u", "--password", "p",
                               "--timeout", "0.5")

    assert result.exit_code == 1
    assert "did not answer within 0.5 s" in result.output
    assert "--timeout" in result.output
