/* Qser.Quiz: the assessment engine. Knows questions, answers, attempts and scores; knows nothing
   of the page or of any tracking standard. Events: "change" (question id), "submitted" (result),
   "retried", "closed" (result: the learner finished with it while tries remained). */
((Qser) => {
"use strict";

const RESULT = Qser.contract.result;
const normaliseText = (text) => String(text || "").trim().replace(/\s+/g, " ").toLocaleLowerCase();
const isIdentity = (list) => list.every((value, index) => value === index);

class Quiz {
  constructor(course) {
    this.use(course);
    this.events = Qser.emitter();
    this.seed = Math.floor(Math.random() * 0x3fffffff);
    this.restart(1);
  }

  /* The course data, or the same course in another language (same ids, types and weights): a
     typed answer is then checked against that language's accepted answers. */
  use(course) {
    this.course = course;
    this.questions = course.questions;
    this.byId = Object.fromEntries(this.questions.map((q) => [q.id, q]));
  }

  /* Attempt `attempt` from the start: no answers, no result, answer times from now. */
  restart(attempt) {
    this.restore({ seed: this.seed, attempt, answers: {}, submitted: false, closed: false });
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

  setAnswer(id, value) {
    if (!this.answerable || !this.byId[id]) return;
    if (!(id in this.firstChange)) this.firstChange[id] = this.lastChange;
    this.changedAt[id] = this.lastChange = Date.now();
    this.answers[id] = value;
    this.events.emit("change", id);
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

  retry() {
    if (!this.canRetry()) return;
    this.restart(this.attempt + 1);
    this.events.emit("retried", this.attempt);
  }

  /* The learner reached the questions: answer times count from now, unless answering began. */
  begin() {
    if (Object.keys(this.changedAt).length === 0) this.lastChange = Date.now();
  }

  /* The submitted attempt, one neutral record per question (docs/runtime.md, "Records"). */
  records() {
    return this.questions.map((q) => Quiz.record(q, this.answerOf(q), this.lastResult.results[q.id], this.timing(q.id)));
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
    this.submitted = saved.submitted;
    this.closed = saved.closed;
    this.lastResult = saved.submitted ? this.evaluate() : null;
  }
}

Qser.Quiz = Quiz;
})(window.Qser = window.Qser || {});
