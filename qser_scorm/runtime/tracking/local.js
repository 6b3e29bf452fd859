/* Qser.tracking.local: no LMS found, or it did not answer LMSInitialize. A notice says so; progress
   stays in this browser. Qser.storage(key, area): one JSON value in localStorage (or
   "sessionStorage"); never throws. */
((Qser) => {
"use strict";

Qser.storage = (key, area = "localStorage") => {
  const use = (action) => {
    try { return action(window[area]); } catch (error) { Qser.warn(`browser storage (${key})`, error); return null; }
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
    stateLimit: Infinity, /* localStorage holds megabytes; a state is kilobytes at most */
    start() {
      Qser.notice([lmsSilent ? "notice_lms_silent" : "notice_no_lms", "notice_kept_here"]);
      return Promise.resolve(store.read());
    },
    save: ({ state, location }) => store.write({ state, location }),
    languages: [], /* no LMS to prefer one */
    pageViewed: ignore, answered: ignore, assessed: ignore, finish: ignore, languageChosen: ignore
  };
}

Qser.tracking.local = { create };
})(window.Qser = window.Qser || {});
