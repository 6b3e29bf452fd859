// Loads the runtime's pure modules into a fresh context, as the page does: classic scripts on
// window.Qser, after the contract the build wrote (its path in QSER_CONTRACT, set by
// tests/test_runtime_js.py). Only what core.js touches at load exists of the document.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const RUNTIME = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "qser_scorm", "runtime");

export function loadRuntime(...files) {
  const warnings = [];
  const context = vm.createContext({
    console: { warn: (...args) => warnings.push(args.join(" ")) },
    document: { documentElement: { classList: { add() {} } } },
  });
  context.window = context;
  vm.runInContext(fs.readFileSync(process.env.QSER_CONTRACT, "utf8"), context);
  for (const file of ["core.js", ...files]) {
    vm.runInContext(fs.readFileSync(path.join(RUNTIME, file), "utf8"), context, { filename: file });
  }
  return { Qser: context.Qser, warnings, copy: (value) => JSON.parse(JSON.stringify(value)) };
}

// A course with one question of each type, as render/site.py writes its data.
export const COURSE = {
  id: "js-course", passMark: 75, attempts: 2, shuffle: false, responses: "readable",
  checks: [],
  pages: [{ id: "qser-overview" }, { id: "page-one" }, { id: "qser-assessment" }, { id: "qser-results" }],
  questions: [
    { id: "single", type: "single", weight: 1, objective: "obj_a", count: 3, correct: [1],
      ids: { options: ["red", "green", "blue"] } },
    { id: "multiple", type: "multiple", weight: 2, objective: "obj_a", count: 3, correct: [0, 2],
      ids: { options: ["red", "green", "blue"] } },
    { id: "truth", type: "true-false", weight: 1, objective: "obj_b", correct: false },
    { id: "pairs", type: "matching", weight: 1, objective: "obj_b", count: 3, start: [2, 0, 1],
      ids: { left: ["cat", "dog", "cow"], right: ["meow", "woof", "moo"] } },
    { id: "steps", type: "ordering", weight: 1, count: 3, start: [2, 1, 0],
      ids: { items: ["first", "second", "third"] } },
    { id: "word", type: "fill-in", weight: 1, accept: ["Seven", "7"] },
    { id: "think", type: "reflection", weight: 0 },
  ],
};

export const RIGHT = { single: 1, multiple: [0, 2], truth: false, pairs: [0, 1, 2], steps: [0, 1, 2], word: "  seven ", think: "A thought" };
