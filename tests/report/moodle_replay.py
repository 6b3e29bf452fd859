"""A local stand-in for Moodle's REST server that answers with the recorded responses of Moodle 4.5
(tests/data/moodle-qser/webservice/: each NN-name.request.sh is the curl command, each
NN-name.response.json the body Moodle sent).

A request is answered with the recording whose function and parameters it repeats exactly.
Like Moodle: an unknown token gets the recorded ``invalidtoken`` answer (with HTTP 200), a function
outside the token's service the recorded ``accessexception``, and the ``limitfrom`` / ``limitnumber``
options of core_enrol_get_enrolled_users page through the recorded learners. Anything not recorded
gets Moodle's ``invalidparameter`` exception, so a client asking for something else fails visibly.
"""
from __future__ import annotations

import contextlib
import json
import re
import shlex
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl

from .moodle_truth import WEBSERVICE

TOKEN = "f3c2a1b0e9d8c7b6a5f4e3d2c1b0a9f8"  # this stand-in's valid token
_PAGING = ("limitfrom", "limitnumber")


def _recordings(folder: Path) -> dict[tuple, bytes]:
    answers = {}
    for request in sorted(folder.glob("*.request.sh")):
        words = shlex.split(request.read_text(encoding="utf-8").replace("\\\n", " "))
        params = dict(word.split("=", 1) for previous, word in zip(words, words[1:])
                      if previous == "--data-urlencode")
        if params.pop("wstoken") != "TOKEN":
            continue  # the bad-token call: served for any unknown token below
        body = request.with_name(request.name.replace(".request.sh", ".response.json")).read_bytes()
        answers[tuple(sorted(params.items()))] = body
    return answers


class MoodleReplay:
    """Serve the recordings on 127.0.0.1; ``requests`` lists every request's form fields."""

    def __init__(self, folder: Path = WEBSERVICE):
        self.answers = _recordings(folder)
        self.bad_token = (folder / "34-error-bad-token.response.json").read_bytes()
        self.not_in_service = (folder / "35-error-function-not-in-service.response.json").read_bytes()
        site = json.loads((folder / "01-site-info.response.json").read_bytes())
        self.functions = {f["name"] for f in site["functions"]}
        self.requests: list[dict] = []
        self.status = 200  # set to 403 for a site with web services disabled
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def answer(self, form: dict) -> bytes:
        if form.get("wstoken") != TOKEN:
            return self.bad_token
        if form.get("wsfunction") not in self.functions:
            return self.not_in_service.replace(b"core_user_get_users", form.get("wsfunction", "").encode())
        params = {k: v for k, v in form.items() if k not in ("wstoken", "moodlewsrestformat")}
        paging, params = _paging(params)
        body = self.answers.get(tuple(sorted(params.items())))
        if body is None:
            return json.dumps({"exception": "invalid_parameter_exception", "errorcode": "invalidparameter",
                               "message": "Invalid parameter value detected"}).encode()
        if paging:
            start, count = paging
            body = json.dumps(json.loads(body)[start:start + count if count else None]).encode()
        return body

    def _handler(self):
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length", 0))
                form = dict(parse_qsl(self.rfile.read(length).decode("utf-8"), keep_blank_values=True))
                replay.requests.append({"path": self.path, **form})
                body = replay.answer(form) if replay.status == 200 else b""
                self.send_response(replay.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler

    @contextlib.contextmanager
    def running(self):
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.server.shutdown()
            self.server.server_close()


def _paging(params: dict) -> tuple[tuple[int, int] | None, dict]:
    """Take core_enrol_get_enrolled_users' limitfrom / limitnumber options out of ``params``."""
    options: dict[int, dict] = {}
    for name, value in params.items():
        match = re.fullmatch(r"options\[(\d+)\]\[(name|value)\]", name)
        if match:
            options.setdefault(int(match.group(1)), {})[match.group(2)] = value
    paging = {o["name"]: int(o["value"]) for o in options.values() if o.get("name") in _PAGING}
    if not paging:
        return None, params
    kept = [o for _, o in sorted(options.items()) if o.get("name") not in _PAGING]
    rest = {k: v for k, v in params.items() if not k.startswith("options[")}
    for index, option in enumerate(kept):
        rest[f"options[{index}][name]"], rest[f"options[{index}][value]"] = option["name"], option["value"]
    return (paging.get("limitfrom", 0), paging.get("limitnumber", 0)), rest
