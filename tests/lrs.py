"""Ralph, a real xAPI LRS, for the tests: a pytest plugin with one session-scoped fixture, ``lrs``.

Ralph (PyPI ``ralph-malph[lrs]==5.1.0``) lives in its own virtual environment, ``.venv-ralph``,
which ``scripts/test`` creates. The fixture starts it once per test session on 127.0.0.1 and a
free port (held by the tests from the start, see :class:`Lrs`), with the filesystem backend in a temporary folder, Basic auth from an auth file holding
a bcrypt hash, and CORS open to loopback pages (``tests/lrs_asgi.py``). Use it from a test package
with ``pytest_plugins = ["tests.lrs"]`` in the root conftest, or ``from tests.lrs import lrs``.

Statements of different tests stay apart by registration: give each run its own UUID and read
back with ``lrs.statements(registration=...)``.
"""
from __future__ import annotations

import base64
import contextlib
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Where scripts/test installs Ralph; QSER_RALPH_VENV names another virtual environment.
RALPH_VENV = Path(os.environ.get("QSER_RALPH_VENV", ROOT / ".venv-ralph"))
XAPI_VERSION = "1.0.3"
#: Ralph starts in about 2 s; on a machine busy with parallel test workers (pytest-xdist) it has
#: taken over 30 s, and a failed start fails every LRS test of that worker.
START_SECONDS = 120

#: Run inside the Ralph venv: Ralph's own strict statement model, one error text (or "") per line.
_STRICT_CHECK = """
import json, sys
from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement
for statement in json.load(sys.stdin):
    try:
        BaseXapiStatement.model_validate(statement)
        print(json.dumps(""))
    except ValidationError as error:
        print(json.dumps(str(error)))
"""


def _port_socket(port: int = 0) -> socket.socket:
    """A socket bound (not listening) to 127.0.0.1:``port``, or to a free port for 0.

    SO_REUSEPORT lets the sockets of this module share the port while no other program can
    take it: the port stays Ralph's while Ralph is down, with no window for a free-port race.
    """
    bound = socket.socket()
    bound.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    bound.bind(("127.0.0.1", port))
    return bound


def _ralph_python(code: str, stdin: str = "") -> str:
    done = subprocess.run(
        [str(RALPH_VENV / "bin" / "python"), "-c", code],
        input=stdin, capture_output=True, text=True, check=True, timeout=60,
    )
    return done.stdout


@dataclass
class Lrs:
    """A running Ralph: where it is, who may post, and helpers to read and check what it stored.

    Ralph listens on a socket the tests bind and hand to uvicorn (``--fd``); a second, unlistening
    socket holds the port from the first start to :meth:`stop`, so restarting after
    :meth:`down` always gets the same port back, while connections meanwhile are refused.
    """

    endpoint: str  #: the xAPI base URL, ending in "/"
    username: str
    password: str
    store: Path  #: the folder of the filesystem backend
    _reservation: socket.socket  #: holds the port while the LRS is down
    _process: subprocess.Popen | None = None
    _log: Path | None = None

    @property
    def auth(self) -> str:
        """The ``Authorization`` header value, as the Tin Can launch ``auth`` parameter carries it."""
        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        return f"Basic {token}"

    @property
    def pid(self) -> int | None:
        """Ralph's process id while it runs (the benchmark reads its CPU time)."""
        return self._process.pid if self._process else None

    def start(self) -> None:
        env = {
            **os.environ,
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_AUTH_FILE": str(self.store / "auth.json"),
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.store),
            "RALPH_APP_DIR": str(self.store / ".ralph"),
        }
        listening = _port_socket(self._reservation.getsockname()[1])
        with listening, self._log.open("ab") as log:  # the child keeps its own copies
            self._process = subprocess.Popen(
                [str(RALPH_VENV / "bin" / "uvicorn"), "lrs_asgi:app", "--app-dir", str(ROOT / "tests"),
                 "--fd", str(listening.fileno()), "--ws", "none", "--log-level", "warning"],
                env=env, stdout=log, stderr=subprocess.STDOUT, pass_fds=(listening.fileno(),),
            )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"Ralph exited at start:\n{self._log.read_text()}")
            with contextlib.suppress(OSError):
                urllib.request.urlopen(self.endpoint.replace("/xAPI/", "/__heartbeat__"), timeout=1)
                return
            time.sleep(0.1)
        raise RuntimeError(f"Ralph did not answer within {START_SECONDS} s:\n{self._log.read_text()}")

    def stop(self) -> None:
        """Stop Ralph for good and free its port."""
        self._end_process()
        self._reservation.close()

    def _end_process(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None

    @contextlib.contextmanager
    def down(self):
        """Stop Ralph for the duration of the block (a real outage: connections are refused), then
        start it again on the same port."""
        self._end_process()
        try:
            yield
        finally:
            self.start()

    def request(self, method: str, path: str, body=None, timeout: float = 10) -> tuple[int, object]:
        """Send one request to the xAPI endpoint; return the status and the decoded JSON reply."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.endpoint + path, data=data, method=method, headers={
            "Authorization": self.auth, "X-Experience-API-Version": XAPI_VERSION,
            "Content-Type": "application/json",
        })
        try:
            with urllib.request.urlopen(req, timeout=timeout) as reply:
                raw = reply.read()
                return reply.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def statements(self, **query: str) -> list[dict]:
        """Every stored statement matching the xAPI query parameters, oldest first, all pages."""
        params = "&".join(f"{key}={urllib.parse.quote(str(value))}" for key, value in query.items())
        path, found = f"statements?limit=500&{params}", []
        while path:
            status, page = self.request("GET", path)
            assert status == 200, page
            found += page["statements"]
            path = page.get("more", "").split("/xAPI/", 1)[-1] if page.get("more") else ""
        # Ralph's filesystem backend ignores ``ascending``; a batch shares one ``stored`` time.
        return sorted(found, key=lambda s: (s["stored"], s["timestamp"]))


def start_ralph(store: Path) -> Lrs:
    """Start Ralph with its data, auth file and log in ``store``; the caller stops it."""
    password = uuid.uuid4().hex
    hashed = _ralph_python(
        "import bcrypt, sys; print(bcrypt.hashpw(sys.stdin.read().encode(), bcrypt.gensalt(4)).decode())",
        password,
    ).strip()
    (store / "auth.json").write_text(json.dumps([{
        "username": "qser-tests", "hash": hashed, "scopes": ["all"],
        "agent": {"mbox": "mailto:qser-tests@example.org", "objectType": "Agent"},
    }]))
    reservation = _port_socket()
    endpoint = f"http://127.0.0.1:{reservation.getsockname()[1]}/xAPI/"
    server = Lrs(endpoint, "qser-tests", password, store, reservation, _log=store / "ralph.log")
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    return server


def strict_errors(statements: list[dict]) -> list[str]:
    """Check each statement with Ralph's strict xAPI model; return one error text per statement,
    "" when it is valid (Ralph's API itself accepts some invalid statements)."""
    lines = _ralph_python(_STRICT_CHECK, json.dumps(statements)).splitlines()
    return [json.loads(line) for line in lines]


def missing() -> str:
    """Why the LRS tests cannot run here, or "" when they can (tests/conftest.py asks)."""
    installed = (RALPH_VENV / "bin" / "uvicorn").exists()
    return "" if installed else f"Ralph is not installed in {RALPH_VENV}: scripts/test creates it"


@pytest.fixture(scope="session")
def lrs(tmp_path_factory) -> Lrs:
    """Ralph on 127.0.0.1, started once for the whole test session: tests that use it are marked ``lrs``."""
    server = start_ralph(tmp_path_factory.mktemp("ralph"))
    yield server
    server.stop()
