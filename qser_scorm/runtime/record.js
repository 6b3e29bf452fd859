/* Qser.record: one answered question as trackers receive it, with the response in SCORM 1.2's
   CMIFeedback formats (RTE 3.4.2, cmi.interactions.n.student_response / correct_responses). */
((Qser) => {
"use strict";

/* Options, pairs and items are single characters 0-9a-z by their authored index (at most 36). */
const letter = (index) => index.toString(36);
const letters = (list) => list.map(letter).join(",");
const pairs = (list) => list.map((j, i) => (j === null ? "" : `${letter(i)}.${letter(j)}`)).filter(Boolean).join(",");

function formats(q, answer) {
  const all = Qser.range(q.count || 0);
  switch (q.type) {
    case "single": return [answer === null ? "" : letter(answer), letter(q.correct[0])];
    case "multiple": return [letters(answer || []), letters(q.correct)];
    case "true-false": return [answer === null ? "" : answer ? "t" : "f", q.correct ? "t" : "f"];
    case "matching": return [pairs(answer || []), pairs(all)];
    case "ordering": return [letters(answer), letters(all)];
    case "fill-in": return [String(answer || "").trim(), q.accept[0]];
    default: return [String(answer || "").trim(), ""];
  }
}

Qser.record = (q, answer, result, timing) => {
  const [response, pattern] = formats(q, answer), max = Qser.SCORM.FEEDBACK_MAX;
  return {
    id: q.id, type: q.type, objective: q.objective, response: answer,
    scormType: Qser.SCORM.INTERACTION_TYPE[q.type],
    scormResponse: Qser.cut(response, max), scormPattern: Qser.cut(pattern, max),
    result, weight: q.weight, latencyMs: timing.latencyMs, timestamp: timing.timestamp,
    text: q.type === "fill-in" || q.type === "reflection" ? String(answer || "") : undefined
  };
};
})(window.Qser = window.Qser || {});
