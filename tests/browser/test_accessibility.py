"""axe-core inside the SCO's frame (axe in the host page alone does not look into the iframe):
no violation on any page or in any state of the assessment."""
from __future__ import annotations

from .learner import WRONG, CourseLearner, responses


def test_axe_finds_no_violation_on_any_page_or_quiz_state(lms, course):
    session = lms.launch().ready()
    learner = CourseLearner(session.page, session.sco, course)
    found = {}

    def audit(state: str) -> None:
        violations = session.axe_violations()
        if violations:
            found[state] = violations

    while True:  # every section, in order, as first shown (the assessment still unanswered)
        audit(learner.current_section())
        if session.sco.locator("#qser-next").is_disabled():
            break
        learner.next()

    learner.press(session.sco.locator("#qser-contents-button"))
    audit("contents open")
    learner.press(session.sco.locator('#qser-toc a[href="#qser-assessment"]'))

    learner.answer_all(responses(course, WRONG))
    audit("assessment answered")
    learner.submit()
    audit("results after a failed attempt")
    learner.press(session.sco.locator("#qser-back"))
    audit("assessment in review, with feedback")
    learner.press(session.sco.locator("#qser-next"))
    learner.press(session.sco.locator("#qser-retry"))
    learner.go_to("qser-assessment")
    audit("assessment, second attempt")
    learner.answer_all(responses(course))
    learner.submit()
    audit("results after passing")

    assert found == {}
