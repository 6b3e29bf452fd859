"""The assessment as the Q-SER learner meets it (display: one_per_screen, feedback: immediate,
retry: wrong_only): a question per screen with its progress, Check, the review before submitting,
the question asked before a try is spent, and Results that list every question in words."""
from __future__ import annotations

from .learner import REFLECTION_TEXT, WRONG, CourseLearner, responses


def _learner(lms, course) -> tuple:
    session = lms.launch().ready()
    learner = CourseLearner(session.page, session.sco, course)
    learner.go_to("qser-assessment")
    return session, learner


def _focused(session) -> str:
    return session.sco_frame.evaluate("document.activeElement.id")


def test_one_question_per_screen_with_its_position_and_progress(lms, course):
    session, learner = _learner(lms, course)
    sco, total = session.sco, len(course.assessment.questions)
    assert sco.locator("fieldset.qser-question:visible").count() == 1
    assert sco.locator("#qser-quiz-position").inner_text() == f"Question 1 of {total}"
    assert sco.locator("#qser-quiz-bar").evaluate("bar => [bar.value, bar.max]") == [1, total]
    assert sco.locator("#qser-quiz-previous").is_disabled()
    learner.press(sco.locator("#qser-quiz-next"))
    assert sco.locator("#qser-quiz-position").inner_text() == f"Question 2 of {total}"
    assert _focused(session) == "qser-quiz-position"  # a screen reader starts at the new position
    assert sco.locator("#qser-quiz-intro").is_hidden()  # the intro only above the first question
    assert sco.locator("#qser-submit").is_hidden()  # submitting comes after the review


def test_check_gives_the_verdict_at_once_and_fixes_the_answer_for_the_try(lms, course):
    session, learner = _learner(lms, course)
    sco = session.sco
    single = next(q for q in course.assessment.questions if q.type == "single")
    wrong = responses(course, frozenset({single.id}))[single.id]
    check = sco.locator(f"#q-{single.id}-check")
    learner.show_question(single)
    assert check.is_disabled()  # nothing to check before an answer
    learner.answer(single, wrong)
    learner.check(single)
    assert _focused(session) == f"q-{single.id}-feedback"  # read once, by the focus: no live region
    assert sco.locator(f"#q-{single.id}-feedback [aria-live]").count() == 0
    assert sco.locator(f"#q-{single.id}-feedback .qser-verdict").inner_text() == "✗ Not correct"
    chosen = sco.locator(f"#q-{single.id} li.qser-chosen")
    assert chosen.count() == 1 and "Your answer" in chosen.inner_text()
    assert sco.locator(f"#q-{single.id} input:not([disabled])").count() == 0
    assert check.is_hidden()
    assert sco.locator(f"#q-{single.id} .qser-key:visible").count() == 0  # show_correct: after_last_try
    # The answer stays fixed in the next session: the learner cannot probe the options one by one.
    session.leave()
    session.wait_finished()
    second = lms.relaunch(session).ready()
    sco = second.sco
    again = CourseLearner(second.page, sco, course)
    again.go_to("qser-assessment")
    again.show_question(single)
    assert sco.locator(f"#q-{single.id}-{wrong}").is_checked()
    assert sco.locator(f"#q-{single.id} input:not([disabled])").count() == 0
    assert sco.locator(f"#q-{single.id}-feedback").is_visible()


def test_the_review_lists_unanswered_questions_and_submitting_nothing_asks_first(lms, course):
    session, learner = _learner(lms, course)
    sco, questions = session.sco, course.assessment.questions
    learner.submit(confirm=False)
    assert sco.locator("#qser-quiz-review-summary").inner_text() == f"Answered: 0 of {len(questions)}."
    assert sco.locator("#qser-submit-question").inner_text().startswith("You have not answered any question.")
    assert _focused(session) == "qser-submit-yes"
    learner.press(sco.locator("#qser-submit-no"))
    assert session.sco_frame.evaluate("window.qser.quiz.submitted") is False  # no try spent
    assert learner.current_section() == "qser-assessment"

    learner.answer_only({questions[0].id, questions[1].id}, responses(course))
    learner.submit(confirm=False)
    rows = sco.locator("#qser-quiz-review-list li").all_inner_texts()
    assert len(rows) == len(questions)
    assert rows[0].endswith("Answered") and rows[2].endswith("Not answered")
    assert sco.locator("#qser-submit-question").inner_text() == \
        f"Questions not answered: {len(questions) - 2} of {len(questions)}. Submit anyway?"
    learner.press(sco.locator("#qser-quiz-review-list li >> nth=2 >> a"))
    assert sco.locator(f"#q-{questions[2].id}").is_visible()
    learner.answer(questions[2], responses(course)[questions[2].id])


def test_an_empty_reflection_is_not_answered_and_not_recorded(lms, course):
    session, learner = _learner(lms, course)
    reflections = [q for q in course.assessment.questions if not q.scored]
    learner.answer_all(responses(course) | {reflections[0].id: "   "})
    learner.submit()
    learner.press(session.sco.locator("#qser-exit"))
    stored = session.wait_finished()
    recorded = {i["id"] for i in stored["interactions"].values()}
    assert reflections[0].id not in recorded and reflections[1].id in recorded


def test_results_list_every_question_in_words_with_the_page_that_explains_it(lms, course):
    session, learner = _learner(lms, course)
    sco, questions = session.sco, course.assessment.questions
    learner.answer_all(responses(course, WRONG))
    learner.submit()
    items = sco.locator("#qser-review > li")
    assert items.count() == len(questions)
    skills = next(i for i, q in enumerate(questions) if q.type == "matching")
    item = items.nth(skills)
    assert item.locator("h3").inner_text() == f"✗ Question {skills + 1}: Not correct"
    assert questions[skills].prompt in item.inner_text()
    pair = questions[skills].pairs[0]
    assert f"{pair.left}: {questions[skills].pairs[-1].right}" in item.locator("dd").first.inner_text()
    assert "Correct answer" not in item.inner_text()  # show_correct: after_last_try, tries remain
    reflection = next(i for i, q in enumerate(questions) if not q.scored)
    assert REFLECTION_TEXT in items.nth(reflection).inner_text()
    link = item.locator("a")
    page = next(p for p in course.pages if p.id == questions[skills].page.id)
    assert link.inner_text() == page.title and item.inner_text().count("Explained in:") == 1
    learner.press(link)
    assert learner.current_section() == f"page-{page.id}"


def test_a_retry_asks_only_the_wrong_questions_and_keeps_the_reflections(lms, course):
    session, learner = _learner(lms, course)
    sco, questions = session.sco, course.assessment.questions
    learner.answer_all(responses(course, WRONG))
    learner.submit()
    learner.press(sco.locator("#qser-retry"))
    assert sco.locator("#qser-quiz-position").inner_text() == f"Question 1 of {len(WRONG)}"
    asked = session.sco_frame.evaluate("window.qser.quiz.asked().map(q => q.id)")
    assert set(asked) == WRONG
    kept = session.sco_frame.evaluate("Object.keys(window.qser.quiz.answers)")
    assert set(kept) == {q.id for q in questions} - WRONG
    learner.answer_all(responses(course))
    learner.submit()
    assert "You passed" in sco.locator("#qser-result-summary").inner_text()
    learner.press(sco.locator("#qser-exit"))
    stored = session.wait_finished()
    assert (stored["core"]["lesson_status"], float(stored["core"]["score"]["raw"])) == ("passed", 100)


def test_a_returning_learner_goes_on_at_the_first_question_not_answered(lms, course):
    session, learner = _learner(lms, course)
    questions = course.assessment.questions
    learner.answer_only({questions[0].id, questions[1].id}, responses(course))
    session.leave()
    session.wait_finished()
    second = lms.relaunch(session).ready()
    second.sco.locator("#qser-start").click()  # the cover's Resume: back at the assessment
    assert second.sco.locator("#qser-quiz-position").inner_text() == f"Question 3 of {len(questions)}"
    assert second.sco.locator(f"#q-{questions[2].id}").is_visible()
