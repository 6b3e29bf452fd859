/* Qser.scorm12Response: a record as SCORM 1.2 CMIFeedback (RTE 3.4.2 student_response and
   correct_responses.n.pattern): "," between choices, "left.right" pairs, t/f. Ids as the course's
   short ids ("readable") or as the authored index in base 36 ("codes"); docs/runtime.md "Records". */
((Qser) => {
"use strict";

const truth = (value) => (value === null || value === undefined ? "" : value ? "t" : "f");
/* A typed text on one line: runtimes built on scorm-again check CMIFeedback with ^.*$ (no line break). */
const line = (text) => text.trim().replace(/\s*[\r\n]+\s*/g, " ");

/* [student_response, pattern] of `record` for question `q` of the course data. */
Qser.scorm12Response = (record, q, style) => {
  const { options = [], left = [], right = [], items = [] } = q.ids || {};
  const spell = (ids) => (style === "codes" ? (id) => ids.indexOf(id).toString(36) : (id) => id);
  const list = (values, ids) => values.map(spell(ids)).join(",");
  const pairs = (values) => values.map(([l, r]) => `${spell(left)(l)}.${spell(right)(r)}`).join(",");
  switch (record.type) {
    case "single": case "multiple": return [list(record.response, options), list(record.correct, options)];
    case "true-false": return [truth(record.response), truth(record.correct)];
    case "matching": return [pairs(record.response), pairs(record.correct)];
    case "ordering": return [list(record.response, items), list(record.correct, items)];
    case "fill-in": return [line(record.response), record.correct[0]];
    default: return [line(record.response), ""];
  }
};
})(window.Qser = window.Qser || {});
