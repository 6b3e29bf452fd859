"""A learner working through the built course in the SCO's frame, by mouse or by keyboard only.

The answers come from the course model (the same source the package was built from), so the
tests know which response is right without reading the page's answer key. Element ids follow
the rendered page (qser_scorm/render/templates): ``q-<question id>-<option>``, ``#qser-next``...
"""
from __future__ import annotations

from playwright.sync_api import FrameLocator, Locator, Page

from qser_scorm.course.model import Course, Question

#: What a learner gives for one question, by type: an authored option index (single), a set of
#: them (multiple), "true"/"false", the authored right side per left side (matching), authored
#: item indexes in the chosen order (ordering), or text (fill-in, reflection).
Response = object

#: Three wrong of the Q-SER course's nine equally weighted questions: 66.67 %, under its pass mark of 75.
WRONG = frozenset({"q-path-to-mentor", "q-skill-areas", "q-partner-count"})

WRONG_TEXT = "I do not know"
REFLECTION_TEXT = "Listening first: a mentee who feels heard will tell the mentor what is really in the way."


def responses(course: Course, wrong: frozenset[str] = frozenset()) -> dict[str, Response]:
    """A full set of responses: correct ones, except for the question ids in ``wrong``."""
    return {q.id: (_wrong_response(q) if q.id in wrong else _right_response(q)) for q in course.assessment.questions}


def _right_response(q: Question) -> Response:
    if q.type == "single":
        return next(i for i, option in enumerate(q.options) if option.correct)
    if q.type == "multiple":
        return {i for i, option in enumerate(q.options) if option.correct}
    if q.type == "true-false":
        return "true" if q.answer else "false"
    if q.type in ("matching", "ordering"):
        return list(range(len(q.pairs or q.items)))
    if q.type == "fill-in":
        # Accepted answers are tolerant of case and spacing (docs/authoring.md).
        return f"  {q.accept[0].upper()} "
    return REFLECTION_TEXT


def _wrong_response(q: Question) -> Response:
    if q.type == "single":
        return next(i for i, option in enumerate(q.options) if not option.correct)
    if q.type == "multiple":
        return {next(i for i, option in enumerate(q.options) if not option.correct)}
    if q.type == "true-false":
        return "false" if q.answer else "true"
    if q.type in ("matching", "ordering"):
        count = len(q.pairs or q.items)
        return list(reversed(range(count)))
    if q.type == "fill-in":
        return WRONG_TEXT
    raise ValueError(f"{q.id}: a reflection has no wrong answer")


def fail_one_try(session, course: Course) -> "CourseLearner":
    """Page to the assessment and submit it with the ``WRONG`` answers (one try, not passed)."""
    learner = CourseLearner(session.page, session.sco, course)
    learner.go_to("qser-assessment")
    learner.answer_all(responses(course, WRONG))
    learner.submit()
    return learner


def run_course(session, course: Course, *, wrong=frozenset(), attempts: int = 1) -> dict:
    """Page to the assessment, answer (all right but ``wrong``), submit ``attempts`` times, press
    Exit; return the CMI the LMS stored at LMSFinish. ``session`` is a :class:`lms.LmsSession`."""
    learner = CourseLearner(session.page, session.sco, course)
    learner.go_to("qser-assessment")
    for attempt in range(attempts):
        if attempt:
            learner.press(session.sco.locator("#qser-retry"))
            learner.go_to("qser-assessment")
        learner.answer_all(responses(course, wrong))
        learner.submit()
    learner.press(session.sco.locator("#qser-exit"))
    return session.wait_finished()


class CourseLearner:
    """Works through the course with the mouse (Playwright's click, check, fill)."""

    def __init__(self, page: Page, frame: FrameLocator, course: Course):
        self.page = page
        self.frame = frame
        self.course = course

    # -- navigation -------------------------------------------------------------------------
    def position(self) -> str:
        """The pager's text: "Page N of M" on a content page, "Pages seen: N of M" elsewhere."""
        return self.frame.locator("#qser-position").inner_text()

    def start(self) -> None:
        """On the cover: Start (or Resume, its label once the learner has been further)."""
        self.press(self.frame.locator("#qser-start"))

    def resume(self) -> None:
        """On the cover of a returning learner: Resume, back to where they left."""
        start = self.frame.locator("#qser-start")
        assert start.inner_text() == "Resume", f"the cover offers {start.inner_text()!r}, not Resume"
        self.press(start)

    def start_over(self) -> None:
        """On the cover of a returning learner: Start from the beginning."""
        self.press(self.frame.locator("#qser-restart"))

    def current_section(self) -> str:
        """The id of the one section shown."""
        return self.frame.locator("section.qser-page:visible").get_attribute("id")

    def next(self) -> None:
        self.press(self.frame.locator("#qser-next"))

    def go_to(self, section_id: str, limit: int = 30) -> None:
        """Press Next until the section is shown (the way a learner pages through)."""
        for _ in range(limit):
            if self.current_section() == section_id:
                return
            before = self.current_section()
            self.next()
            self.frame.locator(f"section.qser-page:visible:not(#{before})").wait_for()
        raise AssertionError(f"never reached {section_id}; stuck on {self.current_section()}")

    # -- the assessment ---------------------------------------------------------------------
    def answer_all(self, chosen: dict[str, Response]) -> None:
        for question in self.course.assessment.questions:
            self.answer(question, chosen[question.id])

    def answer_only(self, ids, chosen: dict[str, Response]) -> None:
        """Answer the questions in ``ids`` (in course order), leave the others as they are."""
        for question in self.course.assessment.questions:
            if question.id in ids:
                self.answer(question, chosen[question.id])

    def answer(self, q: Question, response: Response) -> None:
        """Answer ``q`` on its screen; a question kept from the try before (retry: wrong_only) is
        not asked again, and is left as it is."""
        if not self.is_open(q):
            return
        self.show_question(q)
        group = f"#q-{q.id}"
        if q.type in ("single", "true-false"):
            self.choose_radio(f"q-{q.id}", f"{group}-{response}")
        elif q.type == "multiple":
            for i in range(len(q.options)):
                box = self.frame.locator(f"{group}-{i}")
                if box.is_checked() != (i in response):
                    self.toggle(box)
        elif q.type == "matching":
            for left, right in enumerate(response):
                self.choose_radio(f"q-{q.id}-{left}", f"{group}-{left}-{right}")
        elif q.type == "ordering":
            for target, item in enumerate(response):
                while self.item_order(q).index(item) > target:
                    self.press(self.frame.locator(f'{group}-list li[data-item="{item}"] .qser-up'))
        else:
            self.type_text(self.frame.locator(f"{group}-answer"), response)

    def is_open(self, q: Question) -> bool:
        """Whether ``q`` takes an answer now (the engine's view: docs/runtime.md, ``window.qser``)."""
        return self.frame.locator("html").evaluate("(_, id) => window.qser.quiz.open(id)", q.id)

    def show_question(self, q: Question) -> None:
        """Step with Previous / Next question until ``q`` is on screen (display: one_per_screen)."""
        target = self.frame.locator(f"#q-{q.id}")
        questions = [f"q-{question.id}" for question in self.course.assessment.questions]
        for _ in range(2 * len(questions) + 2):
            if target.is_visible():
                return
            shown = self.frame.locator("fieldset.qser-question:visible")
            ahead = shown.count() and questions.index(shown.first.get_attribute("id")) < questions.index(f"q-{q.id}")
            self.press(self.frame.locator("#qser-quiz-next" if ahead else "#qser-quiz-previous"))
        raise AssertionError(f"question {q.id} never shown")

    def check(self, q: Question) -> None:
        """Press the question's Check (feedback: immediate); the verdict shows at once."""
        self.show_question(q)
        self.press(self.frame.locator(f"#q-{q.id}-check"))
        self.frame.locator(f"#q-{q.id}-feedback").wait_for()

    def item_order(self, q: Question) -> list[int]:
        items = self.frame.locator(f"#q-{q.id}-list li")
        return [int(i) for i in items.evaluate_all("items => items.map(li => li.dataset.item)")]

    def submit(self, confirm: bool = True) -> None:
        """Go on to the review screen and submit; when questions are unanswered the course asks
        first, and ``confirm`` answers Yes (else the learner stays, and this returns)."""
        submit = self.frame.locator("#qser-submit")
        for _ in range(2 * len(self.course.assessment.questions) + 2):
            if submit.is_visible():
                break
            self.press(self.frame.locator("#qser-quiz-next"))
        self.press(submit)
        if self.frame.locator("#qser-submit-confirm").is_visible():
            if not confirm:
                return
            self.press(self.frame.locator("#qser-submit-yes"))
        self.frame.locator("#qser-results").wait_for()

    # -- the hands: a mouse and a keyboard learner differ only here -------------------------------
    def press(self, button: Locator) -> None:
        button.click()

    def toggle(self, box: Locator) -> None:
        box.click()

    def choose_radio(self, name: str, radio: str) -> None:
        """Pick ``radio`` (a selector) in the radio group ``name``."""
        self.frame.locator(radio).check()

    def type_text(self, field: Locator, text: str) -> None:
        field.fill(text)


class KeyboardLearner(CourseLearner):
    """The same learner with no mouse: Tab to reach a control, then Enter, Space, arrows, typing."""

    MAX_TABS = 400

    def tab_to(self, target: Locator) -> None:
        """Press Tab until (one of) ``target`` has the focus; fail if the Tab order never gets there."""
        for _ in range(self.MAX_TABS):
            if target.evaluate_all("els => els.includes(document.activeElement)"):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reaches {target}")

    def press(self, button: Locator) -> None:
        self.tab_to(button)
        self.page.keyboard.press("Enter")

    def toggle(self, box: Locator) -> None:
        self.tab_to(box)
        self.page.keyboard.press("Space")

    def choose_radio(self, name: str, radio: str) -> None:
        # Tab enters a radio group once; Space picks the focused radio, the arrows move the choice.
        target = self.frame.locator(radio)
        radios = self.frame.locator(f'input[name="{name}"]')
        self.tab_to(radios)
        self.page.keyboard.press("Space")
        for _ in range(radios.count()):
            if target.is_checked():
                return
            self.page.keyboard.press("ArrowDown")
        assert target.is_checked(), f"arrow keys never select {radio}"

    def type_text(self, field: Locator, text: str) -> None:
        self.tab_to(field)
        self.page.keyboard.type(text)
