"""Make docs/screenshots/: every screen a learner sees, at 1280×800 and 320×640, and its index
docs/screenshots.md.

The Q-SER course (English) is built by the CLI and played in Debian's Chromium inside the test LMS
(scorm-again, tests/browser), as a learner would: the cover, a content page, the page with the most
content blocks, Contents, the assessment, each question type before and after its feedback, the
results of a failed and of a passed try, the screen after Exit; then the tiny Arabic course
(tests/tiny_course.py), right to left. Each shot is what the window shows (not the whole page), as
a PNG of few colours, so the set stays small. The learner is tests/browser/learner.py, the one the
browser tests use, so the tour keeps up with the flow: rerun the script whenever the screens change.

Run from the repository: python3 scripts/screenshots.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]  # the repository's code, not an install

from browser.conftest import build_package, mastery_score  # noqa: E402
from browser.learner import WRONG, CourseLearner, responses  # noqa: E402
from browser.lms import TestLms  # noqa: E402
from browser.server import LmsServer  # noqa: E402
from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.conftest import COURSE_SRC  # noqa: E402
from tests.tiny_course import ARABIC, write_tiny_course  # noqa: E402

from qser_scorm.course.load import load_course  # noqa: E402

OUT = REPO / "docs" / "screenshots"
INDEX = REPO / "docs" / "screenshots.md"
SIZES = {"1280x800": (1280, 800), "320x640": (320, 640)}
#: Colours kept per PNG: text and the palette survive, the files stay a few tens of KB.
COLOURS = 16
#: Elements that make a page's content blocks (tables, lists, quotes, callouts, collapsible sections, figures).
BLOCKS = "table, ul, ol, blockquote, aside, details, figure, img"


class Shooter:
    """Saves what the window shows under a screen's name, and remembers the screens in order."""

    def __init__(self, size: str):
        self.size = size
        self.screens: list[tuple[str, str]] = []  # (name, what it shows)

    def __call__(self, page, name: str, caption: str, element=None) -> None:
        if element is not None:
            element.scroll_into_view_if_needed()
        path = OUT / f"{name}-{self.size}.png"
        page.screenshot(path=str(path))
        Image.open(path).convert("RGB").quantize(COLOURS).save(path, optimize=True)
        self.screens.append((name, caption))


def course_tour(session, course, shoot: Shooter) -> None:
    """Every screen of the Q-SER course, in the order a learner meets them."""
    page, sco = session.page, session.sco
    learner = CourseLearner(page, sco, course)
    shoot(page, "cover", "The first screen: what the course is, what it takes, its objectives")
    learner.next()
    shoot(page, "page", "A content page")
    richest = max(course.pages, key=lambda p: sco.locator(f"#page-{p.id}").locator(BLOCKS).count())
    learner.go_to(f"page-{richest.id}")
    shoot(page, "page-blocks", f"The page with the most content blocks: “{richest.title}”")
    learner.press(sco.locator("#qser-contents-button"))
    shoot(page, "contents", "Contents open")
    learner.press(sco.locator('#qser-toc a[href="#qser-assessment"]'))
    learner.go_to("qser-assessment")
    shoot(page, "assessment", "The assessment: its introduction and pass mark")
    first_of_type = {}
    for question in course.assessment.questions:
        first_of_type.setdefault(question.type, question)
    for kind, question in first_of_type.items():
        shoot(page, f"question-{kind}", f"A {kind} question, unanswered", sco.locator(f"#q-{question.id}"))
    learner.answer_all(responses(course, WRONG))
    learner.submit()
    shoot(page, "results-fail", "Results of a failed try, with Try again")
    learner.press(sco.locator("#qser-back"))
    for kind, question in first_of_type.items():
        verdict = "wrong" if question.id in WRONG else "answered"
        shoot(page, f"question-{kind}-feedback", f"The {kind} question with its feedback ({verdict})",
              sco.locator(f"#q-{question.id}"))
    learner.go_to("qser-results")
    learner.press(sco.locator("#qser-retry"))
    learner.go_to("qser-assessment")
    learner.answer_all(responses(course))
    learner.submit()
    shoot(page, "results-pass", "Results of a passed try")
    learner.press(sco.locator("#qser-exit"))
    session.wait_finished()
    shoot(page, "finish", "After Exit")


def rtl_tour(session, course, shoot: Shooter) -> None:
    """The tiny Arabic course: the first screen, and a question after its feedback."""
    learner = CourseLearner(session.page, session.sco, course)
    shoot(session.page, "rtl-cover", "The Arabic course, right to left: the first screen")
    learner.go_to("qser-assessment")
    question = course.assessment.questions[0]
    learner.answer_all(responses(course, frozenset({question.id})))  # one wrong answer: its feedback shows
    learner.submit()
    learner.press(session.sco.locator("#qser-back"))
    shoot(session.page, "rtl-question-feedback", "The Arabic course: a question with its feedback",
          session.sco.locator(f"#q-{question.id}"))


def write_index(screens: list[tuple[str, str]]) -> None:
    rows = [f"| {caption} | ![{caption}, 1280×800](screenshots/{name}-1280x800.png) "
            f"| ![{caption}, 320×640](screenshots/{name}-320x640.png) |" for name, caption in screens]
    INDEX.write_text(
        "# Screenshots\n\n"
        "Every screen a learner sees, in a desktop window (1280×800) and on a phone (320×640): the Q-SER course\n"
        "in the test LMS, then a short Arabic course, right to left. Made by `python3 scripts/screenshots.py`,\n"
        "which builds the course and plays it in Chromium; rerun it after changing what the learner sees.\n\n"
        "| screen | 1280×800 | 320×640 |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n", encoding="utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as temp, sync_playwright() as playwright:
        temp = Path(temp)
        arabic_source = write_tiny_course(temp / "ar-src", "ar", ARABIC)
        tours = ((COURSE_SRC, course_tour), (arabic_source, rtl_tour))
        packages = [(build_package(source, temp / source.name), load_course(source), tour) for source, tour in tours]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size, (width, height) in SIZES.items():
            shoot = Shooter(size)
            context = browser.new_context(viewport={"width": width, "height": height})
            for package, course, tour in packages:
                with LmsServer(package) as server:
                    tour(TestLms(server, context, mastery_score(package)).launch().ready(), course, shoot)
            context.close()
        browser.close()
    write_index(shoot.screens)
    total = sum(path.stat().st_size for path in OUT.glob("*.png"))
    print(f"{len(list(OUT.glob('*.png')))} screenshots in {OUT.relative_to(REPO)}, {total / 1024:.0f} KB;"
          f" index {INDEX.relative_to(REPO)}")


if __name__ == "__main__":
    main()
