"""Posting ready-made statements to an LRS in batches: how the tests and benchmarks fill an LRS
(the package's runtime posts from the browser, runtime/tracking/xapi-outbox.js)."""
from __future__ import annotations

from tincan import RemoteLRS, StatementList

from qser_scorm.xapi.lrs import LrsError


def post_in_batches(lrs: RemoteLRS, statements: list, batch_size: int = 500) -> int:
    """Post statements ``batch_size`` at a time; return the number of requests made.

    A batch answered 409 counts as sent: its statement ids are stored already (xAPI 1.0.3
    Communication 2.1.2), as after a resend whose first answer was lost. Raises
    :class:`LrsError` naming the first batch the LRS refused and its answer.
    """
    requests = 0
    for start in range(0, len(statements), batch_size):
        batch = StatementList(statements[start : start + batch_size])
        response = lrs.save_statements(batch)
        requests += 1
        if not response.success and response.response.status != 409:
            raise LrsError(
                f"the LRS refused statements {start + 1}-{start + len(batch)} "
                f"(HTTP {response.response.status}): {response.data[:300]!r}"
            )
    return requests
