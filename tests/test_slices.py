"""The test suite in slices: markers from the fixtures a test uses, and a missing Chromium or Ralph
skipped under one line each, or failing where CI says these tests must run (README, "Running part
of the tests"). Each case runs pytest itself, on a few test files."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow  # it starts pytest three times

BROWSER_TESTS = "tests/browser/test_standalone.py"
LRS_TESTS = "tests/report/test_report_lrs.py"
FUZZ_TESTS = "tests/fuzz/test_validate_fuzz.py"
MISSING = {"QSER_CHROMIUM": "/nonexistent/chromium", "QSER_RALPH_VENV": "/nonexistent/venv"}


def _pytest(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("QSER_REQUIRE_")}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
                          capture_output=True, text=True, cwd=REPO, env={**clean, **env}, timeout=300)


def test_markers_follow_the_fixtures_a_test_uses_and_a_missing_tool_skips_in_one_line():
    skipped = _pytest("-v", "-m", "browser or lrs", BROWSER_TESTS, LRS_TESTS, FUZZ_TESTS, **MISSING)
    assert skipped.returncode == 0, skipped.stdout
    selected = dict(re.findall(r"^(tests/\S+::\S+) (\w+)", skipped.stdout, re.MULTILINE))
    assert {test.split("::")[0] for test in selected} == {BROWSER_TESTS, LRS_TESTS}
    assert f"{LRS_TESTS}::test_pages_are_followed_through_more" in selected
    assert f"{LRS_TESTS}::test_unreachable_lrs_is_a_clear_message" not in selected  # it starts no LRS
    assert set(selected.values()) == {"SKIPPED"}
    summary = "\n".join(line for line in skipped.stdout.splitlines() if line.startswith("SKIPPED"))
    assert summary.count("SKIPPED") == 2, skipped.stdout
    assert re.search(r"SKIPPED \[2\] .*no Chromium at /nonexistent/chromium: scripts/test installs", summary)
    assert re.search(r"SKIPPED \[\d+\] .*Ralph is not installed in /nonexistent/venv: scripts/test", summary)

    slow = _pytest("--collect-only", "-q", "-m", "slow", BROWSER_TESTS, LRS_TESTS, FUZZ_TESTS).stdout
    assert {line.split("::")[0] for line in slow.splitlines() if "::" in line} == {FUZZ_TESTS}


def test_where_ci_requires_them_the_tests_of_a_missing_tool_fail():
    failed = _pytest("-q", "-m", "browser or lrs", BROWSER_TESTS, LRS_TESTS, **MISSING,
                     QSER_REQUIRE_BROWSER="1", QSER_REQUIRE_LRS="1")
    assert failed.returncode == 1, failed.stdout
    assert "QSER_REQUIRE_BROWSER is set: these tests must run" in failed.stdout
    assert "QSER_REQUIRE_LRS is set: these tests must run" in failed.stdout
