"""Make the screenshots of docs/report.md: the report of the recorded Moodle course, read through
its web services (the recorded answers of tests/data/moodle-qser/webservice/, replayed on
127.0.0.1 by tests/report/moodle_replay.py), in Debian's Chromium, at desktop width and at 320 px;
and its languages compared, from the same learners' downloads as two activities, Greek and Spanish
(tests/data/moodle-languages/).

Run: python3 scripts/report_screenshots.py   (writes docs/images/report-desktop.png, report-320px.png
and report-languages.png)
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
from tests.report.moodle_replay import TOKEN, MoodleReplay  # noqa: E402

SHOTS = {"report-desktop.png": {"width": 1280, "height": 1500}, "report-320px.png": {"width": 320, "height": 1400}}
LANGUAGES = ROOT / "tests" / "data" / "moodle-languages"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        out, token = Path(folder) / "report", Path(folder) / "token"
        token.write_text(TOKEN, encoding="utf-8")
        with MoodleReplay().running() as moodle:
            result = CliRunner().invoke(report_command, [
                "--moodle", moodle.url, "--token-file", str(token), "--cmid", "6",
                "--moodle-course", "QSER-MENTOR-2026", "--course", str(ROOT / "course_src"),
                "--group", "Egaleo social services", "--group", "Valencia citizen service", "--out", str(out)])
        if result.exit_code:
            sys.exit(result.output)
        by_language = CliRunner().invoke(report_command, [
            *(f"--moodle-export={language}={LANGUAGES / name}" for language, name in (
                ("el", "el-scorm-interactions-all.txt"), ("es", "es-scorm-interactions-all.txt"),
                ("el", "gradebook.csv"), ("es", "gradebook.csv"))),
            "--course", str(ROOT / "course_src"), "--by-language", "--out", str(Path(folder) / "languages")])
        if by_language.exit_code:
            sys.exit(by_language.output)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, viewport in SHOTS.items():
                page = browser.new_page(viewport=viewport)
                page.goto((out / "report.html").as_uri())
                page.screenshot(path=str(ROOT / "docs" / "images" / name))
                print(ROOT / "docs" / "images" / name)
            page = browser.new_page(viewport={"width": 1280, "height": 1500})
            page.goto((Path(folder) / "languages" / "report.html").as_uri())
            page.locator("#languages").screenshot(path=str(ROOT / "docs" / "images" / "report-languages.png"))
            print(ROOT / "docs" / "images" / "report-languages.png")
            browser.close()


if __name__ == "__main__":
    main()
