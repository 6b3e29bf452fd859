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
const REJECTED_MAX = 20; // statements kept for diagnosis
/* Answers to a POST, by xAPI 1.0.3 Communication 3.2 (Error Codes). */
const DONE = [200, 204, 409]; // stored, stored earlier, or an older copy of the same id is there
/* 400 Bad Request (the LRS rejects a whole batch for one invalid statement, Communication 3.0),
   413 Request Entity Too Large, and 422, which LRSs built on FastAPI (Ralph) answer for an invalid
   statement: resending the same batch cannot succeed. */
const REJECTED = [400, 413, 422];
const DENIED = [401, 403]; // the credentials of this launch are wrong or lack write access

/* An outbox for one LRS ({endpoint ending in "/", auth}) kept under `storageKey`.
   add(statements) queues and persists them; flush() sends soon (calls in one tick share a
   request); flushNow() sends at once with keepalive, for pagehide. `stats.requests` counts
   the POSTs made. A rejected batch is halved until the statement at fault is alone; that one is
   set aside under `rejectedKey`, the others go on. onDenied() is called once on 401 or 403,
   after which this session sends nothing more (the queue waits for the next launch). */
Qser.xapiOutbox = function (lrs, storageKey, rejectedKey, onDenied) {
  const store = Qser.storage(storageKey);
  let queue = store.read() || [];
  let batchSize = BATCH_MAX;
  let sending = false;
  let denied = false;
  let scheduled = null;
  let retry = null;
  let failures = 0;
  const stats = { requests: 0 };

  function persist() {
    store.write(queue);
  }

  function remove(batch) {
    const gone = new Set(batch.map((statement) => statement.id));
    queue = queue.filter((statement) => !gone.has(statement.id));
    persist();
  }

  function setAside(statement, status) {
    Qser.warn("the LRS rejected a statement (HTTP " + status + "); it is kept under " + rejectedKey, statement);
    const rejected = Qser.storage(rejectedKey);
    rejected.write((rejected.read() || []).concat([{ status: status, statement: statement }]).slice(-REJECTED_MAX));
    remove([statement]);
    batchSize = BATCH_MAX;
  }

  function batchFor(keepalive) {
    const batch = queue.slice(0, batchSize);
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
    if (denied || !batch.length || (sending && !keepalive)) return;
    sending = true;
    stats.requests += 1;
    const status = await post(batch, keepalive);
    sending = false;
    if (DONE.includes(status)) {
      remove(batch);
    } else if (REJECTED.includes(status)) {
      if (batch.length > 1) batchSize = Math.ceil(batch.length / 2);
      else setAside(batch[0], status);
    } else if (DENIED.includes(status)) {
      if (!denied) {
        Qser.warn("the LRS refused the credentials (HTTP " + status + "); statements wait for the next launch");
        onDenied();
      }
      denied = true;
      return;
    } else {
      failures += 1;
      if (!retry) {
        retry = setTimeout(() => {
          retry = null;
          send(false);
        }, BACKOFF_MS[Math.min(failures, BACKOFF_MS.length) - 1]);
      }
      return;
    }
    failures = 0;
    if (queue.length) schedule();
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
