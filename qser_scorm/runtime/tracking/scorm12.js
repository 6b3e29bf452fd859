/* Qser.tracking.scorm12: reports to the LMS through the SCORM 1.2 API (RTE 3.3 API, 3.4 data model).
   Every call is checked with LMSGetLastError; no LMS error or exception ever reaches the page.
   What the LMS has not confirmed by a commit is kept in this browser too (the backup, below). */
((Qser) => {
"use strict";

const S = Qser.SCORM, STATUS = S.STATUS;
const MAX_PARENTS = 7; /* the ADL sample API finder gives up after 7 parent frames */
const COMMIT_DELAY_MS = 300, RETRY_FIRST_MS = 1000, RETRY_MAX_MS = 30000;

/* RTE 3.3.6.1 API discovery: this window and its parents, then the opener and its parents. */
function findApi() {
  const search = (win) => {
    for (let depth = 0; win && depth <= MAX_PARENTS; depth++) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") return win.API;
        if (win.parent === win) return null;
        win = win.parent;
      } catch (error) { return null; } /* a cross-origin frame: the API cannot be there */
    }
    return null;
  };
  let opener = null;
  try { opener = window.opener; } catch (error) { /* a cross-origin opener */ }
  return search(window) || (opener && search(opener));
}

const pad = (value) => String(value).padStart(2, "0");

/* CMITimespan HHHH:MM:SS.SS, capped at 9999:59:59.99 (RTE 3.4.2 cmi.core.session_time). */
function timespan(ms) {
  const cs = Math.min(Math.max(0, Math.round(ms / 10)), 9999 * 360000 + 359999);
  return `${String(Math.floor(cs / 360000)).padStart(4, "0")}:${pad(Math.floor(cs / 6000) % 60)}:` +
    `${pad(Math.floor(cs / 100) % 60)}.${pad(cs % 100)}`;
}

/* CMITime, a time of day (cmi.interactions.n.time). */
const timeOfDay = (date) => [date.getHours(), date.getMinutes(), date.getSeconds()].map(pad).join(":");

/* The backup: {base, sets}, per course and learner. sets maps every element set since the last
   successful commit to its value; base is the cmi.suspend_data the LMS held before them. */
const backupOf = (course, learner) => Qser.storage(`qser:${course.id}:${learner}`);

class Tracker {
  constructor(api, course) {
    Object.assign(this, { name: "scorm12", api, startedAt: Date.now(), dirty: false,
      retryDelay: RETRY_FIRST_MS, timer: null, last: {}, unconfirmed: {} });
    /* LMSInitialize once, at once; when it fails nothing can be reported and main keeps the
       progress in browser storage instead. */
    this.finished = this.call("LMSInitialize", "") !== "true";
    if (this.finished) return;
    this.backup = backupOf(course, this.get("cmi.core.student_id"));
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.commit();
    });
  }

  /* Call an API method; on an LMS error code, log its text and answer "" (get) or "false". */
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
    this.backup.write({ base: this.base, sets: this.unconfirmed });
    if (this.call("LMSSetValue", element, value) === "true") this.last[element] = value;
    this.dirty = true;
  }

  /* Commit now; on failure keep the data and retry with a growing delay until one succeeds. */
  commit() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.finished || !this.dirty) return;
    if (this.call("LMSCommit", "") === "true") {
      Object.assign(this, { dirty: false, retryDelay: RETRY_FIRST_MS, unconfirmed: {} });
      this.base = this.last["cmi.suspend_data"] ?? this.base;
      this.backup.clear();
      return;
    }
    this.timer = setTimeout(() => this.commit(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
  }

  start() {
    /* The backup is newer than the LMS's data only while the LMS still holds the suspend_data it
       grew from; else the LMS got it after all (LMSFinish) or another session moved on. */
    const saved = this.backup.read();
    this.base = this.get("cmi.suspend_data");
    const restore = saved && saved.sets && saved.base === this.base ? saved.sets : {};
    const value = (element) => restore[element] ?? this.get(element);
    const status = this.get("cmi.core.lesson_status"), decided = status === STATUS.PASSED || status === STATUS.FAILED;
    /* A passed course stays passed: later sessions may review it, never downgrade it. */
    this.passedBefore = status === STATUS.PASSED;
    /* RTE 3.4.2: only the LMS sets "not attempted"; the SCO marks the first launch incomplete. */
    if (status === STATUS.NOT_ATTEMPTED || status === "") this.set("cmi.core.lesson_status", STATUS.INCOMPLETE);
    this.interactions = Number(this.get("cmi.interactions._count")) || 0;
    /* cmi.core.exit "suspend" until the assessment is final, so even a crashed session resumes. */
    this.set("cmi.core.exit", S.EXIT.SUSPEND);
    /* Send the backup again (progress, result, interactions), after the values set above. */
    for (const [element, kept] of Object.entries(restore)) {
      this.set(element, kept);
      const added = /^cmi\.interactions\.(\d+)\.id$/.exec(element);
      if (added) this.interactions = Math.max(this.interactions, Number(added[1]) + 1);
    }
    this.commit();
    /* Resume where the learner left (RTE 3.4.2 cmi.core.entry); a new session of a decided
       course starts at the beginning but keeps its results for review. */
    const resume = this.get("cmi.core.entry") === S.ENTRY_RESUME || "cmi.suspend_data" in restore;
    if (!resume && !decided) return Promise.resolve(null);
    return Promise.resolve({ state: value("cmi.suspend_data"), location: resume ? value("cmi.core.lesson_location") : "" });
  }

  save({ state, location, pageChanged }) {
    if (state.length <= S.SUSPEND_DATA_MAX) this.set("cmi.suspend_data", state);
    else Qser.warn(`state not saved: ${state.length} characters, cmi.suspend_data holds ${S.SUSPEND_DATA_MAX}`);
    this.set("cmi.core.lesson_location", location.slice(0, S.FEEDBACK_MAX));
    /* Debounced: at most one commit per page change, however fast the learner pages. */
    if (pageChanged && this.timer === null) this.timer = setTimeout(() => this.commit(), COMMIT_DELAY_MS);
  }

  pageViewed() {}

  /* One cmi.interactions.n per question and submission, id and type first (RTE 3.4.2). */
  answered(record) {
    const prefix = `cmi.interactions.${this.interactions++}.`;
    this.set(`${prefix}id`, record.id);
    this.set(`${prefix}type`, record.scormType);
    if (record.objective) this.set(`${prefix}objectives.0.id`, record.objective);
    this.set(`${prefix}time`, timeOfDay(record.timestamp));
    this.set(`${prefix}weighting`, record.weight);
    this.set(`${prefix}student_response`, record.scormResponse);
    if (record.scormPattern) this.set(`${prefix}correct_responses.0.pattern`, record.scormPattern);
    this.set(`${prefix}result`, record.result);
    this.set(`${prefix}latency`, timespan(record.latencyMs));
  }

  /* Only the assessment sets passed/failed, never earlier ("premature passed"). */
  assessed({ scorePercent, passed, final }) {
    this.set("cmi.core.exit", final ? S.EXIT.NORMAL : S.EXIT.SUSPEND);
    if (!this.passedBefore) {
      this.set("cmi.core.score.min", 0);
      this.set("cmi.core.score.max", 100);
      this.set("cmi.core.score.raw", scorePercent);
      this.set("cmi.core.lesson_status", passed ? STATUS.PASSED : STATUS.FAILED);
    }
    this.commit();
  }

  /* No LMSCommit first: the LMS persists everything at LMSFinish (RTE 3.3 API), and a synchronous
     commit during page dismissal only fails. */
  finish({ completed }) {
    if (this.finished) return;
    /* This session's own time, not the learner's work: never kept in the backup. */
    this.call("LMSSetValue", "cmi.core.session_time", timespan(Date.now() - this.startedAt));
    this.set("cmi.core.exit", completed ? S.EXIT.NORMAL : S.EXIT.SUSPEND);
    clearTimeout(this.timer);
    this.finished = true;
    this.call("LMSFinish", "");
  }
}

/* create() answers null when no API is found, and a finished tracker when LMSInitialize failed. */
Qser.tracking.scorm12 = { create: ({ course }) => { const api = findApi(); return api && new Tracker(api, course); }, findApi, timespan };
})(window.Qser = window.Qser || {});
