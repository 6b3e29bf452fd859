"""Hostile packages: each gets a clean answer within seconds and nothing is ever written."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from qser_scorm.validate import Limits, UnusableInput, validate_path
from qser_scorm.commands.validate import validate_command
from tests.conftest import REPO
from tests.validate.hostile import VALIDATE_PROBE, write_many_entries, write_zero_bomb
from tests.validate.packages import MANIFEST, good_files, write_folder, write_zip

XXE = ('<?xml version="1.0"?>\n<!DOCTYPE manifest [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
       + MANIFEST.split("?>", 1)[1].replace("<title>Quiz</title>", "<title>&xxe;</title>"))
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE manifest [<!ENTITY a "lol">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
          + ']>\n<manifest identifier="m">&j;</manifest>')


def _with_entry(tmp_path: Path, name: str, data: bytes = b"x", **attributes) -> Path:
    path = write_zip(tmp_path / "package.zip", good_files())
    info = zipfile.ZipInfo(name)
    for key, value in attributes.items():
        setattr(info, key, value)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(info, data)
    return path


def _renamed(tmp_path: Path, unicode_name: str, raw: bytes) -> Path:
    path = _with_entry(tmp_path, unicode_name)
    encoded = unicode_name.encode("utf-8")
    assert len(encoded) == len(raw)
    path.write_bytes(path.read_bytes().replace(encoded, raw))
    return path


#: name -> (builder of the hostile input, expected exit code, expected finding code or None)
HOSTILE = {
    "zip-slip": (lambda tmp: _with_entry(tmp, "../../evil.html"), 1, "QS001"),
    "absolute path": (lambda tmp: _with_entry(tmp, "/tmp/evil.html"), 1, "QS001"),
    "backslash": (lambda tmp: _with_entry(tmp, "..\\..\\evil.html"), 1, "QS001"),
    "drive letter": (lambda tmp: _with_entry(tmp, "C:/evil.html"), 1, "QS001"),
    "symlink": (lambda tmp: _with_entry(tmp, "passwd", b"/etc/passwd", create_system=3,
                                        external_attr=0o120777 << 16), 1, "QS002"),
    "XXE": (lambda tmp: write_zip(tmp / "x.zip", good_files(XXE)), 1, "QS012"),
    "billion laughs": (lambda tmp: write_zip(tmp / "x.zip", good_files(LAUGHS)), 1, "QS012"),
    "DOCTYPE in UTF-16": (lambda tmp: write_zip(tmp / "x.zip", {**good_files(), "imsmanifest.xml": XXE.replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16")}), 1, "QS012"),
    "1 GiB zip bomb": (lambda tmp: write_zero_bomb(tmp / "bomb.zip"), 2, None),
    "bomb lying about its size": (lambda tmp: write_zero_bomb(tmp / "liar.zip", 2**26, declared_size=1000), 1, "QS003"),
    "10,000 entries": (write_many_entries, 0, "QS212"),
    "Latin-1 name, no UTF-8 flag": (lambda tmp: _renamed(tmp, "cafX.html", b"caf\xe9.html"), 0, "QS005"),
    "UTF-8 flag on invalid UTF-8": (lambda tmp: _renamed(tmp, "café.html", b"caf\xff\xfe.html"), 2, None),
    "not a zip": (lambda tmp: (tmp / "x.zip").write_bytes(os.urandom(5000)) and tmp / "x.zip", 2, None),
    "truncated zip": (lambda tmp: _truncated(write_zip(tmp / "x.zip", good_files())), 2, None),
    "empty file": (lambda tmp: (tmp / "x.zip").touch() or tmp / "x.zip", 2, None),
}


def _truncated(path: Path) -> Path:
    path.write_bytes(path.read_bytes()[:-30])
    return path


@pytest.fixture
def private_temp(tmp_path, monkeypatch):
    """Point tempfile at an empty folder to prove that nothing is written there either."""
    folder = tmp_path / "tempdir"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_hostile_input_gets_a_clean_answer_quickly_and_nothing_is_written(case, tmp_path, private_temp, monkeypatch):
    build, exit_code, code = HOSTILE[case]
    inputs = tmp_path / "in"
    inputs.mkdir()
    package = build(inputs)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    before = _tree(tmp_path)
    started = time.monotonic()
    result = CliRunner().invoke(validate_command, [str(package), "--json"], catch_exceptions=False)
    assert time.monotonic() - started < 5
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output and "root:" not in result.output  # nor /etc/passwd's content
    report = json.loads(result.output)
    if code:
        assert code in {f["code"] for f in report["findings"]}
    else:
        assert report["usable"] is False and report["message"]
    assert _tree(tmp_path) == before and not any(private_temp.iterdir())


def test_a_1_gib_bomb_is_refused_within_2_s_using_under_100_mb(tmp_path):
    bomb = write_zero_bomb(tmp_path / "bomb.zip")
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", VALIDATE_PROBE, str(bomb)], capture_output=True, text=True, cwd=REPO, check=True)
    figures = json.loads(run.stdout)
    assert time.monotonic() - started <= 2 and figures["seconds"] <= 2
    assert figures["max_rss_mib"] < 100
    assert "zip bomb" in figures["outcome"]


def test_too_many_entries_are_refused_before_reading(tmp_path):
    with pytest.raises(UnusableInput, match="more than the limit of 1000"):
        validate_path(write_many_entries(tmp_path, 1_500), limits=Limits(max_entries=1000))


def test_a_folder_with_links_is_reported_and_never_followed(tmp_path):
    folder = write_folder(tmp_path / "package", good_files())
    (folder / "etc").symlink_to("/etc")
    (folder / "css" / "site.css").unlink()
    (folder / "css" / "site.css").symlink_to("/etc/passwd")
    findings = validate_path(folder)
    assert sorted(f.where for f in findings if f.code == "QS002") == ["css/site.css", "etc"]
    assert not any("passwd" in f.where for f in findings if f.code == "QS212")


def test_undecodable_folder_names_are_reported_and_printed_escaped(tmp_path):
    folder = write_folder(tmp_path / "package", good_files())
    with open(os.fsencode(folder) + b"/caf\xe9.html", "wb"):
        pass
    findings = validate_path(folder)
    [bad] = [f for f in findings if f.code == "QS005"]
    assert bad.where == "caf\\udce9.html"
    bad.where.encode("ascii")  # printable anywhere


def test_many_small_bombs_are_refused_as_a_whole(tmp_path):
    path = tmp_path / "small-bombs.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(40):
            archive.writestr(f"part{i}.bin", bytes(2**20))  # 1 MiB each: under the per-entry floor
    started = time.monotonic()
    with pytest.raises(UnusableInput, match="as a whole"):
        validate_path(path)
    assert time.monotonic() - started < 1
