"""The runtime recovers from what it did not expect: a corrupt saved state, a page restored from
the back/forward cache, and text the LMS can keep only part of."""
from __future__ import annotations

from .learner import CourseLearner, responses


def test_a_corrupt_saved_state_starts_the_course_afresh_and_the_session_still_finishes(lms, course):
    ordering = next(q for q in course.assessment.questions if q.type == "ordering")
    first = lms.launch().ready()
    # Passes the check digit, but the order repeats one item: the bits allow it, the question does not.
    corrupt = first.sco_frame.evaluate(
        """(answers) => Qser.state.encode({attempt: 2, submitted: false, seed: 7, visited: [0, 1], answers},
                                          qser.course, 4096)""",
        {ordering.id: [0] * len(ordering.items)},
    )
    first.leave()
    warnings: list[str] = []
    lms.context.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)

    session = lms.launch(returning={"cmi.core.entry": "resume", "cmi.core.lesson_status": "incomplete",
                                    "cmi.suspend_data": corrupt}).ready()
    started = session.sco_frame.evaluate("({answers: qser.quiz.answers, attempt: qser.quiz.attempt})")
    assert started == {"answers": {}, "attempt": 1}
    assert [w for w in warnings if "saved state ignored" in w]
    CourseLearner(session.page, session.sco, course).next()
    session.leave()
    session.wait_finished()
    assert session.attempt.finishes == 1


def test_a_page_shown_again_from_the_back_forward_cache_starts_again(lms):
    page = lms.open_standalone()
    page.wait_for_function("() => window.qser && window.qser.ready")
    page.evaluate("window.beforeTheCache = true")
    # Playwright's Chromium runs with the back/forward cache switched off, so the event Chromium
    # fires when it restores a page from that cache is dispatched here by hand.
    with page.expect_navigation():
        page.evaluate("dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    page.wait_for_function("() => window.qser && window.qser.ready")
    assert page.evaluate("window.beforeTheCache") is None


def test_an_lms_session_shown_again_from_the_back_forward_cache_ends_as_after_exit(lms):
    session = lms.launch().ready()
    frame = session.sco_frame
    frame.evaluate("window.beforeTheCache = true")
    # Leaving the page finishes the LMS session; coming back restores it (dispatched by hand, as above).
    frame.evaluate("dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}))")
    frame.evaluate("dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    session.sco.locator("#qser-finish-page", has_text="close this window").wait_for()
    session.page.wait_for_timeout(300)

    assert frame.evaluate("window.beforeTheCache")  # not reloaded into a refused LMSInitialize
    assert session.sco.locator("section.qser-page:visible").count() == 0
    assert (len(session.calls("LMSInitialize")), len(session.calls("LMSFinish"))) == (1, 1)


def test_a_reflection_cut_to_255_characters_for_the_lms_never_ends_in_half_an_emoji(lms, course):
    reflection = next(q for q in course.assessment.questions if q.type == "reflection")
    text = "a" * 254 + "\N{GRINNING FACE}"  # the emoji takes UTF-16 units 255 and 256
    session = lms.launch().ready()
    learner = CourseLearner(session.page, session.sco, course)
    learner.go_to("qser-assessment")
    learner.answer_all(responses(course) | {reflection.id: text})
    learner.submit()

    sets = {call["args"][0]: call["args"][1] for call in session.calls("LMSSetValue")}
    (prefix,) = [key[:-2] for key, value in sets.items() if key.endswith(".id") and value == reflection.id]
    assert sets[prefix + "student_response"] == "a" * 254
