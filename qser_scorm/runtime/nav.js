/* Qser.Nav: one section at a time, Back/Next, the table of contents, "Page N of M", the focus on
   the new heading, the sections seen. Events: "page" ({id, title, index, count}). */
((Qser) => {
"use strict";

const $ = Qser.$, { ids, sections } = Qser.contract;

class Nav {
  constructor(pages) {
    this.pages = pages;
    this.index = 0;
    this.visited = [];
    this.events = Qser.emitter();
    this.toc = $(ids.toc);
    this.contents = $(ids.contents);
    $(ids.back).addEventListener("click", () => this.go(this.index - 1));
    $(ids.next).addEventListener("click", () => this.go(this.index + 1));
    this.contents.addEventListener("click", () => this.toggleContents());
    this.toc.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      if (!link) return;
      event.preventDefault();
      this.toggleContents(false);
      this.go(link.getAttribute("href").slice(1));
    });
    this.toc.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      this.toggleContents(false);
      this.contents.focus();
    });
    this.toggleContents(false);
    $(ids.tools).hidden = $(ids.pager).hidden = false;
  }

  indexOf(id) { return this.pages.findIndex((page) => page.id === id); }

  current() { return this.pages[this.index].id; }

  toggleContents(open = this.toc.hidden) {
    this.toc.hidden = !open;
    this.contents.setAttribute("aria-expanded", String(open));
    if (open) (this.toc.querySelector("[aria-current]") || this.toc.querySelector("a")).focus();
  }

  /* Show a section by index or id. The focus moves to its heading, so screen readers announce
     it, unless `focus` is false (at launch the focus stays where the browser put it). */
  go(target, { focus = true } = {}) {
    const index = typeof target === "number" ? target : this.indexOf(target);
    if (index < 0 || index >= this.pages.length) return;
    this.index = index;
    this.pages.forEach((page, i) => { $(page.id).hidden = i !== index; });
    this.toc.querySelectorAll("a").forEach((link, i) => {
      if (i === index) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
    });
    $(ids.back).disabled = index === 0;
    $(ids.next).disabled = index === this.pages.length - 1;
    $(ids.position).textContent = Qser.text("position", { n: index + 1, total: this.pages.length });
    if (!this.visited.includes(index)) this.visited.push(index);
    if (focus) {
      window.scrollTo(0, 0);
      $(this.pages[index].id + sections.titleSuffix).focus();
    }
    const { id, title } = this.pages[index];
    this.events.emit("page", { id, title, index, count: this.pages.length });
  }
}

Qser.Nav = Nav;
})(window.Qser = window.Qser || {});
