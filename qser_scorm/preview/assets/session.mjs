// What the LMS does around the SCO: the data it hands over at launch, what it keeps between
// sessions (in localStorage, so "Relaunch" plays a returning learner), and the status rules it
// applies at LMSFinish (REFERENCE.md (d); Moodle's order).

const STORE_KEY = "qser-preview:learner";
// Elements that belong to one session only; everything else is kept for the next launch.
const SESSION_ONLY = ["cmi.core.entry", "cmi.core.exit", "cmi.core.session_time", "cmi.student_data.mastery_score"];
const MAX_CENTISECONDS = 9999 * 360000 + 59 * 6000 + 5999;

/** Return "HHHH:MM:SS.SS" as hundredths of a second. */
export function parseTimespan(text) {
  const [hours, minutes, seconds] = text.split(":");
  return Math.round((Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds)) * 100);
}

/** Return hundredths of a second as a CMITimespan, capped at 9999:59:59.99. */
export function formatTimespan(centiseconds) {
  const total = Math.min(centiseconds, MAX_CENTISECONDS);
  const pad = (n, width) => String(n).padStart(width, "0");
  const hours = Math.floor(total / 360000);
  const minutes = Math.floor((total % 360000) / 6000);
  const seconds = Math.floor((total % 6000) / 100);
  return `${pad(hours, 4)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(total % 100, 2)}`;
}

/** Return a random UUID v4 (crypto.randomUUID needs a secure context; `--host` may serve plain http). */
function newUuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function readStore() {
  try {
    return JSON.parse(localStorage.getItem(STORE_KEY)) ?? null;
  } catch {
    return null;
  }
}

function kept(data) {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !SESSION_ONLY.includes(key)));
}

/**
 * Apply the LMS rules of LMSFinish to `data` in place and return what changed, as sentences.
 * @param {boolean} masteryOverride  Moodle's "mastery score overrides status" (on by default).
 */
export function finishRules(data, masteryOverride) {
  const notes = [];
  const session = data["cmi.core.session_time"];
  if (session) {
    // Step 1: total_time grows only here, so a session without LMSFinish loses its time.
    const before = data["cmi.core.total_time"];
    data["cmi.core.total_time"] = formatTimespan(parseTimespan(before) + parseTimespan(session));
    notes.push(`total_time ${before} + session_time ${session} = ${data["cmi.core.total_time"]}`);
  }
  const status = data["cmi.core.lesson_status"];
  if (status === "not attempted") {
    // Step 3: a SCO that never set a status is "completed" (Moodle).
    data["cmi.core.lesson_status"] = "completed";
    notes.push("lesson_status was never set: the LMS makes it completed");
  }
  const mastery = data["cmi.student_data.mastery_score"];
  const raw = data["cmi.core.score.raw"] ?? "";
  const graded = data["cmi.core.credit"] === "credit" && data["cmi.core.lesson_mode"] === "normal";
  if (masteryOverride && graded && mastery !== "" && raw !== "") {
    // Step 4 (RTE 3.4.2 lesson_status): the score decides against adlcp:masteryscore.
    const verdict = Number(raw) >= Number(mastery) ? "passed" : "failed";
    if (verdict !== data["cmi.core.lesson_status"]) {
      notes.push(`mastery override: score ${raw} vs mastery ${mastery} turns ${data["cmi.core.lesson_status"]} into ${verdict}`);
    }
    data["cmi.core.lesson_status"] = verdict;
  }
  if (data["cmi.core.exit"] !== "suspend") {
    // The attempt ended without suspend: the next launch starts without bookmark and state.
    delete data["cmi.suspend_data"];
    delete data["cmi.core.lesson_location"];
    notes.push('exit is not "suspend": suspend_data and lesson_location are not kept');
  }
  return notes;
}

/**
 * Start a session and return `{data, learner, registration, commit, finish}` (see createApi).
 * @param {object} options  `resume`: continue the stored learner (else a new one);
 *   `masteryScore`: adlcp:masteryscore of the build ("" if none);
 *   `masteryOverride()`: read when LMSFinish runs; `onNote(text)`: hears what the LMS did.
 */
export function launch({ resume, masteryScore, masteryOverride, onNote }) {
  const stored = resume ? readStore() : null;
  const learner = stored?.learner ?? `learner-${Date.now().toString(36)}`;
  // xAPI registration: one per learner and course, kept across relaunches.
  const registration = stored?.registration ?? newUuid();
  const data = {
    "cmi.core.student_id": learner,
    "cmi.core.student_name": `Preview, ${learner}`,
    "cmi.core.credit": "credit",
    "cmi.core.lesson_mode": "normal",
    "cmi.core.lesson_status": "not attempted",
    "cmi.core.total_time": "0000:00:00.00",
    "cmi.launch_data": "",
    ...stored?.data,
    // RTE 3.4.2 cmi.core.entry: "resume" only after a session that ended with exit=suspend.
    "cmi.core.entry": !stored ? "ab-initio" : stored.exit === "suspend" ? "resume" : "",
    "cmi.student_data.mastery_score": masteryScore,
  };
  const store = () => {
    const record = { learner, registration, exit: data["cmi.core.exit"] ?? "", data: kept(data) };
    localStorage.setItem(STORE_KEY, JSON.stringify(record));
  };
  onNote(stored ? `returning learner ${learner}: entry "${data["cmi.core.entry"]}"` : `new learner ${learner}: entry "ab-initio"`);
  return {
    data,
    learner,
    registration,
    commit: store,
    finish(finished) {
      finishRules(finished, masteryOverride()).forEach(onNote);
      store();
    },
  };
}

/** Return whether a learner is stored (so "Relaunch" has someone to resume). */
export function hasStoredLearner() {
  return readStore() !== null;
}
