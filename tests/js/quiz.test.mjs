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
