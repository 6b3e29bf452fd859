"""Read xAPI statements, one at a time, from a JSON file or from an LRS.

Both readers are generators of plain statement dicts (xAPI 1.0.3 JSON), so the report never holds
more than one statement, or one page of an LRS answer, in memory.
"""
from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from tincan import Activity

from qser_scorm.errors import QserError
from qser_scorm.xapi.lrs import LrsError as TransportError
from qser_scorm.xapi.lrs import TimedRemoteLRS
from qser_scorm.xapi.vocab import XAPI_VERSION

_CHUNK_BYTES = 1 << 20
_REQUIRED = ("actor", "verb", "object")  # xAPI 1.0.3 Data 2.4: the parts every statement has


class StatementsFileError(QserError):
    """The statements file cannot be read or is not xAPI statements JSON."""

    exit_code = 2


class LrsError(QserError):
    """The LRS could not be reached, refused the credentials or answered something unusable."""

    exit_code = 1


# --- statements file ---------------------------------------------------------------------------


class _JsonStream:
    """An incremental JSON reader over a binary file: one value at a time, never the whole file."""

    def __init__(self, file, on_bytes: Callable[[int], None]):
        self._file = file
        self._decoder = json.JSONDecoder()
        # utf-8-sig: files saved by Windows tools start with a byte order mark.
        self._text = codecs.getincrementaldecoder("utf-8-sig")()
        self._on_bytes = on_bytes
        self._buffer = ""
        self._pos = 0
        self._line = 1  #: line number of self._buffer[0], for error messages
        self._eof = False

    def _fill(self) -> bool:
        if self._eof:
            return False
        chunk = self._file.read(_CHUNK_BYTES)
        self._on_bytes(len(chunk))
        self._eof = not chunk
        self._line += self._buffer.count("\n", 0, self._pos)
        self._buffer = self._buffer[self._pos:] + self._text.decode(chunk, final=self._eof)
        self._pos = 0
        return not self._eof

    def line(self) -> int:
        return self._line + self._buffer.count("\n", 0, self._pos)

    def peek(self) -> str:
        """The next character that is not white space, or "" at the end of the file."""
        while True:
            while self._pos < len(self._buffer) and self._buffer[self._pos] in " \t\r\n":
                self._pos += 1
            if self._pos < len(self._buffer) or not self._fill():
                return self._buffer[self._pos:self._pos + 1]

    def expect(self, allowed: str) -> str:
        found = self.peek()
        if not found or found not in allowed:
            wanted = " or ".join(repr(c) for c in allowed)
            raise self.error(f"expected {wanted}, found {repr(found) if found else 'the end of the file'}")
        self._pos += 1
        return found

    def value(self):
        self.peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as error:
                if self._fill():
                    continue  # the value may only be cut by the end of the buffer
                raise self.error(error.msg) from None
            # A number at the very end of the buffer may continue in the next chunk.
            if end == len(self._buffer) and self._fill():
                continue
            self._pos = end
            return value

    def error(self, message: str) -> StatementsFileError:
        return StatementsFileError(f"{self._file.name}, line {self.line()}: not valid statements JSON: "
                                   f"{message}.\nExport the statements again, or check the file was "
                                   "saved completely.")


def read_statements_file(path: Path, on_bytes: Callable[[int], None] = lambda n: None) -> Iterator[dict]:
    """Yield the statements saved in ``path``, one by one.

    Accepted: a JSON list of statements; an object with a ``statements`` list (an LRS answer saved
    as is; other keys such as ``more`` are ignored); or statements one after the other (JSON Lines,
    as Ralph's filesystem backend stores them). ``on_bytes`` gets the size of each chunk read.

    Raises StatementsFileError (exit code 2) for a missing, unreadable or malformed file.
    """
    try:
        file = open(path, "rb")  # noqa: SIM115 - closed in the finally below, after the last yield
    except OSError as error:
        raise StatementsFileError(f"Cannot read the statements file {path}: {error.strerror}.\n"
                                  "Check the path given to --from.") from None
    try:
        stream = _JsonStream(file, on_bytes)
        first = stream.peek()
        if first == "[":
            yield from _checked(_array_items(stream), stream)
        elif first == "{":
            while stream.peek():
                yield from _checked(_object_statements(stream), stream)
        else:
            raise stream.error("expected a list of statements or an object with 'statements'"
                               if first else "the file is empty")
    except UnicodeDecodeError:
        raise StatementsFileError(f"{path} is not UTF-8 text; xAPI statements are UTF-8 JSON.\n"
                                  "Check that --from names the exported statements file.") from None
    except OSError as error:
        raise StatementsFileError(f"Cannot read the statements file {path}: {error.strerror}.") from None
    finally:
        file.close()


def _array_items(stream: _JsonStream) -> Iterator:
    stream.expect("[")
    if stream.peek() == "]":
        stream.expect("]")
        return
    while True:
        yield stream.value()
        if stream.expect(",]") == "]":
            return


def _object_statements(stream: _JsonStream) -> Iterator:
    """One top-level object: a wrapper whose ``statements`` list is streamed, or a statement."""
    stream.expect("{")
    fields, wrapper = {}, False
    while stream.peek() != "}":
        key = stream.value()
        if not isinstance(key, str):
            raise stream.error("expected a key in double quotes")
        stream.expect(":")
        if key == "statements" and stream.peek() == "[":
            wrapper = True
            yield from _array_items(stream)
        else:
            fields[key] = stream.value()
        if stream.peek() != "}":
            stream.expect(",")
    stream.expect("}")
    if not wrapper:
        yield fields


def _checked(values: Iterator, stream: _JsonStream) -> Iterator[dict]:
    for value in values:
        if not _is_statement(value):
            raise stream.error("each statement must be an object with 'actor', 'verb' (with an 'id') "
                               "and 'object', and objects as 'result', 'context' and 'result.score'")
        yield value


def _is_statement(value) -> bool:
    """Whether ``value`` has the statement parts the report reads, each of the right JSON type."""
    if not isinstance(value, dict) or not all(isinstance(value.get(key), dict) for key in _REQUIRED):
        return False
    result = value.get("result", {})
    return (isinstance(value["verb"].get("id"), str) and isinstance(value.get("context", {}), dict)
            and isinstance(result, dict) and isinstance(result.get("score", {}), dict))


# --- LRS -----------------------------------------------------------------------------------------


def read_lrs(endpoint: str, user: str, password: str, activity: str | None = None,
             timeout: float = 30.0, page_size: int = 0) -> Iterator[dict]:
    """Yield the statements an xAPI LRS holds, page after page, following ``more``.

    With ``activity``, ask the LRS only for statements about it or with it in their context (the
    course's IRI covers its pages and questions); some LRSs ignore the filter, so callers filter
    again with :func:`mentions`. ``page_size`` 0 lets the LRS choose its largest page (xAPI 1.0.3
    Communication 2.1.3, ``limit``).

    Raises LrsError (exit code 1) when the LRS is unreachable, too slow, refuses the credentials
    or does not answer as an xAPI LRS.
    """
    lrs = TimedRemoteLRS(endpoint=endpoint, username=user, password=password, timeout=timeout)
    query = {"limit": page_size}
    if activity:
        query |= {"activity": Activity(id=activity), "related_activities": "true"}
    where = lrs.endpoint
    result = _call_lrs(lambda: lrs.query_statements(query), where, timeout)
    while True:
        yield from (statement.as_version(XAPI_VERSION) for statement in result.statements)
        # An empty page ends the reading even with a "more" link: Ralph 5.1 links every empty
        # answer to itself ("...&search_after=None"), which would loop forever.
        if not result.more or not result.statements:
            return
        # xAPI 1.0.3 Communication 2.1.3: "more" is relative to the server root; some LRSs give
        # an absolute URL, which tincan would prefix with the root again.
        more = urlsplit(result.more)._replace(scheme="", netloc="").geturl()
        result = _call_lrs(lambda: lrs.more_statements(more), where, timeout)  # noqa: B023 - called at once


def mentions(statement: dict, activity: str) -> bool:
    """Whether ``activity`` is the statement's object or one of its context activities."""
    if statement.get("object", {}).get("id") == activity:
        return True
    activities = statement.get("context", {}).get("contextActivities", {})
    # Data 2.4.6.2: a single activity may stand where a list is expected.
    groups = (group if isinstance(group, list) else [group] for group in activities.values())
    return any(isinstance(item, dict) and item.get("id") == activity for group in groups for item in group)


def _call_lrs(fetch, where: str, timeout: float):
    try:
        response = fetch()
    except TransportError as error:
        if isinstance(error.__cause__, TimeoutError):
            raise LrsError(f"The LRS at {where} did not answer within {timeout:g} s.\n"
                           "Check that it is running, or allow more time with --timeout.") from None
        cause = error.__cause__
        reason = getattr(cause, "strerror", None) or str(cause) or type(cause).__name__
        raise LrsError(f"Cannot connect to the LRS at {where}: {reason}.\n"
                       "Check the address given to --lrs and that the LRS is running.") from None
    except (ValueError, TypeError, KeyError, AttributeError):
        # tincan could not read the answer as a StatementsResult.
        raise LrsError(f"The server at {where} did not answer with xAPI statements.\n"
                       "Check that --lrs is the LRS's xAPI endpoint (it often ends in /xAPI/).") from None
    if response.success:
        return response.content
    status = response.response.status
    if status in (401, 403):
        raise LrsError(f"The LRS at {where} refused the user name or password (HTTP {status}).\n"
                       "Check --user and --password: the key and secret of an LRS client allowed "
                       "to read statements.")
    if status == 404:
        raise LrsError(f"The LRS at {where} has no statements resource (HTTP 404).\n"
                       "Check that --lrs is the xAPI endpoint (it often ends in /xAPI/).")
    body = response.data.decode("utf-8", "replace")[:200] if isinstance(response.data, bytes) else ""
    raise LrsError(f"The LRS at {where} answered HTTP {status} {response.response.reason}: {body}\n"
                   "Try again later, or ask the LRS administrator.")
