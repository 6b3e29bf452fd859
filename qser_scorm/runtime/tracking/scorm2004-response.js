/* Qser.scorm2004Interaction: the text fields of a record as SCORM 2004 cmi.interactions.n values
   (RTE 4.2.9): learner_response (4.2.9.2), correct_responses.n.pattern (4.2.9.1) and description.
   Choices, sequences and matching pairs are the course's short ids joined by [,] and [.], the
   formats xAPI took from SCORM 2004, so Qser.xapiResponse writes them. */
((Qser) => {
"use strict";

/* RTE 4.2.9: a localized string (description, each fill-in response) up to 250, long-fill-in 4,000. */
const TEXT_MAX = 250, LONG_TEXT_MAX = 4000;

/* A localized string (RTE 4.1.1.7) of at most `max` characters: one line (Moodle's pattern has
   no line ends), and no "{" first, which would open a {lang=} delimiter. */
const localized = (text, max = TEXT_MAX) => Qser.cut(String(text ?? "").replace(/\s+/g, " ").trim().replace(/^\{+/, ""), max);

/* {response, patterns, description} of `record`; `text` is the question's prompt. */
Qser.scorm2004Interaction = (record, text) => {
  const description = text ? localized(text) : "";
  switch (record.type) {
    case "fill-in": return { description, response: localized(record.response),
      /* RTE 4.2.9.1: up to 10 patterns; the engine accepts any case */
      patterns: record.correct.slice(0, 10).map((accepted) => `{case_matters=false}${localized(accepted)}`) };
    case "reflection": return { description, response: localized(record.response, LONG_TEXT_MAX), patterns: [] };
    default: return { description, response: Qser.xapiResponse(record),
      patterns: [Qser.xapiResponse({ ...record, response: record.correct })] };
  }
};
})(window.Qser = window.Qser || {});
