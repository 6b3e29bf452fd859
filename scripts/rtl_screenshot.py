"""Make docs/images/rtl-arabic.png: the tiny Arabic course (tests/tiny_course.py) built, opened
from file:// in Debian's Chromium (the settings of tests/chromium.py) and shown after the learner
submits one wrong answer, in review: header, questions with feedback and the Back/Next bar, all
right to left.

Run from the repository: python3 scripts/rtl_screenshot.py
"""
from __future__ import annotations

import sys
import tempfile
import zipfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from qser_scorm.pipeline import build  # noqa: E402  (after the path: the repository's code, not an install)
from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.tiny_course import ARABIC, write_tiny_course  # noqa: E402

OUT = REPO / "docs" / "images" / "rtl-arabic.png"


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        build(write_tiny_course(temp / "src", "ar", ARABIC), temp / "dist")
        (archive,) = (temp / "dist").glob("*-scorm12.zip")
        zipfile.ZipFile(archive).extractall(temp / "site")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 900, "height": 900})
            page.goto((temp / "site" / "index.html").as_uri())
            while not page.locator("#qser-assessment").is_visible():
                page.click("#qser-next")
            page.check("#q-q-first-1")  # the wrong option: its feedback shows
            page.check("#q-q-agree-true")
            page.click("#qser-submit")
            page.click("#qser-back")
            page.screenshot(path=str(OUT), full_page=True)
            browser.close()
    print(f"{OUT.relative_to(REPO)}  {OUT.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
