"""The preview server as a user starts it: loopback only, a clear message on a busy port, a clean
stop on Ctrl-C, and a fake LRS that keeps what the course posts."""
from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import urllib.request

import pytest


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
    process = subprocess.Popen([sys.executable, "-m", "qser_scorm", "preview", str(course), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = [process.stdout.readline(), process.stdout.readline()]
        url = lines[-1].split(" at ")[1].split()[0]
        assert url.startswith("http://127.0.0.1:")
        assert get_json(f"{url}__build")["error"] is None
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "Stopped." in out
    assert "Traceback" not in err


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
