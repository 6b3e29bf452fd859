/* Qser.tracking.scorm12: reports to the LMS by the SCORM 1.2 API (RTE 3.3, 3.4). Every call is checked
   with LMSGetLastError; no LMS error or exception reaches the page. What no commit has confirmed
   yet is also kept in this browser (the backup). */
((Qser) => {
"use strict";

const S = Qser.contract.scorm12, STATUS = S.status;
const MAX_PARENTS = 7; /* as the ADL sample API finder */
const COMMIT_DELAY_MS = 300, RETRY_FIRST_MS = 1000, RETRY_MAX_MS = 30000;

/* RTE 3.3.6.1 API discovery: this window and its parents, then the opener and its parents. */
function findApi() {
  const search = (win) => {
    try {
      for (let depth = 0; win && depth <= MAX_PARENTS; depth++, win = win.parent) {
        if (win.API && typeof win.API.LMSInitialize === "function") return win.API;
        if (win.parent === win) break;
      }
    } catch (error) { /* cross-origin: no API there */ }
    return null;
  };
  return search(window) || search(window.opener);
}

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
    Object.assign(this, { name: "scorm12", stateLimit: S.suspendDataMax, api, startedAt: Date.now(),
      retryDelay: RETRY_FIRST_MS, timer: null, last: {}, unconfirmed: {},
      questions: Object.fromEntries(course.questions.map((q) => [q.id, q])), responses: course.responses });
    this.finished = this.call("LMSInitialize", "") !== "true";
    if (this.finished) return;
    /* Backup {base, sets}: the values set since the last good commit, and the LMS's suspend_data before them. */
    this.backup = Qser.storage(`qser:${course.id}:${this.get("cmi.core.student_id")}`);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.commit();
    });
  }

  /* On an LMS error code or exception: log it, answer "" (get) or "false". */
  call(method, ...args) {
    try {
      const result = String(this.api[method](...args)), code = String(this.api.LMSGetLastError());
      if (code === "0" || code === "") return result;
      Qser.warn(`${method}(${args.join(", ")}): error ${code} ${this.api.LMSGetErrorString(code)}`);
    } catch (error) {
      Qser.warn(`${method} threw`, error);
    }
    return method === "LMSGetValue" ? "" : "false";
  }

  get(element) { return this.call("LMSGetValue", element); }

  set(element, value) {
    value = String(value);
    if (this.finished || this.last[element] === value) return;
    this.unconfirmed[element] = value;
    if (this.call("LMSSetValue", element, value) === "true") this.last[element] = value;
  }

  get dirty() { return Object.keys(this.unconfirmed).length > 0; }

  /* Write the backup (once per batch of sets), or drop it when all is committed. A browse or
     review launch leaves it alone: a result the LMS never got waits for the next normal launch. */
  keep() {
    if (this.reviewing) return;
    if (this.dirty) this.backup.write({ base: this.base, sets: this.unconfirmed });
    else this.backup.clear();
  }

  /* On failure, retry with a growing delay until a commit succeeds. */
  commit() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.finished || !this.dirty) return;
    if (this.call("LMSCommit", "") === "true") {
      Object.assign(this, { retryDelay: RETRY_FIRST_MS, unconfirmed: {} });
      this.base = this.last["cmi.suspend_data"] ?? this.base;
    } else {
      this.timer = setTimeout(() => this.commit(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
    }
    this.keep();
  }

  start() {
    /* The backup is newer only while the LMS still holds the suspend_data it grew from; else
       the LMS got it after all (by LMSFinish) or another session moved on. */
    this.reviewing = S.readOnlyModes.includes(this.get("cmi.core.lesson_mode")); // RTE 3.4.2
    const saved = !this.reviewing && this.backup.read(), stored = this.base = this.get("cmi.suspend_data");
    const restore = (saved && saved.base === stored && saved.sets) || {};
    const value = (element) => restore[element] ?? this.get(element);
    const status = this.get("cmi.core.lesson_status"), decided = status === STATUS.passed || status === STATUS.failed;
    /* Passed stays passed: later sessions may review, never downgrade. Browse and review launches
       leave status and score to the LMS. */
    this.keepResult = status === STATUS.passed || this.reviewing;
    /* RTE 3.4.2: only the LMS sets the status not attempted; the SCO marks the first launch incomplete. */
    if (!this.keepResult && (status === STATUS.notAttempted || status === "")) {
      this.set("cmi.core.lesson_status", STATUS.incomplete);
    }
    /* exit suspend until the outcome is final, so even a crashed session resumes. */
    this.set("cmi.core.exit", S.exit.suspend);
    for (const [element, kept] of Object.entries(restore)) this.set(element, kept);
    this.interactions = Number(this.get("cmi.interactions._count")) || 0; /* restored ones included */
    this.commit();
    /* RTE 3.4.2 cmi.core.entry; a decided course restarts at the overview, results kept. */
    const resume = this.get("cmi.core.entry") === S.entryResume || "cmi.suspend_data" in restore;
    if (!resume && !decided) return Promise.resolve(null);
    return Promise.resolve({ state: value("cmi.suspend_data"), location: resume ? value("cmi.core.lesson_location") : "" });
  }

  save({ state, location, pageChanged }) {
    if (state.length <= S.suspendDataMax) this.set("cmi.suspend_data", state);
    else Qser.warn(`state of ${state.length} characters not saved: cmi.suspend_data holds ${S.suspendDataMax}`);
    this.set("cmi.core.lesson_location", location.slice(0, S.locationMax));
    this.keep();
    /* Debounced: at most one commit per page change. */
    if (pageChanged && this.timer === null) this.timer = setTimeout(() => this.commit(), COMMIT_DELAY_MS);
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
    for (const [field, value] of Object.entries(fields)) if (value != null) this.set(prefix + field, value);
  }

  /* Only the assessment sets passed/failed, never earlier ("premature passed"). */
  assessed({ scorePercent, passed, final }) {
    this.set("cmi.core.exit", final ? S.exit.normal : S.exit.suspend);
    if (!this.keepResult) {
      this.set("cmi.core.score.min", 0);
      this.set("cmi.core.score.max", 100);
      this.set("cmi.core.score.raw", scorePercent);
      this.set("cmi.core.lesson_status", passed ? STATUS.passed : STATUS.failed);
    }
    this.commit();
  }

  /* No LMSCommit: LMSFinish persists (RTE 3.3), and a sync commit fails during page dismissal.
     session_time belongs to this session: not backed up. */
  finish({ completed }) {
    if (this.finished) return;
    this.call("LMSSetValue", "cmi.core.session_time", timespan(Date.now() - this.startedAt));
    this.set("cmi.core.exit", completed ? S.exit.normal : S.exit.suspend);
    this.keep();
    clearTimeout(this.timer);
    this.finished = true;
    this.call("LMSFinish", "");
  }
}

/* null: no API; already finished: LMSInitialize failed. */
Qser.tracking.scorm12 = { create: ({ course }) => { const api = findApi(); return api && new Tracker(api, course); }, findApi };
})(window.Qser = window.Qser || {});
