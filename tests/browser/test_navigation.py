"""Moving through the course as a learner notices it, in Chromium: sequential navigation, the
finish page after Exit, nothing hidden behind the sticky pager (WCAG 2.2 2.4.11), targets of
24 × 24 px (2.5.8), axe at a desktop's and a phone's width, the views built again over new content."""
from __future__ import annotations

import shutil

import pytest

from tests.conftest import COURSE_SRC

from .conftest import build_package
from .learner import CourseLearner, KeyboardLearner, responses, run_course
from .lms import axe_violations
from .test_standalone import wait_ready

DESKTOP = {"width": 1280, "height": 800}
#: 1280 × 800 at 200 % zoom: the layout of a 640 × 400 window.
DESKTOP_ZOOMED = {"width": 640, "height": 400}
PHONE = {"width": 320, "height": 640}

#: Every control the keyboard reaches, in Tab order (what 2.4.11 and 2.5.8 are about).
TABBABLE = """() => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex="0"]')]
  .filter(el => !el.disabled && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')"""

#: After focus: does the element itself (or a part of it) get a click at its centre, and its size.
FOCUSED_IS_CLEAR = """() => {
  const el = document.activeElement, box = el.getBoundingClientRect();
  if (el === document.body) return {id: "body", clear: true, width: 24, height: 24}; /* Tab went past the last */
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {id: el.id || el.outerHTML.slice(0, 60), clear: Boolean(hit) && (el === hit || el.contains(hit) || hit.contains(el)
    || (el.labels && [...el.labels].some(label => label.contains(hit)))), width: box.width, height: box.height};
}"""


@pytest.fixture(scope="module")
def sequential_package(tmp_path_factory):
    source = shutil.copytree(COURSE_SRC, tmp_path_factory.mktemp("sequential") / "course_src")
    with (source / "course.yaml").open("a", encoding="utf-8") as course_yaml:
        course_yaml.write("navigation: sequential\n")
    return build_package(source, tmp_path_factory.mktemp("build"))


def open_course(lms, viewport=DESKTOP):
    page = lms.open_standalone()
    page.set_viewport_size(viewport)
    wait_ready(page)
    return page


def test_sequential_navigation_opens_each_page_after_the_one_before_and_the_assessment_last(lms, course, sequential_package):
    page = lms.open_standalone(url=(sequential_package / "index.html").as_uri())
    wait_ready(page)
    learner = CourseLearner(page, page, course)
    learner.start()
    page.get_by_role("button", name="Contents").click()
    second, third = (page.locator(f'#qser-toc a[href="#page-{p.id}"]') for p in course.pages[1:3])
    assessment = page.locator('#qser-toc a[href="#qser-assessment"]')
    assert second.get_attribute("aria-disabled") is None  # the page after the one shown
    assert third.get_attribute("aria-disabled") == "true" and "(locked)" in third.inner_text()
    assert page.locator(f"#page-{course.pages[2].id}-why").inner_text() == "Opens once you have seen the page before it."
    assert page.locator("#qser-assessment-why").inner_text() == "Opens once you have seen every page."

    third.click(force=True)  # nothing happens: the reason stays in view
    assert learner.current_section() == f"page-{course.pages[0].id}" and third.is_visible()
    page.keyboard.press("Escape")

    learner.go_to(f"page-{course.pages[-1].id}")
    page.get_by_role("button", name="Contents").click()
    assert assessment.get_attribute("aria-disabled") is None and page.locator("#qser-assessment-why").is_hidden()
    assessment.click()
    assert learner.current_section() == "qser-assessment"


def test_free_navigation_locks_nothing(lms, course):
    page = open_course(lms)
    assert page.locator("#qser-toc a[aria-disabled]").count() == 0
    page.get_by_role("button", name="Contents").click()
    page.locator('#qser-toc a[href="#qser-assessment"]').click()
    assert CourseLearner(page, page, course).current_section() == "qser-assessment"


def test_without_an_lms_exit_says_progress_stays_here_and_leads_back(lms, course):
    page = open_course(lms)
    learner = KeyboardLearner(page, page, course)
    learner.start()
    learner.next()
    where = learner.current_section()
    learner.press(page.locator("#qser-exit"))
    finish = page.locator("#qser-finish-page")
    assert "kept in this browser only" in finish.inner_text() and "close this window or tab" in finish.inner_text()
    assert page.locator("section.qser-page:visible").count() == 0 and page.locator("#qser-pager").is_hidden()
    assert page.evaluate("document.activeElement.id") == "qser-finish-page-title"

    learner.press(page.get_by_role("button", name="Back to the course"))
    assert finish.is_hidden() and learner.current_section() == where and page.locator("#qser-pager").is_visible()


def test_in_an_lms_exit_says_what_was_recorded_and_how_to_close(lms, course):
    session = lms.launch().ready()
    assert run_course(session, course)["core"]["lesson_status"] == "passed"  # all right, then Exit
    finish = session.sco.locator("#qser-finish-page")
    assert "recorded the course as completed and passed, with a score of 100%" in finish.inner_text()
    assert "go back to your learning platform" in finish.inner_text()
    assert session.sco.locator("#qser-finish-back").is_hidden()  # the LMS session has ended: no way back in


def test_in_an_lms_exit_mid_way_says_the_progress_is_saved(lms, course):
    session = lms.launch().ready()
    CourseLearner(session.page, session.sco, course).start()
    session.sco.locator("#qser-exit").click()
    assert "saved your progress" in session.sco.locator("#qser-finish-recorded").inner_text()
    assert session.wait_finished()["core"]["lesson_location"] == f"page-{course.pages[0].id}"


@pytest.mark.parametrize("viewport", [DESKTOP, DESKTOP_ZOOMED, PHONE], ids=["1280x800", "200%", "320x640"])
def test_no_focused_control_hides_behind_the_pager_and_every_target_is_24px(lms, course, viewport):
    page = open_course(lms, viewport)
    learner = CourseLearner(page, page, course)
    hidden, small = [], []
    for section in ("qser-overview", f"page-{course.pages[0].id}", "qser-assessment"):
        learner.go_to(section)
        page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
        count = page.evaluate(f"({TABBABLE})().length")
        for _ in range(count):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED_IS_CLEAR)
            if not focused["clear"]:
                hidden.append(f"{section}: {focused['id']}")
            # 2.5.8: the pager's, header's, cover's and Contents' own controls (the quiz's are the assessment's).
            if page.evaluate("!document.activeElement.closest('form, .qser-page:not(.qser-cover) p')") and \
                    min(focused["width"], focused["height"]) < 24:
                small.append(f"{section}: {focused['id']} {focused['width']:.0f}x{focused['height']:.0f}")
    assert hidden == [] and small == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x800", "320x640"])
def test_axe_finds_nothing_on_the_cover_a_page_contents_and_the_finish_page(lms, course, viewport):
    page = open_course(lms, viewport)
    learner = CourseLearner(page, page, course)
    found = {"cover": axe_violations(page)}
    learner.start()
    found["content page"] = axe_violations(page)
    page.locator("#qser-contents-button").click()
    found["contents open"] = axe_violations(page)
    page.keyboard.press("Escape")
    page.locator("#qser-exit").click()
    found["finish page"] = axe_violations(page)
    assert {state: violations for state, violations in found.items() if violations} == {}


def test_the_views_mount_again_over_new_content_and_keep_position_answers_and_tracking(lms, course):
    page = open_course(lms)
    learner = CourseLearner(page, page, course)
    learner.go_to("qser-assessment")
    question = next(q for q in course.assessment.questions if q.type == "single")
    chosen = responses(course)[question.id]
    learner.answer(question, chosen)

    # What a language switch does: the same page content, new elements without listeners.
    page.evaluate("document.body.innerHTML = document.body.innerHTML; qser.mount(qser.course)")
    assert learner.current_section() == "qser-assessment"
    assert page.locator(f"#q-{question.id}-{chosen}").is_checked()
    learner.press(page.locator("#qser-back"))
    assert learner.current_section() == f"page-{course.pages[-1].id}"
    page.reload()
    wait_ready(page)
    learner.resume()  # the move after mount() was saved
    assert learner.current_section() == f"page-{course.pages[-1].id}"
