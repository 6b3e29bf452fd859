/* Qser core: the namespace, a tiny event emitter, shared vocabulary and helpers.
   Every runtime file is a classic script on window.Qser, so the package also runs from file://. */
(function (Qser) {
  "use strict";

  /* SCORM 1.2 vocabulary (RTE 3.4.2); mirrors what the Python side writes in the manifest. */
  Qser.SCORM = {
    STATUS: { INCOMPLETE: "incomplete", PASSED: "passed", FAILED: "failed", NOT_ATTEMPTED: "not attempted" },
    EXIT: { SUSPEND: "suspend", NORMAL: "" },
    ENTRY_RESUME: "resume",
    RESULT: { CORRECT: "correct", WRONG: "wrong", NEUTRAL: "neutral" },
    /* Engine question type -> cmi.interactions.n.type */
    INTERACTION_TYPE: {
      single: "choice", multiple: "choice", "true-false": "true-false",
      matching: "matching", ordering: "sequencing", "fill-in": "fill-in", reflection: "fill-in"
    },
    SUSPEND_DATA_MAX: 4096,
    FEEDBACK_MAX: 255
  };

  /* A small event emitter: on(name, fn), emit(name, data). A failing listener never stops the others. */
  Qser.emitter = function () {
    var listeners = {};
    return {
      on: function (name, fn) { (listeners[name] = listeners[name] || []).push(fn); },
      emit: function (name, data) {
        (listeners[name] || []).forEach(function (fn) {
          try { fn(data); } catch (error) { Qser.warn("listener of " + name + " failed", error); }
        });
      }
    };
  };

  Qser.warn = function (message, detail) {
    if (window.console) console.warn("[qser] " + message, detail === undefined ? "" : detail);
  };

  /* Seeded PRNG (mulberry32): the same seed gives the same shuffles, on every launch. */
  Qser.random = function (seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  };

  /* 32-bit FNV-1a hash of a string, for seeds and state checks. */
  Qser.hash = function (text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };

  Qser.shuffled = function (list, random) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var swap = copy[i]; copy[i] = copy[j]; copy[j] = swap;
    }
    return copy;
  };

  Qser.range = function (count) {
    var list = [];
    for (var i = 0; i < count; i++) list.push(i);
    return list;
  };

  Qser.tracking = Qser.tracking || {};
})(window.Qser = window.Qser || {});
