/* Qser.QuizView: binds the server-rendered form to the engine: reads answers, applies shuffled
   orders, moves ordering items with buttons (keyboard-friendly), shows feedback and results. */
((Qser) => {
"use strict";

const $ = Qser.$, text = Qser.text, verdictText = (result) => text(`verdict_${result}`);
const { ids, data, result: RESULT } = Qser.contract, part = Qser.questionElement;
const all = (root, selector) => [...root.querySelectorAll(selector)];

/* Put the elements of `container` matching `selector` in the `order` of their `attribute`. */
function arrange(container, selector, attribute, order) {
  const byKey = Object.fromEntries(all(container, selector).map((el) => [el.getAttribute(attribute), el]));
  order.forEach((key) => byKey[key] && container.appendChild(byKey[key]));
}

class QuizView {
  constructor(quiz) {
    this.quiz = quiz;
    const form = $(ids.quiz);
    form.addEventListener("submit", (event) => { event.preventDefault(); quiz.submit(); });
    form.addEventListener("input", (event) => this.changed(event.target));
    form.addEventListener("change", (event) => this.changed(event.target));
    form.addEventListener("click", (event) => this.move(event.target.closest(".qser-move button")));
    $(ids.retry).addEventListener("click", () => quiz.retry());
    $(ids.finish).addEventListener("click", () => this.confirmFinish(true));
    $(ids.finishNo).addEventListener("click", () => this.confirmFinish(false));
    $(ids.finishYes).addEventListener("click", () => {
      $(ids.finishConfirm).hidden = true;
      quiz.close();
    });
    $(ids.submit).hidden = false;
  }

  /* "Finish with this score" asks first, saying what it means; No returns to the button. */
  confirmFinish(open) {
    $(ids.finishConfirm).hidden = !open;
    if (open) {
      $(ids.finishQuestion).textContent = text("finish_confirm", { score: this.quiz.lastResult.scorePercent });
      $(ids.finishYes).focus();
    } else $(ids.finish).focus();
  }

  changed(element) {
    const id = element.closest(`fieldset[${data.question}]`)?.getAttribute(data.question);
    if (id) this.quiz.setAnswer(id, this.read(this.quiz.byId[id]));
  }

  /* Move an ordering item; the focus stays on the pressed button (or its twin at the list's end). */
  move(button) {
    if (!button || button.disabled) return;
    const item = button.closest("li"), list = item.parentNode, up = button.classList.contains("qser-up");
    const sibling = up ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling) return;
    list.insertBefore(item, up ? sibling : sibling.nextElementSibling);
    this.updateMoves(list);
    (button.disabled ? item.querySelector(up ? ".qser-down" : ".qser-up") : button).focus();
    $(ids.announce).textContent = text("item_position", { item: item.querySelector(".qser-item-text").textContent,
      n: [...list.children].indexOf(item) + 1, total: list.children.length });
    this.changed(list);
  }

  updateMoves(list) {
    const last = list.children.length - 1;
    [...list.children].forEach((item, i) => {
      item.querySelector(".qser-up").disabled = !this.quiz.answerable || i === 0;
      item.querySelector(".qser-down").disabled = !this.quiz.answerable || i === last;
    });
  }

  /* The learner's answer as the engine takes it (docs/runtime.md). */
  read(q) {
    const f = part(q.id), values = (selector, attribute) => all(f, selector).map((el) => {
      const v = attribute ? el.getAttribute(attribute) : el.value;
      return v === "" ? null : q.type === "true-false" ? v === "true" : Number(v);
    });
    switch (q.type) {
      case "single": case "true-false": return values("input:checked").concat(null)[0];
      case "multiple": return values("input:checked").sort((a, b) => a - b);
      case "matching": return values("select");
      case "ordering": return values(`li[${data.item}]`, data.item);
      default: return part(q.id, "answer").value;
    }
  }

  write(q, answer) {
    const f = part(q.id), text = part(q.id, "answer");
    all(f, "input[type=radio], input[type=checkbox]").forEach((input) => {
      const value = q.type === "true-false" ? input.value === "true" : Number(input.value);
      input.checked = q.type === "multiple" ? (answer || []).includes(value) : answer === value;
    });
    all(f, "select").forEach((select, i) => {
      select.value = answer && typeof answer[i] === "number" ? String(answer[i]) : "";
    });
    if (text) text.value = answer || "";
  }

  /* Show the engine's state: display orders, answers, and the review once submitted. */
  render() {
    const quiz = this.quiz, result = quiz.lastResult;
    for (const q of quiz.questions) {
      const f = part(q.id), answer = quiz.answerOf(q), list = f.querySelector(".qser-options, .qser-ordering");
      if (q.type === "single" || q.type === "multiple") arrange(list, "li", data.option, quiz.order(q));
      all(f, "select").forEach((select) => arrange(select, "option[value]", "value", quiz.order(q)));
      if (q.type === "ordering") {
        arrange(list, "li", data.item, answer);
        this.updateMoves(list);
      }
      this.write(q, answer);
      all(f, "input, select, textarea").forEach((el) => { el.disabled = !quiz.answerable; });
      this.feedback(q, f, result && result.results[q.id], result && result.final);
    }
    $(ids.submit).hidden = !quiz.answerable;
    this.results();
  }

  /* The verdict and feedback; the correct answers only once no attempt is left. */
  feedback(q, f, verdict, showKey) {
    const feedback = part(q.id, "feedback"), hint = part(q.id, "hint");
    const described = [hint && hint.id, verdict && feedback.id].filter(Boolean).join(" ");
    feedback.hidden = !verdict;
    f.classList.toggle("qser-correct", verdict === RESULT.correct);
    f.classList.toggle("qser-wrong", verdict === RESULT.wrong);
    if (described) f.setAttribute("aria-describedby", described); else f.removeAttribute("aria-describedby");
    f.querySelector(".qser-verdict").textContent = verdict ? verdictText(verdict) : "";
    all(f, `[${data.when}]`).forEach((p) => { p.hidden = p.getAttribute(data.when) !== verdict; });
    all(f, ".qser-key").forEach((key) => { key.hidden = !showKey; });
    all(f, ".qser-option-feedback").forEach((note) => {
      note.hidden = !verdict || !note.parentNode.querySelector("input").checked;
    });
  }

  results() {
    const quiz = this.quiz, result = quiz.lastResult, review = $(ids.review), attempts = quiz.course.attempts;
    $(ids.retry).hidden = $(ids.finish).hidden = !quiz.canRetry();
    if (!quiz.canRetry()) $(ids.finishConfirm).hidden = true;
    $(ids.result).textContent = [
      ...(!result ? [text("result_none")] : [
        text("result_score", { score: result.scorePercent }),
        text(result.passed ? "result_passed" : "result_failed", { pass_mark: quiz.course.passMark }),
        text(attempts ? "result_attempt_of" : "result_attempt", { n: result.attempt, total: attempts })]),
      quiz.locked ? text("result_closed") : quiz.canRetry() ? text("result_can_retry") : ""
    ].filter(Boolean).join(" ");
    review.replaceChildren(...(result ? quiz.questions : []).map((q, i) => {
      const item = document.createElement("li");
      item.className = `qser-review-${result.results[q.id]}`;
      item.textContent = text("review_item", { n: i + 1, verdict: verdictText(result.results[q.id]) });
      return item;
    }));
  }
}

Qser.QuizView = QuizView;
})(window.Qser = window.Qser || {});
