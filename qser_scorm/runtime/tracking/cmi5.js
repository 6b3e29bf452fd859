/* Qser cmi5 tracker: the course as one cmi5 assignable unit (AU). A cmi5 LMS launches it with
   endpoint, fetch, actor, registration and activityId in the query (cmi5 spec 8.1); the tracker
   gets the session's token from fetch (8.2), reads LMS.LaunchData (10.0) and the learner
   preferences (11.0), keeps the learner's progress in its own state document, and sends the cmi5
   statements (9.3) through the xAPI outbox (xapi-outbox.js). See docs/xapi.md, "cmi5". */
((Qser) => {
"use strict";

/* launchData: written by the LMS, the AU must not change it (10.0); preferences: an agent profile
   (11.0); progress: this AU's own state document (saved state, pages seen, verdicts sent). */
const { launchData: LAUNCH_DATA, preferences: PREFERENCES, progress: PROGRESS, normalMode: NORMAL,
  stateMax: STATE_MAX } = Qser.contract.cmi5;
const PARAMETERS = ["endpoint", "fetch", "actor", "registration", "activityId"]; // 8.1
const PAGE_PREFIX = Qser.contract.sections.pagePrefix, RESULT = Qser.contract.result;
const SAVE_DELAY_MS = 2000; // answer changes share one state write; page changes write at once
const TIMEOUT_MS = 10000;

function launchParameters() {
  const query = new URLSearchParams(location.search);
  const launch = Object.fromEntries(PARAMETERS.map((name) => [name, query.get(name)]));
  return PARAMETERS.every((name) => launch[name]) ? launch : null;
}

/* 8.2.1: a POST (a GET could be cached). A second POST to the same URL answers 200 with
   "error-code" instead of a token (8.2.3): this launch then cannot report. */
async function fetchToken(url) {
  const answer = await (await fetch(url, { method: "POST" })).json();
  if (!answer["auth-token"]) throw new Error(`fetch refused the token: error ${answer["error-code"]} ${answer["error-text"]}`);
  return "Basic " + answer["auth-token"]; // RFC 1945 11.1, the token as given (8.2.1)
}

/* The LMS's context template first, ours added: the AU may add to it, never overwrite it
   (10.2.1). Lists of context activities are joined. */
function mergedContext(template, ours) {
  const context = JSON.parse(JSON.stringify(template)), { contextActivities = {}, extensions = {}, ...rest } = ours;
  context.contextActivities = context.contextActivities || {};
  for (const [kind, list] of Object.entries(contextActivities)) {
    context.contextActivities[kind] = (context.contextActivities[kind] || []).concat(list);
  }
  context.extensions = { ...extensions, ...context.extensions };
  return { ...rest, ...context };
}

function create(templates, launch) {
  const { uuid, duration, objectiveResult } = Qser.tracking.xapi, vocabulary = templates.cmi5;
  const endpoint = launch.endpoint.replace(/\/?$/, "/");
  const pageIds = Object.keys(templates.pages);
  /* The token lives for the LMS session (8.2.1): kept in this tab so that a reload reuses it
     instead of asking fetch twice; a new launch has a new fetch URL. */
  const sessionStore = Qser.storage("qser-cmi5-session:" + launch.fetch, "sessionStorage");
  const sessionStart = Date.now();
  let actor = null, session = null, launchData = null, outbox = null, progress = null, normal = false, saveTimer = null;
  let pendingAnswers = [], language = null; // the language shown, when the learner chose another than the build's
  const tracker = { name: "cmi5", stateLimit: STATE_MAX, preferences: null, languages: [] };

  async function xapi(method, resource, params, body, keepalive = false) {
    const controller = new AbortController(), timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      return await fetch(`${endpoint}${resource}?${new URLSearchParams(params)}`, {
        method, keepalive, signal: controller.signal, body: body && JSON.stringify(body),
        headers: { Authorization: session.auth, "X-Experience-API-Version": Qser.contract.xapiVersion, ...(body ? { "Content-Type": "application/json" } : {}) }
      });
    } finally { clearTimeout(timer); }
  }

  async function read(resource, params) {
    const reply = await xapi("GET", resource, params);
    if (reply.status === 404) return null;
    if (!reply.ok) throw new Error(`GET ${resource} ${JSON.stringify(params)}: HTTP ${reply.status}`);
    return reply.json();
  }

  const stateParams = (stateId) => ({ stateId, activityId: launch.activityId, agent: launch.actor, registration: launch.registration });

  function writeProgress(keepalive) {
    clearTimeout(saveTimer);
    saveTimer = null;
    xapi("PUT", "activities/state", stateParams(PROGRESS), progress, keepalive)
      .then((reply) => reply.ok || Qser.warn(`cmi5 progress not saved: HTTP ${reply.status}`))
      .catch((error) => Qser.warn("cmi5 progress not saved", error));
  }

  function statement(template, { defined = false, result, extensions = {}, at } = {}) {
    const made = JSON.parse(JSON.stringify(template));
    made.id = uuid();
    made.actor = actor;
    made.timestamp = (at ? new Date(at) : new Date()).toISOString();
    const ours = { ...made.context, extensions: { ...made.context.extensions, ...extensions } };
    if (language) ours.language = language; // under the LMS's context template, as all of ours
    if (defined) {
      made.object = { ...made.object, id: launch.activityId }; // 9.4: the LMS's id for this AU
      const judged = result && ("success" in result || "completion" in result); // 9.6.2.2
      ours.contextActivities = { category: [{ id: vocabulary.categories.cmi5 }].concat(judged ? [{ id: vocabulary.categories.moveon }] : []) };
    }
    made.context = mergedContext(launchData.contextTemplate, ours);
    made.context.registration = launch.registration;
    if (result) made.result = result;
    return made;
  }

  const verbs = templates.session;
  const defined = (template, result, extensions) => statement(template, { defined: true, result, extensions });
  const elapsed = () => duration(Date.now() - sessionStart);

  /* 9.3.4, 9.3.5: judged by the LMS's masteryScore when it gives one; at most one passed per
     registration, and no failed after it (nor a second failed). */
  function verdict(outcome) {
    const scaled = Math.round(outcome.scorePercent * 100) / 10000, mastery = Number(launchData.masteryScore);
    const judged = launchData.masteryScore !== undefined && Number.isFinite(mastery);
    const passed = judged ? scaled >= mastery : outcome.passed;
    if (progress.passed || (!passed && progress.failed)) return [];
    if (passed) progress.passed = true; else progress.failed = true;
    // 9.5.1: raw must be an integer between min and max; scaled alone says it exactly.
    const result = { score: { scaled }, success: passed, duration: elapsed(),
      extensions: { [templates.extensions.objectives]: outcome.objectives.map(objectiveResult) } };
    return [defined(passed ? verbs.passed : verbs.failed, result, judged ? { [vocabulary.extensions.masteryscore]: mastery } : {})];
  }

  /* 9.3.3: once per registration, when every course page was seen and the assessment decided. */
  function completion() {
    if (progress.completed || !progress.decided || !pageIds.every((id) => progress.seen.includes(id))) return [];
    progress.completed = true;
    return [defined(verbs.completed, { completion: true, duration: elapsed() })];
  }

  function safely(name, work) {
    return (argument) => {
      if (!outbox) return undefined;
      try { return work(argument); } catch (error) { Qser.warn(`cmi5 ${name} failed`, error); return undefined; }
    };
  }

  tracker.start = async () => {
    try {
      actor = JSON.parse(launch.actor);
      session = sessionStore.read() || {};
      if (!session.auth) {
        session.auth = await fetchToken(launch.fetch);
        sessionStore.write(session);
      }
      launchData = await read("activities/state", stateParams(LAUNCH_DATA));
      if (!launchData || !launchData.contextTemplate) throw new Error(`no ${LAUNCH_DATA} state with a contextTemplate`);
      // 11.0: read at start; a 403 or an error is no reason to stop.
      tracker.preferences = await read("agents/profile", { profileId: PREFERENCES, agent: launch.actor }).catch(() => null);
      // 11.0: languagePreference, the learner's languages by preference, comma separated.
      tracker.languages = String(tracker.preferences?.languagePreference || "").split(",").map((tag) => tag.trim()).filter(Boolean);
      const saved = await read("activities/state", stateParams(PROGRESS));
      progress = { seen: [], ...saved };
      if (session.terminated) {
        // Reloaded after this session's terminated (9.3.8: nothing may follow it): report nothing more.
        Qser.notice(["exit_notice"]);
        return saved;
      }
      // 10.2.2: Browse and Review launches send initialized and terminated only, and change nothing.
      normal = launchData.launchMode === NORMAL;
      const key = endpoint + "|" + launch.registration;
      outbox = Qser.xapiOutbox({ endpoint, auth: session.auth }, "qser-cmi5-outbox:" + key, "qser-cmi5-rejected:" + key,
        Qser.tracking.xapi.showDenied);
      if (!session.initialized) {
        outbox.add([defined(verbs.initialized)]); // 9.3.2: the session's first statement, once
        session.initialized = true;
        sessionStore.write(session);
      }
      outbox.flush();
      return saved;
    } catch (error) {
      Qser.warn("cmi5 tracking is off", error);
      Qser.tracking.xapi.showDenied();
      outbox = null;
      return null;
    }
  };

  tracker.languageChosen = (chosen) => { language = chosen; };

  tracker.save = safely("save", ({ state, location, pageChanged }) => {
    if (!normal) return;
    Object.assign(progress, { state, location });
    if (pageChanged) writeProgress(false);
    else if (!saveTimer) saveTimer = setTimeout(() => writeProgress(false), SAVE_DELAY_MS);
  });

  tracker.pageViewed = safely("pageViewed", (page) => {
    const id = page.id.startsWith(PAGE_PREFIX) ? page.id.slice(PAGE_PREFIX.length) : "";
    if (!normal || !templates.pages[id]) return;
    if (!progress.seen.includes(id)) progress.seen.push(id);
    outbox.add([statement(templates.pages[id]), ...completion()]);
    outbox.flush();
  });

  tracker.answered = safely("answered", (record) => {
    const template = templates.questions[record.id];
    if (!normal || !template) return;
    const result = { response: Qser.xapiResponse(record) };
    if (Number.isFinite(record.latencyMs)) result.duration = duration(record.latencyMs);
    if (record.result !== RESULT.neutral) result.success = record.result === RESULT.correct;
    pendingAnswers.push({ template, at: record.timestamp, result });
  });

  tracker.assessed = safely("assessed", (outcome) => {
    if (!normal) return;
    const attempt = { [templates.extensions.attempt]: outcome.attempt };
    const made = pendingAnswers.map(({ template, at, result }) => statement(template, { at, result, extensions: attempt }));
    pendingAnswers = [];
    if (outcome.final) {
      progress.decided = true;
      made.push(...verdict(outcome), ...completion());
      writeProgress(false); // the verdicts sent must be known to the next session
    }
    outbox.add(made);
    outbox.flush();
  });

  /* 9.3.8: terminated, with the session's duration, is the last statement; then the LMS's
     returnURL (10.2.6), unless the page is going away already. */
  tracker.finish = safely("finish", () => {
    if (session.terminated) return;
    session.terminated = true;
    sessionStore.write(session);
    outbox.add([defined(verbs.terminated, { duration: elapsed() })]);
    outbox.flushNow();
    if (normal) writeProgress(true);
    if (launchData.returnURL) setTimeout(() => location.assign(launchData.returnURL), 0);
  });

  return tracker;
}

Qser.tracking.cmi5 = {
  /* Applies when the page was launched with the five cmi5 launch parameters. */
  create: () => {
    const launch = launchParameters();
    return launch && Qser.xapiTemplates ? create(Qser.xapiTemplates, launch) : null;
  }
};
})(window.Qser = window.Qser || {});
