/* Qser main: reads the course data, builds the engine, the views and the trackers, and wires
   them together. Runs on DOMContentLoaded, after every other runtime script has loaded. */
((Qser) => {
"use strict";

const $ = Qser.$, METHODS = ["save", "pageViewed", "answered", "assessed", "finish"];

/* SCORM when an LMS API is found and answers LMSInitialize, else local storage; xAPI beside
   either when it applies. */
function pickTrackers(context) {
  const { scorm12, local, xapi } = Qser.tracking, lms = scorm12.create(context);
  const list = [lms && !lms.finished ? lms : local.create({ ...context, lmsSilent: Boolean(lms) })];
  try {
    const extra = xapi && xapi.create(context);
    if (extra) list.push(extra);
  } catch (error) { Qser.warn("xAPI tracker not started", error); }
  return list;
}

/* All trackers behind one interface: each call goes to every tracker; none can break the page.
   start() resolves the first saved state found, in list order. */
function composite(trackers) {
  const guarded = (tracker, method, argument) => Promise.resolve().then(() => tracker[method](argument))
    .catch((error) => Qser.warn(`${tracker.name}.${method} failed`, error));
  const all = {
    start: () => Promise.all(trackers.map((tracker) => guarded(tracker, "start")))
      .then((found) => found.find((saved) => saved && (saved.state || saved.location)) || null)
  };
  for (const method of METHODS) {
    all[method] = (argument) => trackers.forEach((tracker) => {
      try { tracker[method](argument); } catch (error) { Qser.warn(`${tracker.name}.${method} failed`, error); }
    });
  }
  return all;
}

function boot() {
  const course = JSON.parse($("qser-course").textContent);
  const quiz = new Qser.Quiz(course), nav = new Qser.Nav(course.pages), view = new Qser.QuizView(quiz);
  const trackerList = pickTrackers({ course }), trackers = composite(trackerList);
  let ended = false;
  nav.go(0, { focus: false });

  const state = () => Qser.state.encode({ attempt: quiz.attempt, submitted: quiz.submitted, seed: quiz.seed,
    visited: nav.visited, answers: quiz.answers }, course, Qser.SCORM.SUSPEND_DATA_MAX);
  const save = (pageChanged) => trackers.save({ state: state(), location: nav.current(), pageChanged });
  const finish = () => {
    if (ended) return;
    ended = true;
    trackers.finish({ completed: Boolean(quiz.lastResult && quiz.lastResult.final) });
  };

  const ready = trackers.start().then((saved) => {
    const progress = saved && Qser.state.decode(saved.state, course);
    if (progress) {
      quiz.restore(progress);
      nav.visited = progress.visited;
    }
    view.render();
    if (saved && nav.indexOf(saved.location) >= 0) nav.go(saved.location, { focus: false });
    const { id, title } = course.pages[nav.index];
    trackers.pageViewed({ id, title, index: nav.index, count: course.pages.length });

    nav.events.on("page", (page) => {
      if (page.id === "qser-assessment") quiz.begin();
      trackers.pageViewed(page);
      save(true);
    });
    quiz.events.on("change", () => save(false));
    quiz.events.on("submitted", (result) => {
      for (const q of quiz.questions) {
        trackers.answered(Qser.record(q, quiz.answerOf(q), result.results[q.id], quiz.timing(q.id)));
      }
      const { scorePercent, passed, attempt, final } = result;
      trackers.assessed({ scorePercent, passed, attempt, final });
      nav.go("qser-results"); /* shown first, so its live region announces the result written next */
      view.render();
    });
    quiz.events.on("retried", () => {
      view.render();
      nav.go("qser-assessment");
    });
    $("qser-exit").addEventListener("click", () => {
      save(false);
      finish();
      $("qser-main").hidden = $("qser-pager").hidden = $("qser-tools").hidden = true;
      $("qser-notice").textContent = "Your progress is saved. You can close this window now.";
    });
    window.addEventListener("pagehide", finish);
  });

  window.qser = { course, quiz, nav, view, trackers: trackerList, state, ready };
}

document.addEventListener("DOMContentLoaded", () => {
  try { boot(); } catch (error) {
    Qser.warn("the course could not start; its pages stay readable", error);
    document.querySelectorAll(".qser-page").forEach((section) => { section.hidden = false; });
  }
  document.documentElement.classList.remove("qser-starting");
});
})(window.Qser = window.Qser || {});
