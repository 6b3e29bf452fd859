"""Statements files in every accepted shape, and clear messages for bad input and options."""
from __future__ import annotations

import json

import pytest

from .simulate import play


@pytest.fixture(scope="module")
def played() -> list[dict]:
    return play()


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("shape", ["list", "lrs-answer", "json-lines", "byte-order-mark"])
def test_every_saved_shape_gives_the_same_report(shape, played, tmp_path, run_report):
    data = {
        "list": json.dumps(played, indent=1),
        "lrs-answer": json.dumps({"more": "/xAPI/statements?page=2", "statements": played}),
        "json-lines": "\n".join(json.dumps(statement) for statement in played) + "\n",
        "byte-order-mark": "\ufeff" + json.dumps(played),
    }[shape].encode("utf-8")
    result, written = run_report("--from", _write(tmp_path, "saved.json", data))

    assert result.exit_code == 0, result.output
    assert f"{len(played)} statements, 4 learners, 9 questions." in result.output
    assert written.learners()["Dara Ní Bhriain"]["best_score"] == "88.89"


def test_large_statements_cross_read_chunks(played, tmp_path, run_report):
    """Statements bigger than one read chunk (1 MiB) are joined across chunks."""
    padded = [{**statement, "result": {**statement.get("result", {}), "response": "x" * 700_000}}
              if statement["verb"]["id"].endswith("answered") and "success" not in statement.get("result", {})
              else statement for statement in played]
    result, written = run_report("--from", _write(tmp_path, "big.json", json.dumps(padded).encode()))

    assert result.exit_code == 0, result.output
    assert written.html.count("x" * 700_000) == 3  # Ana's latest and Dara's two reflections


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "line 1: not valid statements JSON: the file is empty"),
    (b'[{"actor": {}, "verb": {"id": "x"}, "object": {}},\n {"actor": {}, "verb": ', "line 2: not valid"),
    (b'[{"actor": {}, "verb": {"id": "x"}, "object": {}} {"actor": {}}]', "expected ',' or ']'"),
    (b'{"statements": [1, 2]}', "holds no statement the report can read: 2 statements skipped"),
    (b'[{"actor": {}, "verb": {"id": "x"}, "object": {}, "result": "passed"}]',
     "1 statement skipped (not an object, or a field of the wrong type), the first at line 1"),
    (b'"statements"', "expected a list of statements or an object with 'statements'"),
    (b"\xff\xfe[\x00]\x00", "is not UTF-8 text"),
    (b"[" * 100_000 + b"]" * 100_000, "line 1: not valid statements JSON: values nested too deeply"),
], ids=["empty", "cut-short", "missing-comma", "not-statements", "result-not-object", "a-string", "utf-16",
        "nested-too-deeply"])
def test_malformed_files_exit_2_with_where_and_what_to_do(content, expected, tmp_path, run_report):
    result, written = run_report("--from", _write(tmp_path, "bad.json", content))

    assert result.exit_code == 2
    assert expected in result.output
    assert "Traceback" not in result.output
    assert not written.folder.exists()


def test_missing_file_exits_2(tmp_path, run_report):
    result, _ = run_report("--from", tmp_path / "nowhere.json")

    assert result.exit_code == 2
    assert "Cannot read the statements file" in result.output and "No such file" in result.output


def test_no_statements_exits_1_and_writes_nothing(tmp_path, run_report):
    result, written = run_report("--from", _write(tmp_path, "empty.json", b'{"statements": [], "more": ""}'))

    assert result.exit_code == 1
    assert "holds no statements; nothing was written" in result.output
    assert not written.folder.exists()


@pytest.mark.parametrize(("args", "expected"), [
    ([], "Give one source: --lrs URL"),
    (["--lrs", "http://127.0.0.1:9/xAPI/", "--from", "x.json"], "Give one source: --lrs URL"),
    (["--lrs", "http://127.0.0.1:9/xAPI/"], "--lrs needs --user and --password"),
    (["--lrs", "lrs.example.org", "--user", "u", "--password", "p"], "is not an http(s) URL"),
], ids=["neither", "both", "no-password", "not-a-url"])
def test_bad_options_exit_2(args, expected, run_report, monkeypatch):
    monkeypatch.delenv("QSER_LRS_USER", raising=False)
    monkeypatch.delenv("QSER_LRS_PASSWORD", raising=False)
    result, _ = run_report(*args)

    assert result.exit_code == 2
    assert expected in result.output
