"""tincan's ``RemoteLRS`` with a timeout, for every Python caller that talks to an LRS.

tincan 1.0.0 opens its HTTP connections without a timeout, so an LRS that accepts the
connection and never answers hangs the caller forever. This subclass sends the same requests
with a deadline and turns network failures into :class:`LrsError`; ``save_statements`` also
accepts the empty 204 answer an LRS gives to a batch it stored before.
"""
from __future__ import annotations

import http.client
import json
from urllib.parse import urlencode, urlsplit

from tincan import HTTPRequest, LRSResponse, RemoteLRS, StatementList

from ..errors import QserError
from .vocab import XAPI_VERSION

DEFAULT_TIMEOUT = 10.0  #: seconds for one request, connection included


class LrsError(QserError):
    """The LRS could not be reached, or did not answer in time."""


class TimedRemoteLRS(RemoteLRS):
    """A ``RemoteLRS`` whose every request gives up after ``timeout`` seconds."""

    def __init__(self, *args, timeout: float = DEFAULT_TIMEOUT, **kwargs):
        kwargs.setdefault("version", XAPI_VERSION)
        super().__init__(*args, **kwargs)
        # tincan objects accept only their declared properties as attributes.
        object.__setattr__(self, "_request_timeout", timeout)

    def _send_request(self, request) -> LRSResponse:
        url = request.resource if request.resource.startswith("http") else self.endpoint + request.resource
        parts = urlsplit(url)
        query = "&".join(filter(None, [parts.query, urlencode({k: str(v) for k, v in request.query_params.items()})]))
        headers = {"X-Experience-API-Version": self.version, **request.headers}
        if self.auth is not None:
            headers["Authorization"] = self.auth
        connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        body = getattr(request, "content", None)
        connection = connection_class(parts.hostname, parts.port, timeout=self._request_timeout)
        try:
            connection.request(
                request.method, parts.path + (f"?{query}" if query else ""),
                # http.client would encode a str body as Latin-1; statements are UTF-8 JSON.
                body=body.encode("utf-8") if isinstance(body, str) else body, headers=headers,
            )
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            raise LrsError(f"the LRS at {self.endpoint} did not answer: {error}") from error
        finally:
            connection.close()
        ignored_404 = response.status == 404 and getattr(request, "ignore404", False)
        return LRSResponse(
            success=200 <= response.status < 300 or ignored_404, request=request, response=response, data=data
        )

    def save_statements(self, statements) -> LRSResponse:
        """Post statements; as tincan's, but a 204 answer (every id was stored before, so there is
        no id list to read) is a success instead of a ``JSONDecodeError``."""
        if not isinstance(statements, StatementList):
            statements = StatementList(statements)
        request = HTTPRequest(method="POST", resource="statements")
        request.headers["Content-Type"] = "application/json"
        request.content = statements.to_json(self.version)
        response = self._send_request(request)
        if response.success:
            for statement, statement_id in zip(statements, json.loads(response.data) if response.data else []):
                statement.id = statement_id
            response.content = statements
        return response

