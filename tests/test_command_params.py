"""Bad option values stop a command before it starts: exit 2, a message naming the option and
what to write instead, never a traceback."""
from __future__ import annotations

import pytest

from tests.conftest import COURSE_SRC

LOGIN = ("--embed-lrs-user", "u", "--embed-lrs-password", "p")


@pytest.mark.parametrize("args, option, message", [
    (("build", COURSE_SRC, "--embed-lrs", "not a url", *LOGIN), "--embed-lrs", "'not a url' is not an http(s) URL"),
    (("build", COURSE_SRC, "--embed-lrs", "ftp://lrs.example.org/", *LOGIN), "--embed-lrs", "is not an http(s) URL"),
    (("build", COURSE_SRC, "--embed-lrs", "https://lrs.example.org:99999/", *LOGIN), "--embed-lrs",
     "is not an http(s) URL"),
    (("build", COURSE_SRC, "--embed-lrs", "https://lrs example.org/", *LOGIN), "--embed-lrs", "is not an http(s) URL"),
    (("report", "--lrs", "lrs.example.org/xAPI/", "--user", "u", "--password", "p"), "--lrs",
     "write it in full, e.g. https://lrs.example.org/xAPI/"),
    (("preview", COURSE_SRC, "--port", "70000"), "--port", "'70000' is not a port number"),
    (("preview", COURSE_SRC, "--port", "eighty"), "--port", "write a whole number from 0 to 65535"),
    (("preview", COURSE_SRC, "--host", "my laptop"), "--host", "'my laptop' is not a host name or an IP address"),
    (("preview", COURSE_SRC, "--host", "-bad-.example.org"), "--host", "is not a host name"),
])
def test_a_bad_option_value_exits_2_naming_the_option(run_cli, tmp_path, args, option, message):
    result = run_cli(*args, "--out", tmp_path / "out") if args[0] == "build" else run_cli(*args)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}'" in result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("url", ["https://lrs.example.org/xAPI/", "http://127.0.0.1:8100/xAPI/",
                                 "http://[::1]:8100/xAPI/", "https://user@lrs.example.org/"])
def test_an_http_url_is_accepted(run_cli, tmp_path, url):
    result = run_cli("build", COURSE_SRC, "--out", tmp_path, "--embed-lrs", url, *LOGIN)
    assert result.exit_code == 0, result.output
