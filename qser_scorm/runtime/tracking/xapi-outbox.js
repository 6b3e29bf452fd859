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
const DONE = [200, 204, 409]; // stored, stored earlier, or an older copy of the same id is there

/* An outbox for one LRS ({endpoint ending in "/", auth}) kept under `storageKey`.
   add(statements) queues and persists them; flush() sends soon (calls in one tick share a
   request); flushNow() sends at once with keepalive, for pagehide. `stats.requests` counts
   the POSTs made. */
Qser.xapiOutbox = function (lrs, storageKey) {
  let queue = load();
  let sending = false;
  let scheduled = null;
  let retry = null;
  let failures = 0;
  const stats = { requests: 0 };

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey)) || [];
    } catch (error) {
      return []; // no storage (privacy mode) or a corrupt entry: start empty
    }
  }

  function persist() {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(queue));
    } catch (error) {
      Qser.warn("could not keep xAPI statements in storage", error);
    }
  }

  function batchFor(keepalive) {
    const batch = queue.slice(0, BATCH_MAX);
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
          "X-Experience-API-Version": "1.0.3",
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
    if (!batch.length || (sending && !keepalive)) return;
    sending = true;
    stats.requests += 1;
    const status = await post(batch, keepalive);
    sending = false;
    if (DONE.indexOf(status) >= 0) {
      const sent = new Set(batch.map((statement) => statement.id));
      queue = queue.filter((statement) => !sent.has(statement.id));
      persist();
      failures = 0;
      if (queue.length) schedule();
      return;
    }
    if (status === 400) Qser.warn("the LRS refused a batch of statements as invalid; will retry", batch);
    failures += 1;
    if (!retry) {
      retry = setTimeout(() => {
        retry = null;
        send(false);
      }, BACKOFF_MS[Math.min(failures, BACKOFF_MS.length) - 1]);
    }
  }

  function schedule() {
    if (!scheduled && !retry) scheduled = setTimeout(() => send(false), 0);
  }

  return {
    stats: stats,
    add: function (statements) {
      queue = queue.concat(statements);
      persist();
    },
    flush: schedule,
    flushNow: function () {
      if (scheduled) clearTimeout(scheduled);
      send(true);
    },
    pending: function () {
      return queue.length;
    }
  };
};
})(window.Qser = window.Qser || {});
