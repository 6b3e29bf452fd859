// The LMSs the preview can play (`qser-scorm preview --lms NAME`): what each one's SCORM 1.2 API
// answers, what it keeps at LMSCommit and LMSFinish, and how it launches a returning learner.
// Each rule names the LMS code it follows (Moodle 4.5 mod/scorm, Chamilo 1.11 main/lp) or the
// SCORM 1.2 RTE section. A profile works on a data model table (cmi_model.mjs, SCORM 1.2); a
// SCORM 2004 mode would add a 2004 table and API object beside them, and per-LMS 2004 rules here.
//
// Hooks (session.mjs calls them and does the storing; only Chamilo's commit changes the API's
// copy, as Chamilo does):
//   newAttemptRefused(record) -> why the LMS keeps the current attempt, or ""
//   launch(record, choice) -> {mode, credit, entry, data, notes}   the launch of a stored learner
//   read(element, data)    -> a value, or undefined for the plain stored one
//   commit(live, context)  -> {kept, notes}   what the LMS keeps at LMSCommit
//   finish(live, context)  -> {kept, notes}   what it keeps at LMSFinish
// `context`: {kept: the LMS's copy so far, launchTotal: total_time at launch, setSinceCommit: the
// elements set since the last commit, statusSet: whether the SCO set lesson_status in this launch,
// masteryOverride: the panel's switch}.
import { CHILDREN, TYPES, addTimespans } from "./cmi_model.mjs";

// Elements the LMS decides at each launch; never kept from one launch to the next.
export const PER_LAUNCH = ["cmi.core.entry", "cmi.core.session_time", "cmi.core.credit", "cmi.core.lesson_mode", "cmi.student_data.mastery_score"];

/** Return `data` without the elements decided at each launch. */
export function withoutPerLaunch(data) {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !PER_LAUNCH.includes(key)));
}

function status(data) {
  return data["cmi.core.lesson_status"] ?? "not attempted";
}

/** The mode and credit a designer picked in the panel ("auto": as the LMS decides). */
function chosen(choice, decided) {
  return choice === "auto" || !choice ? decided : choice;
}

/** Set passed/failed from score.raw against `mastery` (adlcp:masteryscore); return a note or "". */
function applyMastery(data, mastery, why) {
  const raw = data["cmi.core.score.raw"] ?? "";
  if (!mastery || raw === "") return "";
  const verdict = Number(raw) >= Number(mastery) ? "passed" : "failed";
  const before = status(data);
  data["cmi.core.lesson_status"] = verdict;
  return verdict === before ? "" : `${why}: score ${raw} vs mastery ${mastery} turns ${before} into ${verdict}`;
}

/** Add session_time to `total` as total_time; return a note or "". */
function addSessionTime(data, total) {
  const session = data["cmi.core.session_time"];
  if (!session) return "";
  data["cmi.core.total_time"] = addTimespans(total, session);
  return `total_time ${total} + session_time ${session} = ${data["cmi.core.total_time"]}`;
}

/** RTE 3.4.4 cmi.core.lesson_status: a SCO that set no status is "completed" at LMSFinish. */
function completeUnsetStatus(data, who) {
  if (status(data) !== "not attempted") return "";
  data["cmi.core.lesson_status"] = "completed";
  return `${who}lesson_status was never set: the LMS makes it completed`;
}

// The hooks of an LMS that keeps every element the SCO set, reads it back as stored and starts a
// new attempt when asked (strict; Moodle refines the last).
const KEEPS_WHAT_IS_SET = {
  newAttemptRefused() {
    return "";
  },
  read() {
    return undefined;
  },
  commit(live) {
    return { kept: withoutPerLaunch(live), notes: [] };
  },
};

/** The entry of RTE 3.4.4 cmi.core.entry: ab-initio first, resume after exit=suspend, else "". */
function specEntry(record) {
  if (!record) return "ab-initio";
  return record.data["cmi.core.exit"] === "suspend" ? "resume" : "";
}

// Moodle 4.5, mod/scorm (datamodels/scorm_12.js, scorm_12lib.php, lib.php).
const moodle = {
  name: "moodle",
  title: "Moodle 4.5",
  summary: "mod/scorm: values checked by pattern, mastery override at LMSFinish, a finished attempt reopens in review mode.",
  // datamodels/scorm_12.js: CMITime = ^([0-2]{1}[0-9]{1}):… (hours up to 29).
  types: { ...TYPES, CMITime: { pattern: /^[0-2][0-9]:[0-5][0-9]:[0-5][0-9](\.[0-9]{1,2})?$/ } },
  children: CHILDREN,
  unsupported: [],
  checksValues: true,
  refusesResponseFormats: false, // CMIFeedback = CMIString256: only the length
  reinitializes: false,
  masteryOverrideSwitch: true,
  ...KEEPS_WHAT_IS_SET,
  newAttemptRefused(record) {
    // lib.php scorm_check_mode: "Start a new attempt" is ignored while the attempt is unfinished.
    const current = status(record.data);
    return ["completed", "passed", "failed"].includes(current) ? ""
      : `Moodle: attempt ${record.attempt} is not finished (${current}), scorm_check_mode ignores "Start a new attempt"`;
  },
  launch(record, choice) {
    const data = record?.data ?? {};
    const notes = [];
    // lib.php scorm_check_mode: an attempt whose lesson_status is completed, passed or failed is
    // finished, and the next launch of it is review mode until the learner starts a new attempt.
    const finished = ["completed", "passed", "failed"].includes(status(data));
    if (finished) notes.push(`Moodle: attempt ${record.attempt} is finished (${status(data)}), scorm_check_mode opens it in review mode; "New attempt" starts attempt ${record.attempt + 1}`);
    const mode = chosen(choice.mode, finished ? "review" : "normal");
    // scorm_12lib.php get_scorm_default: credit in normal mode only; entry ab-initio until a
    // status is stored, resume after exit=suspend, else "" (suspend_data is handed over anyway).
    const credit = chosen(choice.credit, mode === "normal" ? "credit" : "no-credit");
    const entry = status(data) === "not attempted" ? "ab-initio" : data["cmi.core.exit"] === "suspend" ? "resume" : "";
    return { mode, credit, entry, data, notes };
  },
  // commit: datamodel.php stores what CollectData sends, every element but session_time.
  finish(live, context) {
    // datamodels/scorm_12.js StoreData(cmi, true), in its order.
    const data = { ...live };
    const notes = [completeUnsetStatus(data, "Moodle StoreData: ")];
    if (context.masteryOverride && data["cmi.core.lesson_mode"] === "normal" && data["cmi.core.credit"] === "credit") {
      notes.push(applyMastery(data, data["cmi.student_data.mastery_score"], "Moodle mastery override (StoreData)"));
    }
    notes.push(addSessionTime(data, context.launchTotal)); // TotalTime(): only at LMSFinish, in every mode
    return { kept: withoutPerLaunch(data), notes: notes.filter(Boolean) };
  },
};

// Chamilo 1.11 (main/lp/scorm_api.php, lp_ajax_save_item.php, learnpathItem.class.php).
// scorm_api.php xajax_save_item_scorm sends these unencoded in its POST body, so a "&" in them
// starts a new parameter (the rest is lost) and a "+" becomes a space.
const SENT_UNENCODED = /^cmi\.(core\.(lesson_location|lesson_status|score\.(raw|min|max)|exit|session_time)|interactions\.[0-9]+\.(id|type|time|weighting|student_response|result|latency))$/;

function sentAsChamiloSendsIt(value) {
  return value.split("&")[0].replace(/\+/g, " ");
}

// learnpathItem::set_core_exit: "" and "suspend" are kept, any other exit is stored as "none".
function chamiloExit(value) {
  return value === "" || value === "suspend" ? value : "none";
}

const chamilo = {
  name: "chamilo",
  title: "Chamilo 1.11",
  summary: "learning path SCORM player: no value checks, some elements not implemented (401), only committed data kept, a finished item reopens in review mode.",
  types: TYPES,
  // scorm_api.php LMSGetValue answers these _children lists (with spaces in cmi.core's).
  children: {
    ...CHILDREN,
    "cmi.core": "entry, exit, lesson_status, student_id, student_name, lesson_location, total_time, credit, lesson_mode, score, session_time",
    "cmi.student_data": "mastery_score,max_time_allowed",
    "cmi.interactions": "id,time,type,correct_responses,weighting,student_response,result,latency",
  },
  // scorm_api.php: LMSGetValue answers 401 to these; LMSSetValue to every element it has no
  // branch for (its interactions pattern has no "objectives").
  unsupported: ["cmi.comments", "cmi.comments_from_lms", "cmi.student_preference", "cmi.student_data.time_limit_action", "cmi.interactions.n.objectives"],
  // Not in LMSGetValue's list at all: 201.
  absent: ["cmi._children", "cmi._version"],
  checksValues: false, // LMSSetValue stores any value
  refusesResponseFormats: false,
  reinitializes: true, // LMSInitialize answers true every time
  masteryOverrideSwitch: false,
  newAttemptRefused() {
    return ""; // a teacher's reset of the learner's progress
  },
  launch(record, choice) {
    const data = { "cmi.core.exit": "none", ...record?.data };
    const notes = [];
    // learnpathItem::get_lesson_mode and ::get_credit (prevent_reinit, on by default): an item
    // whose status is neither "not attempted" nor "incomplete" opens in review, for no credit.
    const locked = !["not attempted", "incomplete"].includes(status(data));
    if (locked) notes.push(`Chamilo: the item is ${status(data)}, get_lesson_mode opens it in review mode for no credit (prevent_reinit)`);
    const mode = chosen(choice.mode, locked ? "review" : "normal");
    const credit = chosen(choice.credit, locked ? "no-credit" : "credit");
    return { mode, credit, entry: this.read("cmi.core.entry", data), data, notes };
  },
  read(element, data) {
    // scorm_api.php LMSGetValue derives entry from olms.lms_item_core_exit, which LMSSetValue
    // cmi.core.exit overwrites: after the SCO sets exit=suspend, entry reads "resume" at once.
    if (element !== "cmi.core.entry") return undefined;
    const exit = data["cmi.core.exit"];
    return exit === "none" ? "ab-initio" : exit === "suspend" ? "resume" : "";
  },
  commit(live, context) {
    // xajax_save_item_scorm sends only what was set since the last commit (updatable_vars_list),
    // interactions as a whole; lp_ajax_save_item.php save_item stores it.
    const kept = { ...context.kept };
    const notes = [];
    const interactionsSet = [...context.setSinceCommit].some((key) => key.startsWith("cmi.interactions."));
    for (const [key, value] of Object.entries(live)) {
      const isInteraction = key.startsWith("cmi.interactions.");
      if (!(isInteraction ? interactionsSet : context.setSinceCommit.has(key))) continue;
      if (/\.correct_responses\./.test(key)) continue; // never stored (see docs/lms-notes.md)
      let stored = SENT_UNENCODED.test(key) ? sentAsChamiloSendsIt(value) : value;
      if (stored !== value) notes.push(`Chamilo: ${key} is sent unencoded and stored as ${JSON.stringify(stored)}`);
      if (key === "cmi.core.exit") stored = chamiloExit(stored);
      if (key === "cmi.core.session_time") {
        // learnpathItem::set_time: the session's time replaces this view's time, it is not added twice.
        kept["cmi.core.total_time"] = addTimespans(context.launchTotal, stored);
        continue;
      }
      kept[key] = stored;
    }
    if (interactionsSet && Object.keys(live).some((key) => /\.correct_responses\./.test(key))) {
      notes.push("Chamilo: correct_responses are not stored");
    }
    // save_item: a score with no status set by the SCO becomes passed/failed against the mastery score.
    if (!context.statusSet && live["cmi.core.credit"] === "credit" && context.setSinceCommit.has("cmi.core.score.raw")) {
      notes.push(applyMastery(kept, live["cmi.student_data.mastery_score"], "Chamilo save_item"));
    }
    // reinit_updatable_vars_list, after every commit: the API's copy of lesson_status reads
    // "not attempted" again until the SCO sets it.
    live["cmi.core.lesson_status"] = "not attempted";
    notes.push('Chamilo: after LMSCommit, cmi.core.lesson_status reads "not attempted" until the SCO sets it again');
    return { kept, notes: notes.filter(Boolean) };
  },
  finish(live, context) {
    // What the SCO set after its last LMSCommit does not reach Chamilo's database (recorded in a
    // real Chamilo 1.11.28, docs/lms-notes.md): the LMS keeps what was committed.
    const lost = [...context.setSinceCommit].sort();
    const notes = lost.length ? [`Chamilo: LMSFinish keeps only what was committed; not kept: ${lost.join(", ")}`] : [];
    return { kept: { ...context.kept }, notes };
  },
};

// The SCORM 1.2 run-time environment to the letter.
const strict = {
  name: "strict",
  title: "strict SCORM 1.2",
  summary: "the SCORM 1.2 RTE to the letter: data types, vocabularies and interaction response formats checked (405).",
  types: TYPES,
  children: CHILDREN,
  unsupported: [],
  checksValues: true,
  refusesResponseFormats: true, // RTE 3.4.2 CMIFeedback formats per interaction type
  reinitializes: false,
  masteryOverrideSwitch: true,
  launch(record, choice) {
    const mode = chosen(choice.mode, "normal");
    const credit = chosen(choice.credit, mode === "normal" ? "credit" : "no-credit");
    return { mode, credit, entry: specEntry(record), data: record?.data ?? {}, notes: [] };
  },
  ...KEEPS_WHAT_IS_SET,
  finish(live, context) {
    const data = { ...live };
    const notes = [addSessionTime(data, context.launchTotal), completeUnsetStatus(data, "")];
    // RTE 3.4.4 cmi.core.lesson_status: with credit and a mastery score the LMS can turn the
    // status into passed or failed by score.raw.
    if (context.masteryOverride && data["cmi.core.credit"] === "credit") {
      notes.push(applyMastery(data, data["cmi.student_data.mastery_score"], "mastery override"));
    }
    if (data["cmi.core.exit"] !== "suspend") {
      // The attempt ended without suspend: the next launch starts without bookmark and state.
      delete data["cmi.suspend_data"];
      delete data["cmi.core.lesson_location"];
      notes.push('exit is not "suspend": suspend_data and lesson_location are not kept');
    }
    return { kept: withoutPerLaunch(data), notes: notes.filter(Boolean) };
  },
};

export const PROFILES = { moodle, chamilo, strict };
export const DEFAULT_PROFILE = "moodle";
