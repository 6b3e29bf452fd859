"""Statements with fields of the wrong type (exports of other LRSs, other tools' statements):
read as tincan reads them from an LRS, or left out with a warning; never a traceback."""
from __future__ import annotations

import json

import pytest

from qser_scorm.report.read import mentions

from .simulate import COURSE_IRI, play

#: The line of the bad statement in the saved list: after the first five played ones.
BAD_LINE = 6


@pytest.fixture(scope="module")
def played() -> list[dict]:
    return play()


def _saved(tmp_path, statements: list) -> str:
    """Save ``statements`` as a JSON list, one statement per line."""
    path = tmp_path / "mixed.json"
    path.write_text("[" + ",\n".join(json.dumps(statement) for statement in statements) + "]", encoding="utf-8")
    return str(path)


def _with(statement: dict, **fields) -> dict:
    return {**statement, **fields}


def _passed_by_zoe(played: list[dict]) -> dict:
    passed = next(s for s in played if s["verb"]["id"].endswith("/passed"))
    return _with(passed, actor={"objectType": "Agent", "name": "Zoë", "mbox": "mailto:zoe@example.org"})


SKIPPED = {
    "account-not-object": lambda s: _with(s, actor={"account": "x"}),
    "name-not-language-map": lambda s: _with(s, object={"id": s["object"]["id"], "definition": {"name": "abc"}}),
    "language-map-of-numbers": lambda s: _with(s, object={"id": s["object"]["id"], "definition": {"name": {"en": 5}}}),
    "choices-not-list": lambda s: _with(s, object={"id": s["object"]["id"], "definition": {"choices": "abc"}}),
    "context-activities-not-object": lambda s: _with(s, context={"contextActivities": "abc"}),
    "not-an-object": lambda s: 7,
    # tincan, which reads statements the quick check refuses, raises a bare Exception for this.
    "bad-name-and-duration": lambda s: _with(s, actor={**s["actor"], "name": 5},
                                             result={**s["result"], "duration": "abc"}),
    "infinite-score": lambda s: _with(s, result={**s["result"], "score": {"raw": float("inf")}}),
    "nan-score": lambda s: _with(s, result={**s["result"], "score": {"scaled": float("nan")}}),
}


@pytest.mark.parametrize("activity", [[], ["--activity", COURSE_IRI]], ids=["all", "with-activity"])
@pytest.mark.parametrize("spoil", SKIPPED.values(), ids=SKIPPED.keys())
def test_a_statement_with_unreadable_fields_is_skipped_with_its_line(spoil, activity, played, tmp_path, run_report):
    statements = [*played[:BAD_LINE - 1], spoil(_passed_by_zoe(played)), *played[BAD_LINE - 1:]]
    result, written = run_report("--from", _saved(tmp_path, statements), *activity)

    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert f"warning: 1 statement skipped (not an object, or a field of the wrong type), the first at line {BAD_LINE}" \
        in result.output
    assert f"{len(played)} statements, 4 learners, 9 questions." in result.output
    assert "Zoë" not in written.learners()


@pytest.mark.parametrize(("fields", "status", "best_score", "name"), [
    ({"actor": {"mbox": "mailto:zoe@example.org", "name": 5}}, "passed", "100", "5"),
    ({"result": {"score": {"raw": 5, "min": "0", "max": 10}}}, "passed", "50", "Zoë"),
    ({"result": {"score": {"scaled": "0.25"}}}, "passed", "25", "Zoë"),
], ids=["number-name", "text-score-min", "text-scaled-score"])
def test_wrong_scalar_types_are_read_as_tincan_reads_them_from_an_lrs(fields, status, best_score, name, played,
                                                                     tmp_path, run_report):
    zoe = _passed_by_zoe(played)
    result, written = run_report("--from", _saved(tmp_path, [*played, _with(zoe, **fields)]))

    assert result.exit_code == 0, result.output
    assert "skipped" not in result.output
    learner = written.learners()[name]
    assert (learner["status"], learner["best_score"].removesuffix(".0")) == (status, best_score)


def test_a_file_without_one_readable_statement_exits_2(played, tmp_path, run_report):
    bad = [SKIPPED["account-not-object"](s) for s in played[:3]]
    result, written = run_report("--from", _saved(tmp_path, bad))

    assert result.exit_code == 2
    assert "holds no statement the report can read: 3 statements skipped" in result.output
    assert "the first at line 1" in result.output
    assert not written.folder.exists()


@pytest.mark.parametrize("statement", [
    {"object": "x", "context": {"contextActivities": "abc"}},
    {"object": {}, "context": {"contextActivities": [1]}},
    {"object": {}, "context": "abc"},
], ids=["activities-text", "activities-list", "context-text"])
def test_mentions_is_false_for_context_activities_of_the_wrong_type(statement):
    assert mentions(statement, COURSE_IRI) is False


def test_the_line_of_a_skipped_statement_is_right_after_a_statement_longer_than_a_read_chunk(
        played, tmp_path, run_report):
    long_name = _with(played[0], actor={**played[0]["actor"], "name": "x" * 1_500_000})
    statements = [*played[:2], long_name, *played[2:BAD_LINE - 2], 7, *played[BAD_LINE - 2:]]
    result, _ = run_report("--from", _saved(tmp_path, statements))

    assert result.exit_code == 0, result.output
    assert f"1 statement skipped (not an object, or a field of the wrong type), the first at line {BAD_LINE}" \
        in result.output

