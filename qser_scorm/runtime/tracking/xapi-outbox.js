/* Qser xAPI outbox: statements wait in localStorage until the LRS has confirmed them.
   Nothing is lost on a network error, a 5xx, a timeout or a reload, and nothing is stored twice:
   each statement keeps the id it was made with, and the LRS stores an id once (xAPI 1.0.3
   Communication 2.1.2: a repeated id with the same content is accepted, or answered 409). */
((Qser) => {
"use strict";

const BATCH_MAX = 50; // statements per request; a full course run stays far below
const KEEPALIVE_BYTES = 60000; // Fetch keepalive bodies are limited to 64 KiB in total
const TIMEOUT_MS = 10000;
const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000, 60000];
const REJECTED_KEPT = 100; // statements kept for diagnosis; older ones are dropped with a warning
const REJECTED_PAUSE_MS = 1000; // between the requests that isolate a rejected statement
/* Statements rejected alone in a row, none stored between: the LRS refuses the launch itself
   (its actor or registration), not one statement. */
const REFUSALS_MAX = 3;
/* Answers to a POST, by xAPI 1.0.3 Communication 3.2 (Error Codes). */
const DONE = [200, 204, 409]; // stored, stored earlier, or an older copy of the same id is there
/* 400 Bad Request (the LRS rejects a whole batch for one invalid statement, Communication 3.0),
   413 Request Entity Too Large, and 422, which LRSs built on FastAPI (Ralph) answer for an invalid
   statement: resending the same batch cannot succeed. */
const REJECTED = [400, 413, 422];
const DENIED = [401, 403]; // the credentials of this launch are wrong or lack write access

/* An outbox for one LRS ({endpoint ending in "/", auth}) kept under `storageKey`.
   add(statements) queues and persists them; flush() sends soon (calls in one tick share a
   request); flushNow() sends at once with keepalive, for pagehide. A rejected batch is halved
   until the statement at fault is alone; that one is held back, and set aside under
   `rejectedKey` once the LRS stores a later batch. onDenied() is called once on 401 or 403, or
   after REFUSALS_MAX held statements, after which this session sends nothing more (the whole queue waits for the next launch). */
Qser.xapiOutbox = function (lrs, storageKey, rejectedKey, onDenied) {
  const store = Qser.storage(storageKey);
  let queue = store.read() || [];
  let batchSize = BATCH_MAX;
  let sending = false;
  let denied = false;
  let scheduled = null;
  let retry = null;
  let failures = 0;
  let rejections = 0; // rejected requests since the last stored batch
  let held = []; // [{status, statement}] rejected alone, still in the queue

  function persist() {
    store.write(queue);
  }

  function remove(batch) {
    const gone = new Set(batch.map((statement) => statement.id));
    queue = queue.filter((statement) => !gone.has(statement.id));
    persist();
  }

  /* The LRS stored other statements after these: they are at fault, not the launch. */
  function setAside(entries) {
    Qser.warn("the LRS rejected " + entries.length + " statement(s); they are kept under " + rejectedKey, entries);
    const rejected = Qser.storage(rejectedKey);
    const kept = (rejected.read() || []).concat(entries);
    if (kept.length > REJECTED_KEPT) {
      Qser.warn((kept.length - REJECTED_KEPT) + " older rejected statements dropped from " + rejectedKey);
    }
    rejected.write(kept.slice(-REJECTED_KEPT));
    remove(entries.map((entry) => entry.statement));
    batchSize = BATCH_MAX;
  }

  function stop(message) {
    if (!denied) {
      Qser.warn(message + "; statements wait for the next launch");
      onDenied();
    }
    denied = true;
  }

  function batchFor(keepalive) {
    const waiting = new Set(held.map((entry) => entry.statement));
    const batch = queue.filter((statement) => !waiting.has(statement)).slice(0, batchSize);
    while (keepalive && batch.length > 1 && JSON.stringify(batch).length > KEEPALIVE_BYTES) batch.pop();
    return batch;
  }

  async function post(batch, keepalive) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const reply = await fetch(lrs.endpoint + "statements", {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Experience-API-Version": Qser.contract.xapiVersion,
          ...(lrs.auth ? { Authorization: lrs.auth } : {})
        },
        body: JSON.stringify(batch),
        keepalive: keepalive,
        signal: controller.signal
      });
      return reply.status;
    } catch (error) {
      return 0; // network error, refused connection, CORS refusal or timeout
    } finally {
      clearTimeout(timer);
    }
  }

  async function send(keepalive) {
    scheduled = null;
    const batch = batchFor(keepalive);
    if (denied || !batch.length || (sending && !keepalive)) return;
    sending = true;
    const status = await post(batch, keepalive);
    sending = false;
    if (DONE.includes(status)) {
      remove(batch);
      rejections = 0;
      if (held.length) setAside(held.splice(0));
    } else if (REJECTED.includes(status)) {
      rejections += 1;
      if (batch.length > 1) batchSize = Math.ceil(batch.length / 2);
      else held.push({ status: status, statement: batch[0] });
      if (held.length >= REFUSALS_MAX) {
        return stop("the LRS refuses this launch's actor or registration (HTTP " + status + ")");
      }
      if (rejections > 1) return later(REJECTED_PAUSE_MS); // the first halving goes at once
    } else if (DENIED.includes(status)) {
      return stop("the LRS refused the credentials (HTTP " + status + ")");
    } else {
      failures += 1;
      return later(BACKOFF_MS[Math.min(failures, BACKOFF_MS.length) - 1]);
    }
    failures = 0;
    if (queue.length) schedule();
  }

  function later(delay) {
    if (!retry) {
      retry = setTimeout(() => {
        retry = null;
        send(false);
      }, delay);
    }
  }

  function schedule() {
    if (!scheduled && !retry) scheduled = setTimeout(() => send(false), 0);
  }

  return {
    add: function (statements) {
      queue = queue.concat(statements);
      persist();
    },
    flush: schedule,
    flushNow: function () {
      if (scheduled) clearTimeout(scheduled);
      send(true);
    }
  };
};
})(window.Qser = window.Qser || {});
