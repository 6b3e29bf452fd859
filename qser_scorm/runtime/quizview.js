/* Qser.QuizView: binds the server-rendered form to the engine: reads answers, applies shuffled
   orders, shows one question per screen (display: one_per_screen) with Check and a review before
   submitting, marks the learner's choice and the verdict. The results list is Qser.ResultsView.
   Events: "go" (section id: the learner asks for another section). */
((Qser) => {
"use strict";

const $ = Qser.$, text = Qser.text;
const { ids, data, result: RESULT } = Qser.contract, part = Qser.questionElement;
const all = (root, selector) => [...root.querySelectorAll(selector)];

/* Put the elements of `container` matching `selector` in the `order` of their `attribute`. */
function arrange(container, selector, attribute, order) {
  const byKey = Object.fromEntries(all(container, selector).map((el) => [el.getAttribute(attribute), el]));
  order.forEach((key) => byKey[key] && container.appendChild(byKey[key]));
}

/* A verdict as icon and words (never colour alone): the icon is decoration, the words are read. */
Qser.showVerdict = (element, verdict) => {
  element.querySelector(".qser-icon").textContent = verdict ? { correct: "✓", wrong: "✗", neutral: "✎" }[verdict] : "";
  element.querySelector(".qser-verdict-text").textContent = verdict ? text(`verdict_${verdict}`) : "";
};

class QuizView {
  constructor(quiz) {
    this.quiz = quiz;
    this.events = Qser.emitter();
    this.stepwise = quiz.course.display === "one_per_screen";
    this.screen = null; /* index in quiz.asked(); one past the last is the review screen; null: not yet shown */
    const form = $(ids.quiz);
    form.classList.toggle("qser-stepwise", this.stepwise);
    form.addEventListener("submit", (event) => { event.preventDefault(); this.requestSubmit(); });
    form.addEventListener("input", (event) => this.changed(event.target));
    form.addEventListener("change", (event) => this.changed(event.target));
    form.addEventListener("click", (event) => this.clicked(event));
    Qser.dragOrdering(form, (item) => this.moved(item));
    $(ids.quizPrevious).addEventListener("click", () => this.show(this.screen - 1));
    $(ids.quizNext).addEventListener("click", () => this.show(this.screen + 1));
    $(ids.submitYes).addEventListener("click", () => {
      $(ids.submitConfirm).hidden = true;
      quiz.submit();
    });
    $(ids.submitNo).addEventListener("click", () => {
      $(ids.submitConfirm).hidden = true;
      $(ids.submit).focus();
    });
    $(ids.submit).hidden = false;
    this.results = new Qser.ResultsView(quiz, this.events);
  }

  clicked(event) {
    const target = event.target, link = target.closest(`#${ids.quizReviewList} a`);
    this.move(target.closest(".qser-move button"));
    if (target.closest(".qser-check-answer")) this.check(target.closest(`fieldset[${data.question}]`).getAttribute(data.question));
    if (link) {
      event.preventDefault();
      this.show(this.quiz.asked().findIndex((q) => part(q.id).id === link.getAttribute("href").slice(1)));
    }
  }

  /* Submit at once when every question is answered; else ask, saying how many are not (a try is spent). */
  requestSubmit() {
    const quiz = this.quiz, missing = quiz.unanswered().length, asked = quiz.asked().length;
    if (!quiz.answerable) return;
    if (!missing) return quiz.submit();
    $(ids.submitQuestion).textContent = missing === asked ? text("submit_confirm_none")
      : text("submit_confirm_some", { n: missing, total: asked });
    $(ids.submitConfirm).hidden = false;
    $(ids.submitYes).focus();
  }

  /* Check: the verdict at once; the focus moves to it, so a screen reader reads it (no live region). */
  check(id) {
    const q = this.quiz.byId[id];
    this.quiz.check(id);
    this.renderQuestion(q);
    if (this.quiz.verdict(q)) part(id, "feedback").focus();
  }

  changed(element) {
    const id = element.closest(`fieldset[${data.question}]`)?.getAttribute(data.question);
    if (!id) return;
    const q = this.quiz.byId[id];
    this.quiz.setAnswer(id, this.read(q));
    const checkButton = part(id, "check");
    if (checkButton) checkButton.disabled = !this.quiz.isAnswered(q);
  }

  /* Move an ordering item; the focus stays on the pressed button (or its twin at the list's end). */
  move(button) {
    if (!button || button.disabled) return;
    const item = button.closest("li"), list = item.parentNode, up = button.classList.contains("qser-up");
    const sibling = up ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling) return;
    list.insertBefore(item, up ? sibling : sibling.nextElementSibling);
    this.moved(item);
    (button.disabled ? item.querySelector(up ? ".qser-down" : ".qser-up") : button).focus();
  }

  /* After a move by button or by drag: the buttons at the ends, the announcement, the answer. */
  moved(item) {
    const list = item.parentNode;
    this.updateMoves(list);
    $(ids.announce).textContent = text("item_position", { item: item.querySelector(".qser-item-text").textContent,
      n: [...list.children].indexOf(item) + 1, total: list.children.length });
    this.changed(list);
  }

  updateMoves(list) {
    const last = list.children.length - 1, open = this.quiz.open(list.closest(`fieldset[${data.question}]`).getAttribute(data.question));
    list.classList.toggle("qser-fixed", !open);
    [...list.children].forEach((item, i) => {
      item.querySelector(".qser-up").disabled = !open || i === 0;
      item.querySelector(".qser-down").disabled = !open || i === last;
    });
  }

  /* The learner's answer as the engine takes it (docs/runtime.md). */
  read(q) {
    const f = part(q.id), value = (input) => (q.type === "true-false" ? input.value === "true" : Number(input.value));
    switch (q.type) {
      case "single": case "true-false": return all(f, "input:checked").map(value).concat(null)[0];
      case "multiple": return all(f, "input:checked").map(value).sort((a, b) => a - b);
      case "matching": return all(f, `[${data.left}]`).map((group) => all(group, "input:checked").map(value).concat(null)[0]);
      case "ordering": return all(f, `li[${data.item}]`).map((li) => Number(li.getAttribute(data.item)));
      default: return part(q.id, "answer").value;
    }
  }

  write(q, answer) {
    const f = part(q.id), field = part(q.id, "answer");
    if (q.type === "matching") {
      all(f, `[${data.left}]`).forEach((group, i) => all(group, "input").forEach((input) => {
        input.checked = Boolean(answer) && answer[i] === Number(input.value);
      }));
    } else {
      all(f, "input[type=radio], input[type=checkbox]").forEach((input) => {
        const value = q.type === "true-false" ? input.value === "true" : Number(input.value);
        input.checked = q.type === "multiple" ? (answer || []).includes(value) : answer === value;
      });
    }
    if (field) field.value = answer || "";
  }

  /* Show the engine's state: display orders, answers, verdicts, the screen, the results. */
  render() {
    const quiz = this.quiz;
    for (const q of quiz.questions) {
      const f = part(q.id), list = f.querySelector(".qser-options, .qser-ordering");
      if (q.type === "single" || q.type === "multiple") arrange(list, "li", data.option, quiz.order(q));
      if (q.type === "matching") all(f, ".qser-options").forEach((options) => arrange(options, "li", data.option, quiz.order(q)));
      if (q.type === "ordering") arrange(list, "li", data.item, quiz.answerOf(q));
      this.renderQuestion(q);
    }
    $(ids.submitConfirm).hidden = true;
    this.layout();
    this.results.render();
  }

  renderQuestion(q) {
    const quiz = this.quiz, f = part(q.id), open = quiz.open(q.id), verdict = quiz.verdict(q), checkButton = part(q.id, "check");
    this.write(q, quiz.answerOf(q));
    all(f, "input, textarea").forEach((el) => { el.disabled = !open; });
    if (q.type === "ordering") this.updateMoves(f.querySelector(".qser-ordering"));
    if (checkButton) {
      checkButton.hidden = !open || quiz.course.feedback !== "immediate";
      checkButton.disabled = !quiz.isAnswered(q);
    }
    this.feedback(q, f, verdict, Boolean(verdict) && quiz.showsCorrect());
  }

  /* The verdict and feedback; the learner's choice stays marked in words ("Your answer") once it
     is fixed, and the correct answers show as show_correct allows. */
  feedback(q, f, verdict, showKey) {
    const feedback = part(q.id, "feedback"), hint = part(q.id, "hint"), fixed = !this.quiz.open(q.id);
    const described = [hint && hint.id, verdict && feedback.id].filter(Boolean).join(" ");
    feedback.hidden = !verdict;
    f.classList.toggle("qser-correct", verdict === RESULT.correct);
    f.classList.toggle("qser-wrong", verdict === RESULT.wrong);
    if (described) f.setAttribute("aria-describedby", described); else f.removeAttribute("aria-describedby");
    Qser.showVerdict(feedback, verdict);
    all(f, `[${data.when}]`).forEach((p) => { p.hidden = p.getAttribute(data.when) !== verdict; });
    all(f, ".qser-key").forEach((key) => { key.hidden = !showKey; });
    all(f, `li[${data.option}]`).forEach((li) => {
      const chosen = fixed && li.querySelector("input").checked;
      li.classList.toggle("qser-chosen", chosen);
      li.classList.toggle("qser-right-option", showKey && Boolean(li.querySelector(".qser-key")));
      li.querySelector(".qser-tag-chosen").hidden = !chosen;
      const note = li.querySelector(".qser-option-feedback");
      if (note) note.hidden = !verdict || !li.querySelector("input").checked;
    });
  }

  /* One question per screen while answering; every question once submitted (or all_at_once). */
  layout() {
    const quiz = this.quiz, asked = quiz.asked(), stepping = this.stepwise && quiz.answerable;
    /* A learner who comes back goes on at the first question not answered yet (or the review). */
    const firstOpen = asked.findIndex((q) => !quiz.isAnswered(q));
    this.screen = Math.min(this.screen ?? (firstOpen < 0 ? asked.length : firstOpen), asked.length);
    const reviewing = stepping && this.screen === asked.length, current = asked[this.screen];
    for (const q of quiz.questions) part(q.id).hidden = stepping && q !== current;
    $(ids.quizIntro).hidden = stepping && this.screen > 0;
    $(ids.quizProgress).hidden = !stepping || reviewing;
    $(ids.quizSteps).hidden = !stepping;
    $(ids.quizReview).hidden = !reviewing;
    $(ids.submit).hidden = !quiz.answerable || (stepping && !reviewing);
    if (!stepping) return;
    $(ids.quizPosition).textContent = text("question_of", { n: this.screen + 1, total: asked.length });
    Object.assign($(ids.quizBar), { max: asked.length, value: Math.min(this.screen + 1, asked.length) });
    $(ids.quizPrevious).disabled = this.screen === 0;
    $(ids.quizNext).hidden = reviewing;
    $(ids.quizNext).textContent = text(this.screen === asked.length - 1 ? "review_answers" : "next_question");
    if (reviewing) this.review(asked);
  }

  /* The review before submitting: every question asked, answered or not, each a link to its screen. */
  review(asked) {
    const missing = this.quiz.unanswered();
    $(ids.quizReviewSummary).textContent = text("review_summary", { n: asked.length - missing.length, total: asked.length });
    $(ids.quizReviewList).replaceChildren(...asked.map((q, i) => {
      const item = document.createElement("li"), link = document.createElement("a"), status = document.createElement("strong");
      link.href = `#${part(q.id).id}`;
      link.textContent = `${text("question_of", { n: i + 1, total: asked.length })}: ${q.text}`;
      status.textContent = text(missing.includes(q) ? "not_answered" : "answered");
      item.classList.toggle("qser-unanswered", missing.includes(q));
      item.append(link, " ", status);
      return item;
    }));
  }

  /* Show screen `screen` (a question, or the review) and move the focus to its start. */
  show(screen) {
    if (screen < 0) return;
    this.screen = screen;
    this.layout();
    $(this.screen === this.quiz.asked().length ? ids.quizReviewTitle : ids.quizPosition).focus();
    window.scrollTo(0, 0);
  }

  /* A new try starts at its first question. */
  restart() {
    this.screen = 0;
    this.render();
  }

  /* After a saved state is restored: on at the first question not answered yet (layout). */
  resume() {
    this.screen = null;
    this.render();
  }
}

Qser.QuizView = QuizView;
})(window.Qser = window.Qser || {});
