/* Qser xAPI responses: a record's response as an xAPI response string (xAPI 1.0.3 Data 2.4.4.1.1:
   "[,]" separates items, "[.]" a matching pair). Component ids are the course's short ids, as in
   the activity definitions the build wrote (qser_scorm/xapi/activities.py). */
((Qser) => {
"use strict";

Qser.xapiResponse = function (record) {
  const response = record.response;
  switch (record.type) {
    case "single":
    case "multiple":
    case "ordering":
      return response.join("[,]");
    case "true-false":
      return response === null || response === undefined ? "" : String(response);
    case "matching":
      return response.map((pair) => pair.join("[.]")).join("[,]");
    default:
      // fill-in and reflection: the full text (a SCORM 1.2 interaction keeps only part of it)
      return response;
  }
};
})(window.Qser = window.Qser || {});
