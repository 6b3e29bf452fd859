/* Qser.ScormLms: one session with a SCORM LMS API, for the SCORM 1.2 and 2004 trackers. Each names
   its API's methods (a dialect); this keeps the rules they share: every call checked with the
   API's last-error method and no LMS error or exception reaching the page, a value set only when
   it changed, commits retried with a growing delay, and what no commit has confirmed yet kept in
   this browser (the backup) until one does. */
((Qser) => {
"use strict";

const COMMIT_DELAY_MS = 300, RETRY_FIRST_MS = 1000, RETRY_MAX_MS = 30000;
const NOT_IMPLEMENTED = "401"; /* 1.2 RTE 3.3.2.2, 2004 RTE 3.1.7.6 (undefined element) */
/* cmi.interactions.3.objectives.0.id -> cmi.interactions.n.objectives.n.id */
const generic = (element) => element.replace(/\.\d+(?=\.)/g, ".n");
/* cmi.interactions.3.objectives.0.id -> its parent (cmi.interactions) and its name there (objectives) */
const PARTS = /^(cmi\.[a-z_]+)\.(?:\d+\.)?([a-z_]+)/;

/* API discovery (SCORM 1.2 RTE 3.3.6.1, 2004 RTE 3.1.4): this window and its parents, then the
   opener and its parents, at most `maxParents` steps up; an object with `method` named `name`. */
function find(name, method, maxParents) {
  const search = (win) => {
    try {
      for (let depth = 0; win && depth <= maxParents; depth++, win = win.parent) {
        if (win[name] && typeof win[name][method] === "function") return win[name];
        if (win.parent === win) break;
      }
    } catch (error) { /* cross-origin: no API there */ }
    return null;
  };
  return search(window) || search(window.opener);
}

class ScormLms {
  /* dialect: {initialize, terminate, get, set, commit, lastError, errorString} method names;
     `probed`, the parents whose _children say which of their elements the LMS implements (1.2 RTE
     3.4.4, 2004 RTE 4.1.1.4); `sessionTime`, that element's name; `quiet`, error codes a get may
     answer without it being a fault (2004's 403, never set). `sessionTime()` gives its value now. */
  constructor(api, dialect, sessionTime) {
    Object.assign(this, { api, dialect, sessionTime, retryDelay: RETRY_FIRST_MS, timer: null, last: {}, unconfirmed: {},
      backup: null, base: undefined, readOnly: false, refused: new Set() });
    this.closed = this.call(dialect.initialize, "") !== "true";
    if (this.closed) return;
    /* What the LMS implements: a listed parent's other elements are never set; without a list,
       an element the LMS once answers "not implemented" is not set again. */
    this.children = Object.fromEntries(dialect.probed.map((parent) => {
      const list = this.get(`${parent}._children`);
      return [parent, list ? list.split(",").map((name) => name.trim()) : null];
    }));
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.commit();
    });
  }

  /* On an LMS error code or exception: log it, answer "" (get) or "false". */
  call(method, ...args) {
    const { lastError, errorString, get, quiet = [] } = this.dialect;
    try {
      const result = String(this.api[method](...args)), code = this.lastError = String(this.api[lastError]());
      if (code === "0" || code === "" || (method === get && quiet.includes(code))) return result;
      Qser.warn(`${method}(${args.join(", ")}): error ${code} ${this.api[errorString](code)}`);
    } catch (error) {
      this.lastError = "";
      Qser.warn(`${method} threw`, error);
    }
    return method === get ? "" : "false";
  }

  get(element) { return this.call(this.dialect.get, element); }

  /* Listed in its parent's _children (or no list), and not refused as not implemented. */
  supports(element) {
    const [, parent, name] = element.match(PARTS) || [];
    const listed = this.children[parent];
    return !this.refused.has(generic(element)) && (!listed || listed.includes(name));
  }

  /* A value of the attempt: sent once, and backed up until a commit confirms it. A read-only
     launch (browse, review, no-credit) sets nothing. */
  set(element, value) {
    value = String(value);
    if (this.closed || this.readOnly || this.last[element] === value || !this.supports(element)) return;
    this.unconfirmed[element] = value;
    if (this.call(this.dialect.set, element, value) === "true") this.last[element] = value;
    else if (this.lastError === NOT_IMPLEMENTED) {
      this.refused.add(generic(element));
      delete this.unconfirmed[element];
    }
  }

  /* A value of this session only (session time, a navigation request): never backed up. */
  setForSession(element, value) {
    if (!this.closed && !this.readOnly && this.supports(element)) this.call(this.dialect.set, element, String(value));
  }

  /* With every commit, so a lost termination loses only the time since the last commit; the LMS
     adds the last value to total_time once, at termination (Moodle's TotalTime(), scorm-again). */
  setSessionTime() { this.setForSession(this.dialect.sessionTime, this.sessionTime()); }

  /* Open the backup under `key`; return the values it holds that the LMS did not confirm, if the
     LMS still holds the `suspendElement` they grew from (else the LMS got them after all, at
     termination, or another session moved on). */
  restorable(key, suspendElement) {
    this.backup = Qser.storage(key);
    this.suspendElement = suspendElement;
    const saved = !this.readOnly && this.backup.read(), stored = this.base = this.get(suspendElement);
    return (saved && saved.base === stored && saved.sets) || {};
  }

  /* The learner's language as the LMS keeps it in `element` (from the learner's profile, or an
     earlier choice), as a list of one or none; asked only by a package with several languages. */
  preferredLanguages(element, course) {
    const value = (course.languages || []).length > 1 && !this.closed ? this.get(element) : "";
    return value ? [value] : [];
  }

  get dirty() { return Object.keys(this.unconfirmed).length > 0; }

  /* Write the backup (once per batch of sets), or drop it when all is committed. A read-only
     launch leaves it alone: a result the LMS never got waits for the next normal launch. */
  keep() {
    if (!this.backup || this.readOnly) return;
    if (this.dirty) this.backup.write({ base: this.base, sets: this.unconfirmed });
    else this.backup.clear();
  }

  /* On failure, retry with a growing delay until a commit succeeds. `always`: commit the
     session time even when nothing else is new. */
  commit(always = false) {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.closed || !(this.dirty || always)) return;
    this.setSessionTime();
    if (this.call(this.dialect.commit, "") === "true") {
      Object.assign(this, { retryDelay: RETRY_FIRST_MS, unconfirmed: {} });
      this.base = this.last[this.suspendElement] ?? this.base;
    } else {
      this.timer = setTimeout(() => this.commit(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
    }
    this.keep();
  }

  /* Debounced: at most one commit per page change. */
  commitSoon() {
    if (this.timer === null) this.timer = setTimeout(() => this.commit(), COMMIT_DELAY_MS);
  }

  /* Terminate once. After an explicit Exit, commit first: some LMSs keep only committed data
     (Chamilo). On a page dismissal no commit: termination persists (1.2 RTE 3.3, 2004 RTE
     3.1.3.2), and a synchronous commit fails during dismissal. */
  close(explicit) {
    if (this.closed) return;
    if (explicit) this.commit(true); /* session time with it: nothing is set between it and termination */
    else this.setSessionTime();
    this.keep();
    clearTimeout(this.timer);
    this.closed = true;
    this.call(this.dialect.terminate, "");
  }
}

Qser.ScormLms = ScormLms;
Qser.ScormLms.find = find;
})(window.Qser = window.Qser || {});
