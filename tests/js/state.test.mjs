// The saved state (runtime/state.js): what goes in comes out, within the limit the tracker states.
import test from "node:test";
import assert from "node:assert/strict";
import { COURSE, RIGHT, loadRuntime } from "./runtime.mjs";

const { Qser, warnings, copy } = loadRuntime("state.js");
const progress = (answers, { checks = {}, fixed = {}, language = null } = {}) => ({ attempt: 2, submitted: true,
  closed: true, language, seed: 123456, visited: [0, 1, 3], answers, checks, fixed });
const MULTILINGUAL = { ...COURSE, languages: ["en", "el", "es"] };

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

test("answers fixed for the try (checked, or kept from the try before) stay fixed", () => {
  const fixed = { single: "checked", pairs: "kept", think: "kept" };
  const text = Qser.state.encode(progress(RIGHT, { fixed }), COURSE, 4096);
  assert.deepEqual(copy(Qser.state.decode(text, COURSE)), progress(RIGHT, { fixed }));
});

test("a state saved by a package before the language and the fixed marks (version B) still resumes", () => {
  // Written by the version B state.js for attempt 2, pages 0 and 1 seen, three answers.
  const back = copy(Qser.state.decode("BmQAA8SAXCVmuw6bIg~A thought", COURSE));
  assert.deepEqual(back, { attempt: 2, submitted: false, closed: false, language: null, seed: 123456, visited: [0, 1],
    answers: { single: 1, pairs: [0, null, 2], think: "A thought" }, fixed: {}, checks: {} });
});

test("the answers of a page's check questions come back apart from the assessment's", () => {
  const checks = [{ id: "check-one-1", type: "single", weight: 0, count: 2, correct: [0] },
    { id: "check-one-2", type: "true-false", weight: 0, correct: true }];
  const withChecks = { ...COURSE, checks };
  const answered = { checks: { "check-one-1": 1, "check-one-2": false } };
  const text = Qser.state.encode(progress(RIGHT, answered), withChecks, 4096);
  assert.deepEqual(copy(Qser.state.decode(text, withChecks)), progress(RIGHT, answered));
  // A package without those checks (an older one, or checks removed) keeps the assessment's answers.
  assert.deepEqual(copy(Qser.state.decode(text, COURSE)), progress(RIGHT));
  // A state saved before checks existed reads as no check answered.
  const before = Qser.state.encode(progress(RIGHT), COURSE, 4096);
  assert.deepEqual(copy(Qser.state.decode(before, withChecks)), progress(RIGHT));
});

test("the language the learner chose comes back, as one of the package's", () => {
  for (const language of ["en", "el", "es", null]) {
    const text = Qser.state.encode(progress(RIGHT, { language }), MULTILINGUAL, 4096);
    assert.equal(Qser.state.decode(text, MULTILINGUAL).language, language);
  }
  const greek = Qser.state.encode(progress(RIGHT, { language: "el" }), MULTILINGUAL, 4096);
  assert.equal(Qser.state.decode(greek, { ...COURSE, languages: ["en"] }).language, null);
});

test("a state saved before the language was kept (version B) is still read, with no language", () => {
  const saved = "BrWAA8SAXRFZvoliJsO3tONKyI~  seven ~A thought"; /* by the state.js of that version */
  assert.deepEqual(copy(Qser.state.decode(saved, MULTILINGUAL)), progress(RIGHT));
});
