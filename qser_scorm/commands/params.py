"""The kinds of command-line values the commands share, as click parameter types.

A value that does not fit stops the command before it starts, with exit code 2 and a message
naming the option (click's ``Invalid value for '--embed-lrs': ...``) and what to write instead.
"""
from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

import click

#: One label of a host name (RFC 1123): letters, digits and inner hyphens, 63 characters at most.
_HOST_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")


def is_host(text: str) -> bool:
    """Whether ``text`` is an IPv4 or IPv6 address or a host name such as ``lrs.example.org``."""
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        labels = text.removesuffix(".").split(".")
        return len(text) <= 253 and all(_HOST_LABEL.fullmatch(label) for label in labels)


class HostType(click.ParamType):
    """A host name or an IP address to listen on or connect to."""

    name = "host"

    def convert(self, value, param, ctx) -> str:
        if not is_host(value):
            self.fail(f"{value!r} is not a host name or an IP address; write e.g. 127.0.0.1, ::1 or localhost",
                      param, ctx)
        return value


class HttpUrlType(click.ParamType):
    """An absolute http(s) URL, such as an LRS's xAPI endpoint."""

    name = "url"

    def convert(self, value, param, ctx) -> str:
        parts = urlsplit(value)
        try:
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number from 0 to 65535
            valid = parts.scheme in ("http", "https") and is_host(parts.hostname or "")
        except ValueError:
            valid = False
        if not valid:
            self.fail(f"{value!r} is not an http(s) URL; write it in full, e.g. https://lrs.example.org/xAPI/",
                      param, ctx)
        return value


class PortType(click.ParamType):
    """A TCP port number; 0 asks the system for any free port."""

    name = "port"

    def convert(self, value, param, ctx) -> int:
        try:
            number = int(value)
        except ValueError:
            number = -1
        if not 0 <= number <= 65535:
            self.fail(f"{value!r} is not a port number; write a whole number from 0 to 65535 "
                      "(0 takes any free port)", param, ctx)
        return number


HOST = HostType()
HTTP_URL = HttpUrlType()
PORT = PortType()
#: The course source folder (build, check); the loader says so when it is missing, with how to fix it.
COURSE_FOLDER = click.Path(file_okay=False, path_type=str)
#: A folder to write into; created when missing.
OUTPUT_FOLDER = click.Path(file_okay=False)
