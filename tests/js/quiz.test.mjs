// The quiz engine (runtime/quiz.js): scoring, attempts, and the neutral records trackers receive.
import test from "node:test";
import assert from "node:assert/strict";
import { COURSE, RIGHT, loadRuntime } from "./runtime.mjs";

function answered(answers, course = COURSE) {
  const { Qser, copy } = loadRuntime("quiz.js");
  const quiz = new Qser.Quiz(copy(course));
  for (const [id, value] of Object.entries(answers)) quiz.setAnswer(id, value);
  quiz.submit();
  return { quiz, copy };
}

test("every right answer scores 100 and passes at once", () => {
  const { quiz } = answered(RIGHT);
  assert.equal(quiz.lastResult.scorePercent, 100);
  assert.equal(quiz.lastResult.passed, true);
  assert.equal(quiz.lastResult.final, true);
  assert.equal(quiz.canRetry(), false);
});

test("the score is weighted, the reflection is neutral and counts for nothing", () => {
  const { quiz, copy } = answered({ ...RIGHT, multiple: [0] }); // weight 2 of 7 lost
  assert.equal(quiz.lastResult.scorePercent, 71.43);
  assert.equal(quiz.lastResult.passed, false);
  assert.deepEqual(copy(quiz.lastResult.results), {
    single: "correct", multiple: "wrong", truth: "correct", pairs: "correct", steps: "correct", word: "correct", think: "neutral" });
});

test("a failed attempt can be retried until the last one, which is final", () => {
  const { quiz } = answered({});
  assert.equal(quiz.lastResult.final, false);
  quiz.retry();
  assert.equal(quiz.attempt, 2);
  assert.equal(quiz.submitted, false);
  quiz.submit();
  assert.equal(quiz.lastResult.final, true);
  assert.equal(quiz.canRetry(), false);
});

test("fill-in ignores case and spaces; matching needs every pair; multiple ignores order", () => {
  const { quiz } = answered({ ...RIGHT, word: "SEVEN", pairs: [0, 1, null], multiple: [2, 0] });
  assert.equal(quiz.lastResult.results.word, "correct");
  assert.equal(quiz.lastResult.results.pairs, "wrong");
  assert.equal(quiz.lastResult.results.multiple, "correct");
});

test("records carry the learner's response and the correct answer in short ids", () => {
  const { quiz, copy } = answered({ ...RIGHT, single: 2, pairs: [1, null, 2], steps: [2, 0, 1] });
  const records = Object.fromEntries(quiz.records().map((record) => [record.id, copy(record)]));
  assert.deepEqual(records.single.response, ["blue"]);
  assert.deepEqual(records.single.correct, ["green"]);
  assert.deepEqual(records.multiple.response, ["red", "blue"]);
  assert.equal(records.truth.response, false);
  assert.deepEqual(records.pairs.response, [["cat", "woof"], ["cow", "moo"]]);
  assert.deepEqual(records.pairs.correct, [["cat", "meow"], ["dog", "woof"], ["cow", "moo"]]);
  assert.deepEqual(records.steps.response, ["third", "first", "second"]);
  assert.deepEqual(records.steps.correct, ["first", "second", "third"]);
  assert.equal(records.word.response, "  seven ");
  assert.deepEqual(records.word.correct, ["Seven", "7"]);
  assert.equal(records.think.correct, null);
  assert.equal(records.single.objective, "obj_a");
  assert.equal(records.single.result, "wrong");
  assert.equal(records.multiple.weight, 2);
  assert.ok(Number.isFinite(records.single.latencyMs));
});

test("an unanswered question gives an empty response, never an error", () => {
  const { quiz, copy } = answered({});
  const records = Object.fromEntries(quiz.records().map((record) => [record.id, copy(record)]));
  assert.deepEqual(records.single.response, []);
  assert.deepEqual(records.multiple.response, []);
  assert.equal(records.truth.response, null);
  assert.deepEqual(records.pairs.response, []);
  assert.deepEqual(records.steps.response, ["third", "second", "first"]); // the order it started in
  assert.equal(records.word.response, "");
});

test("finishing with the score makes a failed try final; per-objective scores come with it", () => {
  const { quiz, copy } = answered({ ...RIGHT, multiple: [0], truth: true });
  assert.equal(quiz.canRetry(), true);
  quiz.close();
  assert.equal(quiz.lastResult.final, true);
  assert.equal(quiz.canRetry(), false);
  assert.deepEqual(copy(quiz.lastResult.objectives), []); // COURSE lists no objectives
  const course = { ...COURSE, objectives: ["obj_a", "obj_b", "obj_none"] };
  const { quiz: scored } = answered({ ...RIGHT, multiple: [0], truth: true }, course);
  assert.deepEqual(copy(scored.lastResult.objectives), [
    { id: "obj_a", scorePercent: 33.33, passed: false }, // single right (1), multiple wrong (2)
    { id: "obj_b", scorePercent: 50, passed: false },
    { id: "obj_none", scorePercent: null, passed: null }]);
});

test("a locked quiz (read-only launch) takes no answer, submit, retry or close", () => {
  const { Qser, copy } = loadRuntime("quiz.js");
  const quiz = new Qser.Quiz(copy(COURSE));
  quiz.lock();
  quiz.setAnswer("single", 1);
  quiz.submit();
  assert.equal(quiz.submitted, false);
  assert.equal("single" in quiz.answers, false);
  assert.equal(quiz.canRetry(), false);
});

const settled = (settings = {}) => {
  const { Qser, copy } = loadRuntime("quiz.js");
  return { quiz: new Qser.Quiz(copy({ ...COURSE, feedback: "immediate", showCorrect: "after_last_try", retry: "all", ...settings })), copy };
};

test("Check gives the verdict and fixes that answer for the try; an unanswered one has nothing to check", () => {
  const { quiz } = settled();
  quiz.check("single");
  assert.equal(quiz.verdict(quiz.byId.single), null);
  quiz.setAnswer("single", 0);
  quiz.check("single");
  assert.equal(quiz.verdict(quiz.byId.single), "wrong");
  quiz.setAnswer("single", 1);
  assert.equal(quiz.answers.single, 0);
  assert.equal(quiz.open("single"), false);
  quiz.setAnswer("think", "A thought");
  quiz.check("think"); // a reflection has no verdict to check
  assert.equal(quiz.open("think"), true);
});

test("an empty answer is no answer, and an empty reflection is not recorded", () => {
  const { quiz } = settled();
  quiz.setAnswer("think", "  ");
  quiz.setAnswer("multiple", []);
  assert.equal("think" in quiz.answers, false);
  assert.equal("multiple" in quiz.answers, false);
  assert.deepEqual(quiz.unanswered().map((q) => q.id), ["single", "multiple", "truth", "pairs", "steps", "word", "think"]);
  quiz.setAnswer("pairs", [null, 1, null]); // one pair chosen: answered, wrong
  assert.equal(quiz.isAnswered(quiz.byId.pairs), true);
  quiz.submit();
  assert.equal(quiz.records().some((record) => record.id === "think"), false);
});

test("a retry keeps the reflections; with wrong_only also the right answers, and asks only the wrong", () => {
  for (const retry of ["all", "wrong_only"]) {
    const { quiz, copy } = settled({ retry });
    for (const [id, value] of Object.entries({ ...RIGHT, multiple: [0], truth: true })) quiz.setAnswer(id, value);
    quiz.submit();
    quiz.retry();
    assert.equal(quiz.attempt, 2);
    if (retry === "all") {
      assert.deepEqual(copy(quiz.answers), { think: "A thought" });
      assert.equal(quiz.open("think"), true);
      assert.equal(quiz.asked().length, COURSE.questions.length);
    } else {
      assert.deepEqual(quiz.asked().map((q) => q.id), ["multiple", "truth"]);
      assert.equal(quiz.answers.single, 1);
      assert.equal(quiz.open("single"), false);
      quiz.setAnswer("multiple", [0, 2]);
      quiz.setAnswer("truth", false);
      quiz.submit();
      assert.equal(quiz.lastResult.scorePercent, 100);
    }
  }
});

test("show_correct decides when the correct answers show", () => {
  const shows = (showCorrect, answers) => {
    const { quiz } = settled({ showCorrect });
    const before = quiz.showsCorrect();
    for (const [id, value] of Object.entries(answers)) quiz.setAnswer(id, value);
    quiz.submit();
    return [before, quiz.showsCorrect()];
  };
  assert.deepEqual(shows("always", {}), [true, true]);
  assert.deepEqual(shows("after_pass", {}), [false, false]);
  assert.deepEqual(shows("after_pass", RIGHT), [false, true]);
  assert.deepEqual(shows("after_last_try", {}), [false, false]); // a try is left
  assert.deepEqual(shows("after_last_try", RIGHT), [false, true]);
  assert.deepEqual(shows("never", RIGHT), [false, false]);
});
