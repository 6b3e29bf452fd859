"""The preview server: the course built in memory and served on loopback inside an LMS host page.

Routes:

- ``/``: the host page (``assets/host.html``), which plays the SCORM 1.2 LMS chosen with ``--lms``
  (``assets/profiles.mjs``);
- ``/__preview/<file>``: the host page's scripts and style;
- ``/__build``: JSON ``{build, error, lms, launch, mastery_score, activity_id, statements}``, polled
  by the host page, which relaunches the course when ``build`` grows;
- ``/course/<path>``: the files of the last good build, exactly as ``render_site`` made them;
- ``/xapi/statements``: a fake LRS (POST to record, GET to list) that keeps what the course
  posts, so the panel can show it; it asks for no credentials.

A watcher thread polls the source folder's file times and sizes and rebuilds on any change; a
failed build keeps the last good site and reports the error in the page and the terminal.

Every request must name the server by a loopback name or address, or by the ``--host`` given, with
its port, in its ``Host`` header: a web page whose name was rebound to 127.0.0.1 (DNS rebinding)
sends its own name there and is refused, so it cannot read the statements or post new ones.
"""
from __future__ import annotations

import ipaddress
import json
import mimetypes
import re
import sys
import threading
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import QserError
from ..vocab import LAUNCH_FILE
from ..xapi.vocab import XAPI_VERSION

#: How often the watcher looks at the source folder; short enough to feel immediate.
POLL_SECONDS = 0.3
_ASSET_TYPES = {".mjs": "text/javascript", ".css": "text/css", ".html": "text/html"}
#: The LMS profiles the host page can play (assets/profiles.mjs PROFILES); the first is the default.
LMS_PROFILES = ("moodle", "chamilo", "strict")
#: The largest body the fake LRS reads: a batch of statements is far smaller.
MAX_BODY_BYTES = 1_000_000
#: RFC 9110 7.2: Host = uri-host [ ":" port ]; an IPv6 address comes in brackets.
_HOST_HEADER = re.compile(r"(?P<name>\[[0-9A-Fa-f:.]+\]|[^:\[\]]+)(?::(?P<port>[0-9]{1,5}))?")


@dataclass(frozen=True)
class SiteBuild:
    """One successful build: the site's files and what the LMS reads from the manifest."""

    files: dict[str, bytes]
    mastery_score: str  #: adlcp:masteryscore, handed to the SCO as cmi.student_data.mastery_score
    activity_id: str  #: the course's xAPI activity IRI (Tin Can launch parameter activity_id)
    warnings: tuple[str, ...]  #: what ``qser-scorm build`` would warn about


def build_site(source: Path) -> SiteBuild:
    """Load, check and render ``source``; raise :class:`CourseError` as ``qser-scorm build`` does."""
    from ..pipeline import check
    from ..package.scorm12 import mastery_score
    from ..render import render_site
    from ..xapi.activities import course_iri

    course, warnings = check(source)
    return SiteBuild(render_site(course), mastery_score(course), course_iri(course),
                     tuple(warning.format() for warning in warnings))


def snapshot(folder: Path) -> tuple:
    """Return what identifies the folder's content cheaply: each file's path, mtime and size."""
    entries = []
    for path in sorted(folder.rglob("*")):
        try:
            stat = path.stat()
        except OSError:  # deleted between listing and stat: the next poll sees it
            continue
        if path.is_file():
            entries.append((str(path.relative_to(folder)), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


class Preview:
    """The state the HTTP handler serves: the last good build, the last error, the statements."""

    def __init__(self, source: Path, echo: Callable[[str], None], lms: str = LMS_PROFILES[0]):
        self.source = source
        self.lms = lms
        self._echo = echo
        self._lock = threading.Lock()
        self.site: SiteBuild | None = None
        self.number = 0  #: count of successful builds; the host page relaunches when it grows
        self.error: str | None = None
        self.statements: list[dict] = []

    def rebuild(self) -> None:
        """Build the course; on failure keep the last good site and remember the error."""
        try:
            site = build_site(self.source)
        except QserError as error:
            self._failed(error.format_message())
        except Exception:  # a bug in a build stage must not stop the preview
            self._failed("The build crashed; this is a bug in qser-scorm:\n" + traceback.format_exc())
        else:
            with self._lock:
                self.site, self.number, self.error = site, self.number + 1, None
            self._echo("\n".join([*site.warnings, f"Built {self.source} (build {self.number}, {len(site.files)} files)."]))

    def _failed(self, message: str) -> None:
        with self._lock:
            self.error = message
        still = "still serving the last good build" if self.site else "waiting for the source to be fixed"
        self._echo(f"Build failed; {still}.\n{message}")

    def status(self) -> dict:
        with self._lock:
            return {
                "build": self.number,
                "error": self.error,
                "lms": self.lms,
                "launch": LAUNCH_FILE,
                "mastery_score": self.site.mastery_score if self.site else "",
                "activity_id": self.site.activity_id if self.site else "",
                "statements": len(self.statements),
            }

    def recorded(self) -> list[dict]:
        with self._lock:
            return list(self.statements)

    def record(self, statements: list[dict]) -> list[str]:
        """Store statements as an LRS would and return their ids.

        A statement without an id gets one; one whose id is already stored is a resend and is
        not stored again (xAPI 1.0.3 Communication 2.1.2).
        """
        for statement in statements:
            statement.setdefault("id", str(uuid.uuid4()))
        with self._lock:
            known = {stored["id"] for stored in self.statements}
            self.statements.extend(s for s in statements if s["id"] not in known)
        return [statement["id"] for statement in statements]


def _asset(name: str) -> bytes | None:
    resource = resources.files("qser_scorm.preview") / "assets" / name
    return resource.read_bytes() if "/" not in name and resource.is_file() else None


def host_allowed(header: str | None, host: str) -> bool:
    """Whether a ``Host`` header names this server: ``localhost``, a loopback address or ``host``
    (what it was told to listen on). Against DNS rebinding the name is what matters; any port is
    fine, so forwarded ports (ssh -L, containers, editors) keep working."""
    match = _HOST_HEADER.fullmatch(header or "")
    if not match:
        return False
    name = match["name"].strip("[]").lower()
    if name in ("localhost", host.strip("[]").lower()):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class _Handler(BaseHTTPRequestHandler):
    preview: Preview  # set on the subclass made by PreviewServer
    listen_host: str  # the --host given, also set there
    server_version = "qser-scorm-preview"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self._refused():
            return
        path = unquote(urlsplit(self.path).path)
        if path == "/":
            self._send_asset("host.html")
        elif path.startswith("/__preview/"):
            self._send_asset(path.removeprefix("/__preview/"))
        elif path == "/__build":
            self._send_json(self.preview.status())
        elif path.startswith("/course/"):
            self._send_course_file(path.removeprefix("/course/"))
        elif path == "/xapi/statements":
            self._send_json({"statements": self.preview.recorded(), "more": ""})
        else:
            self._send_status(HTTPStatus.NOT_FOUND)

    def do_POST(self) -> None:  # noqa: N802
        # xAPI 1.0.3 Communication 2.1.2: POST /statements takes one statement or a list.
        if self._refused():
            return
        if urlsplit(self.path).path != "/xapi/statements":
            self._send_status(HTTPStatus.NOT_FOUND)
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY_BYTES:  # a negative length would make read() wait for the close
            self._send_status(HTTPStatus.REQUEST_ENTITY_TOO_LARGE if length > 0 else HTTPStatus.BAD_REQUEST)
            return
        try:
            body = json.loads(self.rfile.read(length))
        except ValueError:
            body = None
        statements = body if isinstance(body, list) else [body]
        if not all(isinstance(statement, dict) for statement in statements):
            self._send_status(HTTPStatus.BAD_REQUEST)
            return
        self._send_json(self.preview.record(statements))

    def _refused(self) -> bool:
        """Answer 400 to a request whose ``Host`` does not name this server (DNS rebinding)."""
        hosts = self.headers.get_all("Host") or []
        if len(hosts) == 1 and host_allowed(hosts[0], self.listen_host):
            return False
        self._send(f"400 Bad Request\nThe preview answers only at localhost, a loopback address or "
                   f"{self.listen_host}.\n".encode(), "text/plain", HTTPStatus.BAD_REQUEST)
        return True

    def _send_asset(self, name: str) -> None:
        data = _asset(name)
        if data is None:
            self._send_status(HTTPStatus.NOT_FOUND)
        else:
            self._send(data, _ASSET_TYPES.get(Path(name).suffix, "application/octet-stream"))

    def _send_course_file(self, relative: str) -> None:
        relative = relative or LAUNCH_FILE
        site = self.preview.site
        data = site.files.get(relative) if site else None
        if data is None:
            self._send_status(HTTPStatus.NOT_FOUND)
        else:
            self._send(data, mimetypes.guess_type(relative)[0] or "application/octet-stream")

    def _send_json(self, value) -> None:
        self._send(json.dumps(value).encode("utf-8"), "application/json")

    def _send_status(self, status: HTTPStatus) -> None:
        self._send(f"{status.value} {status.phrase}\n".encode(), "text/plain", status)

    def _send(self, data: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        if "charset" not in content_type and content_type.startswith(("text/", "application/json")):
            content_type += "; charset=utf-8"
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        # Always fresh: a rebuild must show at once, never a cached old file.
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Experience-API-Version", XAPI_VERSION)  # xAPI 1.0.3 Communication 6.2
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass  # the page polls twice a second; logging every request would bury build messages


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True  # a request still open does not hold up Ctrl-C

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser went away mid-answer (page closed or reloaded): nothing to report
        super().handle_error(request, client_address)


class PreviewServer:
    """Serve the preview of ``source`` on ``host:port`` until :meth:`stop` (a context manager).

    ``port=0`` takes any free port; :attr:`url` tells which. ``lms`` is one of
    :data:`LMS_PROFILES`. Raises :class:`QserError` when the port cannot be opened.
    """

    handler = _Handler  #: the request handler; the cmi5 mode (cmi5.py) puts its LMS in front

    def __init__(self, source: str | Path, host: str = "127.0.0.1", port: int = 8000,
                 echo: Callable[[str], None] = print, poll_seconds: float = POLL_SECONDS,
                 lms: str = LMS_PROFILES[0]):
        self.preview = Preview(Path(source), echo, lms)
        self._poll_seconds = poll_seconds
        self._stopping = threading.Event()
        handler = type("PreviewHandler", (self.handler,), {"preview": self.preview, "listen_host": host})
        try:
            self._http = _HttpServer((host, port), handler)
        except OSError as error:
            raise QserError(f"cannot serve on {host}:{port}: {error.strerror}. Choose another port with "
                            "--port N, or --port 0 for any free one.") from None
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        host, port = self.address
        return f"http://{host}:{port}/"

    @property
    def address(self) -> tuple[str, int]:
        return self._http.server_address[:2]

    def start(self) -> "PreviewServer":
        """Build once, then serve and watch in background threads."""
        self.preview.rebuild()
        for target in (self._http.serve_forever, self._watch):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def wait(self) -> None:
        """Block until :meth:`stop`; Ctrl-C raises KeyboardInterrupt here (short waits keep it prompt)."""
        while not self._stopping.wait(0.5):
            pass

    def stop(self) -> None:
        self._stopping.set()
        if self._threads:  # shutdown() waits for serve_forever, which runs only after start()
            self._http.shutdown()
        self._http.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> "PreviewServer":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _watch(self) -> None:
        seen = snapshot(self.preview.source)
        while not self._stopping.wait(self._poll_seconds):
            current = snapshot(self.preview.source)
            if current != seen:
                seen = current
                self.preview.rebuild()
