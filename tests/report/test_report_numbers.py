"""The report of known simulated learners (tests/report/simulate.py), from a statements file."""
from __future__ import annotations

import json
import re

import pytest

from .simulate import COURSE_IRI, EXPECTED_LEARNERS, play


@pytest.fixture(scope="module")
def played() -> list[dict]:
    return play()


def test_learners_have_the_status_scores_attempts_and_time_played(played, statements_file, run_report):
    result, written = run_report("--from", statements_file(played))

    assert result.exit_code == 0, result.output
    learners = written.learners()
    assert set(learners) == set(EXPECTED_LEARNERS)
    for name, (status, best, last, attempts, seconds) in EXPECTED_LEARNERS.items():
        row = learners[name]
        assert row["status"] == status, name
        assert row["best_score"] == ("" if best is None else f"{best:g}"), name
        assert row["last_score"] == ("" if last is None else f"{last:g}"), name
        assert int(row["attempts"]) == attempts, name
        assert int(row["time_spent_seconds"]) == seconds, name
    assert learners["Ana Novak"]["account"] == "mailto:ana@example.org"
    assert learners["Ana Novak"]["last_activity"].endswith("Z")
    # Personal data: readable by the coordinator who made the report only.
    assert {path.stat().st_mode & 0o777 for path in written.folder.iterdir()} == {0o600}


def test_html_shows_pass_rate_and_score_distribution(played, statements_file, run_report):
    _, written = run_report("--from", statements_file(played))
    html = written.html

    # 2 of 4 learners passed (Ana, Dara); Ben failed; Chloé has not submitted.
    assert "50.0 %</strong> pass rate" in html
    assert re.search(r"passed</th>\s*<td class=\"num\">2</td>", html)
    assert re.search(r"in progress</th>\s*<td class=\"num\">1</td>", html)
    # Best scores 33.33, 88.89 and 100: one learner each in the 30s, the 80s and the top band.
    bands = re.search(r"Learners per best score band.*?<tbody><tr>(.*?)</tr>", html, re.S).group(1)
    assert re.findall(r'<td class="num">(\d+)</td>', bands) == ["0", "0", "0", "1", "0", "0", "0", "0", "1", "1"]
    assert "Learners per score band in percent: 0–9: 0; 10–19: 0; 20–29: 0; 30–39: 1" in html


def test_questions_have_correct_rates_and_answer_distribution(played, statements_file, run_report):
    _, written = run_report("--from", statements_file(played))
    questions = {row["question"]: row for row in written.rows("questions.csv")}

    # 9 scored questions, each answered in 4 submitted attempts (Ana twice, Ben, Dara).
    assert len(questions) == 9
    assert {row["answers"] for row in questions.values()} == {"4"}
    audience = questions["q-training-audience"]
    assert (audience["correct"], audience["correct_rate"]) == ("2", "50")
    assert audience["prompt"] == "Who does this training material aim to train to become mentors?"
    assert audience["answer_distribution"] == "Employees of municipalities: 2; Immigrants and refugees: 2"
    # Multiple choice: each chosen option counts. Ana 3 then 0,1,2; Ben 0,3; Dara 0,1.
    traits = questions["q-mentor-traits"]
    assert (traits["correct"], traits["correct_rate"]) == ("1", "25")
    assert dict(part.rsplit(": ", 1) for part in traits["answer_distribution"].split("; ")) == {
        "Willingness to share experiences, skills and knowledge": "3",
        "Trust and respect": "2",
        "Being critical of the mentee's mistakes": "2",
        "Listening to and considering the viewpoints of others": "1",
    }
    assert questions["q-partner-count"]["answer_distribution"] == "seven: 4"
    assert questions["q-path-to-mentor"]["correct_rate"] == "75"


def test_reflections_list_each_learners_latest_answer(played, statements_file, run_report):
    _, written = run_report("--from", statements_file(played))
    reflections = [(row["question"], row["learner"], row["reflection"]) for row in written.rows("reflections.csv")]

    assert reflections == [
        ("r-most-important-trait", "Ana Novak", "Patience and listening."),  # her second attempt's answer
        # Text that a spreadsheet would run as a formula is neutralised (OWASP CSV injection).
        ("r-most-important-trait", "Dara Ní Bhriain", "'=listening, before anything else"),
        ("r-skill-to-work-on", "Dara Ní Bhriain", "Giving feedback.\nAnd saying no."),
    ]
    assert "Which trait is the most important that a mentor should possess?</h3>" in written.html
    assert "=listening, before anything else</blockquote>" in written.html


def test_statement_order_does_not_change_the_numbers(played, statements_file, run_report):
    _, in_order = run_report("--from", statements_file(played, "a.json"))
    in_order_rows = (in_order.rows("learners.csv"), in_order.rows("questions.csv"), in_order.rows("reflections.csv"))
    _, reversed_ = run_report("--from", statements_file(played[::-1], "b.json"))

    assert (reversed_.rows("learners.csv"), reversed_.rows("questions.csv"),
            reversed_.rows("reflections.csv")) == in_order_rows


def test_activity_keeps_only_the_course_and_voided_statements_are_skipped(played, statements_file, run_report):
    other_course = json.loads(json.dumps(played[:30]).replace(COURSE_IRI, "https://other.example/course"))
    voiding = {**played[0], "id": "e2b7c6a6-0f52-4f43-9c39-2a0f3f1f6b11",
               "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
               "object": {"objectType": "StatementRef", "id": played[1]["id"]}}
    result, written = run_report("--from", statements_file(played + other_course + [voiding]),
                                 "--activity", COURSE_IRI)

    assert result.exit_code == 0, result.output
    assert f"{len(played)} statements, 4 learners, 9 questions." in result.output
    assert {row["answers"] for row in written.rows("questions.csv")} == {"4"}


def test_html_is_self_contained_and_accessible(played, statements_file, run_report):
    _, written = run_report("--from", statements_file(played))
    html = written.html

    assert "<script" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "no request may leave the page"
    assert html.count("<svg") == 2 and html.count('role="img"') == 2
    assert html.count("<table") == html.count("<caption>")
    assert '<th scope="col">Learner</th>' in html and '<th scope="row">Ana Novak' in html
    assert '<html lang="en">' in html


def test_group_needs_an_lms_and_anonymous_works_on_statements(played, statements_file, run_report):
    result, _ = run_report("--from", statements_file(played), "--group", "Valencia")
    assert result.exit_code == 2
    assert "--group needs Moodle's groups" in result.output

    result, written = run_report("--from", statements_file(played), "--anonymous")
    assert result.exit_code == 0, result.output
    assert set(written.learners()) == {"Learner 1", "Learner 2", "Learner 3", "Learner 4"}
    assert "ana@example.org" not in written.html and "Dara" not in written.html
