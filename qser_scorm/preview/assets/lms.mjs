// A SCORM 1.2 LMS API object (RTE 3.3) that answers as one LMS profile (profiles.mjs): every
// call is checked against the data model table (cmi_model.mjs) and answers with the error code
// that LMS gives.
import { ARRAYS, ELEMENTS, ERROR_STRINGS, VERSION, checkValue, genericName, responseWarning } from "./cmi_model.mjs";

const INDEX = /\.(0|[1-9][0-9]*)(?=\.|$)/g;

/**
 * Return a `window.API` for one session.
 *
 * @param {object} session  `data`: the flat CMI data (element -> string), changed in place;
 *   `changed(element)` hears every value set; `commit()` and `finish()` store it (session.mjs).
 * @param {function} onCall  hears every call: `{name, args, result, error, diagnostic, warning}`;
 *   `warning` is set when a value this LMS accepts breaks a rule other LMSs enforce.
 * @param {object} profile  the LMS (profiles.mjs PROFILES).
 */
export function createApi(session, onCall, profile) {
  const data = session.data;
  let state = "not initialized"; // -> "running" -> "finished"
  let lastError = "0";
  let lastDiagnostic = "";

  function answer(name, args, result, error = "0", diagnostic = "", warning = "") {
    lastError = error;
    lastDiagnostic = diagnostic;
    onCall({ name, args, result, error, diagnostic, warning });
    return result;
  }

  // Responses are checked against their interaction's type, which a SCO sets first (RTE 3.4.2).
  function responseProblem(generic, element, value) {
    if (generic !== "cmi.interactions.n.student_response" && generic !== "cmi.interactions.n.correct_responses.n.pattern") return "";
    const record = /^cmi\.interactions\.[0-9]+/.exec(element)[0];
    return responseWarning(data[`${record}.type`], value);
  }

  function count(arrayPath) {
    const prefix = `${arrayPath}.`;
    let size = 0;
    for (const key of Object.keys(data)) {
      const index = key.startsWith(prefix) ? parseInt(key.slice(prefix.length), 10) : NaN;
      if (index >= 0) size = Math.max(size, index + 1);
    }
    return size;
  }

  // An element name is known if the table has it or anything below it.
  function known(generic) {
    return generic in ELEMENTS || generic in profile.children || ARRAYS.includes(generic) ||
      Object.keys(ELEMENTS).some((name) => name.startsWith(`${generic}.`));
  }

  // The elements the LMS does not implement answer 401 (RTE 3.3.2), with everything below them.
  function unsupported(generic) {
    const name = generic.replace(/\._(children|count)$/, "");
    return profile.unsupported.some((prefix) => name === prefix || name.startsWith(`${prefix}.`));
  }

  // Arrays grow one record at a time: index n is valid up to the current _count (RTE 3.4.2).
  function indexProblem(element) {
    for (const match of element.matchAll(INDEX)) {
      const arrayPath = element.slice(0, match.index);
      const size = count(arrayPath);
      if (Number(match[1]) > size) return `index ${match[1]} skips ahead: ${arrayPath}._count is ${size}`;
    }
    return "";
  }

  /** Resolve an element name to {generic} or {keyword: value}, or {error, diagnostic}. */
  function resolve(element) {
    if (typeof element !== "string" || element === "") return { error: "201", diagnostic: "no element name given" };
    const generic = genericName(element);
    if (profile.absent?.includes(generic)) return { error: "201", diagnostic: `${profile.title} does not know ${element}` };
    const problem = indexProblem(element);
    if (problem) return { error: "201", diagnostic: problem };
    if (generic === "cmi._version") return { keyword: VERSION };
    const keyword = /^(.*)\._(children|count)$/.exec(generic);
    if (keyword) {
      const [, parent, kind] = keyword;
      if (kind === "children" && parent in profile.children) return { keyword: profile.children[parent] };
      if (kind === "count" && ARRAYS.includes(parent)) return { keyword: String(count(element.slice(0, -7))) };
      if (!known(parent)) return { error: "201", diagnostic: `${element}: no such element` };
      return kind === "children"
        ? { error: "202", diagnostic: `${parent} has no children` }
        : { error: "203", diagnostic: `${parent} is not an array` };
    }
    if (!(generic in ELEMENTS)) return { error: "201", diagnostic: `${element}: no such element in SCORM 1.2` };
    return { generic };
  }

  // These two answer the call themselves when they find a problem, and say whether they did.
  function argumentProblem(name, arg) {
    if (arg === "") return false;
    answer(name, [arg], "false", "201", `${name} takes the empty string "" as its argument`);
    return true;
  }

  function notRunning(name, args, result) {
    if (state === "running") return false;
    answer(name, args, result, "301", state === "finished" ? "LMSFinish was already called" : "call LMSInitialize(\"\") first");
    return true;
  }

  return {
    LMSInitialize(arg) {
      if (argumentProblem("LMSInitialize", arg)) return "false";
      if (state === "running" && profile.reinitializes) return answer("LMSInitialize", [arg], "true");
      if (state !== "not initialized") {
        return answer("LMSInitialize", [arg], "false", "101", state === "running" ? "already initialized" : "the session has finished");
      }
      state = "running";
      return answer("LMSInitialize", [arg], "true");
    },
    LMSFinish(arg) {
      if (argumentProblem("LMSFinish", arg)) return "false";
      if (notRunning("LMSFinish", [arg], "false")) return "false";
      state = "finished";
      session.finish();
      return answer("LMSFinish", [arg], "true");
    },
    LMSCommit(arg) {
      if (argumentProblem("LMSCommit", arg)) return "false";
      if (notRunning("LMSCommit", [arg], "false")) return "false";
      session.commit();
      return answer("LMSCommit", [arg], "true");
    },
    LMSGetValue(element) {
      const args = [element];
      if (notRunning("LMSGetValue", args, "")) return "";
      const found = resolve(element);
      if (found.error) return answer("LMSGetValue", args, "", found.error, found.diagnostic);
      if (unsupported(genericName(element))) return answer("LMSGetValue", args, "", "401", `${profile.title} does not implement ${element}`);
      if (found.keyword !== undefined) return answer("LMSGetValue", args, found.keyword);
      if (ELEMENTS[found.generic].access === "w") {
        return answer("LMSGetValue", args, "", "404", `${element} is write-only`);
      }
      return answer("LMSGetValue", args, profile.read(element, data) ?? data[element] ?? "");
    },
    LMSSetValue(element, value) {
      const args = [element, value];
      if (notRunning("LMSSetValue", args, "false")) return "false";
      const found = resolve(element);
      if (found.error) return answer("LMSSetValue", args, "false", found.error, found.diagnostic);
      if (found.keyword !== undefined) return answer("LMSSetValue", args, "false", "402", `${element} is a keyword`);
      const spec = ELEMENTS[found.generic];
      if (spec.access === "r") return answer("LMSSetValue", args, "false", "403", `${element} is read-only`);
      if (unsupported(found.generic)) return answer("LMSSetValue", args, "false", "401", `${profile.title} does not implement ${element}`);
      const text = String(value);
      const range = spec.range ? ` in ${spec.range[0]}..${spec.range[1]}` : "";
      const invalid = checkValue(found.generic, text, profile.types) === "0" ? "" : `${JSON.stringify(text)} is not a valid ${spec.type}${range}`;
      if (invalid && profile.checksValues) return answer("LMSSetValue", args, "false", "405", invalid);
      const badResponse = responseProblem(found.generic, element, text);
      if (badResponse && profile.refusesResponseFormats) return answer("LMSSetValue", args, "false", "405", badResponse);
      data[element] = text;
      session.changed(element);
      const warning = invalid ? `${invalid}: ${profile.title} stores it, Moodle and the SCORM 1.2 RTE answer 405`
        : badResponse ? `${badResponse}: ${profile.title} stores it, a strict LMS answers 405` : "";
      return answer("LMSSetValue", args, "true", "0", "", warning);
    },
    LMSGetLastError() {
      return answer("LMSGetLastError", [], lastError, lastError, lastDiagnostic);
    },
    LMSGetErrorString(code) {
      return answer("LMSGetErrorString", [code], ERROR_STRINGS[code] ?? "", lastError, lastDiagnostic);
    },
    LMSGetDiagnostic(code) {
      const text = code === "" || code === lastError ? lastDiagnostic || ERROR_STRINGS[lastError] : ERROR_STRINGS[code] ?? "";
      return answer("LMSGetDiagnostic", [code], text, lastError, lastDiagnostic);
    },
  };
}
