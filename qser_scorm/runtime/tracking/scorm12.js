/* Qser.tracking.scorm12: reports to the LMS by the SCORM 1.2 API (RTE 3.3, 3.4). Every call is checked
   with LMSGetLastError; no LMS error or exception reaches the page. What no commit has confirmed
   yet is also kept in this browser (the backup). */
((Qser) => {
"use strict";

const S = Qser.contract.scorm12, STATUS = S.status;
const MAX_PARENTS = 7; /* as the ADL sample API finder */
const NOT_IMPLEMENTED = "401"; /* RTE 3.3.2.2 error code */
/* Parents whose _children list says which of their elements the LMS implements (RTE 3.4.4). */
const PROBED = ["cmi.core", "cmi.interactions", "cmi.objectives"];
const SESSION_TIME = "cmi.core.session_time";
/* cmi.interactions.3.objectives.0.id -> cmi.interactions.n.objectives.n.id */
const generic = (element) => element.replace(/\.\d+(?=\.)/g, ".n");
/* cmi.interactions.3.objectives.0.id -> its parent (cmi.interactions) and its name there (objectives) */
const PARTS = /^(cmi\.[a-z_]+)\.(?:\d+\.)?([a-z_]+)/;
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
    /* What the LMS implements: a listed parent's other elements are never set; without a list,
       an element the LMS once answers "not implemented" is not set again. */
    this.children = Object.fromEntries(PROBED.map((parent) => {
      const list = this.get(`${parent}._children`);
      return [parent, list ? list.split(",").map((name) => name.trim()) : null];
    }));
    this.refused = new Set();
    /* Backup {base, sets}: the values set since the last good commit, and the LMS's suspend_data before them. */
    this.backup = Qser.storage(`qser:${course.id}:${this.get("cmi.core.student_id")}`);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.commit();
    });
  }

  /* On an LMS error code or exception: log it, answer "" (get) or "false". */
  call(method, ...args) {
    try {
      const result = String(this.api[method](...args)), code = this.lastError = String(this.api.LMSGetLastError());
      if (code === "0" || code === "") return result;
      Qser.warn(`${method}(${args.join(", ")}): error ${code} ${this.api.LMSGetErrorString(code)}`);
    } catch (error) {
      this.lastError = "";
      Qser.warn(`${method} threw`, error);
    }
    return method === "LMSGetValue" ? "" : "false";
  }

  get(element) { return this.call("LMSGetValue", element); }

  /* Listed in its parent's _children (or no list), and not refused as not implemented. */
  supports(element) {
    const [, parent, name] = element.match(PARTS) || [];
    const listed = this.children[parent];
    return !this.refused.has(generic(element)) && (!listed || listed.includes(name));
  }

  set(element, value) {
    value = String(value);
    if (this.finished || this.readOnly || this.last[element] === value || !this.supports(element)) return;
    this.unconfirmed[element] = value;
    if (this.call("LMSSetValue", element, value) === "true") this.last[element] = value;
    else if (this.lastError === NOT_IMPLEMENTED) {
      this.refused.add(generic(element));
      delete this.unconfirmed[element];
    }
  }

  /* With every commit, so a lost LMSFinish loses only the time since the last commit; the LMS adds
     the last value to total_time once, at LMSFinish (Moodle's TotalTime(), scorm-again). Not backed
     up: it belongs to this session. */
  setSessionTime() {
    if (!this.readOnly && this.supports(SESSION_TIME)) this.call("LMSSetValue", SESSION_TIME, timespan(Date.now() - this.startedAt));
  }

  get dirty() { return Object.keys(this.unconfirmed).length > 0; }

  /* Write the backup (once per batch of sets), or drop it when all is committed. A read-only
     launch leaves it alone: a result the LMS never got waits for the next normal launch. */
  keep() {
    if (this.readOnly) return;
    if (this.dirty) this.backup.write({ base: this.base, sets: this.unconfirmed });
    else this.backup.clear();
  }

  /* On failure, retry with a growing delay until a commit succeeds. `always`: commit the
     session time even when nothing else is new. */
  commit(always = false) {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.finished || !(this.dirty || always)) return;
    this.setSessionTime();
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
    /* RTE 3.4.2 lesson_mode browse or review, or credit no-credit: nothing the learner does may
       count, so this launch sets nothing at all (no status, score or session_time either). */
    this.readOnly = S.readOnlyModes.includes(this.get("cmi.core.lesson_mode")) || this.get("cmi.core.credit") === S.noCredit;
    const saved = !this.readOnly && this.backup.read(), stored = this.base = this.get("cmi.suspend_data");
    const restore = (saved && saved.base === stored && saved.sets) || {};
    const value = (element) => restore[element] ?? this.get(element);
    const status = this.get("cmi.core.lesson_status"), decided = status === STATUS.passed || status === STATUS.failed;
    /* Passed stays passed: later sessions may review, never downgrade. */
    this.keepResult = status === STATUS.passed;
    /* RTE 3.4.2: only the LMS sets the status not attempted; the SCO marks the first launch incomplete. */
    if (!this.keepResult && (status === STATUS.notAttempted || status === "")) {
      this.set("cmi.core.lesson_status", STATUS.incomplete);
    }
    /* exit suspend until the outcome is final, so even a crashed session resumes. */
    this.set("cmi.core.exit", S.exit.suspend);
    for (const [element, kept] of Object.entries(restore)) this.set(element, kept);
    this.interactions = Number(this.get("cmi.interactions._count")) || 0; /* restored ones included */
    this.commit();
    /* Saved state resumes, whatever cmi.core.entry says (Chamilo reads resume on a first launch;
       main starts fresh when the state cannot be read); a decided course restarts at the overview. */
    const state = value("cmi.suspend_data");
    if (!state) return Promise.resolve(null);
    return Promise.resolve({ state, location: decided ? "" : value("cmi.core.lesson_location") });
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

  /* Only a final outcome sets score and passed/failed, never earlier ("premature passed"). Moodle
     counts passed/failed as a finished attempt (scorm_check_mode), and its mastery override turns
     any score.raw into passed/failed at LMSFinish: so a try that leaves tries to go sends neither,
     only its interactions; status stays incomplete, exit suspend (docs/runtime.md, "Attempts"). */
  assessed({ scorePercent, passed, final, objectives }) {
    if (final && !this.keepResult) {
      this.set("cmi.core.exit", S.exit.normal);
      this.score("cmi.core.", scorePercent);
      this.set("cmi.core.lesson_status", passed ? STATUS.passed : STATUS.failed);
      /* One cmi.objectives.n per learning objective, in course order, id first (RTE 3.4.2). */
      objectives.forEach((objective, n) => {
        const prefix = `cmi.objectives.${n}.`;
        this.set(`${prefix}id`, objective.id);
        if (objective.scorePercent !== null) this.score(prefix, objective.scorePercent);
        this.set(`${prefix}status`, objective.passed === null ? STATUS.incomplete : objective.passed ? STATUS.passed : STATUS.failed);
      });
    }
    this.commit();
  }

  score(prefix, percent) {
    this.set(`${prefix}score.min`, 0);
    this.set(`${prefix}score.max`, 100);
    this.set(`${prefix}score.raw`, percent);
  }

  /* On an explicit Exit, LMSCommit first: some LMSs keep only committed data (Chamilo). On a page
     dismissal no commit: LMSFinish persists (RTE 3.3), and a sync commit fails during dismissal. */
  finish({ completed, explicit }) {
    if (this.finished) return;
    this.set("cmi.core.exit", completed ? S.exit.normal : S.exit.suspend);
    if (explicit) this.commit(true); /* session_time with it: nothing is set between it and LMSFinish */
    else this.setSessionTime();
    this.keep();
    clearTimeout(this.timer);
    this.finished = true;
    this.call("LMSFinish", "");
  }
}

/* null: no API; already finished: LMSInitialize failed. */
Qser.tracking.scorm12 = { create: ({ course }) => { const api = findApi(); return api && new Tracker(api, course); }, findApi };
})(window.Qser = window.Qser || {});
