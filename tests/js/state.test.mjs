// The saved state (runtime/state.js): what goes in comes out, within the limit the tracker states.
import test from "node:test";
import assert from "node:assert/strict";
import { COURSE, RIGHT, loadRuntime } from "./runtime.mjs";

const { Qser, warnings, copy } = loadRuntime("state.js");
const progress = (answers, checks = {}) => ({ attempt: 2, submitted: true, closed: true, seed: 123456, visited: [0, 1, 3],
  answers, checks });

test("every type of answer comes back as it was saved", () => {
  const text = Qser.state.encode(progress(RIGHT), COURSE, 4096);
  assert.deepEqual(copy(Qser.state.decode(text, COURSE)), progress(RIGHT));
});

test("only texts are cut, to one common length, so the state fits the limit", () => {
  const long = { ...RIGHT, word: "w".repeat(300), think: "t".repeat(300) };
  const full = Qser.state.encode(progress(long), COURSE, Infinity);
  const cut = Qser.state.encode(progress(long), COURSE, 200);
  assert.ok(full.length > 600);
  assert.ok(cut.length <= 200);
  const back = Qser.state.decode(cut, COURSE).answers;
  assert.equal(back.word.length, back.think.length);
  assert.deepEqual(copy(back.pairs), RIGHT.pairs);
});

test("a damaged state is refused with a warning, and the learner starts fresh", () => {
  const text = Qser.state.encode(progress(RIGHT), COURSE, 4096);
  const damaged = text.slice(0, 5) + (text[5] === "A" ? "B" : "A") + text.slice(6);
  assert.equal(Qser.state.decode(damaged, COURSE), null);
  assert.match(warnings.at(-1), /saved state ignored/);
});

test("after a course update, questions that still fit keep their answers", () => {
  const text = Qser.state.encode(progress(RIGHT), COURSE, 4096);
  const updated = { ...COURSE, questions: COURSE.questions.filter((q) => q.id !== "multiple") };
  const back = Qser.state.decode(text, updated).answers;
  assert.equal(back.single, 1);
  assert.equal("multiple" in back, false);
  assert.deepEqual(copy(back.steps), RIGHT.steps);
});

test("the answers of a page's check questions come back apart from the assessment's", () => {
  const checks = [{ id: "check-one-1", type: "single", weight: 0, count: 2, correct: [0] },
    { id: "check-one-2", type: "true-false", weight: 0, correct: true }];
  const withChecks = { ...COURSE, checks };
  const text = Qser.state.encode(progress(RIGHT, { "check-one-1": 1, "check-one-2": false }), withChecks, 4096);
  assert.deepEqual(copy(Qser.state.decode(text, withChecks)), progress(RIGHT, { "check-one-1": 1, "check-one-2": false }));
  // A package without those checks (an older one, or checks removed) keeps the assessment's answers.
  assert.deepEqual(copy(Qser.state.decode(text, COURSE)), progress(RIGHT));
  // A state saved before checks existed reads as no check answered.
  const before = Qser.state.encode(progress(RIGHT), COURSE, 4096);
  assert.deepEqual(copy(Qser.state.decode(before, withChecks)), progress(RIGHT));
});
