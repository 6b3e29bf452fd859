"""The LMS side of a cmi5 launch, for the browser tests: a small loopback server, with Ralph as its LRS.

A cmi5 LMS is an LRS to the AU (cmi5 spec 6.0): the AU talks to one xAPI endpoint only. This server
is that endpoint. Statements go on to Ralph (a real LRS, ``tests/lrs.py``) under the LMS's own
login; the State and Agent Profile resources, which Ralph does not implement, are kept by
``qser_scorm.preview.cmi5.Cmi5Lms`` (sessions, one-time tokens, LMS.LaunchData), as in the preview.

Routes:
  /sco/...                  the unzipped cmi5 package, as the LMS serves it (tests/browser/server.py)
  /__cmi5/fetch/<key>       POST: the launch's auth token once, then the error of spec 8.2.3
  /xapi/statements          POST, for a valid token: forwarded to Ralph
  /xapi/activities/state    GET, PUT: state documents (LMS.LaunchData and the AU's own)
  /xapi/agents/profile      GET: the learner preferences (cmi5LearnerPreferences), else 404
  /return                   the LMS page a returnURL points to
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from qser_scorm.preview.cmi5 import PREFERENCES, Cmi5Lms, agent_key
from tests.browser.server import LmsServer, _Handler as LmsHandler  # the browser tests' loopback server

#: The LMS's own id for the AU (spec 8.1: never the publisher id of cmi5.xml), stable per registration.
ACTIVITY_ID = "https://lms.example/cmi5/activities/qser-au-1"
RETURN_PAGE = b"<!doctype html><title>LMS</title><p id='lms-home'>Back in the LMS</p>"


class _Handler(LmsHandler):
    """The browser tests' LMS handler (``/sco/``: the unzipped package) with the cmi5 routes."""

    server: "TestCmi5Lms"

    def end_headers(self):
        # CORS for an AU served from another origin (a content server, a CDN), as LMSs allow it.
        origin = self.headers.get("Origin", "")
        if origin.startswith("http://127.0.0.1:"):
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Experience-API-Version")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT")
        super().end_headers()

    def do_OPTIONS(self):  # a CORS preflight
        self._reply(204, None)

    def do_GET(self):
        route, query = self._route()
        lms = self.server.lms
        if route == "/return":
            return self._reply(200, RETURN_PAGE, "text/html")
        if not route.startswith("/xapi/"):
            return super().do_GET()
        if lms.session_for(self.headers.get("Authorization")) is None:
            return self._reply(401, {"error": "unknown or missing token"})
        document = None
        if route == "/xapi/activities/state":
            document = lms.read_state(query)
        elif route == "/xapi/agents/profile" and query.get("profileId") == PREFERENCES:
            document = lms.preferences.get(agent_key(query.get("agent", "{}")))
        self._reply(200, document) if document is not None else self._reply(404, {})

    def do_PUT(self):
        route, query = self._route()
        session, body = self.server.lms.session_for(self.headers.get("Authorization")), self._body()
        if session is None:
            return self._reply(401, {"error": "unknown or missing token"})
        if route == "/xapi/activities/state" and self.server.lms.write_state(session, query, json.loads(body)):
            return self._reply(204, None)
        self._reply(403, {"error": "read-only"})  # spec 10.0: the AU must not change LMS.LaunchData

    def do_POST(self):
        route, _ = self._route()
        body, lms = self._body(), self.server.lms
        if route.startswith("/__cmi5/fetch/"):
            answer = lms.fetch(route.removeprefix("/__cmi5/fetch/"))
            return self._reply(200, answer) if answer else self._reply(404, {})
        session = lms.session_for(self.headers.get("Authorization"))
        if route != "/xapi/statements" or session is None:
            return self._reply(401 if session is None else 404, {})
        session.statement_posts += 1
        status, reply = self.server.lrs.request("POST", "statements", json.loads(body))
        self._reply(status, reply.encode() if isinstance(reply, str) else reply)

    def _route(self) -> tuple[str, dict[str, str]]:
        parts = urlsplit(self.path)
        return unquote(parts.path), {key: values[0] for key, values in parse_qs(parts.query).items()}

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _reply(self, status: int, body, content_type: str = "application/json") -> None:
        payload = b"" if body is None else body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        if payload:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class TestCmi5Lms(LmsServer):
    """The LMS on 127.0.0.1 and a random port, launching the AU in ``au_dir`` for Ralph ``lrs``."""

    __test__ = False  # not a pytest test class

    def __init__(self, au_dir: Path, lrs, publisher_id: str):
        super().__init__(au_dir)
        self.RequestHandlerClass = _Handler
        self.lrs = lrs
        self.lms = Cmi5Lms(publisher_id, ACTIVITY_ID, self._post_to_lrs)

    def prepare(self, actor: dict, registration: str, *, mode: str = "Normal", mastery: float | None = 0.75,
                return_url: bool = False, content_origin: str | None = None):
        """What the LMS does before a launch (spec 8.1, 9.3.1, 10.0); the launch URL and its session.
        ``content_origin``: another server holding the AU, else this one."""
        au_url = f"{content_origin or self.origin}/sco/index.html"
        return self.lms.launch(self.origin, au_url, actor, registration, mode=mode,
                               mastery=mastery, return_url=f"{self.origin}/return" if return_url else None)

    def _post_to_lrs(self, statements: list[dict]) -> None:
        status, reply = self.lrs.request("POST", "statements", statements)
        assert status == 200, reply
