"""The xAPI outbox seen from outside the runtime: the POSTs a page makes to the LRS, and the
statements waiting in its localStorage (the runtime keeps no counters for tests)."""
from __future__ import annotations

#: localStorage key prefix of an outbox queue (runtime/tracking/xapi.js).
OUTBOX_PREFIX = "qser-xapi-outbox:"


class StatementPosts:
    """Counts the page's POST requests to an LRS's statements resource, from when it is made."""

    def __init__(self, page) -> None:
        self.count = 0
        page.on("request", self._seen)

    def _seen(self, request) -> None:
        if request.method == "POST" and request.url.split("?")[0].endswith("/statements"):
            self.count += 1


def pending_statements(page) -> int:
    """Statements still queued in this origin's outboxes."""
    return page.evaluate("""prefix => Object.keys(localStorage).filter(key => key.startsWith(prefix))
        .reduce((count, key) => count + JSON.parse(localStorage.getItem(key)).length, 0)""", OUTBOX_PREFIX)
