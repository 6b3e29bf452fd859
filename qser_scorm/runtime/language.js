/* Qser.Languages: the language choice of a multilingual package (docs/runtime.md, "Languages").
   The launch page shows one language's content; each other language's waits in a <template> the
   build wrote. Choosing one replaces the page's content by it and mounts the views again over it:
   the answers, the attempt and the position live in the engine and the Nav, so they carry over. */
((Qser) => {
"use strict";

const $ = Qser.$, { ids, languageContentPrefix: PREFIX } = Qser.contract;

/* The page's own content: every element of <body> but the languages' templates. */
const shown = () => [...document.body.children].filter((element) => !element.id.startsWith(PREFIX));
const primary = (tag) => String(tag).split("-")[0].toLowerCase();

class Languages {
  /* `app` mounts the views (app.mount(course)); `chosen(language)` runs after each switch. */
  constructor(app, chosen) {
    const course = app.course;
    Object.assign(this, { app, chosen, current: course.language, offered: course.languages || [course.language],
      saved: null /* the learner's choice, kept in the state */ });
    if (this.offered.length < 2) return;
    /* The content shown at launch, as the build wrote it (before any view changes it), so the
       learner can come back to it. */
    const own = document.createElement("template");
    Object.assign(own, { id: PREFIX + course.language, lang: course.language, dir: document.documentElement.dir });
    own.content.append(...shown().map((element) => element.cloneNode(true)));
    document.body.append(own);
    /* On the document: the buttons are replaced with the content. */
    document.addEventListener("click", (event) => {
      const button = event.target.closest(`#${ids.languages} [data-language]`);
      if (button) this.choose(button.dataset.language);
    });
    this.offer();
  }

  /* The language to launch in: the learner's saved choice, else the first of the LMS's preferred
     languages that the package has (es-ES finds es), else the one the page shows. */
  pick(saved, preferred) {
    const has = (tag) => this.offered.find((code) => code === tag) || this.offered.find((code) => primary(code) === primary(tag));
    if (saved && has(saved)) return { language: has(saved), saved: true };
    const match = preferred.map(has).find(Boolean);
    return { language: match || this.current, saved: false };
  }

  /* Show the choice (hidden without JavaScript, where it could not work): at launch, and in each
     language's content switched to. */
  offer() {
    const group = $(ids.languages);
    if (group) group.hidden = false;
  }

  /* The learner pressed a language's button: switch, keep the choice, focus the same button. */
  choose(language) {
    if (!this.show(language)) return;
    this.saved = language;
    this.chosen(language);
    const button = document.querySelector(`#${ids.languages} [data-language="${language}"]`);
    if (button) button.focus();
  }

  /* Replace the page's content by `language`'s and mount the views over it; false when it is
     the one shown already or the package does not have it. */
  show(language) {
    const template = $(PREFIX + language);
    if (language === this.current || !template) return false;
    const old = shown();
    old[0].before(template.content.cloneNode(true));
    old.forEach((element) => element.remove());
    const course = JSON.parse($(ids.course).textContent);
    Object.assign(document.documentElement, { lang: language, dir: template.dir || "ltr" });
    document.title = course.title;
    this.current = language;
    this.app.mount(course);
    Qser.notice.show();
    this.offer();
    return true;
  }
}

Qser.Languages = Languages;
})(window.Qser = window.Qser || {});
