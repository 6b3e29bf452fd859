"""xAPI benchmark (not a test): statements and HTTP requests of a full learner run, and the time
to post 10,000 statements from Python to Ralph with tincan in batches.

    python3 bench/xapi_bench.py

Needs what ``scripts/test`` installs (Chromium, .venv-ralph). Starts its own Ralph on 127.0.0.1.
Targets (issue 4): at most one request per page change; 10,000 statements in <= 10 s.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from qser_scorm.course.load import load_course  # noqa: E402
from qser_scorm.xapi import TimedRemoteLRS  # noqa: E402
from tests.browser.conftest import COURSE_SRC  # noqa: E402
from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.server import LmsServer  # noqa: E402
from tests.lrs import start_ralph  # noqa: E402
from tests.xapi.conftest import LEARNER  # noqa: E402
from tests.xapi.outbox import StatementPosts  # noqa: E402
from tests.xapi.posting import post_in_batches  # noqa: E402
from tests.xapi.runs import WRONG, page_statements, play, verbs, wait_for_statements  # noqa: E402

BULK = 10_000
BATCH_SIZES = (100, 500, 1000)
RUNS = 3  # per batch size; the median is printed


def build_xapi_package(out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "qser_scorm", "build", str(COURSE_SRC), "--out", str(out),
                    "--target", "xapi"], check=True, capture_output=True, cwd=ROOT)
    (archive,) = out.glob("*-xapi.zip")
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(out / "unzipped")
    return out / "unzipped"


def full_run(lrs, course, package: Path) -> None:
    """One learner: every page, a failed attempt, a passed attempt, Exit."""
    registration = str(uuid.uuid4())
    query = urlencode({"endpoint": lrs.endpoint, "auth": lrs.auth, "registration": registration,
                       "actor": json.dumps(LEARNER)})
    with LmsServer(package) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        posts = StatementPosts(page)
        page.goto(f"{server.origin}/sco/index.html?{query}")
        page.wait_for_function("() => window.qser && window.qser.ready")
        page_changes = []
        page.expose_function("qserPageChange", lambda section: page_changes.append(section))
        page.evaluate("window.qser.nav.events.on('page', p => window.qserPageChange(p.id))")
        play(page, page, course, [WRONG, frozenset()])
        requests = posts.count
        browser.close()
    # initialized, the pages, two attempts' answers, failed, passed, completed, terminated
    expected = 1 + len(course.pages) + 2 * len(course.assessment.questions) + 4
    statements = wait_for_statements(lrs, registration, expected)
    print(f"full run (every page, 2 attempts, Exit): {len(statements)} statements "
          f"{dict(verbs(statements))}")
    print(f"  HTTP requests: {requests} for {len(page_changes)} page changes + Exit "
          f"(target <= {len(page_changes) + 1})")


def bulk_post(course, work: Path) -> None:
    """Each measurement gets an empty store: Ralph's filesystem backend reads its whole store on
    every POST (to refuse duplicate ids), so its time per request grows with what it holds."""
    for batch_size in BATCH_SIZES:
        times, cpu_times, requests = [], [], 0
        for run in range(RUNS):
            statements = page_statements(course, str(uuid.uuid4()), BULK)
            lrs = start_ralph(_fresh(work / f"bulk-{batch_size}-{run}"))
            try:
                client = TimedRemoteLRS(endpoint=lrs.endpoint, username=lrs.username, password=lrs.password,
                                        timeout=60)
                started, cpu_started = time.perf_counter(), _cpu_seconds(lrs)
                requests = post_in_batches(client, statements, batch_size=batch_size)
                times.append(time.perf_counter() - started)
                cpu_times.append(_cpu_seconds(lrs) - cpu_started)
            finally:
                lrs.stop()
        print(f"{BULK:,} statements with tincan, batches of {batch_size}: {requests} requests, "
              f"median {statistics.median(times):.2f} s wall, {statistics.median(cpu_times):.2f} s CPU "
              f"(client + Ralph) of {RUNS} runs (target <= 10 s)")


def _cpu_seconds(lrs) -> float:
    """CPU time used so far by this process and by Ralph: unlike wall time, it does not grow
    when other jobs share the machine's two cores."""
    fields = Path(f"/proc/{lrs.pid}/stat").read_text().rsplit(")", 1)[1].split()
    ralph = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return time.process_time() + ralph


def _fresh(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return folder


def main() -> None:
    course = load_course(COURSE_SRC)
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        lrs = start_ralph(_fresh(work / "run"))
        try:
            full_run(lrs, course, build_xapi_package(work / "build"))
        finally:
            lrs.stop()
        bulk_post(course, work)


if __name__ == "__main__":
    main()
