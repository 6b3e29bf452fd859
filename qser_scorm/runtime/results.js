/* Qser.ResultsView: the Results section after a try: the summary, then every question with its
   text, the learner's answer in words, the verdict by icon and words, the correct answer as
   show_correct allows, the question's feedback and a link to the page that explains it; Try
   again and Finish with this score. Answers are put in words from the rendered form's labels. */
((Qser) => {
"use strict";

const $ = Qser.$, text = Qser.text, { ids, data, sections } = Qser.contract, part = Qser.questionElement;
const plain = (element) => (element ? element.textContent.trim() : "");
const label = (inputId) => plain(document.querySelector(`label[for="${inputId}"]`));

/* An answer to `q` in words: the chosen options' labels, "left: right" pairs, the order, the text. */
function inWords(q, answer) {
  const qid = part(q.id).id;
  switch (q.type) {
    case "single": return label(`${qid}-${answer}`);
    case "multiple": return answer.map((i) => label(`${qid}-${i}`)).join("; ");
    case "true-false": return text(`answer_${answer}`);
    case "matching": return answer.map((j, i) => `${plain(part(q.id).querySelector(`[${data.left}="${i}"]`).querySelector("legend"))}: ${
      j === null ? text("not_answered") : label(`${qid}-${i}-${j}`)}`).join("; ");
    case "ordering": return answer.map((i, n) => `${n + 1}. ${plain($(`${qid}-item-${i}`))}`).join("; ");
    default: return String(answer).trim();
  }
}

/* The correct answer in the same words; null for a reflection. */
function correctAnswer(q) {
  const every = Qser.range(q.count || 0);
  return { single: q.correct, multiple: q.correct, "true-false": q.correct, matching: every, ordering: every,
    "fill-in": q.accept && q.accept[0] }[q.type] ?? null;
}

class ResultsView {
  constructor(quiz, events) {
    this.quiz = quiz;
    $(ids.retry).addEventListener("click", () => quiz.retry());
    $(ids.finish).addEventListener("click", () => this.confirmFinish(true));
    $(ids.finishNo).addEventListener("click", () => this.confirmFinish(false));
    $(ids.finishYes).addEventListener("click", () => {
      $(ids.finishConfirm).hidden = true;
      quiz.close();
    });
    $(ids.resultsStart).addEventListener("click", () => events.emit("go", sections.assessment));
    $(ids.review).addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      if (!link) return;
      event.preventDefault();
      events.emit("go", link.getAttribute("href").slice(1));
    });
  }

  /* "Finish with this score" asks first, saying what it means; No returns to the button. */
  confirmFinish(open) {
    $(ids.finishConfirm).hidden = !open;
    if (open) {
      $(ids.finishQuestion).textContent = text("finish_confirm", { score: this.quiz.lastResult.scorePercent });
      $(ids.finishYes).focus();
    } else $(ids.finish).focus();
  }

  render() {
    const quiz = this.quiz, result = quiz.lastResult, attempts = quiz.course.attempts;
    $(ids.retry).hidden = $(ids.finish).hidden = !quiz.canRetry();
    $(ids.resultsStart).hidden = !quiz.answerable;
    if (!quiz.canRetry()) $(ids.finishConfirm).hidden = true;
    $(ids.result).textContent = [
      ...(!result ? [text("result_none")] : [
        text("result_score", { score: result.scorePercent }),
        text(result.passed ? "result_passed" : "result_failed", { pass_mark: quiz.course.passMark }),
        text(attempts ? "result_attempt_of" : "result_attempt", { n: result.attempt, total: attempts })]),
      quiz.locked ? text("result_closed") : quiz.canRetry() ? text("result_can_retry") : ""
    ].filter(Boolean).join(" ");
    const showKey = quiz.showsCorrect();
    $(ids.review).replaceChildren(...(result ? quiz.questions : []).map((q, i) => this.item(q, i + 1, result.results[q.id], showKey)));
  }

  item(q, number, verdict, showKey) {
    const quiz = this.quiz, item = document.createElement("li"), add = (tag, className, content) => {
      const element = document.createElement(tag);
      if (className) element.className = className;
      element.append(...[].concat(content));
      item.append(element);
      return element;
    };
    item.className = `qser-review-${verdict}`;
    const head = add("h3", "qser-verdict", [document.createElement("span"), " ", document.createElement("span")]);
    head.firstChild.className = "qser-icon";
    head.firstChild.setAttribute("aria-hidden", "true");
    head.lastChild.className = "qser-verdict-text";
    Qser.showVerdict(head, verdict);
    head.lastChild.textContent = text("review_item", { n: number, verdict: head.lastChild.textContent });
    add("p", "qser-review-prompt", q.text);
    const facts = add("dl", "", []), fact = (term, value) => {
      const dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = term;
      dd.textContent = value;
      facts.append(dt, dd);
    };
    fact(text("your_answer"), quiz.isAnswered(q) ? inWords(q, quiz.answerOf(q)) : text("not_answered"));
    const correct = correctAnswer(q);
    if (showKey && correct !== null && verdict !== Qser.contract.result.correct) fact(text("correct_option"), inWords(q, correct));
    const feedback = part(q.id).querySelector(`[${data.when}="${verdict}"]`);
    if (feedback) add("p", "qser-review-feedback", feedback.textContent);
    const page = q.page && quiz.course.pages.find((section) => section.id === q.page);
    if (page) {
      const link = document.createElement("a");
      link.href = `#${page.id}`;
      link.textContent = page.title;
      add("p", "", [text("explained_in"), " ", link]);
    }
    return item;
  }
}

Qser.ResultsView = ResultsView;
})(window.Qser = window.Qser || {});
