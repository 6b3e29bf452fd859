"""cmi5 benchmark (not a test): what one learner run of the cmi5 package costs the LMS.

    python3 bench/cmi5_bench.py

For each way through the course: the statements the AU sends (the LMS's "launched" not counted),
the statement POSTs and state-document writes the LMS receives, and the fetch calls. Uses the
test LMS (tests/cmi5/lms.py) with its own Ralph on 127.0.0.1, and Debian's Chromium; needs what
``scripts/test`` installs (Chromium, .venv-ralph).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import uuid
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from qser_scorm.course.load import load_course  # noqa: E402
from qser_scorm.xapi import course_iri  # noqa: E402
from tests.browser.conftest import COURSE_SRC  # noqa: E402
from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.cmi5.lms import TestCmi5Lms  # noqa: E402
from qser_scorm.xapi.cmi5_rules import verb  # noqa: E402
from tests.lrs import start_ralph  # noqa: E402
from tests.xapi.runs import WRONG, play, wait_for_statements  # noqa: E402

#: name -> (launchMode, the wrong answers of each attempt)
RUNS = {
    "pass first time": ("Normal", [frozenset()]),
    "fail, then pass": ("Normal", [WRONG, frozenset()]),
    "fail on the last try": ("Normal", [WRONG, WRONG, WRONG]),
    "browse": ("Browse", [WRONG]),
}


def build_cmi5_package(out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "qser_scorm", "build", str(COURSE_SRC), "--out", str(out),
                    "--target", "cmi5"], check=True, capture_output=True, cwd=ROOT)
    with zipfile.ZipFile(next(out.glob("*-cmi5.zip"))) as zipped:
        zipped.extractall(out / "au")
    return out / "au"


def one_run(lms: TestCmi5Lms, browser, course, name: str, mode: str, attempts: list[frozenset]) -> None:
    registration = str(uuid.uuid4())
    actor = {"objectType": "Agent", "account": {"homePage": "https://lms.example", "name": registration[:8]}}
    url, launch = lms.prepare(actor, registration, mode=mode)
    page = browser.new_page()
    page.goto(url)
    page.wait_for_function("() => window.qser && window.qser.ready")
    page.evaluate("() => window.qser.ready.then(() => true)")
    page_changes = []
    page.expose_function("qserPageChange", lambda section: page_changes.append(section))
    page.evaluate("window.qser.nav.events.on('page', p => window.qserPageChange(p.id))")
    play(page, page, course, attempts)
    statements = [s for s in wait_for_statements(lms.lrs, registration, 0, timeout=3) if verb(s) != "launched"]
    page.close()
    print(f"{name}: {len(statements)} statements {dict(Counter(verb(s) for s in statements))}")
    print(f"  LMS received {launch.statement_posts} statement POSTs and {len(launch.state_writes)} state writes "
          f"for {len(page_changes)} page changes + Exit; fetch called {launch.fetch_calls} time(s)")


def main() -> None:
    course = load_course(COURSE_SRC)
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        (work / "ralph").mkdir()
        lrs = start_ralph(work / "ralph")
        try:
            with TestCmi5Lms(build_cmi5_package(work / "build"), lrs, course_iri(course)) as lms, \
                    sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for name, (mode, attempts) in RUNS.items():
                    one_run(lms, browser, course, name, mode, attempts)
                browser.close()
        finally:
            lrs.stop()


if __name__ == "__main__":
    main()
