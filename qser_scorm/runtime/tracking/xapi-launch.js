/* Qser xAPI launch: where the LRS and the learner come from. First found wins:
     1. Tin Can launch parameters in the page's query: endpoint, auth, actor, registration;
     2. the same parameters as a query string in SCORM 1.2 cmi.launch_data (dual tracking);
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

/* The learner as the LMS knows them (cmi.core.student_id), for launches without an actor. */
function lmsLearner(api, endpoint) {
  const learner = api && api.LMSGetValue("cmi.core.student_id");
  if (!learner) return null;
  const homePage = /^https?:/.test(location.protocol) ? location.origin : new URL(endpoint).origin;
  return { objectType: "Agent", account: { homePage: homePage, name: learner } };
}

/* RTE 3.3.6.1 API discovery, shared with the SCORM tracker; none when it is not loaded. */
function findScormApi() {
  const scorm12 = Qser.tracking && Qser.tracking.scorm12;
  return scorm12 && scorm12.findApi ? scorm12.findApi() : null;
}

function resolveLaunch() {
  const api = findScormApi();
  const embedded = Qser.xapiLaunch;
  const launch = parseLaunch(location.search) || (api && parseLaunch(api.LMSGetValue("cmi.launch_data"))) ||
    (embedded ? { endpoint: embedded.endpoint.replace(/\/?$/, "/"), auth: embedded.auth, registration: "" } : null);
  if (launch && !launch.actor) launch.actor = lmsLearner(api, launch.endpoint);
  return launch && launch.actor ? launch : null;
}

Qser.xapiLaunchSettings = {
  /* Settings {endpoint, auth, actor, registration}, or null; call after LMSInitialize. */
  resolve: resolveLaunch,
  /* Whether an LRS may be given at all, before the LMS session exists. */
  possible: function () {
    return Boolean(parseLaunch(location.search) || Qser.xapiLaunch || findScormApi());
  }
};
})(window.Qser = window.Qser || {});
