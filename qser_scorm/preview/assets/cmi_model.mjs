// The SCORM 1.2 data model as one table: every element, who may read or write it, and the
// values it accepts, as the SCORM 1.2 RTE (3.4) defines them. An LMS profile (profiles.mjs)
// adjusts it where a real LMS differs (Moodle's laxer time of day, Chamilo's missing elements).
// A SCORM 2004 model would be a second table of the same shape beside this one.

/** Error codes and their short texts (SCORM 1.2 RTE 3.3.2). */
export const ERROR_STRINGS = {
  "0": "No error",
  "101": "General exception",
  "201": "Invalid argument error",
  "202": "Element cannot have children",
  "203": "Element not an array - cannot have count",
  "301": "Not initialized",
  "401": "Not implemented error",
  "402": "Invalid set value, element is a keyword",
  "403": "Element is read only",
  "404": "Element is write only",
  "405": "Incorrect data type",
};

const oneOf = (...words) => new RegExp(`^(${words.join("|")})$`);
const DECIMAL = "-?[0-9]{0,3}(\\.[0-9]*)?";

/** Value types (RTE 3.4.1). `range` is checked on the number after the pattern matched. */
export const TYPES = {
  CMIString255: { pattern: /^[\s\S]{0,255}$/ },
  CMIString4096: { pattern: /^[\s\S]{0,4096}$/ },
  // Printable ASCII, no spaces (Moodle); the spec says alphanumeric.
  CMIIdentifier: { pattern: /^[\u0021-\u007E]{0,255}$/ },
  // No exponent, no "+", at most three integer digits; "" is accepted (Moodle reads it as 0).
  CMIDecimal: { pattern: new RegExp(`^${DECIMAL}$`) },
  CMISInteger: { pattern: /^-?[0-9]+$/ },
  // Clock time of day, 00:00:00 to 23:59:59 (Moodle allows hours up to 29: profiles.mjs).
  CMITime: { pattern: /^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,2})?$/ },
  CMITimespan: { pattern: /^[0-9]{2,4}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,2})?$/ },
  // CMIFeedback: the length here; the per-type formats are RESPONSE_FORMATS below.
  CMIFeedback: { pattern: /^[\s\S]{0,255}$/ },
  // RTE 3.4.2: the SCO may not set "not attempted"; only the LMS uses it.
  CMILessonStatus: { pattern: oneOf("passed", "completed", "failed", "incomplete", "browsed") },
  CMIObjectiveStatus: {
    pattern: oneOf("passed", "completed", "failed", "incomplete", "browsed", "not attempted"),
  },
  CMIExit: { pattern: /^(time-out|suspend|logout|)$/ },
  CMICredit: { pattern: oneOf("credit", "no-credit") },
  CMIEntry: { pattern: /^(ab-initio|resume|)$/ },
  CMILessonMode: { pattern: oneOf("normal", "browse", "review") },
  CMIInteractionType: {
    pattern: oneOf("true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"),
  },
  // SCORM 1.2 says "wrong"; "incorrect" is the SCORM 2004 word and Moodle rejects it here.
  CMIResult: { pattern: new RegExp(`^(correct|wrong|unanticipated|neutral|${DECIMAL})$`) },
};

const PERCENT = [0, 100];

/**
 * Every element, by its generic name (`n` stands for an array index).
 * access: "r" read-only, "w" write-only, "rw" both.
 */
export const ELEMENTS = {
  "cmi.core.student_id": { access: "r", type: "CMIIdentifier" },
  "cmi.core.student_name": { access: "r", type: "CMIString255" },
  "cmi.core.lesson_location": { access: "rw", type: "CMIString255" },
  "cmi.core.credit": { access: "r", type: "CMICredit" },
  "cmi.core.lesson_status": { access: "rw", type: "CMILessonStatus" },
  "cmi.core.entry": { access: "r", type: "CMIEntry" },
  "cmi.core.score.raw": { access: "rw", type: "CMIDecimal", range: PERCENT },
  "cmi.core.score.min": { access: "rw", type: "CMIDecimal", range: PERCENT },
  "cmi.core.score.max": { access: "rw", type: "CMIDecimal", range: PERCENT },
  "cmi.core.total_time": { access: "r", type: "CMITimespan" },
  "cmi.core.lesson_mode": { access: "r", type: "CMILessonMode" },
  "cmi.core.exit": { access: "w", type: "CMIExit" },
  "cmi.core.session_time": { access: "w", type: "CMITimespan" },
  // 4,096 characters: the SCORM 1.2 limit and Moodle's in standard mode.
  "cmi.suspend_data": { access: "rw", type: "CMIString4096" },
  "cmi.launch_data": { access: "r", type: "CMIString4096" },
  "cmi.comments": { access: "rw", type: "CMIString4096" },
  "cmi.comments_from_lms": { access: "r", type: "CMIString4096" },
  "cmi.objectives.n.id": { access: "rw", type: "CMIIdentifier" },
  "cmi.objectives.n.score.raw": { access: "rw", type: "CMIDecimal", range: PERCENT },
  "cmi.objectives.n.score.min": { access: "rw", type: "CMIDecimal", range: PERCENT },
  "cmi.objectives.n.score.max": { access: "rw", type: "CMIDecimal", range: PERCENT },
  "cmi.objectives.n.status": { access: "rw", type: "CMIObjectiveStatus" },
  "cmi.student_data.mastery_score": { access: "r", type: "CMIDecimal" },
  "cmi.student_data.max_time_allowed": { access: "r", type: "CMITimespan" },
  "cmi.student_data.time_limit_action": { access: "r", type: "CMIString255" },
  "cmi.student_preference.audio": { access: "rw", type: "CMISInteger", range: [-1, 100] },
  "cmi.student_preference.language": { access: "rw", type: "CMIString255" },
  "cmi.student_preference.speed": { access: "rw", type: "CMISInteger", range: [-100, 100] },
  "cmi.student_preference.text": { access: "rw", type: "CMISInteger", range: [-1, 1] },
  // Interactions are write-only in SCORM 1.2: a SCO cannot read its answers back.
  "cmi.interactions.n.id": { access: "w", type: "CMIIdentifier" },
  "cmi.interactions.n.objectives.n.id": { access: "w", type: "CMIIdentifier" },
  "cmi.interactions.n.time": { access: "w", type: "CMITime" },
  "cmi.interactions.n.type": { access: "w", type: "CMIInteractionType" },
  "cmi.interactions.n.correct_responses.n.pattern": { access: "w", type: "CMIFeedback" },
  "cmi.interactions.n.weighting": { access: "w", type: "CMIDecimal", range: [-100, 100] },
  "cmi.interactions.n.student_response": { access: "w", type: "CMIFeedback" },
  "cmi.interactions.n.result": { access: "w", type: "CMIResult" },
  "cmi.interactions.n.latency": { access: "w", type: "CMITimespan" },
};

/** The `_children` keyword of each element that has children (RTE 3.4.2). */
export const CHILDREN = {
  cmi: "core,suspend_data,launch_data,comments,objectives,student_data,student_preference,interactions",
  "cmi.core": "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
  "cmi.core.score": "raw,min,max",
  "cmi.objectives": "id,score,status",
  "cmi.objectives.n.score": "raw,min,max",
  "cmi.student_data": "mastery_score,max_time_allowed,time_limit_action",
  "cmi.student_preference": "audio,language,speed,text",
  "cmi.interactions": "id,objectives,time,type,correct_responses,weighting,student_response,result,latency",
};

/** Arrays, which answer `_count`. */
export const ARRAYS = ["cmi.objectives", "cmi.interactions", "cmi.interactions.n.objectives", "cmi.interactions.n.correct_responses"];

/** The data model version a SCORM 1.2 LMS reports as `cmi._version`. */
export const VERSION = "3.4";

const CHAR = "[0-9a-z]";
const PAIR = `${CHAR}\\.${CHAR}`;
const list = (item) => `${item}(,${item})*`;

/**
 * CMIFeedback formats by interaction type (RTE 3.4.2, cmi.interactions.n.student_response).
 * Moodle and Chamilo do not check them (the preview warns), the strict profile answers 405.
 * "" (no answer) is always allowed.
 */
export const RESPONSE_FORMATS = {
  "true-false": /^[01tf]/, // only the first character counts
  choice: new RegExp(`^(\\{${list(CHAR)}\\}|${list(CHAR)})$`),
  matching: new RegExp(`^(\\{${list(PAIR)}\\}|${list(PAIR)})$`),
  sequencing: new RegExp(`^${list(CHAR)}$`),
  likert: new RegExp(`^${CHAR}$`),
  numeric: new RegExp(`^${DECIMAL}$`),
};

/** Return a warning when `value` is not a response of the interaction type, else "". */
export function responseWarning(type, value) {
  const format = RESPONSE_FORMATS[type];
  if (value === "" || !format || format.test(value)) return "";
  return `${JSON.stringify(value)} is not a ${type} response (RTE 3.4.2 CMIFeedback)`;
}

/** Return the generic name of an element: each array index becomes `n` ("cmi.interactions.n.id"). */
export function genericName(element) {
  return element.replace(/\.(0|[1-9][0-9]*)(?=\.|$)/g, ".n");
}

/** Return "0" if `value` is acceptable for the element with the generic name, else "405". */
export function checkValue(generic, value, types = TYPES) {
  const spec = ELEMENTS[generic];
  if (!types[spec.type].pattern.test(value)) return "405";
  if (spec.range) {
    const number = Number(value);
    if (!(number >= spec.range[0] && number <= spec.range[1])) return "405";
  }
  return "0";
}

const MAX_CENTISECONDS = 9999 * 360000 + 59 * 6000 + 5999;

/** Return a CMITimespan "HHHH:MM:SS.SS" as hundredths of a second. */
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

/** Return the sum of two CMITimespans. */
export function addTimespans(first, second) {
  return formatTimespan(parseTimespan(first) + parseTimespan(second));
}
