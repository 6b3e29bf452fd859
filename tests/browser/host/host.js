// The test LMS: scorm-again's Scorm12API as window.API, or its Scorm2004API as window.API_1484_11,
// with the SCO in a same-origin iframe. The test passes its launch as JSON in the URL fragment:
//   {standard: "scorm12" | "scorm2004", settings: {...API settings}, cmi: {"cmi.core.student_id": ..., ...},
//    sco: "/sco/index.html"}
// `cmi` holds what the LMS owns or kept from an earlier session; it is loaded before the SCO
// calls Initialize, as a real LMS does.
"use strict";

const STANDARDS = {
  scorm12: { api: () => Scorm12API, global: "API", lastError: "LMSGetLastError", get: "LMSGetValue", set: "LMSSetValue",
    methods: ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"] },
  scorm2004: { api: () => Scorm2004API, global: "API_1484_11", lastError: "GetLastError", get: "GetValue", set: "SetValue",
    methods: ["Initialize", "Terminate", "GetValue", "SetValue", "Commit"] }
};

(function launch() {
  const launchData = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  const standard = STANDARDS[launchData.standard || "scorm12"], API = standard.api();
  const api = new API(launchData.settings);
  api.loadFromFlattenedJSON(launchData.cmi);

  // Every LMS call as the SCO made it, with the answer and the error code right after it.
  // `fail` ({LMSCommit: "throw", LMSInitialize: "false"}) makes a method throw or answer "false".
  // `lacks` ({"cmi.interactions": ["objectives"]}) plays an LMS that does not implement some
  // elements, as Chamilo 1.11: left out of <parent>._children, a set answers "false", error 401;
  // `unlisted` (true) plays one that gives no _children list at all (error 401 on reading it).
  const calls = [], fail = launchData.fail || {}, lacks = launchData.lacks || {}, unlisted = launchData.unlisted;
  const lacked = (element) => Object.entries(lacks).some(([parent, names]) =>
    names.some((name) => element.startsWith(`${parent}.`) && element.slice(parent.length + 1).replace(/^\d+\./, "").split(".")[0] === name));
  const lastError = api[standard.lastError].bind(api);
  let notImplemented = false;
  api[standard.lastError] = () => (notImplemented ? "401" : lastError());
  const played = (name, args, call) => {
    const [element] = args;
    notImplemented = (name === standard.set && lacked(element)) || (name === standard.get && unlisted && element.endsWith("._children"));
    if (notImplemented) return name === standard.set ? "false" : "";
    const result = call(...args);
    const parent = name === standard.get && element.endsWith("._children") && lacks[element.slice(0, -"._children".length)];
    return parent ? result.split(",").filter((child) => !parent.includes(child)).join(",") : result;
  };
  for (const name of standard.methods) {
    const call = api[name].bind(api);
    api[name] = (...args) => {
      const started = performance.now();
      if (fail[name] === "throw") {
        calls.push({ name, args, result: "threw", error: "", started });
        throw new Error(`${name} broke (test LMS)`);
      }
      const result = fail[name] === "false" ? "false" : played(name, args, call);
      calls.push({ name, args, result, error: api[standard.lastError](), started });
      return result;
    };
  }
  window.lmsCalls = calls;
  window.lmsApi = window[standard.global] = api;
  document.getElementById("sco").src = launchData.sco;
})();
