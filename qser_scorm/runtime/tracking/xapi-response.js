/* Qser xAPI responses: an engine answer as an xAPI response string (xAPI 1.0.3 Data 2.4.4.1.1:
   "[,]" separates items, "[.]" a matching pair). Component ids are the authored positions,
   spelled with the characters the build put in the templates (componentIds). */
((Qser) => {
"use strict";

Qser.xapiResponse = function (record, componentIds) {
  const answer = record.response;
  const id = (index) => componentIds.charAt(index);
  if (answer === null || answer === undefined) return "";
  switch (record.type) {
    case "single":
      return id(answer);
    case "multiple":
    case "ordering":
      return answer.map(id).join("[,]");
    case "true-false":
      return answer ? "true" : "false";
    case "matching":
      return answer
        .map((chosen, left) => (chosen === null || chosen === undefined ? "" : id(left) + "[.]" + id(chosen)))
        .filter(Boolean)
        .join("[,]");
    default:
      // fill-in and reflection: the full text (SCORM 1.2 keeps only 255 characters of it)
      return String(record.text === undefined ? answer : record.text);
  }
};
})(window.Qser = window.Qser || {});
