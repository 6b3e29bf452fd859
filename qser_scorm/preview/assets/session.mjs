// What the LMS does around the SCO: the data it hands over at launch, what it keeps between
// launches (in localStorage, so "Relaunch" plays a returning learner), and what it keeps at
// LMSCommit and LMSFinish. The rules are the profile's (profiles.mjs); this module stores.
import { PER_LAUNCH, withoutPerLaunch } from "./profiles.mjs";

const STORE_KEY = "qser-preview:learner";

/** Return a random UUID v4 (crypto.randomUUID needs a secure context; `--host` may serve plain http). */
function newUuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The stored learner of this LMS profile, or null. */
export function storedLearner(profile) {
  try {
    const record = JSON.parse(localStorage.getItem(STORE_KEY));
    return record?.profile === profile.name ? record : null;
  } catch {
    return null;
  }
}

function replaceContents(target, source) {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, source);
}

/**
 * Start a launch and return `{data, learner, registration, changed, commit, finish}` (see createApi).
 *
 * @param {object} options  `profile`: the LMS (profiles.mjs); `record`: the stored learner or null
 *   (a new learner); `newAttempt`: start a new attempt of the stored learner; `choice`:
 *   `{mode, credit}` from the panel ("auto": as the LMS decides); `masteryScore`:
 *   adlcp:masteryscore of the build ("" if none); `masteryOverride()`: read when LMSFinish runs;
 *   `onNote(text)`: hears what the LMS did; `save(record)`: keeps the learner for the next launch.
 */
export function createSession({ profile, record, newAttempt = false, choice, masteryScore, masteryOverride, onNote, save }) {
  const learner = record?.learner ?? `learner-${Date.now().toString(36)}`;
  // xAPI registration: one per learner and course, kept across relaunches and attempts.
  const registration = record?.registration ?? newUuid();
  const refused = newAttempt && record ? profile.newAttemptRefused(record) : "";
  if (refused) onNote(refused);
  const next = newAttempt && record && !refused;
  const attempt = (record?.attempt ?? 1) + (next ? 1 : 0);
  const previous = next ? null : record;
  const launched = profile.launch(previous, choice);
  const data = {
    "cmi.core.student_id": learner,
    "cmi.core.student_name": `Preview, ${learner}`,
    "cmi.core.lesson_status": "not attempted",
    "cmi.core.total_time": "0000:00:00.00",
    "cmi.launch_data": "",
    ...launched.data,
    "cmi.core.credit": launched.credit,
    "cmi.core.lesson_mode": launched.mode,
    "cmi.core.entry": launched.entry,
    "cmi.student_data.mastery_score": masteryScore,
  };
  const launchTotal = data["cmi.core.total_time"];
  let kept = withoutPerLaunch(data); // the LMS's copy: what this launch started from
  let setSinceCommit = new Set();
  let statusSet = false;

  const keep = (next, notes) => {
    kept = next;
    setSinceCommit = new Set();
    notes.forEach(onNote);
    save({ profile: profile.name, learner, registration, attempt, data: kept });
  };
  const context = () => ({ kept, launchTotal, setSinceCommit, statusSet, masteryOverride: masteryOverride() });

  const who = record ? `returning learner ${learner}` : `new learner ${learner}`;
  onNote(`${profile.title}: ${who}, attempt ${attempt}: lesson_mode "${launched.mode}", credit "${launched.credit}", entry "${launched.entry}"`);
  launched.notes.forEach(onNote);
  return {
    data,
    learner,
    registration,
    changed(element) {
      setSinceCommit.add(element);
      if (element === "cmi.core.lesson_status") statusSet = true;
    },
    commit() {
      const { kept: next, notes } = profile.commit(data, context());
      keep(next, notes);
    },
    finish() {
      const { kept: next, notes } = profile.finish(data, context());
      keep(next, notes);
      // From here the panel shows what the LMS kept.
      const perLaunch = PER_LAUNCH.filter((key) => key in data).map((key) => [key, data[key]]);
      replaceContents(data, { ...Object.fromEntries(perLaunch), ...next });
    },
  };
}

/**
 * Launch as `createSession` does, with the learner kept in localStorage: `resume` continues the
 * stored learner of this profile (else a new one), `newAttempt` starts their next attempt.
 */
export function launch({ resume, newAttempt, ...options }) {
  return createSession({
    ...options,
    record: resume || newAttempt ? storedLearner(options.profile) : null,
    newAttempt,
    save: (record) => localStorage.setItem(STORE_KEY, JSON.stringify(record)),
  });
}
