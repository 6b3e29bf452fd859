/* Qser.Quiz: the assessment engine. Knows questions, answers, attempts and scores; knows nothing
   of the page or of any tracking standard. Events: "change" (question id), "checked" (question id),
   "submitted" (result), "retried", "closed" (result: the learner finished with it while tries remained). */
((Qser) => {
"use strict";

const RESULT = Qser.contract.result;
const normaliseText = (text) => String(text || "").trim().replace(/\s+/g, " ").toLocaleLowerCase();
const isIdentity = (list) => list.every((value, index) => value === index);
/* Why a question's answer is fixed for the try: checked by the learner, or kept from the try before. */
const FIXED = { checked: "checked", kept: "kept" };

class Quiz {
  constructor(course) {
    this.course = course;
    this.questions = course.questions;
    this.byId = Object.fromEntries(this.questions.map((q) => [q.id, q]));
    this.events = Qser.emitter();
    this.seed = Math.floor(Math.random() * 0x3fffffff);
    this.restart(1);
  }

  /* Attempt `attempt` from the start: no answers, no result, answer times from now. */
  restart(attempt, answers = {}, fixed = {}) {
    this.restore({ seed: this.seed, attempt, answers, fixed, submitted: false, closed: false });
    this.lastChange = Date.now();
    this.firstChange = {};
    this.changedAt = {};
  }

  /* Display order of options (single, multiple), answers (matching) or the starting order of
     items (ordering): the author's, or shuffled when the course asks, by a seed kept in the
     state, so each learner and attempt sees one stable order. */
  order(q) {
    const start = q.start || Qser.range(q.count || 0);
    if (!this.course.shuffle || start.length < 2) return start;
    const random = Qser.random(this.seed ^ Qser.hash(`${q.id}#${this.attempt}`));
    let order = Qser.shuffled(start, random);
    while (q.type === "ordering" && isIdentity(order)) order = Qser.shuffled(order, random);
    return order;
  }

  answerOf(q) {
    if (q.id in this.answers) return this.answers[q.id];
    return q.type === "ordering" ? this.order(q) : null;
  }

  /* Answers may change: not submitted, and not a launch in which nothing counts (lock). */
  get answerable() { return !this.submitted && !this.locked; }

  /* This question's answer may change: answerable, and neither checked nor kept in this try. */
  open(id) { return this.answerable && Boolean(this.byId[id]) && !this.fixed[id]; }

  /* The questions this try asks: all but those kept from the try before (retry: wrong_only). */
  asked() { return this.questions.filter((q) => this.fixed[q.id] !== FIXED.kept); }

  /* Answered: something chosen, a text that is not blank, an order the learner set. */
  isAnswered(q) {
    const answer = this.answers[q.id];
    if (answer === undefined || answer === null) return false;
    if (q.type === "matching") return answer.some((j) => j !== null);
    if (Array.isArray(answer)) return answer.length > 0;
    return typeof answer !== "string" || answer.trim() !== "";
  }

  unanswered() { return this.asked().filter((q) => !this.isAnswered(q)); }

  /* An empty answer is no answer: it is not kept, and a reflection left empty is not recorded. */
  setAnswer(id, value) {
    if (!this.open(id)) return;
    if (!(id in this.firstChange)) this.firstChange[id] = this.lastChange;
    this.changedAt[id] = this.lastChange = Date.now();
    this.answers[id] = value;
    if (!this.isAnswered(this.byId[id]) && this.byId[id].type !== "ordering") delete this.answers[id];
    this.events.emit("change", id);
  }

  /* "Check" (feedback: immediate): the verdict now, and the answer is fixed for this try, or the
     learner could probe the options one by one. A reflection has nothing to check. */
  check(id) {
    const q = this.byId[id];
    if (!this.open(id) || q.type === "reflection" || !this.isAnswered(q)) return;
    this.fixed[id] = FIXED.checked;
    this.events.emit("checked", id);
  }

  /* The verdict the learner may see on `q` now: after Check, or once submitted; else null. */
  verdict(q) {
    if (this.lastResult) return this.lastResult.results[q.id];
    return this.fixed[q.id] ? Quiz.resultOf(q, this.answerOf(q)) : null;
  }

  /* Whether the correct answers show (show_correct): always once a verdict is seen; after_pass once
     passed; after_last_try once the outcome is final; never. */
  showsCorrect() {
    const result = this.lastResult, rule = this.course.showCorrect;
    if (rule === "always") return true;
    if (!result) return false;
    return rule === "after_pass" ? result.passed : rule === "after_last_try" ? result.final : false;
  }

  /* The verdict on `answer` to `q` (any question: the assessment's or a content page's check). */
  static resultOf(q, answer) {
    if (q.type === "reflection") return RESULT.neutral;
    const right = answer !== null && answer !== undefined && {
      single: () => q.correct[0] === answer,
      multiple: () => answer.slice().sort((a, b) => a - b).join() === q.correct.join(),
      "true-false": () => answer === q.correct,
      matching: () => answer.length === q.count && isIdentity(answer),
      ordering: () => isIdentity(answer),
      "fill-in": () => q.accept.some((text) => normaliseText(text) === normaliseText(answer))
    }[q.type]();
    return right ? RESULT.correct : RESULT.wrong;
  }

  /* Weighted score of `questions` in percent (2 decimals); null when none of them is scored. */
  static scoreOf(questions, results) {
    let total = 0, earned = 0;
    for (const q of questions) {
      total += q.weight;
      if (results[q.id] === RESULT.correct) earned += q.weight;
    }
    return total > 0 ? Math.round((earned / total) * 10000) / 100 : null;
  }

  /* The score, passed by the course's pass mark, the same per learning objective (score null:
     no scored question), and final: passed, no try left, or closed by the learner. */
  evaluate() {
    const results = Object.fromEntries(this.questions.map((q) => [q.id, Quiz.resultOf(q, this.answerOf(q))]));
    const scorePercent = Quiz.scoreOf(this.questions, results) ?? 100, passMark = this.course.passMark;
    const passed = scorePercent >= passMark;
    const noAttemptLeft = this.course.attempts > 0 && this.attempt >= this.course.attempts;
    const objectives = (this.course.objectives || []).map((id) => {
      const score = Quiz.scoreOf(this.questions.filter((q) => q.objective === id), results);
      return { id, scorePercent: score, passed: score === null ? null : score >= passMark };
    });
    return { scorePercent, passed, attempt: this.attempt, final: passed || noAttemptLeft || this.closed, results, objectives };
  }

  submit() {
    if (!this.answerable) return;
    this.submitted = true;
    this.lastResult = this.evaluate();
    this.events.emit("submitted", this.lastResult);
  }

  canRetry() { return !this.locked && this.submitted && !this.lastResult.final; }

  /* "Finish with this score": the submitted result becomes final although tries remain. */
  close() {
    if (!this.canRetry()) return;
    this.closed = true;
    this.lastResult = this.evaluate();
    this.events.emit("closed", this.lastResult);
  }

  /* A launch in which nothing counts (a review): the stored state is shown, nothing changes. */
  lock() { this.locked = true; }

  /* The next try keeps the reflections; with retry: wrong_only also the right answers, and asks
     only the questions answered wrongly (kept answers are fixed). */
  retry() {
    if (!this.canRetry()) return;
    const onlyWrong = this.course.retry === "wrong_only", answers = {}, fixed = {};
    for (const q of this.questions) {
      const verdict = this.lastResult.results[q.id];
      if (!(q.id in this.answers) || verdict === RESULT.wrong) continue;
      if (q.type === "reflection" || onlyWrong) answers[q.id] = this.answers[q.id];
      if (onlyWrong) fixed[q.id] = FIXED.kept;
    }
    this.restart(this.attempt + 1, answers, fixed);
    this.events.emit("retried", this.attempt);
  }

  /* The learner reached the questions: answer times count from now, unless answering began. */
  begin() {
    if (Object.keys(this.changedAt).length === 0) this.lastChange = Date.now();
  }

  /* The submitted attempt, one neutral record per question (docs/runtime.md, "Records"). */
  records() {
    return this.questions.filter((q) => q.type !== "reflection" || this.isAnswered(q)).map((q) => Quiz.record(q, this.answerOf(q), this.lastResult.results[q.id], this.timing(q.id)));
  }

  /* One answer as a neutral record: the response and the correct answer in the course's short
     ids, which each tracker formats for its standard; `timing` is {latencyMs, timestamp}. */
  static record(q, answer, result, timing) {
    const { options = [], left = [], right = [], items = [] } = q.ids || {};
    const [response, correct] = {
      single: () => [answer === null ? [] : [options[answer]], q.correct.map((i) => options[i])],
      multiple: () => [(answer || []).map((i) => options[i]), q.correct.map((i) => options[i])],
      "true-false": () => [answer, q.correct],
      matching: () => [(answer || []).flatMap((j, i) => (j === null ? [] : [[left[i], right[j]]])),
        left.map((id, i) => [id, right[i]])],
      ordering: () => [answer.map((i) => items[i]), items],
      "fill-in": () => [String(answer || ""), q.accept]
    }[q.type]?.() || [String(answer || ""), null];
    return { id: q.id, type: q.type, objective: q.objective, response, correct, result, weight: q.weight, ...timing };
  }

  /* Time on a question: from the answer before its first change to its last change. */
  timing(id) {
    const changed = this.changedAt[id];
    return changed ? { latencyMs: changed - this.firstChange[id], timestamp: new Date(changed) }
      : { latencyMs: 0, timestamp: new Date() };
  }

  /* Restore a decoded state (state.js); answers of unknown questions are already dropped. */
  restore(saved) {
    this.seed = saved.seed;
    this.attempt = Math.max(1, saved.attempt);
    this.answers = saved.answers;
    this.fixed = saved.fixed || {};
    this.submitted = saved.submitted;
    this.closed = saved.closed;
    this.lastResult = saved.submitted ? this.evaluate() : null;
  }
}

Quiz.FIXED = FIXED;
Qser.Quiz = Quiz;
})(window.Qser = window.Qser || {});
