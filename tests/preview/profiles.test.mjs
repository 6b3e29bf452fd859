// The preview's LMS profiles (profiles.mjs) through the real API and session, run by `node --test`
// (tests/preview/test_strict_api.py): what each LMS answers, keeps and how it relaunches.
import assert from "node:assert/strict";
import { test } from "node:test";

import { createApi } from "../../qser_scorm/preview/assets/lms.mjs";
import { PROFILES } from "../../qser_scorm/preview/assets/profiles.mjs";
import { createSession } from "../../qser_scorm/preview/assets/session.mjs";

/** Launch `name` as the host page does, with the learner kept in memory; LMSInitialize done. */
function launched(name, { record = null, newAttempt = false, mode = "auto", credit = "auto", override = true } = {}) {
  const profile = PROFILES[name];
  const saved = [];
  const notes = [];
  const calls = [];
  const session = createSession({
    profile, record, newAttempt, choice: { mode, credit }, masteryScore: "75",
    masteryOverride: () => override, onNote: (note) => notes.push(note), save: (kept) => saved.push(kept),
  });
  const api = createApi(session, (call) => calls.push(call), profile);
  assert.equal(api.LMSInitialize(""), "true");
  const set = (pairs) => Object.entries(pairs).forEach(([element, value]) => assert.equal(api.LMSSetValue(element, value), "true", element));
  return { api, session, notes, calls, set, record: () => saved.at(-1), get: (element) => api.LMSGetValue(element) };
}

function failedTry(name) {
  const first = launched(name);
  first.set({ "cmi.core.lesson_status": "failed", "cmi.core.score.raw": "40", "cmi.core.exit": "", "cmi.core.session_time": "00:01:00" });
  first.api.LMSCommit("");
  first.api.LMSFinish("");
  return first.record();
}

test("Moodle: mastery override turns a score under the mastery score into failed, whatever the SCO set", () => {
  const lms = launched("moodle");
  lms.set({ "cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "40", "cmi.core.exit": "suspend" });
  lms.api.LMSFinish("");
  assert.equal(lms.record().data["cmi.core.lesson_status"], "failed");
  assert.ok(lms.notes.some((note) => /mastery override.*incomplete into failed/.test(note)), lms.notes.join("\n"));
});

test("Moodle: a failed attempt relaunches in review mode for no credit, where no override applies; New attempt is normal again", () => {
  const record = failedTry("moodle");
  const review = launched("moodle", { record });
  assert.equal(review.get("cmi.core.lesson_mode"), "review");
  assert.equal(review.get("cmi.core.credit"), "no-credit");
  assert.equal(review.get("cmi.core.entry"), "", "the last exit was not suspend");
  assert.ok(review.notes.some((note) => note.includes("scorm_check_mode")));
  review.set({ "cmi.core.lesson_status": "passed", "cmi.core.score.raw": "100", "cmi.core.session_time": "00:00:30" });
  review.api.LMSFinish("");
  assert.equal(review.record().data["cmi.core.lesson_status"], "passed", "Moodle stores what a review launch sends");
  assert.equal(review.record().data["cmi.core.total_time"], "0000:01:30.00", "and adds its time");

  const fresh = launched("moodle", { record, newAttempt: true });
  assert.equal(fresh.get("cmi.core.lesson_mode"), "normal");
  assert.equal(fresh.get("cmi.core.credit"), "credit");
  assert.equal(fresh.get("cmi.core.entry"), "ab-initio");
  assert.equal(fresh.get("cmi.core.score.raw"), "");
  assert.equal(fresh.session.data["cmi.core.total_time"], "0000:00:00.00");
});

test("Moodle: an unfinished attempt resumes with its data, even on New attempt; the designer may pick the mode and credit", () => {
  const first = launched("moodle");
  first.set({ "cmi.core.lesson_status": "incomplete", "cmi.suspend_data": "state", "cmi.core.exit": "suspend" });
  first.api.LMSFinish("");
  const again = launched("moodle", { record: first.record(), newAttempt: true });
  assert.equal(again.get("cmi.core.lesson_mode"), "normal");
  assert.equal(again.get("cmi.core.entry"), "resume");
  assert.equal(again.get("cmi.suspend_data"), "state");
  assert.ok(again.notes.some((note) => note.includes('scorm_check_mode ignores "Start a new attempt"')));
  const browse = launched("moodle", { record: first.record(), mode: "browse" });
  assert.equal(browse.get("cmi.core.lesson_mode"), "browse");
  assert.equal(browse.get("cmi.core.credit"), "no-credit");
  const noCredit = launched("moodle", { credit: "no-credit" });
  assert.equal(noCredit.get("cmi.core.lesson_mode"), "normal");
  assert.equal(noCredit.get("cmi.core.credit"), "no-credit");
});

// [call, arguments, answer, LMSGetLastError] as Chamilo 1.11's scorm_api.php gives them.
const CHAMILO_CALLS = [
  ["LMSSetValue", ["cmi.interactions.0.objectives.0.id", "obj-1"], "false", "401"],
  ["LMSGetValue", ["cmi.interactions._children"], "id,time,type,correct_responses,weighting,student_response,result,latency", "0"],
  ["LMSGetValue", ["cmi.core._children"], "entry, exit, lesson_status, student_id, student_name, lesson_location, total_time, credit, lesson_mode, score, session_time", "0"],
  ["LMSGetValue", ["cmi.student_data._children"], "mastery_score,max_time_allowed", "0"],
  ["LMSGetValue", ["cmi.objectives._children"], "id,score,status", "0"],
  ["LMSGetValue", ["cmi.student_preference.language"], "", "401"],
  ["LMSGetValue", ["cmi.student_preference._children"], "", "401"],
  ["LMSSetValue", ["cmi.student_preference.audio", "1"], "false", "401"],
  ["LMSSetValue", ["cmi.comments", "hello"], "false", "401"],
  ["LMSSetValue", ["cmi.comments_from_lms", "x"], "false", "403"],
  ["LMSGetValue", ["cmi._version"], "", "201"],
  ["LMSSetValue", ["cmi.objectives.0.id", "obj-1"], "true", "0"],
  ["LMSSetValue", ["cmi.core.lesson_status", "done"], "true", "0"],
  ["LMSInitialize", [""], "true", "0"],
];

for (const [name, args, expected, error] of CHAMILO_CALLS) {
  test(`Chamilo: ${name}(${args.map((a) => JSON.stringify(a)).join(", ")}) answers ${JSON.stringify(expected)} with error ${error}`, () => {
    const { api, calls } = launched("chamilo");
    api.LMSSetValue("cmi.interactions.0.id", "q1");
    assert.equal(api[name](...args), expected);
    assert.equal(api.LMSGetLastError(), error);
    assert.equal(calls.filter((call) => call.name === name).at(-1).error, error, "the panel hears the same code");
  });
}

test("Chamilo: a value Moodle refuses is stored, with a warning", () => {
  const { api, calls } = launched("chamilo");
  assert.equal(api.LMSSetValue("cmi.core.score.raw", "150"), "true");
  assert.match(calls.at(-1).warning, /Chamilo 1\.11 stores it, Moodle and the SCORM 1\.2 RTE answer 405/);
});

test("Chamilo: what LMSFinish sends after the last LMSCommit is not kept", () => {
  const lms = launched("chamilo");
  lms.set({ "cmi.core.lesson_location": "page-1", "cmi.suspend_data": "one", "cmi.core.exit": "suspend" });
  lms.api.LMSCommit("");
  lms.set({ "cmi.core.lesson_location": "page-2", "cmi.suspend_data": "two", "cmi.core.session_time": "00:02:00" });
  lms.api.LMSFinish("");
  const kept = lms.record().data;
  assert.equal(kept["cmi.core.lesson_location"], "page-1");
  assert.equal(kept["cmi.suspend_data"], "one");
  assert.equal(kept["cmi.core.total_time"], "0000:00:00.00", "the session time came after the commit");
  assert.ok(lms.notes.some((note) => note.includes("not kept: cmi.core.lesson_location, cmi.core.session_time, cmi.suspend_data")), lms.notes.join("\n"));
  assert.equal(lms.session.data["cmi.core.lesson_location"], "page-1", "the panel shows what Chamilo kept");
});

test("Chamilo: a typed & cuts the value, correct_responses are dropped, exit is stored as none", () => {
  const lms = launched("chamilo");
  lms.set({
    "cmi.interactions.0.id": "q1", "cmi.interactions.0.type": "fill-in",
    "cmi.interactions.0.student_response": "salt & pepper", "cmi.interactions.0.correct_responses.0.pattern": "salt",
    "cmi.suspend_data": "a&b", "cmi.core.exit": "logout",
  });
  lms.api.LMSCommit("");
  const kept = lms.record().data;
  assert.equal(kept["cmi.interactions.0.student_response"], "salt ");
  assert.equal(kept["cmi.interactions.0.id"], "q1");
  assert.equal(kept["cmi.interactions.0.correct_responses.0.pattern"], undefined);
  assert.equal(kept["cmi.suspend_data"], "a&b", "suspend_data is sent encoded");
  assert.equal(kept["cmi.core.exit"], "none");
  assert.ok(lms.notes.some((note) => note.includes("correct_responses are not stored")));
});

test("Chamilo: entry follows the exit set in this launch; lesson_status reads not attempted after a commit", () => {
  const lms = launched("chamilo");
  assert.equal(lms.get("cmi.core.entry"), "ab-initio");
  lms.set({ "cmi.core.exit": "suspend", "cmi.core.lesson_status": "incomplete" });
  assert.equal(lms.get("cmi.core.entry"), "resume", "a first launch reads resume");
  lms.api.LMSCommit("");
  assert.equal(lms.get("cmi.core.lesson_status"), "not attempted");
  assert.equal(lms.record().data["cmi.core.lesson_status"], "incomplete");
});

test("Chamilo: a failed try relaunches in review mode for no credit; session time counts once per launch", () => {
  const record = failedTry("chamilo");
  const review = launched("chamilo", { record });
  assert.equal(review.get("cmi.core.lesson_mode"), "review");
  assert.equal(review.get("cmi.core.credit"), "no-credit");
  assert.ok(review.notes.some((note) => note.includes("prevent_reinit")));

  const first = launched("chamilo");
  for (const time of ["00:00:10", "00:00:20"]) {
    first.set({ "cmi.core.session_time": time, "cmi.core.lesson_status": "incomplete" });
    first.api.LMSCommit("");
  }
  assert.equal(first.record().data["cmi.core.total_time"], "0000:00:20.00");
  const second = launched("chamilo", { record: first.record() });
  assert.equal(second.get("cmi.core.lesson_mode"), "normal");
  second.set({ "cmi.core.session_time": "00:00:05" });
  second.api.LMSCommit("");
  assert.equal(second.record().data["cmi.core.total_time"], "0000:00:25.00");
});

test("Chamilo: a score with no status set by the SCO becomes passed or failed at commit", () => {
  const lms = launched("chamilo");
  lms.set({ "cmi.core.score.raw": "80" });
  lms.api.LMSCommit("");
  assert.equal(lms.record().data["cmi.core.lesson_status"], "passed");
});

test("strict: responses outside their interaction type's format, hours past 23 and a second LMSInitialize are refused", () => {
  const { api } = launched("strict");
  api.LMSSetValue("cmi.interactions.0.id", "q1");
  api.LMSSetValue("cmi.interactions.0.type", "choice");
  assert.equal(api.LMSSetValue("cmi.interactions.0.student_response", "employees_of_municipalities"), "false");
  assert.equal(api.LMSGetLastError(), "405");
  assert.match(api.LMSGetDiagnostic(""), /not a choice response/);
  assert.equal(api.LMSSetValue("cmi.interactions.0.student_response", "a,c"), "true");
  assert.equal(api.LMSSetValue("cmi.interactions.0.time", "24:00:00"), "false");
  assert.equal(api.LMSGetLastError(), "405");
  assert.equal(api.LMSInitialize(""), "false");
  assert.equal(api.LMSGetLastError(), "101");
  const moodle = launched("moodle");
  moodle.set({ "cmi.interactions.0.id": "q1", "cmi.interactions.0.type": "choice", "cmi.interactions.0.student_response": "employees_of_municipalities", "cmi.interactions.0.time": "24:00:00" });
});

test("strict: a launch is normal with credit; entry follows the last exit", () => {
  const first = launched("strict");
  assert.equal(first.get("cmi.core.entry"), "ab-initio");
  first.set({ "cmi.core.lesson_status": "failed", "cmi.core.exit": "suspend", "cmi.suspend_data": "s" });
  first.api.LMSFinish("");
  const again = launched("strict", { record: first.record() });
  assert.equal(again.get("cmi.core.lesson_mode"), "normal");
  assert.equal(again.get("cmi.core.entry"), "resume");
  assert.equal(again.get("cmi.suspend_data"), "s");
});
