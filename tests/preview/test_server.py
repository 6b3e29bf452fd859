"""The preview server as a user starts it: loopback only, a clear message on a busy port, a clean
stop on Ctrl-C, and a fake LRS that keeps what the course posts."""
from __future__ import annotations

import http.client
import json
import signal
import socket
import subprocess
import sys
import urllib.request

import pytest

from qser_scorm.preview.server import PreviewServer, host_allowed

from ..conftest import COURSE_SRC


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


def outward_address() -> str | None:
    """This machine's address on its default route (no packet is sent), or None without one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_serves_on_loopback_only(preview):
    host, port = preview.address
    assert host == "127.0.0.1"
    assert get_json(f"{preview.url}__build")["build"] == 1
    address = outward_address()
    if address is None:
        pytest.skip("this machine has no address besides loopback to try")
    with pytest.raises(OSError):
        socket.create_connection((address, port), timeout=2).close()


def test_a_busy_port_gives_a_clear_message(run_cli, course):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run_cli("preview", course, "--port", taken.getsockname()[1])
    assert result.exit_code == 1
    assert "cannot serve on 127.0.0.1:" in result.output
    assert "--port 0" in result.output


def test_the_command_prints_its_url_and_stops_cleanly_on_ctrl_c(course):
    process = subprocess.Popen([sys.executable, "-m", "qser_scorm", "preview", str(course), "--port", "0", "--lms", "chamilo"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = [process.stdout.readline(), process.stdout.readline()]
        assert " in chamilo at " in lines[-1]
        url = lines[-1].split(" at ")[1].split()[0]
        assert url.startswith("http://127.0.0.1:")
        build = get_json(f"{url}__build")
        assert build["error"] is None
        assert build["lms"] == "chamilo"  # the host page plays that profile
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "Stopped." in out
    assert "Traceback" not in err


def test_an_unknown_lms_is_refused_with_the_choices(run_cli, course):
    result = run_cli("preview", course, "--lms", "blackboard")
    assert result.exit_code == 2
    assert "'blackboard' is not one of 'moodle', 'chamilo', 'strict'" in result.output


def test_the_fake_lrs_records_statements_and_lists_them(preview):
    statement = {"actor": {"mbox": "mailto:a@example.org"}, "verb": {"id": "http://adlnet.gov/expapi/verbs/initialized"},
                 "object": {"id": "https://example.org/course"}}
    request = urllib.request.Request(f"{preview.url}xapi/statements", data=json.dumps([statement]).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:
        (statement_id,) = json.load(response)
    listed = get_json(f"{preview.url}xapi/statements")["statements"]
    assert [s["id"] for s in listed] == [statement_id]
    assert get_json(f"{preview.url}__build")["statements"] == 1


@pytest.fixture(scope="module")
def shipped_preview():
    """One preview of the shipped course for the many header cases (none of them changes it)."""
    with PreviewServer(COURSE_SRC, port=0, echo=lambda message: None) as server:
        yield server


def send(preview, method: str, path: str, hosts: list[str], headers: dict | None = None,
         body: bytes = b"") -> tuple[int, bytes]:
    """Send a request with exactly the ``Host`` headers given; return the status and body."""
    connection = http.client.HTTPConnection(*preview.address, timeout=5)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for host in hosts:
            connection.putheader("Host", host)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders(body or None)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LocalHost:{port}", "[::1]:{port}",
                                  "127.0.0.2:{port}", "127.0.0.1", "localhost:9000"],
                         ids=["ip", "localhost", "case", "ipv6", "loopback-range", "no-port", "forwarded-port"])
def test_requests_naming_the_preview_by_a_loopback_name_are_answered(shipped_preview, host):
    status, body = send(shipped_preview, "GET", "/__build", [host.format(port=shipped_preview.address[1])])
    assert status == 200
    assert json.loads(body)["build"] == 1


@pytest.mark.parametrize("hosts", [
    ["rebound.example:{port}"], ["rebound.example"], ["localhost.:{port}"],
    ["user@127.0.0.1:{port}"], ["127.0.0.1:{port}", "rebound.example:{port}"], [""], [],
], ids=["other-name", "other-name-no-port", "trailing-dot", "user-info", "two-hosts", "empty", "missing"])
@pytest.mark.parametrize(("method", "path"), [("GET", "/xapi/statements"), ("GET", "/course/index.html"),
                                              ("POST", "/xapi/statements")])
def test_requests_naming_another_host_are_refused_dns_rebinding(shipped_preview, hosts, method, path):
    statement = {"actor": {"mbox": "mailto:a@example.org"}, "verb": {"id": "http://adlnet.gov/expapi/verbs/initialized"},
                 "object": {"id": "https://example.org/course"}}
    body = json.dumps(statement).encode() if method == "POST" else b""
    port = shipped_preview.address[1]
    status, answer = send(shipped_preview, method, path, [host.format(port=port) for host in hosts],
                          {"Content-Length": str(len(body))}, body)

    assert status == 400
    assert b"The preview answers only at localhost" in answer
    assert get_json(f"{shipped_preview.url}__build")["statements"] == 0


def test_the_host_given_with_host_is_answered_too():
    assert host_allowed("preview.lan:8000", "preview.lan")
    assert host_allowed("Preview.LAN:8000", "preview.lan")
    assert not host_allowed("preview.lan:8000", "127.0.0.1")
    assert host_allowed("localhost", "127.0.0.1")


@pytest.mark.parametrize(("length", "status"), [("-1", 400), ("abc", 400), ("1000001", 413)])
def test_a_post_with_a_bad_or_huge_length_is_refused_at_once(shipped_preview, length, status):
    """A negative length used to make the handler wait for the client to hang up."""
    host = f"127.0.0.1:{shipped_preview.address[1]}"
    answer, _ = send(shipped_preview, "POST", "/xapi/statements", [host], {"Content-Length": length}, b"[]")
    assert answer == status
