"""The LMS side of a cmi5 launch, for the browser tests: a small loopback server, with Ralph as its LRS.

A cmi5 LMS is an LRS to the AU (cmi5 spec 6.0): the AU talks to one xAPI endpoint only. This server
is that endpoint. Statements go on to Ralph (a real LRS, ``tests/lrs.py``) under the LMS's own
login; the State and Agent Profile resources, which Ralph does not implement, are kept here.

Routes:
  /au/...                   the unzipped cmi5 package, as the LMS serves it
  /fetch/<key>              POST: the launch's auth token once, then the error of spec 8.2.3
  /xapi/statements          the LRS, for a valid token: forwarded to Ralph
  /xapi/activities/state    GET, PUT: state documents (LMS.LaunchData and the AU's own)
  /xapi/agents/profile      GET: the learner preferences (cmi5LearnerPreferences), else 404
  /return                   the LMS page a returnURL points to
"""
from __future__ import annotations

import base64
import json
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

#: The LMS's own id for the AU (spec 8.1: never the publisher id of cmi5.xml), stable per registration.
ACTIVITY_ID = "https://lms.example/cmi5/activities/qser-au-1"
SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
LAUNCHED = "http://adlnet.gov/expapi/verbs/launched"
RETURN_PAGE = b"<!doctype html><title>LMS</title><p id='lms-home'>Back in the LMS</p>"


@dataclass
class Launch:
    """One session the LMS launched: its URL parts and what the AU asked of the LMS."""

    registration: str
    session_id: str
    fetch_key: str
    token: str
    fetch_calls: int = 0  #: POSTs to this launch's fetch URL
    statement_posts: int = 0  #: statement requests with this launch's token
    state_writes: list = field(default_factory=list)  #: stateIds the AU PUT


class _Handler(SimpleHTTPRequestHandler):
    server: "Cmi5Lms"

    def log_message(self, format, *args):  # noqa: A002 - keep pytest output clean
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def translate_path(self, path: str) -> str:
        route = unquote(urlsplit(path).path)
        root = self.server.au_dir.resolve()
        if route.startswith("/au/"):
            target = (root / route[len("/au/"):]).resolve()
            if target.is_relative_to(root):
                return str(target)
        return str(root / "no-such-file")

    def do_GET(self):
        route, query = self._route()
        if route == "/return":
            return self._reply(200, RETURN_PAGE, "text/html")
        if not route.startswith("/xapi/"):
            return super().do_GET()
        if self._launch() is None:
            return self._reply(401, {"error": "unknown or missing token"})
        if route == "/xapi/activities/state":
            document = self.server.states.get(_state_key(query))
            return self._reply(200, document) if document is not None else self._reply(404, {})
        if route == "/xapi/agents/profile" and query.get("profileId") == "cmi5LearnerPreferences":
            preferences = self.server.preferences.get(_agent_key(query.get("agent", "{}")))
            return self._reply(200, preferences) if preferences else self._reply(404, {})
        self._reply(404, {})

    def do_PUT(self):
        route, query = self._route()
        launch, body = self._launch(), self._body()
        if launch is None:
            return self._reply(401, {"error": "unknown or missing token"})
        if route != "/xapi/activities/state" or query.get("stateId") == "LMS.LaunchData":
            return self._reply(403, {"error": "read-only"})  # spec 10.0: the AU must not change LaunchData
        self.server.states[_state_key(query)] = json.loads(body)
        launch.state_writes.append(query["stateId"])
        self._reply(204, None)

    def do_POST(self):
        route, _ = self._route()
        body = self._body()
        if route.startswith("/fetch/"):
            launch = self.server.by_fetch.get(route[len("/fetch/"):])
            if launch is None:
                return self._reply(404, {})
            with self.server.lock:
                launch.fetch_calls += 1
                first = launch.fetch_calls == 1
            if first:
                return self._reply(200, {"auth-token": launch.token})
            return self._reply(200, {"error-code": "1", "error-text": "The authorization token has already been returned."})
        launch = self._launch()
        if route != "/xapi/statements" or launch is None:
            return self._reply(401 if launch is None else 404, {})
        launch.statement_posts += 1
        status, reply = self.server.lrs.request("POST", "statements", json.loads(body))
        self._reply(status, reply.encode() if isinstance(reply, str) else reply)

    # -- helpers ---------------------------------------------------------------------------------
    def _route(self) -> tuple[str, dict[str, str]]:
        parts = urlsplit(self.path)
        return unquote(parts.path), {key: values[0] for key, values in parse_qs(parts.query).items()}

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _launch(self) -> Launch | None:
        """The launch whose token the request carries (spec 8.2.1: Basic <auth-token>)."""
        header = self.headers.get("Authorization", "")
        return self.server.by_token.get(header.removeprefix("Basic ")) if header.startswith("Basic ") else None

    def _reply(self, status: int, body, content_type: str = "application/json") -> None:
        payload = b"" if body is None else body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        if payload:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def _agent_key(agent_json: str) -> str:
    return json.dumps(json.loads(agent_json), sort_keys=True)


def _state_key(query: dict[str, str]) -> tuple:
    return query.get("activityId"), _agent_key(query.get("agent", "{}")), query.get("registration"), query.get("stateId")


class Cmi5Lms(ThreadingHTTPServer):
    """The LMS on 127.0.0.1 and a random port, launching the AU in ``au_dir`` for Ralph ``lrs``."""

    daemon_threads = True

    def __init__(self, au_dir: Path, lrs, publisher_id: str):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.au_dir, self.lrs, self.publisher_id = au_dir, lrs, publisher_id
        self.states: dict[tuple, dict] = {}
        self.preferences: dict[str, dict] = {}  #: learner preferences by ``_agent_key``
        self.by_fetch: dict[str, Launch] = {}
        self.by_token: dict[str, Launch] = {}
        self.lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def prepare(self, actor: dict, registration: str, *, mode: str = "Normal", mastery: float | None = 0.75,
                move_on: str = "CompletedAndPassed", return_url: bool = False) -> tuple[str, Launch]:
        """Do what an LMS does before a launch (spec 8.1, 9.3.1, 10.0): a new session with its token,
        LMS.LaunchData, the "launched" statement in the LRS. Return the launch URL and the session."""
        session_id = str(uuid.uuid4())
        launch = Launch(registration, session_id, uuid.uuid4().hex,
                        base64.b64encode(uuid.uuid4().bytes).decode())
        self.by_fetch[launch.fetch_key] = self.by_token[launch.token] = launch
        actor_json = json.dumps(actor)
        launch_data = {
            "contextTemplate": {"contextActivities": {"grouping": [{"id": self.publisher_id}]},
                                "extensions": {SESSION_ID: session_id}},
            "launchMode": mode, "moveOn": move_on,
        }
        if mastery is not None:
            launch_data["masteryScore"] = mastery
        if return_url:
            launch_data["returnURL"] = f"{self.origin}/return"
        self.states[_state_key({"activityId": ACTIVITY_ID, "agent": actor_json, "registration": registration,
                                "stateId": "LMS.LaunchData"})] = launch_data
        launched = {
            "id": str(uuid.uuid4()), "actor": actor, "timestamp": datetime.now(timezone.utc).isoformat(),
            "verb": {"id": LAUNCHED, "display": {"en-US": "launched"}},
            "object": {"objectType": "Activity", "id": ACTIVITY_ID},
            "context": {"registration": registration, **launch_data["contextTemplate"],
                        "extensions": {SESSION_ID: session_id,
                                       "https://w3id.org/xapi/cmi5/context/extensions/launchmode": mode,
                                       "https://w3id.org/xapi/cmi5/context/extensions/moveon": move_on}},
        }
        status, reply = self.lrs.request("POST", "statements", [launched])
        assert status == 200, reply
        query = urlencode({"endpoint": f"{self.origin}/xapi/", "fetch": f"{self.origin}/fetch/{launch.fetch_key}",
                           "actor": actor_json, "registration": registration, "activityId": ACTIVITY_ID})
        return f"{self.origin}/au/index.html?{query}", launch

    def __enter__(self) -> "Cmi5Lms":
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
