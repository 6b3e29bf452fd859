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

pytestmark = pytest.mark.slow  # it starts pytest four times

BROWSER_TESTS = "tests/browser/test_standalone.py"
LRS_TESTS = "tests/report/test_report_lrs.py"
FUZZ_TESTS = "tests/fuzz/test_validate_fuzz.py"
MISSING = {"QSER_CHROMIUM": "/nonexistent/chromium", "QSER_RALPH_VENV": "/nonexistent/venv"}


def _pytest(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("QSER_REQUIRE_")}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
                          capture_output=True, text=True, cwd=REPO, env={**clean, **env}, timeout=300)


def _collected(marker_expression: str) -> set[str]:
    done = _pytest("--collect-only", "-q", "-m", marker_expression, BROWSER_TESTS, LRS_TESTS, FUZZ_TESTS)
    return {line for line in done.stdout.splitlines() if "::" in line}


def test_markers_follow_the_fixtures_a_test_uses():
    needing = _collected("browser or lrs")
    assert {test.split("::")[0] for test in needing} == {BROWSER_TESTS, LRS_TESTS}
    assert f"{LRS_TESTS}::test_pages_are_followed_through_more" in needing
    assert f"{LRS_TESTS}::test_unreachable_lrs_is_a_clear_message" not in needing  # it starts no LRS
    assert {test.split("::")[0] for test in _collected("slow")} == {FUZZ_TESTS}


def test_a_missing_tool_skips_its_tests_in_one_line_unless_they_are_required():
    skipped = _pytest("-q", BROWSER_TESTS, LRS_TESTS, **MISSING)
    assert skipped.returncode == 0, skipped.stdout
    summary = [line for line in skipped.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(summary) == 2, skipped.stdout
    lines = "\n".join(summary)
    assert re.search(r"SKIPPED \[2\] .*no Chromium at /nonexistent/chromium: scripts/test installs", lines)
    assert re.search(r"SKIPPED \[\d+\] .*Ralph is not installed in /nonexistent/venv: scripts/test", lines)

    failed = _pytest("-q", BROWSER_TESTS, LRS_TESTS, **MISSING, QSER_REQUIRE_BROWSER="1", QSER_REQUIRE_LRS="1")
    assert failed.returncode == 1, failed.stdout
    assert "QSER_REQUIRE_BROWSER is set: these tests must run" in failed.stdout
    assert "QSER_REQUIRE_LRS is set: these tests must run" in failed.stdout
