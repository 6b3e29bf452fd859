/* Qser.state: progress and answers as one short string, within the size limit the saving trackers
   state (their stateLimit): bit-packed answers keyed to question ids by a 6-bit check, then texts,
   cut to fit. The layout is in docs/runtime.md ("State"). */
((Qser) => {
"use strict";

const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", VERSION = "B", SEED_BITS = 30;
/* Version A, before the closed bit: still read, so a learner keeps a state saved by an older package. */
const VERSION_BEFORE_CLOSED = "A";

const width = (max) => (max > 0 ? max.toString(2).length : 0);
const bits = (value, size) => (size ? value.toString(2).padStart(size, "0") : "");
const gamma = (value) => bits(0, width(value) - 1) + value.toString(2);
const checkDigit = (text) => DIGITS[Qser.hash(text) & 63];

class Reader {
  constructor(text) {
    this.bits = [...text].map((digit) => {
      if (!DIGITS.includes(digit)) throw new Error("not base64url");
      return bits(DIGITS.indexOf(digit), 6);
    }).join("");
    this.at = 0;
  }
  read(size) {
    if (this.at + size > this.bits.length) throw new Error("state too short");
    this.at += size;
    return size ? parseInt(this.bits.substr(this.at - size, size), 2) : 0;
  }
  gamma() {
    let zeros = 0;
    while (this.read(1) === 0) zeros++;
    return 2 ** zeros + this.read(zeros);
  }
}

const check = (q) => Qser.hash(`${q.id}|${q.type}|${q.count || 0}`) & 63;
const isText = (q) => q.type === "fill-in" || q.type === "reflection";

/* An answer as `slots` numbers of `size` bits each, every one below `bound`; texts have no slots
   (they follow the bits). */
function codec(q) {
  const n = q.count || 0, all = Qser.range(n);
  const [slots, size, bound, toSlots, fromSlots] = {
    single: [1, width(n - 1), n, (a) => [a], (v) => v[0]],
    "true-false": [1, 1, 2, (a) => [a ? 1 : 0], (v) => v[0] === 1],
    multiple: [n, 1, 2, (a) => all.map((i) => (a.includes(i) ? 1 : 0)), (v) => all.filter((i) => v[i])],
    matching: [n, width(n), n + 1, (a) => a.map((j) => (j === null ? 0 : j + 1)), (v) => v.map((j) => (j ? j - 1 : null))],
    ordering: [n, width(n - 1), n, (a) => a, (v) => v]
  }[q.type] || [0, 0, 0, () => [], () => ""];
  return {
    size: slots * size,
    write: (answer) => toSlots(answer).map((v) => bits(v, size)).join(""),
    read: (r) => {
      const v = Qser.range(slots).map(() => r.read(size));
      /* A corrupt state can hold indexes the bits allow but the question has not; an order repeats none. */
      if (v.some((x) => x >= bound) || (q.type === "ordering" && new Set(v).size < n)) throw new Error("answer out of range");
      return fromSlots(v);
    }
  };
}

const escapeText = (text) => text.replace(/%/g, "%25").replace(/~/g, "%7E");
const unescapeText = (text) => text.replace(/%7E/g, "~").replace(/%25/g, "%");

/* Texts cut to one common length, the largest with which all fit in `budget` characters. */
function fitTexts(texts, budget) {
  const used = (cap) => texts.reduce((sum, t) => sum + 1 + escapeText(Qser.cut(t, cap)).length, 0);
  let low = 0, high = Math.max(0, ...texts.map((t) => t.length));
  if (used(high) <= budget) return texts;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (used(mid) <= budget) low = mid; else high = mid - 1;
  }
  return texts.map((t) => Qser.cut(t, low));
}

/* The assessment's questions, then the pages' check questions: one list of records, so a state
   saved before checks existed reads the same, and an older package skips the checks' records.
   (A course object without `checks` has none: the codec takes hand-made courses too.) */
const checksOf = (course) => course.checks || [];
const recorded = (course) => [...course.questions, ...checksOf(course)];

/* Encode {attempt, submitted, closed, seed, visited: [page index], answers: {id: answer},
   checks: {id: answer}} for `course` in at most `limit` characters; only texts are shortened to fit. */
function encode(progress, course, limit) {
  let out = gamma(progress.attempt) + (progress.submitted ? 1 : 0) + (progress.closed ? 1 : 0) + bits(progress.seed % 2 ** SEED_BITS, SEED_BITS) +
    gamma(course.pages.length + 1) + course.pages.map((page, i) => (progress.visited.includes(i) ? 1 : 0)).join("");
  const answers = { ...progress.answers, ...progress.checks };
  const texts = [], records = recorded(course).map((q, i) => [q, i, answers[q.id]])
    .filter(([, , answer]) => answer !== undefined && answer !== null && answer !== "");
  let previous = -1;
  out += gamma(records.length + 1);
  for (const [q, i, answer] of records) {
    const c = codec(q);
    out += gamma(i - previous) + bits(check(q), 6) + gamma(c.size + 1) + c.write(answer);
    previous = i;
    if (isText(q)) texts.push(String(answer));
  }
  out = (out + "00000").match(/.{6}/g).map((b) => DIGITS[parseInt(b, 2)]).join("");
  out = VERSION + checkDigit(out) + out;
  return fitTexts(texts, limit - out.length).reduce((all, t) => `${all}~${escapeText(t)}`, out);
}

/* Decode a state string against the current course; null when it cannot be read at all. */
function decode(text, course) {
  if (!text || (text[0] !== VERSION && text[0] !== VERSION_BEFORE_CLOSED)) return null;
  try {
    const parts = text.slice(2).split("~").map(unescapeText), r = new Reader(parts[0]), questions = recorded(course);
    if (text[1] !== checkDigit(parts[0])) throw new Error("check digit mismatch");
    const progress = { attempt: r.gamma(), submitted: r.read(1) === 1, closed: text[0] === VERSION && r.read(1) === 1,
      seed: r.read(SEED_BITS), visited: [], answers: {} };
    const pages = r.gamma() - 1;
    for (let p = 0; p < pages; p++) if (r.read(1) && pages === course.pages.length) progress.visited.push(p);
    let position = -1, matched = -1, nextText = 1;
    for (let k = r.gamma() - 1; k > 0; k--) {
      position += r.gamma();
      const sum = r.read(6), size = r.gamma() - 1, start = r.at;
      const fits = (q) => q && check(q) === sum && codec(q).size === size && !(q.id in progress.answers);
      /* Same place as when saved, else the next question that fits (questions added or removed). */
      let index = fits(questions[position]) ? position : -1;
      for (let i = matched + 1; index < 0 && i < questions.length; i++) if (fits(questions[i])) index = i;
      if (index >= 0) {
        const q = questions[index];
        progress.answers[q.id] = isText(q) ? parts[nextText] || "" : codec(q).read(r);
        matched = index;
      }
      if (size === 0) nextText++;
      r.at = start + size;
    }
    progress.checks = {};
    for (const { id } of checksOf(course)) {
      if (!(id in progress.answers)) continue;
      progress.checks[id] = progress.answers[id];
      delete progress.answers[id];
    }
    return progress;
  } catch (error) {
    Qser.warn("saved state ignored", error);
    return null;
  }
}

Qser.state = { encode, decode };
})(window.Qser = window.Qser || {});
