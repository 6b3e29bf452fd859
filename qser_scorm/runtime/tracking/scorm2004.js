/* Qser.tracking.scorm2004: reports to the LMS by the SCORM 2004 4th Edition API (RTE 3.1) and data
   model (RTE 4.2). Completion and success are kept apart: completion_status is completed once every
   page is seen and the assessment is final, success_status passed or failed only when it is final
   (before that no score either, so an LMS evaluating scaled_passing_score cannot decide early).
   The connection rules (checked calls, retries, the local backup) are those of Qser.ScormLms. */
((Qser) => {
"use strict";

const DIALECT = { initialize: "Initialize", terminate: "Terminate", get: "GetValue", set: "SetValue",
  commit: "Commit", lastError: "GetLastError", errorString: "GetErrorString",
  probed: ["cmi.interactions", "cmi.objectives"], sessionTime: "cmi.session_time",
  quiet: ["403"] /* RTE 3.1.7.6: a value never set, e.g. cmi.location at the first launch */ };
const MAX_PARENTS = 500; /* RTE 3.1.4: the ADL discovery algorithm's limit */

const S = Qser.contract.scorm2004, COMPLETION = S.completion, SUCCESS = S.success;
/* RTE 4.2.23 cmi.suspend_data and 4.2.14 cmi.location: smallest permitted maximum. */
const SUSPEND_DATA_MAX = 64000, LOCATION_MAX = 1000;

/* time (second,10,0): UTC with hundredths; Moodle and scorm-again accept a zone only after a fraction. */
const timestamp = (date) => `${date.toISOString().slice(0, 22)}Z`;

/* A real as Moodle accepts it (^-?\d{1,5}(\.\d{1,18})?$): at most 7 decimals (real(10,7)), no exponent. */
const real = (value) => String(Number(Number(value).toFixed(7)));

class Tracker {
  constructor(api, course) {
    const startedAt = Date.now();
    Object.assign(this, { name: "scorm2004", stateLimit: SUSPEND_DATA_MAX, course, pagesSeen: 0, final: false,
      lms: new Qser.ScormLms(api, DIALECT, () => Qser.isoDuration(Date.now() - startedAt)),
      texts: Object.fromEntries([...course.questions, ...course.checks].map((q) => [q.id, q.text])) });
  }

  get finished() { return this.lms.closed; }

  start() {
    const lms = this.lms;
    /* RTE 4.2.16 cmi.mode browse or review, 4.2.6 cmi.credit no-credit: nothing the learner does
       may count, so this launch sets nothing at all (no status, score or session_time either). */
    this.readOnly = lms.readOnly = S.readOnlyModes.includes(lms.get("cmi.mode")) || lms.get("cmi.credit") === S.noCredit;
    const restore = lms.restorable(`qser:${this.course.id}:${lms.get("cmi.learner_id")}`, "cmi.suspend_data");
    const value = (element) => restore[element] ?? lms.get(element);
    const success = lms.get("cmi.success_status"), decided = success === SUCCESS.passed || success === SUCCESS.failed;
    /* Passed stays passed: later sessions may review, never downgrade. */
    this.keepResult = success === SUCCESS.passed;
    this.progress = Number(lms.get("cmi.progress_measure")) || 0;
    this.interactions = Number(lms.get("cmi.interactions._count")) || 0; /* the LMS keeps earlier ones */
    /* The LMS presets cmi.objectives.n.id from the manifest (RTE 4.2.17); others are appended. */
    this.objectives = Qser.range(Number(lms.get("cmi.objectives._count")) || 0).map((n) => lms.get(`cmi.objectives.${n}.id`));
    /* Navigation requests only where the LMS knows them (Moodle's and scorm-again's do). */
    this.navigates = lms.get("adl.nav.request_valid.continue") !== "";
    /* RTE 4.2.4: the SCO says incomplete once the learner has started. */
    if (lms.get("cmi.completion_status") !== COMPLETION.completed) lms.set("cmi.completion_status", COMPLETION.incomplete);
    /* exit suspend until the outcome is final, so even a crashed session resumes. */
    lms.set("cmi.exit", S.exit.suspend);
    for (const [element, kept] of Object.entries(restore)) lms.set(element, kept);
    lms.commit();
    /* Saved state resumes (the LMS hands it back only with cmi.entry resume, RTE 4.2.7, and to a
       review), as in the 1.2 tracker; a decided course restarts at the overview. */
    const state = value("cmi.suspend_data");
    if (!state) return Promise.resolve(null);
    return Promise.resolve({ state, location: decided ? "" : value("cmi.location") });
  }

  save({ state, location, pageChanged }) {
    if (state.length <= SUSPEND_DATA_MAX) this.lms.set("cmi.suspend_data", state);
    else Qser.warn(`state of ${state.length} characters not saved: cmi.suspend_data holds ${SUSPEND_DATA_MAX}`);
    this.lms.set("cmi.location", location.slice(0, LOCATION_MAX));
    this.lms.keep();
    if (pageChanged) this.lms.commitSoon();
  }

  /* `visited`: how many of the `count` pages the learner has seen, this session and before. */
  pageViewed({ visited, count }) {
    this.pagesSeen = visited;
    this.pageCount = count;
    this.reportProgress();
  }

  /* RTE 4.2.18 cmi.progress_measure: the pages seen and the final assessment, as equal parts;
     it reaches 1 (completed, by the manifest's completion threshold) with both, never goes back. */
  reportProgress() {
    if (!this.pageCount) return;
    const parts = this.pageCount + 1, done = Math.min(this.pagesSeen, this.pageCount) + (this.final ? 1 : 0);
    this.progress = Math.max(this.progress, done === parts ? 1 : Math.floor((10000 * done) / parts) / 10000);
    this.lms.set("cmi.progress_measure", real(this.progress));
    if (this.progress === 1) this.lms.set("cmi.completion_status", COMPLETION.completed);
  }

  /* One cmi.interactions.n per question and submission, id and type first (RTE 4.2.9: 408 otherwise). */
  answered(record) {
    const { response, patterns, description } = Qser.scorm2004Interaction(record, this.texts[record.id]);
    const fields = { id: record.id, type: S.interactionType[record.type], "objectives.0.id": record.objective,
      timestamp: timestamp(record.timestamp), weighting: real(record.weight), learner_response: response,
      result: S.result[record.result], latency: Qser.isoDuration(record.latencyMs), description };
    patterns.forEach((pattern, n) => { if (pattern) fields[`correct_responses.${n}.pattern`] = pattern; });
    const prefix = `cmi.interactions.${this.interactions++}.`;
    for (const [field, value] of Object.entries(fields)) if (value != null && value !== "") this.lms.set(prefix + field, value);
  }

  /* Only a final outcome sets a score and passed/failed, never earlier ("premature passed"): a try
     that leaves tries to go sends only its interactions (docs/runtime.md, "Attempts"). */
  assessed({ scorePercent, passed, final, objectives }) {
    if (final && !this.keepResult) {
      this.lms.set("cmi.exit", S.exit.normal);
      this.setScore("cmi.", scorePercent);
      this.lms.set("cmi.success_status", passed ? SUCCESS.passed : SUCCESS.failed);
      for (const objective of objectives) this.reportObjective(objective);
    }
    this.final = this.final || final;
    this.reportProgress();
    this.lms.commit();
  }

  /* score.min/max/raw 0-100 (Moodle grades raw only) and scaled -1..1 (RTE 4.2.20). */
  setScore(prefix, scorePercent) {
    this.lms.set(`${prefix}score.min`, 0);
    this.lms.set(`${prefix}score.max`, 100);
    this.lms.set(`${prefix}score.raw`, real(scorePercent));
    this.lms.set(`${prefix}score.scaled`, real(scorePercent / 100));
  }

  /* cmi.objectives.n (RTE 4.2.17): the one the LMS preset with this id, else a new one, id first.
     An objective with no scored question has no score and stays incomplete. */
  reportObjective({ id, scorePercent, passed }) {
    let n = this.objectives.indexOf(id);
    if (n < 0) {
      n = this.objectives.push(id) - 1;
      this.lms.set(`cmi.objectives.${n}.id`, id);
    }
    const prefix = `cmi.objectives.${n}.`;
    if (scorePercent === null) {
      this.lms.set(`${prefix}completion_status`, COMPLETION.incomplete);
      return;
    }
    this.setScore(prefix, scorePercent);
    this.lms.set(`${prefix}success_status`, passed ? SUCCESS.passed : SUCCESS.failed);
    this.lms.set(`${prefix}completion_status`, COMPLETION.completed);
  }

  /* explicit: the learner pressed Exit. The navigation request belongs to this session: not backed up. */
  finish({ completed, explicit }) {
    if (this.finished) return;
    this.lms.set("cmi.exit", completed ? S.exit.normal : S.exit.suspend);
    if (this.navigates) this.lms.setForSession("adl.nav.request", completed ? S.navRequest.final : S.navRequest.open);
    this.lms.close(explicit);
  }
}

/* null: no API; already finished: Initialize failed. */
const findApi = () => Qser.ScormLms.find("API_1484_11", "Initialize", MAX_PARENTS);
Qser.tracking.scorm2004 = { create: ({ course }) => { const api = findApi(); return api && new Tracker(api, course); }, findApi };
})(window.Qser = window.Qser || {});
