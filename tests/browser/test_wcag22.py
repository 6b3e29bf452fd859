"""WCAG 2.2 AA on every screen, keyboard only, no dead end (issue 11, "Acceptance"), at a desktop's
1280 x 800 and a phone's 320 x 640.

Every screen and state a learner reaches (the first screen, each content page with its collapsed
sections opened and its check question checked, Contents open, the assessment before and after
answering and after feedback, the finish confirmation, the results failed and passed, the screen
after Exit, a returning learner's first screen, the first screen with no LMS) passes the three audits of tests/browser/audit.py as
the learner reaches it: one launch per width. The controls are found by role and interface text,
so the tests hold while the screens change.
"""
from __future__ import annotations

import pytest

from qser_scorm.contract import ASSESSMENT_ID, PAGE_PREFIX, QUESTION_PREFIX
from tests.chromium import fresh_context

from .audit import (FINAL_STATUSES, INTERFACE, GenericLearner, audit_screen, focus_covered, labels, report, screen_name,
                    screen_signature)
from .learner import WRONG, CourseLearner, KeyboardLearner, responses
from .test_standalone import wait_ready

VIEWPORTS = {"1280x800": (1280, 800), "320x640": (320, 640)}


@pytest.fixture(params=list(VIEWPORTS))
def context(request, browser):
    """Each test of this module runs at both widths (the ``lms`` fixture launches in this context)."""
    with fresh_context(browser, *VIEWPORTS[request.param]) as sized:
        yield sized


def button(session, key: str):
    """The visible button labelled with the interface text ``key``."""
    return session.sco.get_by_role("button", name=INTERFACE[key], exact=True).filter(visible=True)


class AuditingLearner(CourseLearner):
    """The mouse learner, auditing every new screen or state that a press leads to."""

    def __init__(self, session, course):
        super().__init__(session.page, session.sco, course)
        self.document = session.sco_frame
        self.findings: dict[str, dict[str, list]] = {}
        self.audited: set[str] = set()
        self.screens: list[str] = []
        self.exploring = False

    def audit(self) -> None:
        seen = screen_signature(self.document)
        if seen in self.audited:
            return
        self.audited.add(seen)
        name = f"{len(self.audited)}. {screen_name(self.document)}"
        self.screens.append(name)
        if found := audit_screen(self.document):
            self.findings[name] = found
        if not self.exploring and self.on_content_page():
            self.exploring = True
            try:
                self.explore()
            finally:
                self.exploring = False

    def answer_and_check(self, chosen) -> None:
        """Answer every question, each pressing its Check where the course offers one (feedback:
        immediate), so every question type is audited before and after Check."""
        for question in self.course.assessment.questions:
            self.answer(question, chosen[question.id])
            for name in labels(r"^check"):
                check = self.frame.locator(f"#{QUESTION_PREFIX}{question.id}").get_by_role("button", name=name, exact=True)
                shown = check.filter(visible=True)
                if shown.count() and shown.is_enabled():
                    self.press(shown)

    def on_content_page(self) -> bool:
        shown = self.frame.locator("section.qser-page:visible")
        return shown.count() == 1 and shown.get_attribute("id").startswith(PAGE_PREFIX)

    def explore(self) -> None:
        """Each content block in its other states: collapsed sections opened, a check question
        answered and checked (with the first choice or some text)."""
        for summary in self.frame.locator("details:not([open]) > summary").filter(visible=True).all():
            summary.click()
            self.audit()
        GenericLearner(self.frame, self.document).answer_visible_inputs()
        for name in labels(r"^check"):
            for check in self.frame.get_by_role("button", name=name, exact=True).filter(visible=True).all():
                if check.is_enabled():
                    check.click()
                    self.audit()

    def press(self, target) -> None:
        super().press(target)
        self.audit()


def test_every_screen_and_state_passes_the_wcag22_audits(lms, course):
    session = lms.launch().ready()
    learner = AuditingLearner(session, course)
    learner.audit()
    learner.go_to(ASSESSMENT_ID)  # every content page on the way
    learner.press(button(session, "contents"))
    learner.press(button(session, "contents"))  # closed again

    learner.answer_and_check(responses(course, WRONG))
    learner.audit()
    learner.submit()  # failed, a try left
    learner.press(button(session, "finish"))  # the confirmation
    learner.press(button(session, "finish_no"))
    learner.press(button(session, "back"))  # the answers with their feedback
    learner.press(button(session, "next"))
    learner.press(button(session, "retry"))
    learner.go_to(ASSESSMENT_ID)
    learner.answer_and_check(responses(course))
    learner.audit()
    learner.submit()  # passed
    learner.press(button(session, "exit"))
    returning = AuditingLearner(lms.relaunch(session).ready(), course)
    returning.audit()  # the first screen of a returning learner
    standalone = lms.open_standalone()
    wait_ready(standalone)
    findings = learner.findings | {f"returning: {name}": found for name, found in returning.findings.items()}
    if found := audit_screen(standalone):  # with the notice that no LMS was found
        findings["no LMS: first screen"] = found

    assert len(learner.screens) >= len(course.pages) + 6, f"too few screens audited: {learner.screens}"
    assert findings == {}, "\n" + report(findings)


class WatchedKeyboardLearner(KeyboardLearner):
    """The keyboard learner, checking that the control the Tab key reached shows (2.4.11)."""

    def __init__(self, session, course):
        super().__init__(session.page, session.sco, course)
        self.document = session.sco_frame
        self.obscured: list[str] = []

    def tab_to(self, target) -> None:
        super().tab_to(target)
        if covered := focus_covered(self.document):
            self.obscured.append(covered)


def test_the_whole_course_by_keyboard_alone(lms, course):
    """Tab, Shift+Tab, Enter, Space, the arrows and typing only: matching and ordering included."""
    assert {"matching", "ordering"} <= {q.type for q in course.assessment.questions}
    session = lms.launch().ready()
    for document in (session.page, session.sco_frame):  # a pointer would press down first
        document.evaluate("""() => { window.pointerPresses = 0;
            for (const type of ["pointerdown", "mousedown", "touchstart"])
              document.addEventListener(type, () => { window.pointerPresses += 1; }, true); }""")
    learner = WatchedKeyboardLearner(session, course)
    learner.go_to(ASSESSMENT_ID)
    learner.answer_all(responses(course))
    learner.submit()
    learner.press(button(session, "exit"))

    stored = session.wait_finished()
    assert stored["core"]["lesson_status"] == "passed"
    assert [document.evaluate("window.pointerPresses") for document in (session.page, session.sco_frame)] == [0, 0]
    assert learner.obscured == [], "focused by Tab, yet covered:\n" + "\n".join(learner.obscured)


MAX_STEPS = 120


def test_a_generic_learner_reaches_a_final_status(lms):
    """No dead end: answering whatever shows and pressing forward-looking buttons ends the course."""
    session = lms.launch().ready()
    learner, tried = GenericLearner(session.sco, session.sco_frame), {}
    status = lambda: session.cmi()["core"]["lesson_status"]  # noqa: E731
    while status() not in FINAL_STATUSES and len(learner.steps) < MAX_STEPS and learner.step(tried):
        pass
    assert status() in FINAL_STATUSES, f"stuck at {status()!r} after: " + "; ".join(learner.steps[-12:])
