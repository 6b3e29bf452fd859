"""A loopback web server for the browser tests: the host LMS page, scorm-again, the built SCO,
and an LMS back end that stores what the SCO commits (and can be told to fail).

Routes:
  /host/...              tests/browser/host/ (the LMS host page and its script)
  /vendor/scorm12.js     scorm-again's plain-script SCORM 1.2 API (npm, tests/js)
  /vendor/scorm2004.js   scorm-again's plain-script SCORM 2004 API
  /sco/...               the unzipped package, exactly as the LMS would serve it
  /lms/<attempt>/commit  POST: one learner attempt's commit endpoint (scorm-again's lmsCommitUrl);
                         LMSCommit posts JSON by synchronous XHR, LMSFinish posts by sendBeacon
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE.parent / "js" / "node_modules"
VENDOR = {f"/vendor/{name}": NODE_MODULES / "scorm-again" / "dist" / name for name in ("scorm12.js", "scorm2004.js")}
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"


@dataclass
class LmsAttempt:
    """What the LMS server side knows about one attempt: every commit body it received and kept.

    ``down`` makes the server answer 500 to commits (an LMS outage) until it is set back.
    """

    down: bool = False
    stored: list[dict] = field(default_factory=list)  #: commit bodies answered 200, in order
    refused: int = 0  #: commits answered 500
    refused_finishes: int = 0  #: terminating commits (LMSFinish's beacon) among them
    finishes: int = 0  #: terminating commits stored (LMSFinish sends them by sendBeacon, as text/plain)
    received: threading.Condition = field(default_factory=threading.Condition)

    @property
    def last_cmi(self) -> dict | None:
        """The CMI as the LMS last stored it (the terminating beacon included), or None."""
        return self.stored[-1]["cmi"] if self.stored else None

    def wait_for(self, predicate, timeout: float = 5.0) -> bool:
        """Wait until ``predicate(self)`` holds after some commit arrived (beacons come late)."""
        with self.received:
            return self.received.wait_for(lambda: predicate(self), timeout)


class _Handler(SimpleHTTPRequestHandler):
    server: "LmsServer"

    def log_message(self, format, *args):  # noqa: A002 - keep pytest output clean
        pass

    def end_headers(self):
        # Each test must see the package it built, never a cached copy.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def translate_path(self, path: str) -> str:
        route = unquote(urlsplit(path).path)
        mounts = {"/host/": HERE / "host", "/sco/": self.server.sco_dir}
        if route in VENDOR:
            return str(VENDOR[route])
        for prefix, root in mounts.items():
            if route.startswith(prefix) and root is not None:
                target = (root / route[len(prefix):]).resolve()
                if target.is_relative_to(root.resolve()):
                    return str(target)
        return str(HERE / "no-such-file")

    def do_POST(self):
        parts = urlsplit(self.path).path.strip("/").split("/")
        attempt = self.server.attempts.get(parts[1]) if len(parts) == 3 and parts[0] == "lms" else None
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if attempt is None:
            self.send_error(404)
            return
        beacon = self.headers.get("Content-Type", "").startswith("text/plain")
        with attempt.received:
            if attempt.down:
                attempt.refused += 1
                attempt.refused_finishes += beacon
                status, reply = 500, {"result": False, "errorCode": 101}
            else:
                attempt.stored.append(json.loads(body))
                attempt.finishes += beacon
                status, reply = 200, {"result": True, "errorCode": 0}
            attempt.received.notify_all()
        payload = json.dumps(reply).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class LmsServer(ThreadingHTTPServer):
    """The server on 127.0.0.1 and a random port; ``sco_dir`` is the unzipped package."""

    daemon_threads = True

    def __init__(self, sco_dir: Path | None):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.sco_dir = sco_dir
        self.attempts: dict[str, LmsAttempt] = {}
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def new_attempt(self, name: str) -> LmsAttempt:
        self.attempts[name] = LmsAttempt()
        return self.attempts[name]

    def __enter__(self) -> "LmsServer":
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
