// The host page plays the LMS chosen with --lms: it owns window.API, launches the course in a
// same-origin frame with Tin Can launch parameters that point at the preview's own fake LRS,
// follows rebuilds, and drives the panel.
import { createApi } from "./lms.mjs";
import { createPanel } from "./panel.mjs";
import { DEFAULT_PROFILE, PROFILES } from "./profiles.mjs";
import { launch, storedLearner } from "./session.mjs";

const POLL_MS = 500;
const OVERRIDE_KEY = "qser-preview:mastery-override";

const frame = document.getElementById("sco");
const panel = createPanel(document.getElementById("panel"));
const override = document.getElementById("mastery-override");
const status = document.getElementById("build-status");
let build = { build: 0 }; // the last /__build answer
let statementsShown = 0;
let launches = 0; // shown as the frame's data-launch, so tests can tell one launch from the next
let profile = PROFILES[DEFAULT_PROFILE]; // set from the server's --lms at the first /__build

function showProfile() {
  document.getElementById("lms-title").textContent = profile.title;
  document.getElementById("lms-summary").textContent = profile.summary;
  document.getElementById("mastery-switch").hidden = !profile.masteryOverrideSwitch;
  document.body.dataset.lms = profile.name;
}

function showLaunch(session) {
  const data = session.data;
  const state = document.getElementById("launch-state");
  state.textContent = `Launched: lesson_mode ${data["cmi.core.lesson_mode"]}, credit ${data["cmi.core.credit"]}, entry "${data["cmi.core.entry"]}"`;
  state.dataset.mode = data["cmi.core.lesson_mode"];
}

// The LMS's copy as the SCO would read it (Chamilo derives entry from the last exit set).
function shownData(data) {
  const entry = profile.read("cmi.core.entry", data);
  return entry === undefined ? data : { ...data, "cmi.core.entry": entry };
}

// Moodle's "mastery score overrides status" is on by default.
override.checked = localStorage.getItem(OVERRIDE_KEY) !== "off";
override.addEventListener("change", () => {
  localStorage.setItem(OVERRIDE_KEY, override.checked ? "on" : "off");
  panel.note(`mastery override ${override.checked ? "on" : "off"} (applies at the next LMSFinish)`);
});

/** Return the Tin Can launch query (endpoint, auth, actor, registration, activity_id). */
function launchQuery(session) {
  return new URLSearchParams({
    endpoint: new URL("/xapi/", location.href).href,
    auth: `Basic ${btoa("preview:preview")}`,
    actor: JSON.stringify({ objectType: "Agent", name: session.data["cmi.core.student_name"], account: { homePage: location.origin, name: session.learner } }),
    registration: session.registration,
    activity_id: build.activity_id,
  });
}

// Unload the running course first: its pagehide handler finishes against the old API.
function unloadCourse() {
  if (frame.src === "about:blank") return Promise.resolve();
  return new Promise((resolve) => {
    frame.addEventListener("load", resolve, { once: true });
    frame.src = "about:blank";
  });
}

async function launchCourse(how) {
  await unloadCourse();
  const session = launch({
    profile,
    resume: how === "resume",
    newAttempt: how === "new attempt",
    choice: { mode: document.getElementById("launch-mode").value, credit: document.getElementById("launch-credit").value },
    masteryScore: build.mastery_score,
    masteryOverride: () => override.checked,
    onNote: (text) => panel.note(text),
  });
  window.API = createApi(session, (call) => {
    panel.call(call);
    panel.showData(shownData(session.data));
  }, profile);
  panel.showData(shownData(session.data));
  showLaunch(session);
  frame.dataset.launch = String(++launches);
  frame.src = `/course/${build.launch}?${launchQuery(session)}`;
}

// One launch at a time, in order, however fast the buttons are pressed.
let launching = Promise.resolve();
function start(how) {
  launching = launching.then(() => launchCourse(how));
  return launching;
}

async function showStatements(count) {
  if (count === statementsShown) return;
  const response = await fetch("/xapi/statements", { cache: "no-store" });
  const { statements } = await response.json();
  statementsShown = statements.length;
  panel.showStatements(statements);
}

function showBuildError(error) {
  document.getElementById("build-error").hidden = !error;
  document.getElementById("build-error-text").textContent = error ?? "";
}

async function poll() {
  try {
    const response = await fetch("/__build", { cache: "no-store" });
    const next = await response.json();
    showBuildError(next.error);
    status.textContent = next.build ? `build ${next.build}${next.error ? " (a newer one failed)" : ""}` : "no build yet";
    if (next.build !== build.build) {
      const first = build.build === 0;
      build = next;
      if (first) {
        profile = PROFILES[next.lms] ?? profile;
        showProfile();
      } else {
        panel.note(`rebuilt (build ${next.build}): relaunching as the same learner`);
      }
      await start(first && !storedLearner(profile) ? "new learner" : "resume");
    }
    await showStatements(next.statements);
  } catch {
    status.textContent = "the preview server stopped";
  }
  setTimeout(poll, POLL_MS);
}

for (const [id, how] of [["new-learner", "new learner"], ["relaunch", "resume"], ["new-attempt", "new attempt"]]) {
  document.getElementById(id).addEventListener("click", () => build.build && start(how));
}
showProfile();
poll();
