// WCAG 2.2 checks that axe-core does not make, run inside the SCO's document by tests/browser/audit.py.
// Each returns a list of findings in words ("button "Next" ..."): an empty list is a pass.
"use strict";

window.qserAudit = (() => {
  // What a keyboard reaches with Tab (and the arrows, inside a radio group).
  const FOCUSABLE = "a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, "
    + "[tabindex], [contenteditable=''], [contenteditable='true']";
  // What a pointer activates (2.5.8 "target"): the controls, native or by role.
  const TARGETS = "a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, "
    + "[role=button], [role=link], [role=checkbox], [role=radio], [role=switch], [role=tab], [role=option], "
    + "[role=menuitem], [role=slider]";
  const MIN = 24; // 2.5.8 Target Size (Minimum): 24 by 24 CSS pixels, or a 24 px circle free of other targets
  const TOLERANCE = 0.5; // sub-pixel layout: 23.8 px is 24 px on screen

  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden" && !el.closest("[inert]");
  const usable = (el) => shown(el) && !el.disabled && !el.closest("fieldset:disabled");
  const words = (text) => (text || "").replace(/\s+/g, " ").trim();

  function describe(el) {
    if (!el) return "nothing";
    const name = words(el.getAttribute("aria-label") || [...(el.labels || [])].map((l) => l.innerText).join(" ")
      || el.innerText || el.value || el.getAttribute("title") || "").slice(0, 50);
    return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${name ? ` "${name}"` : ""}`;
  }

  const centre = (rect) => ({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
  const round = (n) => Math.round(n * 10) / 10;

  // What covers the focused element `el` at its centre ("" when nothing does). A link that wraps
  // has one box per line: the centre of the largest one counts (the whole box's centre may be
  // between its lines).
  function covering(el) {
    const box = [...el.getClientRects()].sort((a, b) => b.width * b.height - a.width * a.height)[0];
    const { x, y } = centre(box), hit = document.elementFromPoint(x, y);
    if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) {
      return `its centre (${round(x)}, ${round(y)}) is outside the viewport`;
    }
    return hit && el.contains(hit) ? "" : `covered by ${describe(hit)}`;
  }

  // 2.4.11 Focus Not Obscured (Minimum): once focused (the browser scrolls it into view as for
  // Tab), the element's centre is not covered by author content such as a sticky bar or header.
  function obscuredFocus() {
    const before = document.activeElement, scroll = [window.scrollX, window.scrollY], found = [];
    before.blur(); // focusing the element that has the focus would not scroll it into view
    for (const el of document.querySelectorAll(FOCUSABLE)) {
      if (!usable(el) || el.tabIndex < 0) continue;
      el.focus();
      if (document.activeElement !== el) continue; // not focusable after all (e.g. an inert part)
      const covered = covering(el);
      if (covered) found.push(`${describe(el)}: ${covered} once focused`);
    }
    if (before && before !== document.body) before.focus({ preventScroll: true }); else document.activeElement.blur();
    window.scrollTo(...scroll);
    return found;
  }

  // 2.5.8 exception "Inline": a link inside a sentence, whose size the line of text sets. Told
  // apart by its box (display: inline) and by text of its block that is not the link's own.
  function inlineInText(el) {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    return Boolean(block) && words(block.innerText).length > words(el.innerText).length;
  }

  // An input's target includes its labels: pressing the label activates it.
  const parts = (el) => [el, ...(el.labels || [])].map((part) => part.getBoundingClientRect()).filter((r) => r.width && r.height);
  const bigEnough = (rect) => rect.width >= MIN - TOLERANCE && rect.height >= MIN - TOLERANCE;
  const distance = (point, rect) => Math.hypot(Math.max(rect.left - point.x, 0, point.x - rect.right),
    Math.max(rect.top - point.y, 0, point.y - rect.bottom));
  // Off the page (a skip link parked at -999px until focused) is no target for a pointer.
  const onPage = (rect) => rect.right + window.scrollX > 0 && rect.bottom + window.scrollY > 0
    && rect.left + window.scrollX < document.documentElement.scrollWidth;

  // 2.5.8: every target is at least 24 x 24 px, or (spacing exception) a 24 px circle centred on it
  // touches no other target and no other small target's circle; inline links in text are excepted.
  function smallTargets() {
    const targets = [...document.querySelectorAll(TARGETS)].filter((el) => usable(el) && parts(el).some(onPage));
    const small = targets.filter((el) => !inlineInText(el) && !parts(el).some(bigEnough));
    const found = [];
    const near = (point, other) => parts(other).some((rect) => distance(point, rect) < MIN / 2)
      || (small.includes(other) && Math.hypot(point.x - centre(other.getBoundingClientRect()).x,
        point.y - centre(other.getBoundingClientRect()).y) < MIN);
    for (const el of small) {
      const own = el.getBoundingClientRect(), crowded = targets.find((other) => other !== el && near(centre(own), other));
      if (crowded) found.push(`${describe(el)}: ${round(own.width)} x ${round(own.height)} px, and ${describe(crowded)} is within its 24 px circle`);
    }
    return found;
  }

  // What the learner sees, as a set of lines: it changes with the screen and the state (a new
  // page, feedback shown, a confirmation open), not when an ordering item moves.
  const screen = () => [...new Set(document.body.innerText.split("\n").map(words).filter(Boolean))].sort().join("\n");

  // The screen's name for a report: its first visible heading (or the notice when nothing else shows).
  function screenName() {
    const heading = [...document.querySelectorAll("main h2, main h1")].find(shown) || [...document.querySelectorAll("h2, h1")].find(shown);
    const notice = [...document.querySelectorAll("[role=status], [aria-live]")].find((el) => shown(el) && words(el.innerText));
    return words(heading ? heading.innerText : notice ? notice.innerText : document.title);
  }

  return { covering, obscuredFocus, smallTargets, screen, screenName, describe };
})();
