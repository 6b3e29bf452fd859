"""Every screen of the assessment at 1280×800 and 320×640: axe-core clean on each question type
before and after Check, on the review and on the results (failed and passed); targets of 24×24 px
at least (WCAG 2.2 2.5.8); matching and ordering whole at 320 px; ordering by pointer drag; the
other settings (all_at_once, after_submit, show_correct: always, retry: all); and a learner who
only fills what is visible and presses what leads on still reaches a final status."""
from __future__ import annotations

import shutil

import pytest

from qser_scorm.course.load import load_course
from tests.conftest import COURSE_SRC

from .conftest import build_package, mastery_score
from .learner import REFLECTION_TEXT, WRONG, CourseLearner, responses
from .lms import TestLms
from .server import LmsServer

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 320, "height": 640}}

#: Visible controls smaller than 24×24 px, or cut (content wider than its box) or off screen.
CRAMPED = """root => [...root.querySelectorAll("button, input, a, label, legend, .qser-item-text")]
  .filter((el) => el.offsetParent !== null && !el.closest(".qser-visually-hidden, .qser-skip"))
  .flatMap((el) => {
    const box = el.getBoundingClientRect(), name = `${el.tagName} ${el.id || el.textContent.trim().slice(0, 30)}`;
    const target = el.matches("button, input") || (el.matches("a") && !el.closest("p, li, dd"));
    return [...(target && (box.width < 24 || box.height < 24) ? [`${name}: ${box.width}x${box.height}`] : []),
      ...(el.scrollWidth > el.clientWidth + 1 ? [`${name}: cut`] : []),
      ...(box.right > document.documentElement.clientWidth + 1 ? [`${name}: off screen`] : [])];
  })"""


def _start(lms, course, size: str):
    session = lms.launch().ready()
    session.page.set_viewport_size(SIZES[size])
    learner = CourseLearner(session.page, session.sco, course)
    learner.go_to("qser-assessment")
    return session, learner


@pytest.mark.parametrize("size", SIZES)
def test_every_question_screen_is_axe_clean_and_roomy_before_and_after_check(lms, course, size):
    session, learner = _start(lms, course, size)
    found, chosen = {}, responses(course, WRONG)

    def audit(state: str) -> None:
        violations = session.axe_violations()
        cramped = session.sco.locator("#qser-quiz").evaluate(CRAMPED)
        if violations or cramped:
            found[state] = violations + cramped

    for q in course.assessment.questions:
        learner.show_question(q)
        audit(f"{q.id} before Check")
        learner.answer(q, chosen[q.id])
        if q.scored:
            learner.check(q)
            audit(f"{q.id} after Check")
    learner.submit(confirm=False)
    audit("review")
    assert found == {}


@pytest.mark.parametrize("size", SIZES)
def test_review_and_results_are_axe_clean_failed_and_passed(lms, course, size):
    session, learner = _start(lms, course, size)
    found = {}

    def audit(state: str) -> None:
        violations = session.axe_violations() + session.sco.locator("main").evaluate(CRAMPED)
        if violations:
            found[state] = violations

    learner.answer_only({course.assessment.questions[0].id}, responses(course))
    learner.submit(confirm=False)
    audit("review with unanswered questions, asking first")
    learner.press(session.sco.locator("#qser-submit-no"))
    learner.answer_all(responses(course, WRONG))
    learner.submit()
    audit("results, failed")
    learner.press(session.sco.locator("#qser-retry"))
    learner.answer_all(responses(course))
    learner.submit()
    audit("results, passed, with the correct answers")
    assert found == {}


def test_ordering_items_move_by_pointer_drag(lms, course):
    session, learner = _start(lms, course, "phone")
    question = next(q for q in course.assessment.questions if q.type == "ordering")
    learner.show_question(question)
    start = learner.item_order(question)
    grip = session.sco.locator(f'#q-{question.id}-list li[data-item="{start[-1]}"] .qser-grip')
    # The whole list in the frame's view, clear of the sticky pager: the pointer stays in the frame.
    session.sco.locator(f"#q-{question.id}-list").evaluate("list => list.scrollIntoView({block: 'center'})")
    grip = grip.bounding_box()
    top = session.sco.locator(f"#q-{question.id}-list li").first.bounding_box()
    mouse = session.page.mouse
    mouse.move(grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2)
    mouse.down()
    mouse.move(grip["x"] + grip["width"] / 2, max(top["y"] + 2, 1), steps=8)
    # As a learner's hand would: on to the top of the list where it is now (the reordering can
    # make the browser scroll the page while dragging).
    top = session.sco.locator(f"#q-{question.id}-list li").first.bounding_box()
    mouse.move(grip["x"] + grip["width"] / 2, max(top["y"] + 2, 1), steps=2)
    mouse.up()
    assert learner.item_order(question) == [start[-1], *start[:-1]]
    assert session.sco_frame.evaluate(f"qser.quiz.answers['{question.id}']") == learner.item_order(question)
    assert session.sco.locator("#qser-announce").inner_text().endswith(f"position 1 of {len(start)}")


@pytest.fixture(scope="module")
def other_settings(tmp_path_factory):
    """The Q-SER course with every question on one form, feedback after submitting, the correct
    answers always shown and a retry of every question."""
    folder = tmp_path_factory.mktemp("settings")
    source = shutil.copytree(COURSE_SRC, folder / "src")
    path = source / "assessment.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (("display: one_per_screen", "display: all_at_once"), ("feedback: immediate", "feedback: after_submit"),
                     ("show_correct: after_last_try", "show_correct: always"), ("retry: wrong_only", "retry: all")):
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    package = build_package(source, folder / "dist")
    with LmsServer(package) as server:
        yield server, mastery_score(package), load_course(source)


def test_all_at_once_after_submit_always_and_retry_all(other_settings, context):
    server, mastery, course = other_settings
    lms = TestLms(server, context, mastery)
    session = lms.launch().ready()
    sco, questions = session.sco, course.assessment.questions
    learner = CourseLearner(session.page, sco, course)
    learner.go_to("qser-assessment")
    assert sco.locator("fieldset.qser-question:visible").count() == len(questions)
    assert sco.locator(".qser-check-answer:visible").count() == 0 and sco.locator("#qser-quiz-steps").is_hidden()
    assert sco.locator("#qser-submit").is_visible()
    learner.answer_all(responses(course, WRONG))
    learner.submit()
    results = sco.locator("#qser-review").inner_text()
    assert results.count("Correct answer") == len(WRONG)  # show_correct: always, by each wrong one
    assert session.axe_violations() == []
    learner.press(sco.locator("#qser-retry"))
    reflection = next(q for q in questions if not q.scored)
    assert sco.locator(f"#q-{reflection.id}-answer").input_value() == REFLECTION_TEXT  # kept, and open
    assert sco.locator(f"#q-{reflection.id}-answer").is_enabled()
    assert session.sco_frame.evaluate("Object.keys(window.qser.quiz.answers).length") == 2
    assert lms.page_errors == []
