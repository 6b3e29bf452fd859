"""Make the screenshots of docs/report.md: the report of the recorded Moodle course
(tests/data/moodle-qser/exports/) in Debian's Chromium, at desktop width and at 320 px.

Run: python3 scripts/report_screenshots.py   (writes docs/images/report-desktop.png and report-320px.png)
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.chromium, when run as a script

from click.testing import CliRunner  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from qser_scorm.commands.report import report_command  # noqa: E402
from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

EXPORTS = ROOT / "tests" / "data" / "moodle-qser" / "exports"
SHOTS = {"report-desktop.png": {"width": 1280, "height": 1500}, "report-320px.png": {"width": 320, "height": 1400}}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report"
        result = CliRunner().invoke(report_command, [
            "--moodle-export", str(EXPORTS / "scorm-interactions-all.xlsx"),
            "--moodle-export", str(EXPORTS / "gradebook.xlsx"),
            "--course", str(ROOT / "course_src"), "--out", str(out)])
        if result.exit_code:
            sys.exit(result.output)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, viewport in SHOTS.items():
                page = browser.new_page(viewport=viewport)
                page.goto((out / "report.html").as_uri())
                page.screenshot(path=str(ROOT / "docs" / "images" / name))
                print(ROOT / "docs" / "images" / name)
            browser.close()


if __name__ == "__main__":
    main()
