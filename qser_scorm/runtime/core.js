/* Qser core: the namespace, a tiny event emitter, small helpers. Every runtime file is a classic
   script on window.Qser, so the package also runs from file://. The names and limits shared with
   the build are in Qser.contract (runtime/contract.js, written by the build; loaded before this). */
((Qser) => {
"use strict";

Qser.warn = (message, detail = "") => console.warn(`[qser] ${message}`, detail);

/* on(name, fn), emit(name, data); a failing listener never stops the others. */
Qser.emitter = () => {
  const listeners = {};
  return {
    on: (name, fn) => (listeners[name] = listeners[name] || []).push(fn),
    emit: (name, data) => (listeners[name] || []).forEach((fn) => {
      try { fn(data); } catch (error) { Qser.warn(`listener of ${name} failed`, error); }
    })
  };
};

Qser.$ = (id) => document.getElementById(id);

/* A question's fieldset, or one of its parts ("answer", "feedback", "hint", "list"). */
Qser.questionElement = (id, part) => {
  const { prefix, parts } = Qser.contract.question;
  return Qser.$(prefix + id + (part ? parts[part] : ""));
};

/* An interface text in the course language ("ui" in the course JSON; docs/authoring.md) with
   `values` in its {placeholders}; numbers written as the language does (the browser's CLDR),
   at most 2 decimals, as Babel writes them in the HTML. Read again when the course JSON is
   another element (the page's content replaced by another language's, language.js). */
let source = null, texts = null, numbers = null;
Qser.text = (key, values = {}) => {
  const element = Qser.$(Qser.contract.ids.course);
  if (element !== source) {
    const course = JSON.parse(element.textContent);
    source = element;
    texts = course.ui;
    numbers = new Intl.NumberFormat(course.language, { maximumFractionDigits: 2 });
  }
  const show = (value) => (typeof value === "number" ? numbers.format(value) : String(value));
  return texts[key].replace(/\{(\w+)\}/g, (_, name) => show(values[name]));
};

/* The tracking notice (#qser-notice), by the keys of its texts: `add` puts them after the ones
   shown. Kept by key, so the notice is shown again in another language's content (language.js). */
let noticeKeys = [];
Qser.notice = (keys, add = false) => {
  noticeKeys = add ? noticeKeys.concat(keys) : keys;
  Qser.notice.show();
};
Qser.notice.show = () => {
  Qser.$(Qser.contract.ids.notice).textContent = noticeKeys.map((key) => Qser.text(key)).join(" ");
};

/* The first `size` UTF-16 units of `text`, never half a surrogate pair (an emoji stays whole or goes). */
Qser.cut = (text, size) => text.slice(0, size).replace(/[\uD800-\uDBFF]$/, "");

/* An ISO 8601 duration to the hundredth of a second, e.g. PT1H2M3.45S: xAPI's (Data 4.6) and
   SCORM 2004's timeinterval (RTE 4.1.1.7), which Moodle refuses with more decimals. */
Qser.isoDuration = (ms) => {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360000), minutes = Math.floor((centis % 360000) / 6000);
  return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${(centis % 6000) / 100}S`;
};

Qser.range = (count) => Array.from({ length: count }, (_, i) => i);

/* 32-bit FNV-1a hash of a string, for seeds and state checks. */
Qser.hash = (text) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/* Seeded PRNG (mulberry32): the same seed gives the same shuffle on every launch. */
Qser.random = (seed) => () => {
  seed = (seed + 0x6D2B79F5) >>> 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

Qser.shuffled = (list, random) => {
  const copy = list.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
};

Qser.tracking = Qser.tracking || {};

/* Loaded in <head>: until main.js has started, the CSS shows only the first section, so the
   whole course never flashes by. Without JavaScript every section stays visible. */
document.documentElement.classList.add("qser-starting");
})(window.Qser = window.Qser || {});
