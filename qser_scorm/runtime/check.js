/* Qser.Checks: the "check your understanding" questions of content pages (templates/check.html).
   Ungraded: Check shows the verdict and feedback at once, and each checked answer goes to the
   trackers as an interaction record of weight 0 (answered(record), as the assessment's), never
   into a score. The verdict and the record come from the engine's static Quiz.resultOf and
   Quiz.record, so a check is judged and recorded exactly as an assessment question. */
((Qser) => {
"use strict";

const { result: RESULT } = Qser.contract;

/* The answer as Quiz.resultOf takes it: an index (single), indexes (multiple), a boolean. */
function answerOf(q, box) {
  const chosen = [...box.querySelectorAll("input:checked")].map((input) => input.value);
  if (chosen.length === 0) return null;
  if (q.type === "true-false") return chosen[0] === "true";
  return q.type === "single" ? Number(chosen[0]) : chosen.map(Number);
}

function show(box, answer, result) {
  const chosen = [].concat(answer).map(String);
  const verdict = box.querySelector(".qser-verdict");
  verdict.hidden = false;
  verdict.textContent = result === null ? Qser.text("check_choose") : Qser.text(`verdict_${result}`);
  box.classList.toggle("qser-correct", result === RESULT.correct);
  box.classList.toggle("qser-wrong", result === RESULT.wrong);
  for (const item of box.querySelectorAll("[data-option]")) {
    const picked = result !== null && chosen.includes(item.dataset.option);
    item.classList.toggle("qser-chosen", picked);
    for (const key of item.querySelectorAll(".qser-key")) key.hidden = result === null;
    for (const feedback of item.querySelectorAll(".qser-option-feedback")) feedback.hidden = !picked;
  }
  for (const paragraph of box.querySelectorAll("[data-when]")) paragraph.hidden = paragraph.dataset.when !== result;
}

class Checks {
  /* `answered(record)` reaches every tracker; `counts()` is false in a launch where nothing the
     learner does counts (review, browse): the check still answers, but nothing is recorded;
     `checked()` after each answer checked (the state to save holds `answers`). */
  constructor(course, { answered, counts, checked }) {
    this.questions = course.checks;
    this.answers = {};
    for (const q of this.questions) {
      const box = Qser.$(q.id);
      let firstChange = null;
      box.addEventListener("change", () => { firstChange = firstChange ?? Date.now(); });
      box.querySelector(".qser-check-button").addEventListener("click", () => {
        const answer = answerOf(q, box);
        const result = answer === null ? null : Qser.Quiz.resultOf(q, answer);
        show(box, answer, result);
        if (result === null || !counts()) return;
        this.answers[q.id] = answer;
        const now = Date.now();
        answered(Qser.Quiz.record(q, answer, result, { latencyMs: now - (firstChange ?? now), timestamp: new Date(now) }));
        checked();
      });
    }
  }

  /* The answers checked in an earlier session (state.js): chosen and judged again, not recorded again. */
  restore(answers) {
    for (const q of this.questions) {
      if (!(q.id in answers)) continue;
      const box = Qser.$(q.id), answer = answers[q.id], chosen = [].concat(answer).map(String);
      for (const input of box.querySelectorAll("input")) input.checked = chosen.includes(input.value);
      show(box, answer, Qser.Quiz.resultOf(q, answer));
      this.answers[q.id] = answer;
    }
  }
}

Qser.Checks = Checks;
})(window.Qser = window.Qser || {});
