/* Qser main: builds the engine, the trackers and the views from the course data and wires them
   together, on DOMContentLoaded (after every other runtime script). */
((Qser) => {
"use strict";

const $ = Qser.$, text = Qser.text, { ids, sections } = Qser.contract;
const METHODS = ["save", "pageViewed", "answered", "assessed", "finish", "languageChosen"];

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

/* Runs once per launch: the engine and the trackers (start, save, finish, pagehide). The views
   come from mount(), which runs again when the page's content is replaced (another language). */
function launch() {
  const course = JSON.parse($(ids.course).textContent);
  const quiz = new Qser.Quiz(course), trackerList = pickTrackers({ course }), trackers = composite(trackerList);
  const inLms = trackerList[0].name !== "local";
  const app = { course, quiz, trackers: trackerList, nav: null, view: null, checks: null, mount, state };
  let started = false, exited = false;
  /* Before the first mount: it keeps the launch content as the build wrote it. A choice is told
     to the trackers (the LMS's learner preference) and saved with the state. */
  const languages = app.languages = new Qser.Languages(app, (language) => {
    trackers.languageChosen(language);
    save(false);
  });

  /* The state fits the smallest limit of the trackers that keep it (xAPI keeps none). */
  const stateLimit = Math.min(...trackerList.map((tracker) => tracker.stateLimit ?? Infinity));
  function state() {
    return Qser.state.encode({ attempt: quiz.attempt, submitted: quiz.submitted, closed: quiz.closed,
      language: languages.saved, seed: quiz.seed, visited: app.nav.visited, answers: quiz.answers,
      checks: app.checks.answers, fixed: quiz.fixed }, course, stateLimit);
  }
  const save = (pageChanged) => trackers.save({ state: state(), location: app.nav.bookmark(), pageChanged });
  /* Exit, then pagehide: each tracker finishes once. Attached before anything can fail. */
  const finish = (explicit) => trackers.finish({ completed: Boolean(quiz.lastResult?.final), explicit });
  window.addEventListener("pagehide", () => finish(false));
  /* Back from the back/forward cache, the trackers have finished. An LMS session cannot begin
     again (the API is unusable after LMSFinish, RTE 3.3), so it ends as after Exit; without
     an LMS a reload starts a new session. */
  window.addEventListener("pageshow", (event) => event.persisted && (inLms ? showFinishPage() : location.reload()));

  /* The finish page: what was recorded, how to close; back to the course while the session can
     go on (without an LMS nothing has ended). */
  function showFinishPage() {
    exited = true;
    const result = quiz.lastResult, final = Boolean(result?.final), page = $(ids.finishPage);
    const recorded = !inLms ? "finish_saved_here" : !final ? "finish_saved" : result.passed === false ? "finish_failed" : "finish_passed";
    $(ids.finishRecorded).textContent = text(recorded, { score: result?.scorePercent ?? 0 });
    $(ids.finishHow).textContent = text(inLms ? "finish_close_lms" : "finish_close");
    $(ids.finishBack).hidden = inLms;
    app.nav.pages.forEach(({ id }) => { $(id).hidden = true; });
    $(ids.pager).hidden = $(ids.tools).hidden = $(ids.toc).hidden = true;
    page.hidden = false;
    $(ids.finishPage + sections.titleSuffix).focus();
  }

  /* The views over the current DOM; the ones they replace hand on the position, the pages seen
     and the answers of the content pages' checks. */
  function mount(shown = course) {
    quiz.use(shown);
    const nav = new Qser.Nav(shown, app.nav), view = new Qser.QuizView(quiz);
    /* The content pages' check questions: recorded, never scored; their answers in the state too. */
    const checks = new Qser.Checks(shown, { answered: trackers.answered, counts: () => !quiz.locked, checked: () => save(false) });
    checks.restore(app.checks ? app.checks.answers : {});
    Object.assign(app, { nav, view, checks });
    view.events.on("go", (id) => nav.go(id)); /* the results' links to the pages that explain */
    nav.events.on("page", (page) => {
      if (!started) return;
      if (page.id === sections.assessment) quiz.begin();
      trackers.pageViewed({ ...page, visited: nav.visited.length });
      save(true);
    });
    $(ids.exit).addEventListener("click", () => {
      save(false);
      finish(true);
      showFinishPage();
    });
    $(ids.finishBack).addEventListener("click", () => {
      exited = false;
      $(ids.finishPage).hidden = true;
      $(ids.pager).hidden = $(ids.tools).hidden = false;
      nav.go(nav.index);
    });
    view.render();
    if (exited) showFinishPage();
    return app;
  }
  mount();

  /* At launch the cover shows; Resume there goes back to the saved location. */
  const resume = (progress, bookmark) => {
    if (progress) {
      quiz.restore(progress);
      app.checks.restore(progress.checks);
    }
    /* The learner's saved choice, else the LMS's preferred language, else the one shown. */
    const { language, saved } = languages.pick(progress?.language, trackerList.flatMap((tracker) => tracker.languages || []));
    if (saved) languages.saved = language;
    if (languages.show(language)) trackers.languageChosen(language);
    app.nav.restore(progress ? progress.visited : [], bookmark);
    app.view.resume();
    app.nav.go(0, { focus: false, quiet: true });
  };
  app.ready = trackers.start().then((saved) => {
    /* A review or browse launch: what is stored is shown, nothing the learner does counts. */
    if (trackerList.some((tracker) => tracker.readOnly)) quiz.lock();
    try { resume(saved && Qser.state.decode(saved.state, course), saved?.location); } catch (error) {
      Qser.warn("saved state ignored", error);
      quiz.restart(1);
      resume(null);
    }
    started = true;
    const { nav } = app, { id, title } = course.pages[nav.index];
    trackers.pageViewed({ id, title, index: nav.index, count: course.pages.length, visited: nav.visited.length });

    quiz.events.on("change", () => save(false));
    quiz.events.on("checked", () => save(false));
    const assessed = ({ scorePercent, passed, attempt, final, objectives }, closed) => {
      trackers.assessed({ scorePercent, passed, attempt, final, objectives, closed });
      app.nav.go(sections.results); /* shown first, so its live region announces the result written next */
      app.view.render();
    };
    quiz.events.on("submitted", (result) => {
      for (const record of quiz.records()) trackers.answered(record);
      assessed(result, false);
    });
    quiz.events.on("closed", (result) => assessed(result, true));
    quiz.events.on("retried", () => {
      app.view.restart();
      app.nav.go(sections.assessment);
    });
  });
  window.qser = app;
}

document.addEventListener("DOMContentLoaded", () => {
  try { launch(); } catch (error) {
    Qser.warn("the course could not start; its pages stay readable", error);
    document.querySelectorAll(".qser-page").forEach((section) => { section.hidden = false; });
  }
  document.documentElement.classList.remove("qser-starting");
});
})(window.Qser = window.Qser || {});
