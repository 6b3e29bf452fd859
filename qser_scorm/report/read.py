"""Read xAPI statements, one at a time, from a JSON file or from an LRS.

Both readers are generators of plain statement dicts (xAPI 1.0.3 JSON), so the report never holds
more than one statement, or one page of an LRS answer, in memory.
"""
from __future__ import annotations

import codecs
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tincan import Activity, Statement

from qser_scorm.errors import QserError
from qser_scorm.xapi.lrs import LrsError as TransportError
from qser_scorm.xapi.lrs import TimedRemoteLRS
from qser_scorm.xapi.vocab import XAPI_VERSION

_CHUNK_BYTES = 1 << 20
_REQUIRED = ("actor", "verb", "object")  # xAPI 1.0.3 Data 2.4: the parts every statement has
_SCORE_KEYS = ("scaled", "raw", "min", "max")  # Data 2.4.5.1: each a number


class StatementsFileError(QserError):
    """The statements file cannot be read or is not xAPI statements JSON."""

    exit_code = 2


class LrsError(QserError):
    """The LRS could not be reached, refused the credentials or answered something unusable."""

    exit_code = 1


@dataclass
class Skipped:
    """Statements left out of the report because a field it reads has the wrong JSON type."""

    count: int = 0
    first: str = ""  #: where the first one is: "line N" of the file, or "statement <id>"

    def add(self, where: str) -> None:
        self.count += 1
        self.first = self.first or where

    def __str__(self) -> str:
        noun = "statement" if self.count == 1 else "statements"
        return f"{self.count} {noun} skipped (not an object, or a field of the wrong type), the first at {self.first}"


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
        # Line of self._buffer[self._counted]; the reader asks for the line of every statement,
        # so each newline is counted once, never again from the start of the buffer.
        self._line, self._counted = 1, 0
        self._eof = False

    def _fill(self) -> bool:
        if self._eof:
            return False
        chunk = self._file.read(_CHUNK_BYTES)
        self._on_bytes(len(chunk))
        self._eof = not chunk
        self.line()
        self._buffer = self._buffer[self._pos:] + self._text.decode(chunk, final=self._eof)
        self._pos = self._counted = 0
        return not self._eof

    def line(self) -> int:
        """The line of the reading position (1 for the first)."""
        self._line += self._buffer.count("\n", self._counted, self._pos)
        self._counted = self._pos
        return self._line

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


def read_statements_file(path: Path, on_bytes: Callable[[int], None] = lambda n: None,
                         skipped: Skipped | None = None) -> Iterator[dict]:
    """Yield the statements saved in ``path``, one by one, each one :func:`readable`.

    Accepted: a JSON list of statements; an object with a ``statements`` list (an LRS answer saved
    as is; other keys such as ``more`` are ignored); or statements one after the other (JSON Lines,
    as Ralph's filesystem backend stores them). ``on_bytes`` gets the size of each chunk read.
    A statement that is not readable is left out and counted in ``skipped`` with its line.

    Raises StatementsFileError (exit code 2) for a missing, unreadable or malformed file.
    """
    skipped = skipped if skipped is not None else Skipped()
    try:
        file = open(path, "rb")  # noqa: SIM115 - closed in the finally below, after the last yield
    except OSError as error:
        raise StatementsFileError(f"Cannot read the statements file {path}: {error.strerror}.\n"
                                  "Check the path given to --from.") from None
    try:
        stream = _JsonStream(file, on_bytes)
        first = stream.peek()
        if first == "[":
            yield from _readable_only(_array_items(stream), skipped)
        elif first == "{":
            while stream.peek():
                yield from _readable_only(_object_statements(stream), skipped)
        else:
            raise stream.error("expected a list of statements or an object with 'statements'"
                               if first else "the file is empty")
    except RecursionError:  # json gives up on values nested thousands of levels deep
        raise stream.error("values nested too deeply") from None
    except UnicodeDecodeError:
        raise StatementsFileError(f"{path} is not UTF-8 text; xAPI statements are UTF-8 JSON.\n"
                                  "Check that --from names the exported statements file.") from None
    except OSError as error:
        raise StatementsFileError(f"Cannot read the statements file {path}: {error.strerror}.") from None
    finally:
        file.close()


def _array_items(stream: _JsonStream) -> Iterator[tuple[int, object]]:
    """(line, value) of each item of a JSON list."""
    stream.expect("[")
    if stream.peek() == "]":
        stream.expect("]")
        return
    while True:
        stream.peek()
        yield stream.line(), stream.value()
        if stream.expect(",]") == "]":
            return


def _object_statements(stream: _JsonStream) -> Iterator[tuple[int, object]]:
    """One top-level object: a wrapper whose ``statements`` list is streamed, or a statement."""
    line = stream.line()
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
        yield line, fields


def _readable_only(values: Iterator[tuple[int, object]], skipped: Skipped) -> Iterator[dict]:
    for line, value in values:
        statement = readable(value)
        if statement is None:
            skipped.add(f"line {line}")
        else:
            yield statement


# --- statement fields ----------------------------------------------------------------------------


def readable(value) -> dict | None:
    """``value`` as a statement whose every field the report reads has the right JSON type, or None.

    Statements that already are (all a qser package sends) pass as they are, which keeps reading
    fast; others go through tincan, as statements read from an LRS do, which turns e.g. a number
    name or a ``"0"`` score into the right type and rejects what no statement can be.
    """
    if _fields_readable(value):
        return value
    try:
        statement = Statement(value).as_version(XAPI_VERSION)
    except Exception:  # noqa: BLE001 - tincan raises plain Exception too (e.g. for a bad duration)
        return None
    return statement if _fields_readable(statement) else None


def _fields_readable(statement) -> bool:
    """Whether each field the report reads (xAPI 1.0.3 Data 2.4) has the JSON type it expects."""
    if not isinstance(statement, dict) or not all(isinstance(statement.get(key), dict) for key in _REQUIRED):
        return False
    activity, result, context = statement["object"], statement.get("result") or {}, statement.get("context") or {}
    score = (result.get("score") or {}) if isinstance(result, dict) else None
    return (isinstance(statement["verb"].get("id"), str) and _is_agent(statement["actor"])
            and isinstance(activity.get("id", ""), str) and _is_definition(activity.get("definition") or {})
            and isinstance(score, dict) and all(_is_number(score.get(key, 0)) for key in _SCORE_KEYS)
            and isinstance(context, dict) and isinstance(context.get("contextActivities") or {}, dict))


def _is_number(value) -> bool:
    """A finite JSON number: ``1e400`` reads as infinity and ``NaN`` is no number (Data 2.4.5.1)."""
    return isinstance(value, (int, float)) and math.isfinite(value)


def _is_agent(actor: dict) -> bool:
    account = actor.get("account", {})
    return (isinstance(actor.get("name", ""), str) and isinstance(account, dict)
            and all(isinstance(account.get(key, ""), str) for key in ("homePage", "name")))


def _is_definition(definition) -> bool:
    """Data 2.4.4.1: language maps of text; interaction components with a text id."""
    if not isinstance(definition, dict):
        return False
    groups = [definition.get(key) or [] for key in ("choices", "scale", "source", "target", "steps")]
    return (all(isinstance(group, list) for group in groups)
            and all(isinstance(c, dict) and isinstance(c.get("id", ""), str) and _is_language_map(c.get("description"))
                    for group in groups for c in group)
            and _is_language_map(definition.get("name")) and _is_language_map(definition.get("description"))
            and isinstance(definition.get("interactionType", ""), str))


def _is_language_map(value) -> bool:
    return value is None or isinstance(value, dict) and all(isinstance(text, str) for text in value.values())


# --- LRS -----------------------------------------------------------------------------------------


def read_lrs(endpoint: str, user: str, password: str, activity: str | None = None,
             timeout: float = 30.0, page_size: int = 0, skipped: Skipped | None = None) -> Iterator[dict]:
    """Yield the statements an xAPI LRS holds, page after page, following ``more``.

    With ``activity``, ask the LRS only for statements about it or with it in their context (the
    course's IRI covers its pages and questions); some LRSs ignore the filter, so callers filter
    again with :func:`mentions`. ``page_size`` 0 lets the LRS choose its largest page (xAPI 1.0.3
    Communication 2.1.3, ``limit``). A statement that is not :func:`readable` is left out and
    counted in ``skipped`` with its id.

    Raises LrsError (exit code 1) when the LRS is unreachable, too slow, refuses the credentials
    or does not answer as an xAPI LRS.
    """
    skipped = skipped if skipped is not None else Skipped()
    lrs = TimedRemoteLRS(endpoint=endpoint, username=user, password=password, timeout=timeout)
    query = {"limit": page_size}
    if activity:
        query |= {"activity": Activity(id=activity), "related_activities": "true"}
    where = lrs.endpoint
    result = _call_lrs(lambda: lrs.query_statements(query), where, timeout)
    while True:
        for statement in result.statements:
            normalised = statement.as_version(XAPI_VERSION)  # tincan read it: only types are left to check
            if _fields_readable(normalised):
                yield normalised
            else:
                skipped.add(f"statement {statement.id}")
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
    target, context = statement.get("object"), statement.get("context")
    if isinstance(target, dict) and target.get("id") == activity:
        return True
    activities = context.get("contextActivities") if isinstance(context, dict) else None
    if not isinstance(activities, dict):
        return False
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
    except Exception:  # noqa: BLE001 - tincan could not read the answer as a StatementsResult
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
