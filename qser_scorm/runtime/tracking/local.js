/* Qser.tracking.local: no LMS found (opened from disk or a plain web server). The learner sees a
   notice; progress and answers stay in this browser's localStorage, under the course id. */
((Qser) => {
"use strict";

const NOTICE = "No learning platform (LMS) was found, so your results are not reported to anyone. " +
  "Your progress is kept in this browser only.";

function create({ course }) {
  const key = `qser:${course.id}`, ignore = () => {};
  let store = null;
  try { store = window.localStorage; } catch (error) { /* blocked by privacy settings */ }
  return {
    name: "local",
    start() {
      Qser.$("qser-notice").textContent = NOTICE;
      try { return Promise.resolve(store && JSON.parse(store.getItem(key))); } catch (error) { return Promise.resolve(null); }
    },
    save({ state, location }) {
      try { if (store) store.setItem(key, JSON.stringify({ state, location })); }
      catch (error) { Qser.warn("progress not kept in this browser", error); }
    },
    pageViewed: ignore, answered: ignore, assessed: ignore, finish: ignore
  };
}

Qser.tracking.local = { create };
})(window.Qser = window.Qser || {});
