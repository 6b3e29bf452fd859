// The test LMS: scorm-again's Scorm12API as window.API, or its Scorm2004API as window.API_1484_11,
// with the SCO in a same-origin iframe. The test passes its launch as JSON in the URL fragment:
//   {standard: "scorm12" | "scorm2004", settings: {...API settings}, cmi: {"cmi.core.student_id": ..., ...},
//    sco: "/sco/index.html"}
// `cmi` holds what the LMS owns or kept from an earlier session; it is loaded before the SCO
// calls Initialize, as a real LMS does.
"use strict";

const STANDARDS = {
  scorm12: { api: () => Scorm12API, global: "API", lastError: "LMSGetLastError",
    methods: ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"] },
  scorm2004: { api: () => Scorm2004API, global: "API_1484_11", lastError: "GetLastError",
    methods: ["Initialize", "Terminate", "GetValue", "SetValue", "Commit"] }
};

(function launch() {
  const launchData = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  const standard = STANDARDS[launchData.standard || "scorm12"], API = standard.api();
  const api = new API(launchData.settings);
  api.loadFromFlattenedJSON(launchData.cmi);

  // Every LMS call as the SCO made it, with the answer and the error code right after it.
  // `fail` ({LMSCommit: "throw", LMSInitialize: "false"}) makes a method throw or answer "false".
  const calls = [], fail = launchData.fail || {};
  for (const name of standard.methods) {
    const call = api[name].bind(api);
    api[name] = (...args) => {
      const started = performance.now();
      if (fail[name] === "throw") {
        calls.push({ name, args, result: "threw", error: "", started });
        throw new Error(`${name} broke (test LMS)`);
      }
      const result = fail[name] === "false" ? "false" : call(...args);
      calls.push({ name, args, result, error: api[standard.lastError](), started });
      return result;
    };
  }
  window.lmsCalls = calls;
  window.lmsApi = window[standard.global] = api;
  document.getElementById("sco").src = launchData.sco;
})();
