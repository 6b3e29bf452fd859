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
  // `lacks` ({"cmi.interactions": ["objectives"]}) plays an LMS that does not implement some
  // elements, as Chamilo 1.11: left out of <parent>._children, a set answers "false", error 401;
  // `unlisted` (true) plays one that gives no _children list at all (error 401 on reading it).
  const calls = [], fail = launchData.fail || {}, lacks = launchData.lacks || {}, unlisted = launchData.unlisted;
  const lacked = (element) => Object.entries(lacks).some(([parent, names]) =>
    names.some((name) => element.startsWith(`${parent}.`) && element.slice(parent.length + 1).replace(/^\d+\./, "").split(".")[0] === name));
  const lastError = api.LMSGetLastError.bind(api);
  let notImplemented = false;
  api.LMSGetLastError = () => (notImplemented ? "401" : lastError());
  const played = (name, args, call) => {
    const [element] = args;
    notImplemented = (name === "LMSSetValue" && lacked(element)) || (name === "LMSGetValue" && unlisted && element.endsWith("._children"));
    if (notImplemented) return name === "LMSSetValue" ? "false" : "";
    const result = call(...args);
    const parent = name === "LMSGetValue" && element.endsWith("._children") && lacks[element.slice(0, -"._children".length)];
    return parent ? result.split(",").filter((child) => !parent.includes(child)).join(",") : result;
  };
  for (const name of ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"]) {
    const call = api[name].bind(api);
    api[name] = (...args) => {
      const started = performance.now();
      if (fail[name] === "throw") {
        calls.push({ name, args, result: "threw", error: "", started });
        throw new Error(`${name} broke (test LMS)`);
      }
      const result = fail[name] === "false" ? "false" : played(name, args, call);
      calls.push({ name, args, result, error: api.LMSGetLastError(), started });
      return result;
    };
  }
  window.lmsCalls = calls;
  window.API = api;
  document.getElementById("sco").src = launchData.sco;
})();
