// SCORM 2004 interaction values (tracking/scorm2004-response.js) and ISO durations (core.js):
// the formats of RTE 4.2.9, within what Moodle's stricter 2004 runtime accepts.
import test from "node:test";
import assert from "node:assert/strict";
import { COURSE, RIGHT, loadRuntime } from "./runtime.mjs";

const { Qser, copy } = loadRuntime("quiz.js", "tracking/xapi-response.js", "tracking/scorm2004-response.js");

function records(answers) {
  const quiz = new Qser.Quiz(copy(COURSE));
  for (const [id, value] of Object.entries(answers)) quiz.setAnswer(id, value);
  quiz.submit();
  return Object.fromEntries(quiz.records().map((record) => [record.id, copy(Qser.scorm2004Interaction(record, "A prompt"))]));
}

test("choices, sequences and pairs as short ids joined by [,] and [.]", () => {
  const all = records({ ...RIGHT, single: 2, multiple: [0, 1], pairs: [1, null, 2], steps: [2, 0, 1] });
  assert.deepEqual(all.single, { description: "A prompt", response: "blue", patterns: ["green"] });
  assert.deepEqual([all.multiple.response, all.multiple.patterns], ["red[,]green", ["red[,]blue"]]);
  assert.deepEqual([all.truth.response, all.truth.patterns], ["false", ["false"]]);
  assert.deepEqual([all.pairs.response, all.pairs.patterns], ["cat[.]woof[,]cow[.]moo", ["cat[.]meow[,]dog[.]woof[,]cow[.]moo"]]);
  assert.deepEqual([all.steps.response, all.steps.patterns], ["third[,]first[,]second", ["first[,]second[,]third"]]);
});

test("fill-in: every accepted answer a pattern, case not mattering; reflections long-fill-in", () => {
  const all = records({ ...RIGHT, word: "  Seven ", think: `{lang} one\nline ${"x".repeat(5000)}` });
  assert.deepEqual([all.word.response, all.word.patterns], ["Seven", ["{case_matters=false}Seven", "{case_matters=false}7"]]);
  assert.equal(all.think.patterns.length, 0);
  assert.equal(all.think.response.length, 4000);
  assert.ok(all.think.response.startsWith("lang} one line"), "one line, no { first");
});

test("a description is one line of at most 250 characters", () => {
  const quiz = new Qser.Quiz(copy(COURSE));
  quiz.submit();
  const [record] = quiz.records();
  const { description } = Qser.scorm2004Interaction(record, `Line one\n\nline two ${"y".repeat(300)}`);
  assert.equal(description.length, 250);
  assert.ok(description.startsWith("Line one line two y"));
});

test("ISO 8601 durations to the hundredth of a second", () => {
  assert.equal(Qser.isoDuration(0), "PT0S");
  assert.equal(Qser.isoDuration(3456), "PT3.46S");
  assert.equal(Qser.isoDuration(60000), "PT1M0S");
  assert.equal(Qser.isoDuration(3723450), "PT1H2M3.45S");
  assert.equal(Qser.isoDuration(-5), "PT0S");
});
