// Unit tests of the preview's SCORM 1.2 API as Moodle answers it, run by `node --test`
// (tests/preview/test_strict_api.py); the other profiles are in profiles.test.mjs.
import assert from "node:assert/strict";
import { test } from "node:test";

import { checkValue, formatTimespan, parseTimespan, responseWarning } from "../../qser_scorm/preview/assets/cmi_model.mjs";
import { createApi } from "../../qser_scorm/preview/assets/lms.mjs";
import { PROFILES } from "../../qser_scorm/preview/assets/profiles.mjs";

const MOODLE = PROFILES.moodle;

// element (generic name) -> [values Moodle accepts, values it answers 405 to]
const VALUES = {
  "cmi.core.lesson_status": [["passed", "completed", "failed", "incomplete", "browsed"],
    ["done", "not attempted", "Passed", "", "complete"]],
  "cmi.core.exit": [["time-out", "suspend", "logout", ""], ["suspended", "quit", "Suspend"]],
  "cmi.core.score.raw": [["0", "100", "85", "83.33", "", "99.999"], ["150", "-1", "100.01", "abc", "1e2", "+5", "-", "1000"]],
  "cmi.core.session_time": [["00:00:00", "0000:12:05.30", "9999:59:59.99", "12:00:00.5"],
    ["1:00:00", "00:00", "PT1H", "00:00:00.123", "12345:00:00", ""]],
  "cmi.core.lesson_location": [["", "page-3", "x".repeat(255)], ["x".repeat(256)]],
  "cmi.suspend_data": [["", "x".repeat(4096)], ["x".repeat(4097)]],
  "cmi.interactions.n.id": [["q1", "quiz.q-1_a", "x".repeat(255)], ["q 1", "q\t1", "ü", "x".repeat(256)]],
  // Moodle's CMITime takes hours up to 29 (datamodels/scorm_12.js); the strict profile stops at 23.
  "cmi.interactions.n.time": [["00:00:00", "23:59:59", "09:05:07.25", "24:00:00"], ["9:05:07", "12:60:00", "30:00:00", "2024-01-01T10:00:00"]],
  "cmi.interactions.n.type": [["true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"],
    ["multiple-choice", "Choice", "long-fill-in", "other"]],
  "cmi.interactions.n.result": [["correct", "wrong", "unanticipated", "neutral", "0.5", "1"], ["incorrect", "right", "Correct"]],
  "cmi.interactions.n.student_response": [["a,c", "", "x".repeat(255)], ["x".repeat(256)]],
  "cmi.interactions.n.weighting": [["1", "0", "-100", "2.5"], ["101", "x"]],
  "cmi.interactions.n.latency": [["00:00:12.50", "0001:00:00"], ["12", "00:12"]],
  "cmi.objectives.n.status": [["not attempted", "passed"], ["unknown"]],
  "cmi.student_preference.text": [["-1", "0", "1"], ["2", "-2", "0.5"]],
};

for (const [element, [valid, invalid]] of Object.entries(VALUES)) {
  test(`${element} accepts what Moodle accepts and refuses the rest`, () => {
    for (const value of valid) assert.equal(checkValue(element, value, MOODLE.types), "0", `${JSON.stringify(value)} should be valid`);
    for (const value of invalid) assert.equal(checkValue(element, value, MOODLE.types), "405", `${JSON.stringify(value)} should be refused`);
  });
}

// interaction type -> [responses in the RTE 3.4.2 format, responses stricter LMSs refuse]
const RESPONSES = {
  "true-false": [["t", "f", "0", "1", "true"], ["yes", "T"]],
  choice: [["a", "a,c", "{a,c}", "0,z"], ["ab", "a;c", "A", "a,", "{a,c"]],
  matching: [["0.a,1.b", "{0.a,1.b}", "a.b"], ["0-a", "0.ab", "0.a;1.b"]],
  sequencing: [["c,a,b", "a"], ["cab", "{a,b}"]],
  likert: [["4", "a"], ["10"]],
  numeric: [["3.14", "-2"], ["three"]],
  "fill-in": [["Anything at all, even ; and {}"], []],
};

for (const [type, [valid, invalid]] of Object.entries(RESPONSES)) {
  test(`${type} responses: the format is checked as a warning`, () => {
    for (const value of ["", ...valid]) assert.equal(responseWarning(type, value), "", `${JSON.stringify(value)} should pass`);
    for (const value of invalid) assert.match(responseWarning(type, value), /is not a .* response/, `${JSON.stringify(value)} should warn`);
  });
}

function started(data = {}) {
  const calls = [];
  const session = { data: { "cmi.core.lesson_status": "not attempted", "cmi.core.student_id": "s1", ...data }, changed() {}, commit() {}, finish() {} };
  const api = createApi(session, (call) => calls.push(call), MOODLE);
  assert.equal(api.LMSInitialize(""), "true");
  return { api, calls, session };
}

// [call, arguments, expected answer, expected LMSGetLastError]
const CALLS = [
  ["LMSSetValue", ["cmi.core.lesson_status", "done"], "false", "405"],
  ["LMSSetValue", ["cmi.core.score.raw", "150"], "false", "405"],
  ["LMSSetValue", ["cmi.core.student_id", "x"], "false", "403"],
  ["LMSSetValue", ["cmi.core.total_time", "00:00:01"], "false", "403"],
  ["LMSSetValue", ["cmi.core._children", "x"], "false", "402"],
  ["LMSSetValue", ["cmi.interactions._count", "1"], "false", "402"],
  ["LMSSetValue", ["cmi._version", "4"], "false", "402"],
  ["LMSSetValue", ["cmi.core.nonsense", "1"], "false", "201"],
  ["LMSSetValue", ["cmi.interactions.1.id", "q1"], "false", "201"],
  ["LMSSetValue", ["cmi.interactions.0.id", "q1"], "true", "0"],
  ["LMSGetValue", ["cmi.core.exit"], "", "404"],
  ["LMSGetValue", ["cmi.core.session_time"], "", "404"],
  ["LMSGetValue", ["cmi.interactions.0.id"], "", "404"],
  ["LMSGetValue", ["cmi.core.student_id._children"], "", "202"],
  ["LMSGetValue", ["cmi.core._count"], "", "203"],
  ["LMSGetValue", ["cmi.nothing._count"], "", "201"],
  ["LMSGetValue", [""], "", "201"],
  ["LMSGetValue", ["cmi.core.5.student_id"], "", "201"],
  ["LMSGetValue", ["cmi.core.score"], "", "201"],
  ["LMSGetValue", ["cmi.core.student_id"], "s1", "0"],
  ["LMSGetValue", ["cmi.core.lesson_location"], "", "0"],
  ["LMSGetValue", ["cmi._version"], "3.4", "0"],
  ["LMSGetValue", ["cmi.core.score._children"], "raw,min,max", "0"],
  ["LMSGetValue", ["cmi.interactions._count"], "0", "0"],
  ["LMSCommit", ["x"], "false", "201"],
  ["LMSInitialize", [""], "false", "101"],
];

for (const [name, args, expected, error] of CALLS) {
  test(`${name}(${args.map((a) => JSON.stringify(a)).join(", ")}) answers ${JSON.stringify(expected)} with error ${error}`, () => {
    const { api, calls } = started();
    assert.equal(api[name](...args), expected);
    assert.equal(api.LMSGetLastError(), error);
    assert.equal(calls.filter((call) => call.name === name).at(-1).error, error, "the panel hears the same code");
    if (error !== "0") assert.notEqual(api.LMSGetDiagnostic(""), "");
  });
}

test("arrays grow one record at a time and count what was written", () => {
  const { api } = started();
  assert.equal(api.LMSSetValue("cmi.interactions.0.id", "q1"), "true");
  assert.equal(api.LMSSetValue("cmi.interactions.0.objectives.0.id", "obj-1"), "true");
  assert.equal(api.LMSSetValue("cmi.interactions.1.id", "q2"), "true");
  assert.equal(api.LMSGetValue("cmi.interactions._count"), "2");
  assert.equal(api.LMSGetValue("cmi.interactions.0.objectives._count"), "1");
  assert.equal(api.LMSSetValue("cmi.interactions.0.id", "q1-again"), "true", "an existing record may be overwritten");
});

test("a response that does not fit the interaction type is stored with a warning", () => {
  const { api, calls } = started();
  api.LMSSetValue("cmi.interactions.0.id", "q1");
  api.LMSSetValue("cmi.interactions.0.type", "choice");
  assert.equal(api.LMSSetValue("cmi.interactions.0.student_response", "Paris"), "true");
  assert.match(calls.at(-1).warning, /not a choice response/);
  assert.equal(api.LMSSetValue("cmi.interactions.0.correct_responses.0.pattern", "b"), "true");
  assert.equal(calls.at(-1).warning, "");
});

test("calls before LMSInitialize and after LMSFinish answer 301", () => {
  const session = { data: {}, changed() {}, commit() {}, finish() {} };
  const api = createApi(session, () => {}, MOODLE);
  assert.equal(api.LMSGetValue("cmi.core.student_id"), "");
  assert.equal(api.LMSGetLastError(), "301");
  api.LMSInitialize("");
  assert.equal(api.LMSFinish(""), "true");
  assert.equal(api.LMSSetValue("cmi.core.lesson_status", "passed"), "false");
  assert.equal(api.LMSGetLastError(), "301");
  assert.equal(api.LMSInitialize(""), "false");
  assert.equal(api.LMSGetLastError(), "101");
  assert.equal(api.LMSGetErrorString("405"), "Incorrect data type");
});

function finished(profile, data, override = true) {
  const cmi = { "cmi.core.credit": "credit", "cmi.core.lesson_mode": "normal", "cmi.core.total_time": "0000:00:00.00", "cmi.student_data.mastery_score": "80", ...data };
  const { kept, notes } = profile.finish(cmi, { kept: {}, launchTotal: cmi["cmi.core.total_time"], setSinceCommit: new Set(), statusSet: true, masteryOverride: override });
  return { cmi: kept, notes };
}

test("LMSFinish: mastery override decides passed/failed from the score, both ways", () => {
  const status = (...args) => finished(MOODLE, ...args).cmi["cmi.core.lesson_status"];
  assert.equal(status({ "cmi.core.lesson_status": "passed", "cmi.core.score.raw": "60" }), "failed");
  assert.equal(status({ "cmi.core.lesson_status": "failed", "cmi.core.score.raw": "80" }), "passed");
  assert.equal(status({ "cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "60" }), "failed", "whatever status the SCO set");
  assert.equal(status({ "cmi.core.lesson_status": "passed", "cmi.core.score.raw": "60" }, false), "passed");
  assert.equal(status({ "cmi.core.lesson_status": "incomplete", "cmi.student_data.mastery_score": "", "cmi.core.score.raw": "90" }), "incomplete");
  assert.equal(status({ "cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "60", "cmi.core.lesson_mode": "review", "cmi.core.credit": "no-credit" }), "incomplete",
    "only in normal mode with credit");
});

test("LMSFinish in Moodle: no status set becomes completed; time adds up in every mode; the bookmark stays in the attempt", () => {
  const { cmi, notes } = finished(MOODLE, { "cmi.core.lesson_status": "not attempted", "cmi.core.total_time": "0001:59:30.50", "cmi.core.lesson_mode": "review",
    "cmi.core.session_time": "00:00:30.55", "cmi.suspend_data": "abc", "cmi.core.lesson_location": "p2", "cmi.core.exit": "" });
  assert.equal(cmi["cmi.core.lesson_status"], "completed");
  assert.equal(cmi["cmi.core.total_time"], "0002:00:01.05");
  assert.equal(cmi["cmi.suspend_data"], "abc");
  assert.equal(cmi["cmi.core.lesson_mode"], undefined, "decided again at the next launch");
  assert.equal(notes.length, 2);
});

test("LMSFinish in the strict profile: no suspend drops the bookmark", () => {
  const dropped = finished(PROFILES.strict, { "cmi.core.lesson_status": "incomplete", "cmi.suspend_data": "abc", "cmi.core.exit": "" }).cmi;
  assert.equal(dropped["cmi.suspend_data"], undefined);
  const kept = finished(PROFILES.strict, { "cmi.core.lesson_status": "incomplete", "cmi.suspend_data": "abc", "cmi.core.exit": "suspend" }).cmi;
  assert.equal(kept["cmi.suspend_data"], "abc");
});

test("timespans are capped at 9999:59:59.99", () => {
  assert.equal(formatTimespan(parseTimespan("9999:59:59.99") + 100), "9999:59:59.99");
  assert.equal(formatTimespan(parseTimespan("00:01:02.3")), "0000:01:02.30");
});
