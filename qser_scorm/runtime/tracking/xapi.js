/* Qser xAPI tracker: turns runtime events into xAPI 1.0.3 statements for an LRS.
   The statements themselves come from the build (the script part xapi-templates.js, made with tincan); this file
   fills in what only the browser knows: id, actor, timestamp, registration, result.
   Where the LRS comes from: xapi-launch.js. See docs/xapi.md. Never throws: every method catches and warns. */
((Qser) => {
"use strict";

const PAGE_PREFIX = Qser.contract.sections.pagePrefix, RESULT = Qser.contract.result;

/* UUID v4 from crypto.getRandomValues (randomUUID needs a secure context, LMSs may be http). */
function uuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
}

const duration = Qser.isoDuration; /* xAPI Data 4.6: 0.01 s precision */

/* xAPI Data 2.4.5.1 score from a percent. */
function scoreOf(percent) {
  return { scaled: Math.round(percent * 100) / 10000, raw: percent, min: 0, max: 100 };
}

/* One learning objective's outcome, for the objectives result extension (docs/xapi.md). */
function objectiveResult(objective) {
  const result = { id: objective.id };
  if (objective.scorePercent !== null) {
    result.score = scoreOf(objective.scorePercent);
    result.success = objective.passed;
  }
  return result;
}

/* The LRS refused the launch's credentials: say so beside any other tracking notice. */
function showDenied() {
  Qser.notice(["notice_lrs_denied"], true);
}

function create(templates) {
  let launch = null;
  let outbox = null;
  let progress = null; // {begun, completed} for this registration, kept across sessions
  let progressStore = null;
  let pendingAnswers = [];
  let finished = false;
  let language = null; // the language shown, when the learner chose another than the build's
  const sessionStart = Date.now();

  function statement(template, at, result, attempt) {
    const made = JSON.parse(JSON.stringify(template));
    made.id = uuid();
    made.actor = launch.actor;
    made.timestamp = (at ? new Date(at) : new Date()).toISOString();
    made.context.registration = launch.registration;
    if (language) made.context.language = language; // xAPI Data 2.4.6: the language the learner took it in
    if (attempt) made.context.extensions = { [templates.extensions.attempt]: attempt };
    if (result) made.result = result;
    return made;
  }

  function safely(name, work) {
    return function (argument) {
      if (!outbox) return undefined;
      try {
        return work(argument);
      } catch (error) {
        Qser.warn("xAPI " + name + " failed", error);
        return undefined;
      }
    };
  }

  return {
    name: "xapi",
    languages: [],
    start: function () {
      try {
        launch = Qser.xapiLaunchSettings.resolve();
        if (!launch) return Promise.resolve(null);
        const owner = templates.course + "|" + JSON.stringify(launch.actor);
        const registration = Qser.storage("qser-xapi-registration:" + owner);
        launch.registration = launch.registration || registration.read() || uuid();
        registration.write(launch.registration);
        const lrs = launch.endpoint + "|" + launch.registration;
        outbox = Qser.xapiOutbox(launch, "qser-xapi-outbox:" + lrs, "qser-xapi-rejected:" + lrs, showDenied);
        progressStore = Qser.storage("qser-xapi-progress:" + templates.course + "|" + launch.registration);
        progress = progressStore.read() || { begun: false, completed: false };
        outbox.add([statement(templates.session[progress.begun ? "resumed" : "initialized"])]);
        progress.begun = true;
        progressStore.write(progress);
      } catch (error) {
        Qser.warn("xAPI tracking is off", error);
        outbox = null;
      }
      return Promise.resolve(null); // the SCORM or local tracker owns the saved state
    },
    save: function () {},
    languageChosen: function (chosen) { language = chosen; },
    pageViewed: safely("pageViewed", function (page) {
      const id = page.id.indexOf(PAGE_PREFIX) === 0 ? page.id.slice(PAGE_PREFIX.length) : "";
      if (templates.pages[id]) outbox.add([statement(templates.pages[id])]);
      outbox.flush();
    }),
    answered: safely("answered", function (record) {
      const template = templates.questions[record.id];
      if (!template) return;
      const result = { response: Qser.xapiResponse(record) };
      if (Number.isFinite(record.latencyMs)) result.duration = duration(record.latencyMs);
      if (record.result !== RESULT.neutral) result.success = record.result === RESULT.correct;
      pendingAnswers.push({ template: template, at: record.timestamp, result: result });
    }),
    /* A try's answers and its passed/failed; completed once the outcome is final. A try the learner
       closes ("Finish with this score") was reported already: it only completes. */
    assessed: safely("assessed", function (outcome) {
      const attempt = outcome.attempt;
      const score = scoreOf(outcome.scorePercent);
      const extensions = { [templates.extensions.objectives]: outcome.objectives.map(objectiveResult) };
      const made = pendingAnswers.map((answer) => statement(answer.template, answer.at, answer.result, attempt));
      pendingAnswers = [];
      const verdict = { score: score, success: outcome.passed, completion: outcome.final,
        duration: duration(Date.now() - sessionStart), extensions: extensions };
      if (!outcome.closed) {
        made.push(statement(outcome.passed ? templates.session.passed : templates.session.failed, null, verdict, attempt));
      }
      if (outcome.final && !progress.completed) {
        made.push(statement(templates.session.completed, null,
          { score: score, success: outcome.passed, completion: true, extensions: extensions }));
        progress.completed = true;
        progressStore.write(progress);
      }
      outbox.add(made);
      outbox.flush();
    }),
    finish: safely("finish", function (outcome) {
      if (finished) return;
      finished = true;
      const ending = outcome && outcome.completed ? "terminated" : "suspended";
      const result = { completion: progress.completed, duration: duration(Date.now() - sessionStart) };
      outbox.add([statement(templates.session[ending], null, result)]);
      outbox.flushNow();
    })
  };
}

Qser.tracking = Qser.tracking || {};
Qser.tracking.xapi = {
  uuid: uuid, // shared with the cmi5 tracker
  duration: duration,
  showDenied: showDenied,
  objectiveResult: objectiveResult,
  /* Applies when an LRS may be given: launch parameters, baked-in settings, or an LMS whose
     launch_data can only be read after LMSInitialize (then start() decides). */
  create: function () {
    const possible = Qser.xapiLaunchSettings.possible();
    return Qser.xapiTemplates && possible ? create(Qser.xapiTemplates) : null;
  }
};
})(window.Qser = window.Qser || {});
