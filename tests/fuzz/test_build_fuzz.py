"""Bad course sources, generated: `build` ends with exit 0 or 2 and a message, never a traceback,
and `dist/` never holds a half-written package (issue 5, item 6).

Each example mutates an in-memory copy of course_src (deleted files, wrong types, broken YAML and
Markdown, odd Unicode, huge values), writes it to a scratch folder and builds it in-process.
QSER_FUZZ_EXAMPLES sets the number of examples (tests/fuzz/__init__.py). The examples are derandomized:
every run tries the same ones, so a change elsewhere cannot turn CI red by chance.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from qser_scorm.__main__ import cli
from tests.conftest import COURSE_SRC
from tests.fuzz import EXAMPLES

SOURCE = {p.relative_to(COURSE_SRC).as_posix(): p.read_bytes() for p in sorted(COURSE_SRC.rglob("*")) if p.is_file()}
YAML_FILES = sorted(n for n in SOURCE if n.endswith(".yaml"))
MARKDOWN_FILES = sorted(n for n in SOURCE if n.endswith(".md"))
PARSED = {name: yaml.safe_load(SOURCE[name]) for name in YAML_FILES}

ODD_TEXT = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", " ", "\u202eevil", "a\u200bb", "\ufeffBOM", "e\u0301", "\U0001F600", "\x00", "\x1b[31m",
                     "{{ 7 * 7 }}", "{% raw %}", "<script>alert(1)</script>", "]]>", "&amp;&#0;", "ID with space",
                     "../../etc/passwd", "\\\\server\\share", "-1", "1e400", "NaN", "yes", "null", "~"]),
    st.integers(min_value=1, max_value=6).map(lambda e: "x" * 10**e),  # huge values
)
VALUES = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
                   st.floats(allow_nan=True, allow_infinity=True), ODD_TEXT,
                   st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))
MARKDOWN_NOISE = st.one_of(ODD_TEXT, st.sampled_from([
    "```\nunclosed fence", "---\nfront: matter\n---\n", "# " * 200 + "deep", "> " * 300 + "quote", "* " * 300 + "list",
    "[x](javascript:alert(1))", "![img](http://example.org/x.png)", "<iframe src=//evil>", "| a | b |\n|---|\n| c |",
    "[^1]: footnote", "<!-- unclosed comment", "\\" * 1000, "*" * 5000]))


def _positions(node, path=()):
    """Every key path in a parsed YAML document."""
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        yield path + (key,)
        yield from _positions(child, path + (key,))


POSITIONS = {name: list(_positions(doc)) for name, doc in PARSED.items()}


def _with_value(doc, path, value, delete=False):
    """A copy of doc with the node at path replaced (or deleted)."""
    if not path:
        return value
    copy = dict(doc) if isinstance(doc, dict) else list(doc)
    head, rest = path[0], path[1:]
    if delete and not rest:
        del copy[head]
    else:
        copy[head] = _with_value(copy[head], rest, value, delete)
    return copy


@dataclass(frozen=True)
class Delete:
    name: str

    def apply(self, files: dict[str, bytes]) -> None:
        files.pop(self.name, None)


@dataclass(frozen=True)
class SetValue:
    """Replace (or delete) the YAML node at path, re-dumping the document."""

    name: str
    path: tuple
    value: object = None
    delete: bool = False

    def apply(self, files: dict[str, bytes]) -> None:
        try:
            doc = _with_value(yaml.safe_load(files[self.name]), self.path, self.value, self.delete)
        except (KeyError, IndexError, TypeError, yaml.YAMLError):
            return  # an earlier mutation removed or reshaped this node
        files[self.name] = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8")


@dataclass(frozen=True)
class Insert:
    """Insert raw bytes at an offset: broken YAML, invalid UTF-8, Markdown noise."""

    name: str
    at: int
    noise: bytes

    def apply(self, files: dict[str, bytes]) -> None:
        if self.name in files:
            files[self.name] = files[self.name][:self.at] + self.noise + files[self.name][self.at:]


@dataclass(frozen=True)
class Truncate:
    name: str
    at: int

    def apply(self, files: dict[str, bytes]) -> None:
        if self.name in files:
            files[self.name] = files[self.name][:self.at]


NAMES = st.sampled_from(sorted(SOURCE))
OFFSETS = st.integers(min_value=0, max_value=12_000)
BYTE_NOISE = st.one_of(st.binary(min_size=1, max_size=12), st.sampled_from(
    [b": : [", b"\t", b"\xff\xfe", b"\xed\xa0\x80", b"&a *a", b"!!python/object:os.system", b"\x00"]))


@st.composite
def _yaml_change(draw):
    name = draw(st.sampled_from(YAML_FILES))
    path = draw(st.sampled_from(POSITIONS[name]))
    kind = draw(st.sampled_from(["value", "drop-key", "unknown-key"]))
    if kind == "unknown-key":
        path = path[:-1] + (draw(st.sampled_from(["colour", "pass_mrak", "ID", ""])),)
    return SetValue(name, path, draw(VALUES), delete=kind == "drop-key")


MUTATIONS = st.one_of(
    st.builds(Delete, NAMES),
    _yaml_change(),
    st.builds(Insert, NAMES, OFFSETS, BYTE_NOISE),
    st.builds(Insert, st.sampled_from(MARKDOWN_FILES), OFFSETS, MARKDOWN_NOISE.map(lambda t: t.encode("utf-8"))),
    st.builds(Truncate, NAMES, OFFSETS),
)


def _write(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def _assert_dist_is_whole(out: Path, exit_code: int) -> None:
    present = sorted(os.listdir(out)) if out.exists() else []
    if exit_code != 0:
        assert present == [], f"a failed build wrote {present}"
        return
    assert present and all(name.endswith(".zip") and not name.startswith(".") for name in present), present
    for name in present:
        with zipfile.ZipFile(out / name) as archive:
            assert archive.testzip() is None and "imsmanifest.xml" in archive.namelist()


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(MUTATIONS, min_size=1, max_size=3))
@example([SetValue("course.yaml", ("title",), "\x08")])  # found by this test: a control character
@example([SetValue("assessment.yaml", ("questions", 0, "type"), [])])  # found by this test: an unhashable type
def test_any_broken_source_builds_or_fails_with_a_message(changes):
    files = dict(SOURCE)
    for change in changes:
        change.apply(files)
    scratch = Path(tempfile.mkdtemp(prefix="qser-fuzz-"))
    try:
        source, out = scratch / "course_src", scratch / "dist"
        source.mkdir()
        _write(source, files)
        result = CliRunner().invoke(cli, ["build", str(source), "--out", str(out)])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code in (0, 2), result.output
        assert "Traceback" not in result.output
        if result.exit_code == 2:
            assert result.output.strip(), "exit 2 without a message"
        _assert_dist_is_whole(out, result.exit_code)
    finally:
        shutil.rmtree(scratch)
