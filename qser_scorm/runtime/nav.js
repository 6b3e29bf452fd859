/* Qser.Nav: one section at a time. Back/Next; the cover's Start, or Resume where the learner
   left; Contents with current, seen and locked marks; the position and the share of pages seen;
   the focus on the new heading; the dismissible notice. In sequential navigation a page opens
   once the one before it has been seen, the assessment once every page has.
   Events: "page" ({id, title, index, count}). */
((Qser) => {
"use strict";

const $ = Qser.$, text = Qser.text, { ids, sections, navigation } = Qser.contract;
/* Beside the word a screen reader gets: an entry's state is never told by colour alone. */
const MARKS = { current: "\u25B8", seen: "\u2713", locked: "\u{1F512}" };
const STATE_TEXTS = { seen: "toc_seen", locked: "toc_locked" };
const attribute = (element, name, value) => (value === null ? element.removeAttribute(name) : element.setAttribute(name, value));

class Nav {
  /* Over the current DOM. `from` is the Nav this one replaces (the page's content was rebuilt,
     in another language): its position and the pages seen carry over. */
  constructor(course, from = null) {
    this.pages = course.pages;
    this.sequential = course.navigation === navigation.sequential;
    this.index = from ? from.index : 0;
    this.visited = from ? from.visited : [];
    this.place = from ? from.place : null; /* the last section shown other than the cover */
    this.content = Qser.range(this.pages.length).filter((i) => this.pages[i].id.startsWith(sections.pagePrefix));
    this.assessment = this.indexOf(sections.assessment);
    this.events = Qser.emitter();
    this.toc = $(ids.toc);
    this.contents = $(ids.contents);
    $(ids.back).addEventListener("click", () => this.go(this.index - 1));
    $(ids.next).addEventListener("click", () => this.go(this.index + 1));
    $(ids.start).addEventListener("click", () => this.go(this.place ?? this.content[0]));
    $(ids.restart).addEventListener("click", () => this.go(this.content[0]));
    this.contents.addEventListener("click", () => this.toggleContents());
    this.toc.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      if (!link) return;
      event.preventDefault();
      const index = this.indexOf(link.getAttribute("href").slice(1));
      if (this.locked(index)) return; /* its reason is written under it */
      this.toggleContents(false);
      this.go(index);
    });
    this.toc.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      this.toggleContents(false);
      this.contents.focus();
    });
    $(ids.noticeDismiss).addEventListener("click", () => {
      $(ids.noticeBox).hidden = true;
      this.heading().focus(); /* the pressed button is gone */
    });
    /* WCAG 2.4.11: the page scrolls a focused control clear of the sticky pager, whatever
       height the pager takes in this language at this width (20-nav.css). */
    const root = document.documentElement.style, pager = $(ids.pager);
    new ResizeObserver(([entry]) => root.setProperty("--qser-pager-height", `${entry.borderBoxSize[0].blockSize}px`)).observe(pager);
    /* A text field's focus scrolls only its caret into view: the rest of it may stay under the pager. */
    document.addEventListener("focusin", ({ target }) => pager.contains(target) || target.scrollIntoView({ block: "nearest" }));
    this.toggleContents(false);
    $(ids.tools).hidden = $(ids.pager).hidden = $(ids.start).hidden = $(ids.noticeDismiss).hidden = false;
    this.go(this.index, { focus: false, quiet: true });
  }

  indexOf(id) { return this.pages.findIndex((page) => page.id === id); }

  current() { return this.pages[this.index].id; }

  /* Where the learner is, for the LMS; on the cover, where they had left. */
  bookmark() { return this.pages[this.place ?? this.index].id; }

  heading() { return $(this.current() + sections.titleSuffix); }

  /* A saved state: the pages seen, and the section to resume at (offered on the cover). */
  restore(visited, location) {
    this.visited = visited;
    const index = this.indexOf(location);
    this.place = index > 0 && !this.locked(index) ? index : null;
  }

  seen(index) { return this.visited.includes(index); }

  locked(index) {
    if (!this.sequential || index <= 0 || this.seen(index)) return false;
    if (index === this.assessment) return !this.content.every((i) => this.seen(i));
    return !this.seen(index - 1);
  }

  toggleContents(open = this.toc.hidden) {
    this.toc.hidden = !open;
    this.contents.setAttribute("aria-expanded", String(open));
    if (open) (this.toc.querySelector("[aria-current]") || this.toc.querySelector("a")).focus();
  }

  /* Show a section by index or id, unless it is locked. The focus moves to its heading, so
     screen readers announce it, unless `focus` is false (at launch the focus stays where the
     browser put it); `quiet` shows it without the "page" event. */
  go(target, { focus = true, quiet = false } = {}) {
    const index = typeof target === "number" ? target : this.indexOf(target);
    if (index < 0 || index >= this.pages.length || this.locked(index)) return;
    this.index = index;
    if (index > 0) this.place = index;
    if (!this.seen(index)) this.visited.push(index);
    this.pages.forEach((page, i) => { $(page.id).hidden = i !== index; });
    $(ids.back).disabled = index === 0;
    $(ids.next).disabled = index === this.pages.length - 1 || this.locked(index + 1);
    this.showCover();
    this.showProgress();
    this.markContents();
    if (focus) {
      window.scrollTo(0, 0);
      this.heading().focus();
    }
    const { id, title } = this.pages[index];
    if (!quiet) this.events.emit("page", { id, title, index, count: this.pages.length });
  }

  /* Start, or Resume with Start from the beginning once the learner has been further. */
  showCover() {
    const resume = this.place !== null && this.place !== this.content[0];
    $(ids.start).textContent = text(resume ? "resume" : "start");
    $(ids.restart).hidden = !resume;
  }

  /* "Page 2 of 6" on a content page, "Pages seen: 3 of 6" elsewhere; the bar: the pages seen. */
  showProgress() {
    const total = this.content.length, n = this.content.indexOf(this.index);
    const seen = this.content.filter((i) => this.seen(i)).length, bar = $(ids.progress);
    $(ids.position).textContent = n >= 0 ? text("position", { n: n + 1, total }) : text("pages_seen", { n: seen, total });
    bar.max = total;
    bar.value = seen;
  }

  markContents() {
    this.toc.querySelectorAll("li").forEach((item, i) => {
      const link = item.querySelector("a"), why = item.querySelector(".qser-toc-why"), locked = this.locked(i);
      const state = i === this.index ? "current" : locked ? "locked" : this.seen(i) ? "seen" : "";
      item.dataset.state = state;
      link.querySelector(".qser-toc-mark").textContent = MARKS[state] || "";
      link.querySelector(".qser-toc-state").textContent = STATE_TEXTS[state] ? text(STATE_TEXTS[state]) : "";
      why.hidden = !locked;
      why.textContent = locked ? text(i === this.assessment ? "locked_assessment" : "locked_page") : "";
      attribute(link, "aria-current", state === "current" ? "page" : null);
      attribute(link, "aria-disabled", locked ? "true" : null);
      attribute(link, "aria-describedby", locked ? why.id : null);
    });
  }
}

Qser.Nav = Nav;
})(window.Qser = window.Qser || {});
