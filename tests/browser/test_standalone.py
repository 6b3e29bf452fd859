"""The package opened with no LMS around it (a web server, a preview): standalone mode."""
from __future__ import annotations

from .learner import CourseLearner, responses


def wait_ready(page) -> None:
    page.wait_for_function("() => window.qser && window.qser.ready")
    page.evaluate("() => window.qser.ready.then(() => true)")


def test_without_an_lms_the_course_runs_standalone_and_keeps_progress_across_reload(lms, course):
    page = lms.open_standalone()
    wait_ready(page)
    learner = CourseLearner(page, page, course)  # the course is the page itself: no frame
    notice = page.locator("#qser-notice")
    assert notice.is_visible() and notice.inner_text().strip()

    learner.go_to("qser-assessment")
    question = next(q for q in course.assessment.questions if q.type == "single")
    learner.answer(question, responses(course)[question.id])
    learner.next()
    where = learner.current_section()

    page.reload()
    wait_ready(page)
    learner.resume()
    assert learner.current_section() == where
    learner.press(page.locator("#qser-back"))
    chosen = responses(course)[question.id]
    assert page.locator(f"#q-{question.id}-{chosen}").is_checked()


def test_the_package_opened_from_disk_runs_standalone(lms, package, course):
    # Classic scripts, no modules: the unzipped package works from file:// too (docs/runtime.md).
    page = lms.open_standalone(url=(package / "index.html").as_uri())
    wait_ready(page)
    assert page.locator("#qser-notice").inner_text().strip()
    learner = CourseLearner(page, page, course)
    learner.next()
    assert learner.current_section() == f"page-{course.pages[0].id}"
