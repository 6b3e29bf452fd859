/* Qser main: builds the engine, views and trackers from the course data and wires them together,
   on DOMContentLoaded (after every other runtime script). */
((Qser) => {
"use strict";

const $ = Qser.$, { ids, sections } = Qser.contract, METHODS = ["save", "pageViewed", "answered", "assessed", "finish"];

/* cmi5 alone when launched by a cmi5 LMS (it keeps the saved state in the LMS); else SCORM (2004 if
   the LMS offers its API, else 1.2) when the LMS answers Initialize, else browser storage; xAPI
   beside either if it applies. */
function pickTrackers(context) {
  const cmi5 = Qser.tracking.cmi5.create(context);
  if (cmi5) return [cmi5];
  const { scorm2004, scorm12, local, xapi } = Qser.tracking, lms = scorm2004.create(context) || scorm12.create(context);
  const list = [lms && !lms.finished ? lms : local.create({ ...context, lmsSilent: Boolean(lms) })];
  try {
    const extra = xapi && xapi.create(context);
    if (extra) list.push(extra);
  } catch (error) { Qser.warn("xAPI tracker not started", error); }
  return list;
}

/* Each call goes to every tracker, in list order; none can break the page. start() resolves
   the first saved state found. */
function composite(trackers) {
  const each = (method, argument) => trackers.map((tracker) => {
    const failed = (error) => Qser.warn(`${tracker.name}.${method} failed`, error);
    try { return Promise.resolve(tracker[method](argument)).catch(failed); } catch (error) { return failed(error); }
  });
  const all = { start: () => Promise.all(each("start")).then((found) => found.find((saved) => saved && (saved.state || saved.location))) };
  for (const method of METHODS) all[method] = (argument) => { each(method, argument); };
  return all;
}

function boot() {
  const course = JSON.parse($(ids.course).textContent);
  const quiz = new Qser.Quiz(course), nav = new Qser.Nav(course.pages), view = new Qser.QuizView(quiz);
  const trackerList = pickTrackers({ course }), trackers = composite(trackerList);
  /* The content pages' check questions: recorded, never scored; their answers in the state too. */
  const checks = new Qser.Checks(course, { answered: trackers.answered, counts: () => !quiz.locked, checked: () => save(false) });
  nav.go(0, { focus: false });

  /* The state fits the smallest limit of the trackers that keep it (xAPI keeps none). */
  const stateLimit = Math.min(...trackerList.map((tracker) => tracker.stateLimit ?? Infinity));
  const state = () => Qser.state.encode({ attempt: quiz.attempt, submitted: quiz.submitted, closed: quiz.closed,
    seed: quiz.seed, visited: nav.visited, answers: quiz.answers, checks: checks.answers }, course, stateLimit);
  const save = (pageChanged) => trackers.save({ state: state(), location: nav.current(), pageChanged });
  /* Exit, then pagehide: each tracker finishes once. Attached before anything can fail. */
  const finish = (explicit) => trackers.finish({ completed: Boolean(quiz.lastResult?.final), explicit });
  const ended = () => {
    $(ids.main).hidden = $(ids.pager).hidden = $(ids.tools).hidden = true;
    $(ids.notice).textContent = Qser.text("exit_notice");
  };
  $(ids.exit).addEventListener("click", () => {
    save(false);
    finish(true);
    ended();
  });
  window.addEventListener("pagehide", () => finish(false));
  /* Back from the back/forward cache, the trackers have finished. An LMS session cannot begin
     again (the API is unusable after LMSFinish, RTE 3.3), so it ends as after Exit; without
     an LMS a reload starts a new session. */
  const inLms = trackerList[0].name !== "local";
  window.addEventListener("pageshow", (event) => event.persisted && (inLms ? ended() : location.reload()));

  const resume = (progress, bookmark) => {
    if (progress) {
      quiz.restore(progress);
      checks.restore(progress.checks);
      nav.visited = progress.visited;
    }
    view.render();
    nav.go(nav.indexOf(bookmark) >= 0 ? bookmark : 0, { focus: false });
  };
  const ready = trackers.start().then((saved) => {
    /* A review or browse launch: what is stored is shown, nothing the learner does counts. */
    if (trackerList.some((tracker) => tracker.readOnly)) quiz.lock();
    try { resume(saved && Qser.state.decode(saved.state, course), saved?.location); } catch (error) {
      Qser.warn("saved state ignored", error);
      quiz.restart(1);
      nav.visited = [];
      resume(null);
    }
    const { id, title } = course.pages[nav.index];
    trackers.pageViewed({ id, title, index: nav.index, count: course.pages.length, visited: nav.visited.length });

    nav.events.on("page", (page) => {
      if (page.id === sections.assessment) quiz.begin();
      trackers.pageViewed({ ...page, visited: nav.visited.length });
      save(true);
    });
    quiz.events.on("change", () => save(false));
    const assessed = ({ scorePercent, passed, attempt, final, objectives }, closed) => {
      trackers.assessed({ scorePercent, passed, attempt, final, objectives, closed });
      nav.go(sections.results); /* shown first, so its live region announces the result written next */
      view.render();
    };
    quiz.events.on("submitted", (result) => {
      for (const record of quiz.records()) trackers.answered(record);
      assessed(result, false);
    });
    quiz.events.on("closed", (result) => assessed(result, true));
    quiz.events.on("retried", () => {
      view.render();
      nav.go(sections.assessment);
    });
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
