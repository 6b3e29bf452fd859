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


class _CheckedType(click.ParamType):
    """A value that :meth:`parse` accepts; else exit 2 with ``'<value>' is not <what>; <advice>``."""

    what = ""
    advice = ""

    def parse(self, value: str):
        """Return the value to use, or None when ``value`` is not one."""
        raise NotImplementedError

    def convert(self, value, param, ctx):
        parsed = self.parse(value)
        if parsed is None:
            self.fail(f"{value!r} is not {self.what}; {self.advice}", param, ctx)
        return parsed


class HostType(_CheckedType):
    """A host name or an IP address to listen on or connect to."""

    name = "host"
    what = "a host name or an IP address"
    advice = "write e.g. 127.0.0.1, ::1 or localhost"

    def parse(self, value: str) -> str | None:
        return value if is_host(value) else None


class HttpUrlType(_CheckedType):
    """An absolute http(s) URL, such as an LRS's xAPI endpoint."""

    name = "url"
    what = "an http(s) URL"
    advice = "write it in full, e.g. https://lrs.example.org/xAPI/"

    def parse(self, value: str) -> str | None:
        parts = urlsplit(value)
        try:
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number from 0 to 65535
        except ValueError:
            return None
        return value if parts.scheme in ("http", "https") and is_host(parts.hostname or "") else None


class PortType(_CheckedType):
    """A TCP port number; 0 asks the system for any free port."""

    name = "port"
    what = "a port number"
    advice = "write a whole number from 0 to 65535 (0 takes any free port)"

    def parse(self, value) -> int | None:
        try:
            number = int(value)
        except ValueError:
            return None
        return number if 0 <= number <= 65535 else None


HOST = HostType()
HTTP_URL = HttpUrlType()
PORT = PortType()
#: The course source folder (build, check); the loader says so when it is missing, with how to fix it.
COURSE_FOLDER = click.Path(file_okay=False, path_type=str)
#: A folder to write into; created when missing.
OUTPUT_FOLDER = click.Path(file_okay=False)
