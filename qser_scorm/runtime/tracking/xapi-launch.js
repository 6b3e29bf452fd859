/* Qser xAPI launch: where the LRS and the learner come from. First found wins:
     1. Tin Can launch parameters in the page's query: endpoint, auth, actor, registration;
     2. the same parameters as a query string in SCORM cmi.launch_data (dual tracking);
     3. window.Qser.xapiLaunch, only in packages built with LRS settings baked in.
   The launch's activity_id is not used: statements carry the IRIs the build derived. */
((Qser) => {
"use strict";

function parseLaunch(queryString) {
  const query = new URLSearchParams(queryString || "");
  const endpoint = query.get("endpoint");
  if (!endpoint) return null;
  return {
    endpoint: endpoint.replace(/\/?$/, "/"),
    auth: query.get("auth") || "",
    actor: parseActor(query.get("actor")),
    registration: query.get("registration") || ""
  };
}

/* The launch actor is Agent JSON; Tin Can 0.9x launchers wrap each value in an array. */
function parseActor(text) {
  try {
    const raw = JSON.parse(text);
    const actor = { objectType: "Agent" };
    for (const key of ["name", "mbox", "mbox_sha1sum", "openid", "account"]) {
      const value = Array.isArray(raw[key]) ? raw[key][0] : raw[key];
      if (value) actor[key] = value;
    }
    if (actor.account && actor.account.accountServiceHomePage) {
      actor.account = { homePage: actor.account.accountServiceHomePage, name: actor.account.accountName };
    }
    return actor.mbox || actor.mbox_sha1sum || actor.openid || actor.account ? actor : null;
  } catch (error) {
    return null;
  }
}

/* The learner as the LMS knows them (cmi.core.student_id, 2004 cmi.learner_id), for launches without an actor. */
function lmsLearner(lms, endpoint) {
  const learner = lms && lms.get(lms.learner);
  if (!learner) return null;
  const homePage = /^https?:/.test(location.protocol) ? location.origin : new URL(endpoint).origin;
  return { objectType: "Agent", account: { homePage: homePage, name: learner } };
}

/* The LMS's API, found as the SCORM trackers find it (2004 first, as main.js picks), and how to
   read its values; none when no SCORM tracker is loaded. */
function findScorm() {
  const { scorm2004, scorm12 } = Qser.tracking || {};
  const api2004 = scorm2004 && scorm2004.findApi();
  if (api2004) return { get: (element) => api2004.GetValue(element), learner: "cmi.learner_id" };
  const api = scorm12 && scorm12.findApi();
  return api ? { get: (element) => api.LMSGetValue(element), learner: "cmi.core.student_id" } : null;
}

function resolveLaunch() {
  const lms = findScorm();
  const embedded = Qser.xapiLaunch;
  const launch = parseLaunch(location.search) || (lms && parseLaunch(lms.get("cmi.launch_data"))) ||
    (embedded ? { endpoint: embedded.endpoint.replace(/\/?$/, "/"), auth: embedded.auth, registration: "" } : null);
  if (launch && !launch.actor) launch.actor = lmsLearner(lms, launch.endpoint);
  return launch && launch.actor ? launch : null;
}

Qser.xapiLaunchSettings = {
  /* Settings {endpoint, auth, actor, registration}, or null; call after the LMS's Initialize. */
  resolve: resolveLaunch,
  /* Whether an LRS may be given at all, before the LMS session exists. */
  possible: function () {
    return Boolean(parseLaunch(location.search) || Qser.xapiLaunch || findScorm());
  }
};
})(window.Qser = window.Qser || {});
