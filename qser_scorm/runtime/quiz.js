/* Qser.Quiz: the assessment engine. Knows questions, answers, attempts and scores; knows nothing
   of the page or of SCORM. Events: "change" (question id), "submitted" (result), "retried". */
(function (Qser) {
  "use strict";

  var RESULT = Qser.SCORM.RESULT;

  function normaliseText(text) {
    return String(text || "").trim().replace(/\s+/g, " ").toLocaleLowerCase();
  }

  function isIdentity(list) {
    return list.every(function (value, index) { return value === index; });
  }

  function Quiz(course) {
    this.course = course;
    this.questions = course.questions;
    this.byId = {};
    this.questions.forEach(function (q) { this.byId[q.id] = q; }, this);
    this.events = Qser.emitter();
    this.seed = Math.floor(Math.random() * 0x3fffffff);
    this.attempt = 1;
    this.submitted = false;
    this.answers = {};
    this.lastResult = null;
    this._resetTimes();
  }

  Quiz.prototype._resetTimes = function () {
    this.attemptStart = Date.now();
    this.lastChange = this.attemptStart;
    this.firstChange = {};
    this.changedAt = {};
  };

  /* The display order of a question's options (single, multiple), answers (matching) or the
     starting order of its items (ordering): the author's order, or shuffled when the course asks,
     with a seed kept in the state, so each learner and attempt sees one stable order. */
  Quiz.prototype.order = function (question) {
    var start = question.start || Qser.range(question.count || 0);
    if (!this.course.shuffle || start.length < 2) return start;
    var random = Qser.random(this.seed ^ Qser.hash(question.id + "#" + this.attempt));
    var order = Qser.shuffled(start, random);
    while (question.type === "ordering" && isIdentity(order)) order = Qser.shuffled(order, random);
    return order;
  };

  Quiz.prototype.answerOf = function (question) {
    if (question.id in this.answers) return this.answers[question.id];
    return question.type === "ordering" ? this.order(question) : null;
  };

  Quiz.prototype.setAnswer = function (id, value) {
    if (this.submitted || !this.byId[id]) return;
    var now = Date.now();
    if (!(id in this.firstChange)) this.firstChange[id] = this.lastChange;
    this.changedAt[id] = this.lastChange = now;
    this.answers[id] = value;
    this.events.emit("change", id);
  };

  Quiz.prototype.resultOf = function (question, answer) {
    if (question.type === "reflection") return RESULT.NEUTRAL;
    var correct = false;
    if (answer !== null && answer !== undefined) {
      switch (question.type) {
        case "single": correct = question.correct[0] === answer; break;
        case "multiple": correct = answer.slice().sort().join() === question.correct.join(); break;
        case "true-false": correct = answer === question.correct; break;
        case "matching": correct = answer.length === question.count && isIdentity(answer); break;
        case "ordering": correct = isIdentity(answer); break;
        case "fill-in":
          correct = question.accept.some(function (text) { return normaliseText(text) === normaliseText(answer); });
          break;
      }
    }
    return correct ? RESULT.CORRECT : RESULT.WRONG;
  };

  /* Weighted score in percent (2 decimals), pass/fail by the course's pass mark. */
  Quiz.prototype.evaluate = function () {
    var results = {}, total = 0, earned = 0;
    this.questions.forEach(function (q) {
      var result = results[q.id] = this.resultOf(q, this.answerOf(q));
      total += q.weight;
      if (result === RESULT.CORRECT) earned += q.weight;
    }, this);
    var scorePercent = total > 0 ? Math.round((earned / total) * 10000) / 100 : 100;
    var passed = scorePercent >= this.course.passMark;
    var noAttemptLeft = this.course.attempts > 0 && this.attempt >= this.course.attempts;
    return { scorePercent: scorePercent, passed: passed, attempt: this.attempt,
      final: passed || noAttemptLeft, results: results };
  };

  Quiz.prototype.submit = function () {
    if (this.submitted) return this.lastResult;
    this.submitted = true;
    this.lastResult = this.evaluate();
    this.events.emit("submitted", this.lastResult);
    return this.lastResult;
  };

  Quiz.prototype.canRetry = function () {
    return this.submitted && !this.lastResult.final;
  };

  Quiz.prototype.retry = function () {
    if (!this.canRetry()) return;
    this.attempt += 1;
    this.submitted = false;
    this.answers = {};
    this.lastResult = null;
    this._resetTimes();
    this.events.emit("retried", this.attempt);
  };

  /* Time spent on a question: from the answer before its first change to its last change. */
  Quiz.prototype.timing = function (id) {
    var changed = this.changedAt[id];
    if (!changed) return { latencyMs: 0, timestamp: new Date() };
    return { latencyMs: changed - this.firstChange[id], timestamp: new Date(changed) };
  };

  /* Restore a decoded state (see state.js); answers of unknown questions are already dropped. */
  Quiz.prototype.restore = function (saved) {
    this.seed = saved.seed;
    this.attempt = Math.max(1, saved.attempt);
    this.answers = saved.answers;
    this.submitted = false;
    if (saved.submitted) {
      this.submitted = true;
      this.lastResult = this.evaluate();
    }
  };

  Qser.Quiz = Quiz;
  Qser.normaliseText = normaliseText;
})(window.Qser = window.Qser || {});
