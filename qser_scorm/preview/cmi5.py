"""``qser-scorm preview --cmi5``: the course launched as a cmi5 AU by a small LMS, as the spec says.

:class:`Cmi5Lms` is the LMS side without HTTP (the tests' LMS uses it too): a new session per
launch with a one-time fetch token (cmi5 spec 8.1, 8.2), the ``LMS.LaunchData`` state document and
the "launched" statement (9.3.1, 10.0), the AU's own state documents and learner preferences.

Routes of the preview in cmi5 mode (the others as in ``server.py``):

- ``/``: the cmi5 host page (``assets/cmi5.html``): Launch (Normal, Browse, Review), the AU in a
  frame, and every statement with the cmi5 rules it breaks (``xapi/cmi5_rules.py``);
- ``/__cmi5/launch?mode=M`` (POST): a new session; answers ``{"url": <launch URL>}``;
- ``/__cmi5/fetch/<key>`` (POST): the session's token once, then error 1 (8.2.3);
- ``/__cmi5/statements``: the statements, each with its problems;
- ``/__cmi5/returned``: the page ``returnURL`` points to;
- ``/xapi/statements``, ``/xapi/activities/state``, ``/xapi/agents/profile``: the LMS's LRS, for
  requests with a session's token.
"""
from __future__ import annotations

import base64
import json
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from ..contract import CMI5_LAUNCH_DATA as LAUNCH_DATA
from ..contract import CMI5_LAUNCH_MODES as LAUNCH_MODES
from ..contract import CMI5_PREFERENCES as PREFERENCES
from ..package.cmi5 import MOVE_ON
from ..vocab import LAUNCH_FILE
from ..xapi.cmi5_rules import LAUNCHED, SESSION_ID, problems_by_statement
from ..xapi.vocab import CMI5
from .server import MAX_BODY_BYTES, PreviewServer, _Handler

RETURNED_PAGE = (b"<!doctype html><html lang='en'><title>Session ended</title>"
                 b"<p id='returned'>The session ended; the LMS is back. Launch again above.</p></html>")


@dataclass
class Cmi5Session:
    """One launch: what the LMS handed the AU, and what the AU asked of the LMS."""

    registration: str
    session_id: str
    fetch_key: str
    token: str
    mode: str
    fetch_calls: int = 0  #: POSTs to this session's fetch URL
    statement_posts: int = 0  #: statement requests with this session's token
    state_writes: list[str] = field(default_factory=list)  #: stateIds the AU PUT


def agent_key(agent_json: str) -> str:
    """An agent as the key of its documents, whatever the key order of its JSON."""
    return json.dumps(json.loads(agent_json), sort_keys=True)


class Cmi5Lms:
    """The LMS side of cmi5 launches of one AU; ``record`` stores the statements it makes."""

    def __init__(self, publisher_id: str, activity_id: str, record: Callable[[list[dict]], object]):
        self.publisher_id = publisher_id
        self.activity_id = activity_id  #: the LMS's id for the AU, never the publisher id (8.1)
        self._record = record
        self._lock = threading.Lock()
        self._by_fetch: dict[str, Cmi5Session] = {}
        self._by_token: dict[str, Cmi5Session] = {}
        self.states: dict[tuple, dict] = {}
        self.preferences: dict[str, dict] = {}  #: learner preferences by :func:`agent_key`

    def launch(self, base_url: str, au_url: str, actor: dict, registration: str, *, mode: str = "Normal",
               mastery: float | None = None, move_on: str = MOVE_ON,
               return_url: str | None = None) -> tuple[str, Cmi5Session]:
        """Do what the LMS does before a launch: a session with its token, LMS.LaunchData, the
        "launched" statement. Return the AU's launch URL (``au_url`` plus the five parameters)."""
        session = Cmi5Session(registration, str(uuid.uuid4()), uuid.uuid4().hex,
                              base64.b64encode(uuid.uuid4().bytes).decode(), mode)
        with self._lock:
            self._by_fetch[session.fetch_key] = self._by_token[session.token] = session
        actor_json = json.dumps(actor)
        template = {"contextActivities": {"grouping": [{"id": self.publisher_id}]},
                    "extensions": {SESSION_ID: session.session_id}}
        launch_data = {"contextTemplate": template, "launchMode": mode, "moveOn": move_on}
        if mastery is not None:
            launch_data["masteryScore"] = mastery
        if return_url:
            launch_data["returnURL"] = return_url
        self.states[self._state_key({"agent": actor_json, "registration": registration, "stateId": LAUNCH_DATA})] = launch_data
        self._record([{
            "id": str(uuid.uuid4()), "actor": actor, "timestamp": datetime.now(timezone.utc).isoformat(),
            "verb": {"id": LAUNCHED, "display": {"en-US": "launched"}},
            "object": {"objectType": "Activity", "id": self.activity_id},
            "context": {"registration": registration, "contextActivities": template["contextActivities"],
                        "extensions": {SESSION_ID: session.session_id, CMI5["extensions"]["launchmode"]: mode,
                                       CMI5["extensions"]["moveon"]: move_on}},
        }])
        query = urlencode({"endpoint": f"{base_url}/xapi/", "fetch": f"{base_url}/__cmi5/fetch/{session.fetch_key}",
                           "actor": actor_json, "registration": registration, "activityId": self.activity_id})
        return f"{au_url}?{query}", session

    def fetch(self, key: str) -> dict | None:
        """The answer to a POST on a fetch URL: the token once, then error 1 (8.2.3); None: unknown."""
        with self._lock:
            session = self._by_fetch.get(key)
            if session is None:
                return None
            session.fetch_calls += 1
            if session.fetch_calls == 1:
                return {"auth-token": session.token}
        return {"error-code": "1", "error-text": "The authorization token has already been returned."}

    def sessions(self) -> list[Cmi5Session]:
        """Every session launched, in launch order."""
        with self._lock:
            return list(self._by_fetch.values())

    def session_for(self, authorization: str | None) -> Cmi5Session | None:
        """The session whose token an ``Authorization`` header carries (8.2.1: ``Basic <token>``)."""
        scheme, _, token = (authorization or "").partition(" ")
        return self._by_token.get(token) if scheme == "Basic" else None

    def read_state(self, query: dict[str, str]) -> dict | None:
        return self.states.get(self._state_key(query))

    def write_state(self, session: Cmi5Session, query: dict[str, str], document: dict) -> bool:
        """Store one of the AU's state documents; False for LMS.LaunchData, which the AU must not change (10.0)."""
        if query.get("stateId") == LAUNCH_DATA:
            return False
        self.states[self._state_key(query)] = document
        session.state_writes.append(query.get("stateId"))
        return True

    def _state_key(self, query: dict[str, str]) -> tuple:
        """A state document's key: activity (this AU's by default), agent, registration, stateId."""
        return (query.get("activityId", self.activity_id), agent_key(query.get("agent", "{}")),
                query.get("registration"), query.get("stateId"))


class _Cmi5Handler(_Handler):
    """The preview's handler with the cmi5 LMS in front; the server sets ``lms`` and ``registration``."""

    lms: Cmi5Lms
    registration: str

    def do_GET(self) -> None:  # noqa: N802
        if self._refused():
            return
        path, query = self._route()
        if path == "/":
            self._send_asset("cmi5.html")
        elif path == "/__cmi5/statements":
            statements = self.preview.recorded()
            problems = problems_by_statement(
                statements, activity_id=self.lms.activity_id, publisher_id=self.lms.publisher_id,
                registration=self.registration, mastery=self._mastery())
            self._send_json([{"statement": s, "problems": problems[s["id"]]} for s in statements])
        elif path == "/__cmi5/returned":
            self._send(RETURNED_PAGE, "text/html")
        elif path.startswith("/xapi/"):
            if self.lms.session_for(self.headers.get("Authorization")) is None:
                self._send_status(HTTPStatus.UNAUTHORIZED)
            elif path == "/xapi/activities/state":
                self._send_document(self.lms.read_state(query))
            elif path == "/xapi/agents/profile" and query.get("profileId") == PREFERENCES:
                self._send_document(self.lms.preferences.get(agent_key(query.get("agent", "{}"))))
            else:
                super().do_GET()
        else:
            super().do_GET()

    def do_POST(self) -> None:  # noqa: N802
        if self._refused():
            return
        path, query = self._route()
        if path == "/__cmi5/launch" and query.get("mode") in LAUNCH_MODES:
            self._read_body()
            base = f"http://{self.headers['Host']}"
            if self.preview.site:  # the AU's publisher id is the course IRI of the last build
                self.lms.publisher_id = self.preview.site.activity_id
            url, _ = self.lms.launch(base, f"{base}/course/{LAUNCH_FILE}", self._actor(), self.registration,
                                     mode=query["mode"], mastery=self._mastery(), return_url=f"{base}/__cmi5/returned")
            self._send_json({"url": url})
        elif path.startswith("/__cmi5/fetch/"):
            self._read_body()
            answer = self.lms.fetch(path.removeprefix("/__cmi5/fetch/"))
            self._send_json(answer) if answer else self._send_status(HTTPStatus.NOT_FOUND)
        elif path == "/xapi/statements":
            session = self.lms.session_for(self.headers.get("Authorization"))
            if session is None:
                self._send_status(HTTPStatus.UNAUTHORIZED)
                return
            session.statement_posts += 1
            super().do_POST()
        else:
            self._send_status(HTTPStatus.NOT_FOUND)

    def do_PUT(self) -> None:  # noqa: N802
        if self._refused():
            return
        path, query = self._route()
        session = self.lms.session_for(self.headers.get("Authorization"))
        body = self._read_body()
        if session is None:
            self._send_status(HTTPStatus.UNAUTHORIZED)
        elif path != "/xapi/activities/state" or not isinstance(body, dict):
            self._send_status(HTTPStatus.BAD_REQUEST)
        elif self.lms.write_state(session, query, body):
            self._send(b"", "text/plain", HTTPStatus.NO_CONTENT)
        else:
            self._send_status(HTTPStatus.FORBIDDEN)

    def _route(self) -> tuple[str, dict[str, str]]:
        parts = urlsplit(self.path)
        return unquote(parts.path), {key: values[0] for key, values in parse_qs(parts.query).items()}

    def _read_body(self):
        try:
            length = min(max(int(self.headers.get("Content-Length") or 0), 0), MAX_BODY_BYTES)
            return json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            return None

    def _send_document(self, document: dict | None) -> None:
        self._send_json(document) if document is not None else self._send_status(HTTPStatus.NOT_FOUND)

    def _actor(self) -> dict:
        return {"objectType": "Agent", "account": {"homePage": "https://preview.qser.example", "name": "preview-learner"}}

    def _mastery(self) -> float | None:
        # The SCORM mastery score is the pass mark (0-100); cmi5's is the same as a decimal (13.1.4).
        site = self.preview.site
        return round(float(site.mastery_score) / 100, 4) if site and site.mastery_score else None


class Cmi5PreviewServer(PreviewServer):
    """The preview with a cmi5 LMS: one learner and registration per run of the preview."""

    handler = _Cmi5Handler

    def __init__(self, source: str | Path, **options):
        super().__init__(source, **options)
        self.lms = Cmi5Lms("", "https://preview.qser.example/cmi5/au", self.preview.record)
        self.registration = str(uuid.uuid4())
        handler = self._http.RequestHandlerClass
        handler.lms, handler.registration = self.lms, self.registration
