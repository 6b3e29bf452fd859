"""What a learner notices of the runtime itself, in Chromium: paging, contents, focus, the
ordering buttons, stable shuffles, a page that works without JavaScript or with a broken LMS."""
from __future__ import annotations

from .learner import CourseLearner, KeyboardLearner, responses
from .test_standalone import wait_ready

#: An LMS API that fails every call in its own way: throws, answers "false", reports errors.
BROKEN_API = """
window.API = {
  LMSInitialize: () => "true", LMSFinish: () => { throw new Error("LMS gone"); },
  LMSGetValue: (element) => { if (element === "cmi.core.entry") throw new Error("boom"); return ""; },
  LMSSetValue: () => "false", LMSCommit: () => "false",
  LMSGetLastError: () => "101", LMSGetErrorString: () => "General exception", LMSGetDiagnostic: () => "",
};
"""


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def progress(page) -> tuple[int, int]:
    """The pager's bar: pages seen, and the content pages in all."""
    return page.evaluate("[document.getElementById('qser-progress').value, document.getElementById('qser-progress').max]")


def toc_entries(page) -> list[tuple[str, str, str]]:
    """Each Contents entry as a learner gets it: the visible mark, the words a screen reader
    adds, aria-current."""
    return page.locator("#qser-toc li a").evaluate_all(
        """links => links.map(a => [a.querySelector('.qser-toc-mark').textContent,
                                    a.querySelector('.qser-toc-state').textContent,
                                    a.getAttribute('aria-current') || ''])""")


def test_the_cover_starts_and_the_pager_counts_only_the_content_pages(lms, course):
    page = lms.open_standalone()
    wait_ready(page)
    learner = CourseLearner(page, page, course)
    total = len(course.pages)
    assert learner.current_section() == "qser-overview"
    assert page.locator("#qser-start").inner_text() == "Start" and page.locator("#qser-restart").is_hidden()
    assert learner.position() == f"Pages seen: 0 of {total}" and progress(page) == [0, total]
    assert page.locator("#qser-back").is_disabled()
    assert page.locator("section.qser-page:visible").count() == 1

    learner.start()
    first_page = f"page-{course.pages[0].id}"
    assert learner.current_section() == first_page
    assert focused_id(page) == f"{first_page}-title"
    assert learner.position() == f"Page 1 of {total}" and progress(page) == [1, total]
    learner.next()
    assert learner.position() == f"Page 2 of {total}" and progress(page) == [2, total]

    learner.go_to("qser-results")
    assert page.locator("#qser-next").is_disabled()
    assert learner.position() == f"Pages seen: {total} of {total}"


def test_contents_marks_the_current_and_seen_pages_jumps_and_closes_with_escape(lms, course):
    page = lms.open_standalone()
    wait_ready(page)
    learner = CourseLearner(page, page, course)
    learner.start()
    learner.next()
    contents = page.get_by_role("button", name="Contents")
    toc = page.locator("#qser-toc")
    assert not toc.is_visible()

    contents.click()
    assert contents.get_attribute("aria-expanded") == "true" and toc.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-current')") == "page"
    # The cover and the first page seen, the second current: a mark and words, never colour alone.
    seen = ["\u2713", "(seen)", ""]
    assert toc_entries(page)[:4] == [seen, seen, ["\u25B8", "", "page"], ["", "", ""]]
    toc.get_by_role("link", name=course.assessment.title).click()
    assert not toc.is_visible() and contents.get_attribute("aria-expanded") == "false"
    assert learner.current_section() == "qser-assessment"
    assert focused_id(page) == "qser-assessment-title"

    contents.click()
    page.keyboard.press("Escape")
    assert not toc.is_visible() and focused_id(page) == "qser-contents-button"


def test_the_cover_offers_resume_and_a_fresh_start_with_the_marks_restored(lms, course):
    page = lms.open_standalone()
    wait_ready(page)
    learner = CourseLearner(page, page, course)
    third = f"page-{course.pages[2].id}"
    learner.go_to(third)

    page.reload()
    wait_ready(page)
    assert learner.current_section() == "qser-overview"
    assert page.locator("#qser-restart").inner_text() == "Start from the beginning"
    assert [state for _, state, _ in toc_entries(page)[1:5]] == ["(seen)", "(seen)", "(seen)", ""]
    learner.resume()
    assert learner.current_section() == third and focused_id(page) == f"{third}-title"

    page.reload()
    wait_ready(page)
    learner.start_over()
    assert learner.current_section() == f"page-{course.pages[0].id}"
    assert progress(page) == [3, len(course.pages)]


def test_the_notice_is_compact_and_dismissible_and_the_header_small_on_a_phone(lms, course):
    page = lms.open_standalone()
    page.set_viewport_size({"width": 320, "height": 640})
    wait_ready(page)
    notice = page.locator("#qser-notice-box")
    assert "No learning platform" in notice.inner_text()
    top = page.evaluate("document.getElementById('qser-notice-box').getBoundingClientRect().bottom")
    assert top <= 200, f"header and notice take {top} of 640 px"

    KeyboardLearner(page, page, course).press(notice.get_by_role("button", name="Dismiss"))
    assert notice.is_hidden() and focused_id(page) == "qser-overview-title"


def test_ordering_items_move_by_keyboard_and_the_move_is_announced(lms, course):
    page = lms.open_standalone()
    wait_ready(page)
    learner = KeyboardLearner(page, page, course)
    learner.go_to("qser-assessment")
    question = next(q for q in course.assessment.questions if q.type == "ordering")
    learner.show_question(question)
    start = learner.item_order(question)
    moved = start[1]

    learner.press(page.locator(f'#q-{question.id}-list li[data-item="{moved}"] .qser-up'))
    assert learner.item_order(question) == [moved, start[0], *start[2:]]
    # The pressed button is disabled at the top: the focus goes to the same item's other button.
    assert page.evaluate("document.activeElement.closest('li').dataset.item") == str(moved)
    assert page.locator("#qser-announce").inner_text().endswith(f"position 1 of {len(start)}")
    assert page.evaluate(f"qser.quiz.answers['{question.id}']") == learner.item_order(question)


def test_submitting_moves_the_focus_to_the_result_heading_and_shows_feedback(lms, course):
    session = lms.launch().ready()
    learner = CourseLearner(session.page, session.sco, course)
    learner.go_to("qser-assessment")
    learner.answer_all(responses(course))
    learner.submit()
    frame = session.sco_frame
    assert focused_id(frame) == "qser-results-title"
    summary = session.sco.locator("#qser-result-summary").inner_text()
    assert "100%" in summary and "You passed" in summary
    session.sco.get_by_role("button", name="Back").click()  # the review, on the assessment page
    for q in course.assessment.questions:
        verdict = session.sco.locator(f"#q-{q.id}-feedback .qser-verdict")
        assert verdict.inner_text() == ("✓ Correct" if q.scored else "✎ Answer recorded")
        assert f"q-{q.id}-feedback" in session.sco.locator(f"#q-{q.id}").get_attribute("aria-describedby")


def test_shuffled_options_keep_their_order_when_the_learner_comes_back(lms, course):
    assert course.assessment.shuffle
    question = next(q for q in course.assessment.questions if q.type == "multiple")
    order = f"#q-{question.id} li[data-option]"
    read = "items => items.map(li => li.dataset.option)"

    first = lms.launch().ready()
    CourseLearner(first.page, first.sco, course).go_to("qser-assessment")
    shown = first.sco.locator(order).evaluate_all(read)
    first.leave()
    first.wait_finished()

    second = lms.relaunch(first).ready()
    assert second.sco.locator(order).evaluate_all(read) == shown
    assert sorted(shown) == [str(i) for i in range(len(question.options))]


def test_exit_finishes_once_even_when_the_window_closes_afterwards(lms, course):
    session = lms.launch().ready()
    session.sco.get_by_role("button", name="Exit").click()
    assert "close this window" in session.sco.locator("#qser-finish-page").inner_text()
    session.wait_finished()
    calls = session.calls()
    session.page.close()
    assert [c["name"] for c in calls].count("LMSFinish") == 1
    assert session.attempt.finishes == 1


def test_without_javascript_every_section_is_readable(browser, server, course):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server.origin}/sco/index.html")
    assert page.locator("section.qser-page:visible").count() == len(course.pages) + 3
    assert page.locator("#qser-pager").is_hidden()
    for link in page.locator("#qser-toc a").all():
        assert link.is_visible()
    context.close()


def test_an_lms_that_fails_every_call_never_breaks_the_course(lms, course):
    lms.context.add_init_script(script=BROKEN_API)
    page = lms.open_standalone()
    wait_ready(page)
    learner = CourseLearner(page, page, course)
    learner.go_to("qser-assessment")
    learner.answer_all(responses(course))
    learner.submit()
    assert "You passed" in page.locator("#qser-result-summary").inner_text()
    page.get_by_role("button", name="Exit").click()
    assert lms.page_errors == []


def test_submitting_without_answering_fails_with_score_0_and_every_value_accepted(lms, course):
    session = lms.launch().ready()
    learner = CourseLearner(session.page, session.sco, course)
    learner.go_to("qser-assessment")
    learner.submit()
    assert "Your score: 0%" in session.sco.locator("#qser-result-summary").inner_text()
    # Tries remain: the attempt stays open, with no score (test_scorm12_attempts.py).
    assert session.value("cmi.core.lesson_status") == "incomplete"
    assert session.value("cmi.core.score.raw") == ""
    assert session.refused_sets() == []
    interaction_ids = [c["args"][1] for c in session.calls("LMSSetValue") if c["args"][0].endswith(".id")
                       and c["args"][0].startswith("cmi.interactions.") and ".objectives." not in c["args"][0]]
    # Empty reflections are not answered, so not recorded.
    assert interaction_ids == [q.id for q in course.scored_questions]
