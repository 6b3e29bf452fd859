// Response formatting per tracker: SCORM 1.2 CMIFeedback (readable and letter codes) and xAPI.
import test from "node:test";
import assert from "node:assert/strict";
import { COURSE, RIGHT, loadRuntime } from "./runtime.mjs";

const { Qser, copy } = loadRuntime("quiz.js", "tracking/scorm12-response.js", "tracking/xapi-response.js");
const questions = Object.fromEntries(COURSE.questions.map((q) => [q.id, q]));

function records(answers) {
  const quiz = new Qser.Quiz(copy(COURSE));
  for (const [id, value] of Object.entries(answers)) quiz.setAnswer(id, value);
  quiz.submit();
  return Object.fromEntries(quiz.records().map((record) => [record.id, record]));
}

const answers = { ...RIGHT, single: 2, multiple: [0, 1], pairs: [1, null, 2], steps: [2, 0, 1], word: " Seven " };

test("SCORM readable responses: short ids in the per-type structure", () => {
  const formatted = Object.fromEntries(Object.entries(records(answers)).map(([id, record]) =>
    [id, copy(Qser.scorm12Response(record, questions[id], "readable"))]));
  assert.deepEqual(formatted, {
    single: ["blue", "green"],
    multiple: ["red,green", "red,blue"],
    truth: ["f", "f"],
    pairs: ["cat.woof,cow.moo", "cat.meow,dog.woof,cow.moo"],
    steps: ["third,first,second", "first,second,third"],
    word: ["Seven", "Seven"],
    think: ["A thought", ""],
  });
});

test("SCORM letter codes: the authored index in base 36", () => {
  const formatted = Object.fromEntries(Object.entries(records(answers)).map(([id, record]) =>
    [id, copy(Qser.scorm12Response(record, questions[id], "codes"))]));
  assert.deepEqual(formatted.single, ["2", "1"]);
  assert.deepEqual(formatted.multiple, ["0,1", "0,2"]);
  assert.deepEqual(formatted.pairs, ["0.1,2.2", "0.0,1.1,2.2"]);
  assert.deepEqual(formatted.steps, ["2,0,1", "0,1,2"]);
  assert.deepEqual(formatted.truth, ["f", "f"]);
});

test("unanswered questions give empty SCORM responses and empty xAPI responses", () => {
  const all = records({});
  assert.deepEqual(copy(Qser.scorm12Response(all.single, questions.single, "readable")), ["", "green"]);
  assert.deepEqual(copy(Qser.scorm12Response(all.truth, questions.truth, "codes")), ["", "f"]);
  assert.equal(Qser.xapiResponse(all.single), "");
  assert.equal(Qser.xapiResponse(all.truth), "");
  assert.equal(Qser.xapiResponse(all.pairs), "");
});

test("a typed answer goes to SCORM on one line", () => {
  const all = records({ ...answers, think: "  First line\r\n\n  second line " });
  assert.equal(Qser.scorm12Response(all.think, questions.think, "readable")[0], "First line second line");
  assert.equal(Qser.xapiResponse(all.think), "  First line\r\n\n  second line ");
});

test("xAPI responses use [,] and [.] between the same short ids, and full texts", () => {
  const all = records({ ...answers, think: "x".repeat(400) });
  assert.equal(Qser.xapiResponse(all.single), "blue");
  assert.equal(Qser.xapiResponse(all.multiple), "red[,]green");
  assert.equal(Qser.xapiResponse(all.truth), "false");
  assert.equal(Qser.xapiResponse(all.pairs), "cat[.]woof[,]cow[.]moo");
  assert.equal(Qser.xapiResponse(all.steps), "third[,]first[,]second");
  assert.equal(Qser.xapiResponse(all.think).length, 400);
});
