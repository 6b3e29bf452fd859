/* Qser.tracking.scorm12: reports to the LMS by the SCORM 1.2 API (RTE 3.3, 3.4). The connection
   rules (every call checked with LMSGetLastError, retries, the local backup of what no commit has
   confirmed) are those of Qser.ScormLms. */
((Qser) => {
"use strict";

const S = Qser.contract.scorm12, STATUS = S.status;
const DIALECT = { initialize: "LMSInitialize", terminate: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue",
  commit: "LMSCommit", lastError: "LMSGetLastError", errorString: "LMSGetErrorString",
  probed: ["cmi.core", "cmi.interactions", "cmi.objectives"], sessionTime: "cmi.core.session_time" };
const MAX_PARENTS = 7; /* as the ADL sample API finder */

const pad = (value) => String(value).padStart(2, "0");

/* CMITimespan HHHH:MM:SS.SS, capped at 9999:59:59.99 (RTE 3.4.2 cmi.core.session_time);
   ":MM:SS.SS" is cut from an ISO date. */
function timespan(ms) {
  const cs = Math.min(Math.max(0, Math.round(ms / 10)), 9999 * 360000 + 359999);
  return String(Math.floor(cs / 360000)).padStart(4, "0") + new Date(cs * 10).toISOString().slice(13, 22);
}

/* CMITime, a time of day (cmi.interactions.n.time). */
const timeOfDay = (date) => [date.getHours(), date.getMinutes(), date.getSeconds()].map(pad).join(":");

class Tracker {
  constructor(api, course) {
    const startedAt = Date.now();
    Object.assign(this, { name: "scorm12", stateLimit: S.suspendDataMax, course,
      lms: new Qser.ScormLms(api, DIALECT, () => timespan(Date.now() - startedAt)),
      questions: Object.fromEntries([...course.questions, ...course.checks].map((q) => [q.id, q])), responses: course.responses });
  }

  get finished() { return this.lms.closed; }

  start() {
    const lms = this.lms;
    /* RTE 3.4.2 lesson_mode browse or review, or credit no-credit: nothing the learner does may
       count, so this launch sets nothing at all (no status, score or session_time either). */
    this.readOnly = lms.readOnly = S.readOnlyModes.includes(lms.get("cmi.core.lesson_mode")) ||
      lms.get("cmi.core.credit") === S.noCredit;
    const restore = lms.restorable(`qser:${this.course.id}:${lms.get("cmi.core.student_id")}`, "cmi.suspend_data");
    const value = (element) => restore[element] ?? lms.get(element);
    const status = lms.get("cmi.core.lesson_status"), decided = status === STATUS.passed || status === STATUS.failed;
    /* Passed stays passed: later sessions may review, never downgrade. */
    this.keepResult = status === STATUS.passed;
    /* RTE 3.4.2: only the LMS sets the status not attempted; the SCO marks the first launch incomplete. */
    if (!this.keepResult && (status === STATUS.notAttempted || status === "")) {
      lms.set("cmi.core.lesson_status", STATUS.incomplete);
    }
    /* exit suspend until the outcome is final, so even a crashed session resumes. */
    lms.set("cmi.core.exit", S.exit.suspend);
    for (const [element, kept] of Object.entries(restore)) lms.set(element, kept);
    this.interactions = Number(lms.get("cmi.interactions._count")) || 0; /* restored ones included */
    lms.commit();
    /* Saved state resumes, whatever cmi.core.entry says (Chamilo reads resume on a first launch;
       main starts fresh when the state cannot be read); a decided course restarts at the overview. */
    const state = value("cmi.suspend_data");
    if (!state) return Promise.resolve(null);
    return Promise.resolve({ state, location: decided ? "" : value("cmi.core.lesson_location") });
  }

  save({ state, location, pageChanged }) {
    if (state.length <= S.suspendDataMax) this.lms.set("cmi.suspend_data", state);
    else Qser.warn(`state of ${state.length} characters not saved: cmi.suspend_data holds ${S.suspendDataMax}`);
    this.lms.set("cmi.core.lesson_location", location.slice(0, S.locationMax));
    this.lms.keep();
    if (pageChanged) this.lms.commitSoon();
  }

  pageViewed() {}

  /* One cmi.interactions.n per question and submission, id and type first (RTE 3.4.2). */
  answered(record) {
    const [response, pattern] = Qser.scorm12Response(record, this.questions[record.id], this.responses).map((text) => Qser.cut(text, S.feedbackMax));
    const fields = { id: record.id, type: S.interactionType[record.type], "objectives.0.id": record.objective,
      time: timeOfDay(record.timestamp), weighting: record.weight, student_response: response,
      "correct_responses.0.pattern": pattern || null, result: record.result,
      latency: timespan(record.latencyMs) };
    const prefix = `cmi.interactions.${this.interactions++}.`;
    for (const [field, value] of Object.entries(fields)) if (value != null) this.lms.set(prefix + field, value);
  }

  /* Only a final outcome sets score and passed/failed, never earlier ("premature passed"). Moodle
     counts passed/failed as a finished attempt (scorm_check_mode), and its mastery override turns
     any score.raw into passed/failed at LMSFinish: so a try that leaves tries to go sends neither,
     only its interactions; status stays incomplete, exit suspend (docs/runtime.md, "Attempts"). */
  assessed({ scorePercent, passed, final, objectives }) {
    const lms = this.lms;
    if (final && !this.keepResult) {
      lms.set("cmi.core.exit", S.exit.normal);
      this.score("cmi.core.", scorePercent);
      lms.set("cmi.core.lesson_status", passed ? STATUS.passed : STATUS.failed);
      /* One cmi.objectives.n per learning objective, in course order, id first (RTE 3.4.2). */
      objectives.forEach((objective, n) => {
        const prefix = `cmi.objectives.${n}.`;
        lms.set(`${prefix}id`, objective.id);
        if (objective.scorePercent !== null) this.score(prefix, objective.scorePercent);
        lms.set(`${prefix}status`, objective.passed === null ? STATUS.incomplete : objective.passed ? STATUS.passed : STATUS.failed);
      });
    }
    lms.commit();
  }

  score(prefix, percent) {
    this.lms.set(`${prefix}score.min`, 0);
    this.lms.set(`${prefix}score.max`, 100);
    this.lms.set(`${prefix}score.raw`, percent);
  }

  /* explicit: the learner pressed Exit (not a page dismissal). */
  finish({ completed, explicit }) {
    if (this.finished) return;
    this.lms.set("cmi.core.exit", completed ? S.exit.normal : S.exit.suspend);
    this.lms.close(explicit);
  }
}

/* null: no API; already finished: LMSInitialize failed. */
const findApi = () => Qser.ScormLms.find("API", "LMSInitialize", MAX_PARENTS);
Qser.tracking.scorm12 = { create: ({ course }) => { const api = findApi(); return api && new Tracker(api, course); }, findApi };
})(window.Qser = window.Qser || {});
