"""The suspend_data encoding (runtime/state.js) run in Chromium: sizes against the SCORM 1.2 limit
and the issue's targets, and resume across course updates (stable question ids)."""
from __future__ import annotations

import pytest

SUSPEND_DATA_MAX = 4096  # SCORM 1.2 RTE 3.4.2: cmi.suspend_data is a CMIString4096

#: A generated course: `count` questions cycling through the choice types, four options each.
GENERATED = """({count, types}) => {
  const questions = Array.from({length: count}, (_, n) => {
    const type = types[n % types.length];
    return {id: `gen-${n}`, type, count: type === "true-false" ? undefined : 4, weight: 1};
  });
  const answers = {};
  questions.forEach((q, n) => { answers[q.id] = q.type === "single" ? n % 4
    : q.type === "multiple" ? [0, n % 3 + 1] : q.type === "true-false" ? n % 2 === 0 : [3, 1, 0, 2]; });
  return {course: {pages: qser.course.pages, questions}, answers};
}"""

ENCODE = """([course, answers, limit]) => Qser.state.encode(
  {attempt: 2, submitted: true, seed: 987654321, visited: [0, 1, 2], answers}, course, limit)"""
DECODE = "([text, course]) => Qser.state.decode(text, course)"


@pytest.fixture
def runtime(lms):
    """The packaged runtime, opened standalone (the encoder needs no LMS)."""
    page = lms.open_standalone()
    page.wait_for_function("() => window.qser && window.qser.ready")
    return page


def test_qser_course_fully_answered_fits_in_500_characters(runtime):
    answers = runtime.evaluate("""() => {
      const answers = {};
      for (const q of qser.course.questions) answers[q.id] =
        q.type === "single" ? 0 : q.type === "multiple" ? q.correct : q.type === "true-false" ? true
        : q.type === "matching" || q.type === "ordering" ? q.start.slice().reverse()
        : "A mentor listens first, then helps the mentee find their own way in the municipality's services.";
      return answers;
    }""")
    text = runtime.evaluate("([answers]) => Qser.state.encode({attempt: 3, submitted: true, seed: 1073741823,"
                            " visited: qser.course.pages.map((p, i) => i), answers}, qser.course, 4096)", [answers])
    assert len(text) <= 500
    decoded = runtime.evaluate("([text]) => Qser.state.decode(text, qser.course)", [text])
    assert decoded["answers"] == answers
    assert (decoded["attempt"], decoded["submitted"], decoded["seed"]) == (3, True, 1073741823)


@pytest.mark.parametrize("types", [["single"], ["single", "multiple", "true-false", "ordering"]])
def test_a_thousand_answered_questions_fit_in_4096_characters(runtime, types):
    generated = runtime.evaluate(GENERATED, {"count": 1000, "types": types})
    text = runtime.evaluate(ENCODE, [generated["course"], generated["answers"], SUSPEND_DATA_MAX])
    assert len(text) <= SUSPEND_DATA_MAX
    assert runtime.evaluate(DECODE, [text, generated["course"]])["answers"] == generated["answers"]


def test_long_texts_are_cut_to_fit_and_every_other_answer_survives(runtime):
    course = {"pages": [{"id": "p"}], "questions": [
        {"id": "essay-1", "type": "reflection", "weight": 0},
        {"id": "pick", "type": "single", "count": 3, "weight": 1},
        {"id": "essay-2", "type": "reflection", "weight": 0},
        {"id": "word", "type": "fill-in", "weight": 1}]}
    answers = {"essay-1": "~%é " * 3000, "pick": 2, "essay-2": "🙂 listen " * 900, "word": "seven"}
    text = runtime.evaluate(ENCODE, [course, answers, SUSPEND_DATA_MAX])
    assert len(text) <= SUSPEND_DATA_MAX
    decoded = runtime.evaluate(DECODE, [text, course])["answers"]
    assert decoded["pick"] == 2 and decoded["word"] == "seven"
    for essay in ("essay-1", "essay-2"):
        assert answers[essay].startswith(decoded[essay]) and len(decoded[essay]) > 1000


def test_answers_survive_a_course_update_by_question_id(runtime):
    old = {"pages": [{"id": "p"}], "questions": [
        {"id": "a", "type": "single", "count": 3, "weight": 1},
        {"id": "removed", "type": "multiple", "count": 4, "weight": 1},
        {"id": "b", "type": "true-false", "weight": 1},
        {"id": "changed", "type": "single", "count": 3, "weight": 1},
        {"id": "c", "type": "matching", "count": 3, "weight": 1},
        {"id": "d", "type": "fill-in", "weight": 1}]}
    answers = {"a": 1, "removed": [0, 3], "b": False, "changed": 2, "c": [2, None, 0], "d": "seven"}
    text = runtime.evaluate(ENCODE, [old, answers, SUSPEND_DATA_MAX])
    new = {"pages": [{"id": "p"}, {"id": "q"}], "questions": [
        {"id": "new-first", "type": "single", "count": 3, "weight": 1},
        old["questions"][0], old["questions"][2],
        {"id": "changed", "type": "single", "count": 4, "weight": 1},  # an option added: old answer dropped
        old["questions"][4], old["questions"][5]]}
    decoded = runtime.evaluate(DECODE, [text, new])
    assert decoded["answers"] == {"a": 1, "b": False, "c": [2, None, 0], "d": "seven"}
    assert decoded["visited"] == []  # the page list changed: which pages were seen is unknown


@pytest.mark.parametrize("garbage", ["", "Z123", "A", "A!!!", "A" + "_" * 40])
def test_unreadable_state_starts_fresh_instead_of_failing(runtime, garbage):
    assert runtime.evaluate("([text]) => Qser.state.decode(text, qser.course)", [garbage]) is None
