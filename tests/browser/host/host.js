// The test LMS: scorm-again's Scorm12API as window.API, the SCO in a same-origin iframe.
// The test passes its launch as JSON in the URL fragment:
//   {settings: {...Scorm12API settings}, cmi: {"cmi.core.student_id": ..., ...}, sco: "/sco/index.html"}
// `cmi` holds what the LMS owns or kept from an earlier session; it is loaded before the SCO
// calls LMSInitialize, as a real LMS does.
"use strict";

(function launch() {
  const launchData = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  const api = new Scorm12API(launchData.settings);
  api.loadFromFlattenedJSON(launchData.cmi);

  // Every LMS call as the SCO made it, with the answer and the error code right after it.
  // `fail` ({LMSCommit: "throw", LMSInitialize: "false"}) makes a method throw or answer "false".
  const calls = [], fail = launchData.fail || {};
  for (const name of ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"]) {
    const call = api[name].bind(api);
    api[name] = (...args) => {
      const started = performance.now();
      if (fail[name] === "throw") {
        calls.push({ name, args, result: "threw", error: "", started });
        throw new Error(`${name} broke (test LMS)`);
      }
      const result = fail[name] === "false" ? "false" : call(...args);
      calls.push({ name, args, result, error: api.LMSGetLastError(), started });
      return result;
    };
  }
  window.lmsCalls = calls;
  window.API = api;
  document.getElementById("sco").src = launchData.sco;
})();
