/* Qser.tracking.local: no LMS was found, or it did not answer LMSInitialize. The learner sees a
   notice; progress and answers stay in this browser's localStorage, under the course id.
   Qser.storage(key) is that storage: one JSON value per key; it never throws. */
((Qser) => {
"use strict";

const KEPT = "Your progress is kept in this browser only.";
const MISSING = "No learning platform (LMS) was found, so your results are not reported to anyone. ";
const SILENT = "The learning platform (LMS) did not answer, so your results are not reported. ";

Qser.storage = (key) => {
  let warned = false; /* storage blocked or full: say so once, not on every write */
  const use = (action) => {
    try { return action(window.localStorage); } catch (error) {
      if (!warned) Qser.warn(`nothing kept in this browser (${key})`, error);
      warned = true;
      return null;
    }
  };
  return {
    read: () => use((store) => JSON.parse(store.getItem(key))),
    write: (value) => use((store) => store.setItem(key, JSON.stringify(value))),
    clear: () => use((store) => store.removeItem(key))
  };
};

function create({ course, lmsSilent }) {
  const store = Qser.storage(`qser:${course.id}`), ignore = () => {};
  return {
    name: "local",
    start() {
      Qser.$("qser-notice").textContent = (lmsSilent ? SILENT : MISSING) + KEPT;
      return Promise.resolve(store.read());
    },
    save: ({ state, location }) => store.write({ state, location }),
    pageViewed: ignore, answered: ignore, assessed: ignore, finish: ignore
  };
}

Qser.tracking.local = { create };
})(window.Qser = window.Qser || {});
