"""Real packages: one made by a peer tool during the run, and our own build, end to end."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

import pytest

from tests.conftest import COURSE_SRC, REPO, SCHEMAS
from tests.validate.packages import LAUNCH_PAGE, good_files, write_zip

PACKAGER = REPO / "tests" / "js" / "node_modules" / "simple-scorm-packager"
PACK_SCRIPT = """
require(process.argv[1])({
  version: '1.2', organization: 'Peer', title: 'Peer course', identifier: 'peer.course', masteryScore: 80,
  startingPage: 'index.html', source: process.argv[2],
  package: {zip: true, outputFolder: process.argv[3], version: '1.0.0', date: '2024-01-01'}
}, () => {});
"""


def validate(*args):
    """``python -m qser_scorm validate ARGS`` as a whole process: (exit code, stdout, seconds)."""
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "qser_scorm", "validate", *map(str, args)],
                         capture_output=True, text=True, cwd=REPO, timeout=60)
    assert "Traceback" not in run.stderr, run.stderr
    return run.returncode, run.stdout, time.monotonic() - started


@pytest.mark.skipif(not PACKAGER.is_dir() or not shutil.which("node"),
                    reason="npm test tools not installed (scripts/test installs them)")
def test_simple_scorm_packager_output_is_told_where_its_metadata_is_misplaced(tmp_path):
    source, out = tmp_path / "site", tmp_path / "out"
    source.mkdir()
    (source / "index.html").write_text("<!doctype html><title>Peer</title>", encoding="utf-8")
    subprocess.run(["node", "-e", PACK_SCRIPT, str(PACKAGER), str(source), str(out)], check=True,
                   capture_output=True, timeout=60)
    [package] = out.glob("*.zip")
    code, output, _ = validate(package, "--json")
    report = json.loads(output)
    misplaced = [f for f in report["findings"] if f["code"] == "QS101"]
    assert code == 0 and report["errors"] == 0 and report["kind"] == "scorm12"  # Moodle imports it: warnings only
    assert any("<metadata> comes after <adlcp:masteryscore> inside <item>" in f["message"] for f in misplaced)
    assert any("<metadata> is not allowed inside <resources>" in f["message"] for f in misplaced)
    # the XSD's own report of those lines is folded into the plainer QS101
    assert not {f["where"] for f in misplaced} & {f["where"] for f in report["findings"] if f["code"] == "QS401"}
    code, _, _ = validate(package, "--lms", "strict")
    assert code == 1  # what Moodle tolerates fails a producer's CI


def test_our_own_packages_have_no_finding_as_a_whole_process(run_cli, tmp_path):
    assert run_cli("build", COURSE_SRC, "--out", tmp_path, "--target", "all").exit_code == 0
    [package] = tmp_path.glob("*-scorm12.zip")
    code, output, _ = validate(package, "--lms", "strict")
    assert (code, output.strip().splitlines()) == (0, ["package: SCORM 1.2 (imsmanifest.xml); checked for --lms strict",
                                                       "conformant: no problem found"])
    code, output, _ = validate(package, "--schemas", SCHEMAS, "--json")
    assert code == 0 and json.loads(output) == {"kind": "scorm12", "kind_name": "SCORM 1.2", "kind_notes": {},
                                                "profile": "moodle",
                                                "conformant": True, "errors": 0, "warnings": 0, "findings": []}
    [tincan] = tmp_path.glob("*-xapi.zip")
    code, output, _ = validate(tincan, "--lms", "strict", "--json")
    assert code == 0 and json.loads(output)["kind"] == "tincan" and json.loads(output)["findings"] == []


def test_a_launch_page_loading_an_absent_script_fails_with_the_file_named(tmp_path):
    files = {**good_files(), "index.html": LAUNCH_PAGE + b'\n<script src="lms/scormdriver.js"></script>'}
    code, output, _ = validate(write_zip(tmp_path / "p.zip", files))
    assert code == 1
    assert "index.html:2: error QS270: the launch page 'index.html' loads the script 'lms/scormdriver.js'" in output


def test_exit_codes_of_the_command(tmp_path):
    (tmp_path / "not.zip").write_bytes(b"hello")
    code, _, _ = validate(tmp_path / "not.zip")
    assert code == 2
    (tmp_path / "folder").mkdir()
    code, output, _ = validate(tmp_path / "folder")
    assert code == 1 and "QS010" in output
    code, _, _ = validate(tmp_path / "missing.zip")
    assert code == 2
