"""Check a YAML document against its JSON schema and say what is wrong as an author reads it.

The schemas beside this module (``course.schema.json``, ``assessment.schema.json``) describe
each file's keys, types and ranges; editors can use them too. Where a schema wants text and the
author wrote a plain ``1.10``, ``0755`` or ``true``, the value is read as the text written (YAML
1.2 already reads ``No``, ``on`` or ``y`` as text), so an option ``text: 1.10`` shows ``1.10``.
"""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from importlib.resources import files

from ..errors import Problem
from .yamlsource import Path_, YamlDocument


def shape_problems(doc: YamlDocument, schema_name: str) -> tuple[list[Problem], set[Path_]]:
    """Check ``doc`` against ``<schema_name>.schema.json``; return the problems, and the parts of
    the data that have one (a top-level key, or an entry of a top-level list such as
    ``("questions", 3)``), which later stages must leave out.

    Problems the YAML reading found (``doc.problems``) come first; a schema error about a value
    that did not fit its tag (a ``!!int seventy`` that is then not a number) is the same mistake
    and is not repeated."""
    problems = list(doc.problems)
    if doc.data is None:
        empty = Problem(doc.file, 1, "the file is empty", "see docs/authoring.md for what it must contain")
        return problems + [empty], {()}
    validator = _validator(schema_name)
    errors = list(validator.iter_errors(doc.data))
    as_text = {_path(e) for e in errors
               if e.validator == "type" and _wants_text(e.schema) and _path(e) in doc.plain_texts}
    if as_text:
        for path in as_text:
            doc.read_as_text(path)
        errors = list(validator.iter_errors(doc.data))
    broken: set[Path_] = set() if isinstance(doc.data, dict) else {()}
    for error in errors:
        path = _path(error)
        if path in doc.tag_misfits:
            broken.add(_part(path))
            continue
        problems.append(_describe(error, doc))
        if error.validator == "required":
            broken.add(_part(path + (_missing_key(error),)))
        elif error.validator != "additionalProperties":  # an unknown key is not read: nothing is missing
            broken.add(_part(path))
    return problems, broken


def _path(error) -> Path_:
    return tuple(error.absolute_path)


def _part(path: Path_) -> Path_:
    """The part a problem at ``path`` spoils: an entry of a top-level list (``("questions", 3)``),
    else the top-level key."""
    return path[:2] if len(path) > 1 and isinstance(path[1], int) else path[:1]


def _wants_text(schema: dict) -> bool:
    wanted = schema.get("type")
    return wanted == "string" or isinstance(wanted, list) and "string" in wanted


def _missing_key(error) -> str:
    return error.message.split("'")[1]


@lru_cache(maxsize=None)
def _validator(name: str):
    from jsonschema import Draft202012Validator  # imported here: only builds need it, not --help

    schema = json.loads(files(__package__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _describe(error, doc: YamlDocument) -> Problem:
    """Turn a jsonschema error into a message a course author understands, with a hint that fits it."""
    path = _path(error)
    where = _path_text(path)
    value = error.instance
    kind = error.validator
    schema = error.schema
    line = doc.line(path)

    def problem(message: str, hint: str, key_path: Path_ = path, at: int | None = line) -> Problem:
        return Problem(doc.file, at, message, hint, key_path=key_path)

    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        key = sorted(set(value) - set(allowed))[0]
        return problem(f"unknown key `{key}`{_in(where)}",
                       _did_you_mean(key, allowed) or f"allowed keys here: {', '.join(allowed)}",
                       path + (key,), doc.line(path + (key,)))
    if kind == "required":
        key = _missing_key(error)
        return problem(f"missing required key `{key}`{_in(where)}", f"add `{key}:` (see docs/authoring.md)",
                       path + (key,))
    if kind == "type":
        expected = [schema["type"]] if isinstance(schema["type"], str) else schema["type"]
        got = _json_type(value)
        return problem(f"{where} must be {' or '.join(_TYPE_WORDS[t] for t in expected)}, "
                       f"got {_TYPE_WORDS[got]}{_short(value)}", _type_hint(expected[0], got, value, schema))
    if kind == "enum":
        choices = ", ".join(map(str, schema["enum"]))
        return problem(f"{where} must be one of: {choices}; got {value!r}",
                       _did_you_mean(str(value), list(map(str, schema["enum"]))) or f"write one of: {choices}")
    if kind in ("minimum", "maximum", "exclusiveMinimum"):
        bounds = _bounds(schema)
        return problem(f"{where} must be {bounds}, got {value:g}", f"write a number {bounds}")
    if kind == "pattern":
        return problem(f"{where} {value!r} is not {schema.get('title', 'in the expected form')}",
                       schema.get("description", "see docs/authoring.md"))
    if kind in ("minLength", "minItems") and error.validator_value == 1:
        return problem(f"{where} must not be empty", "fill it in, or remove the key if it is optional")
    if kind == "minItems":
        return problem(f"{where} needs at least {error.validator_value} entries, has {len(value)}",
                       f"add entries until there are {error.validator_value}")
    if kind == "maxLength":
        return problem(f"{where} is too long: {len(value)} characters, at most {error.validator_value}",
                       "shorten it")
    if kind == "maxItems":
        return problem(f"{where} has too many entries: {len(value)}, at most {error.validator_value}",
                       "remove entries, or split the question")
    return problem(f"{where}: {error.message}", "see docs/authoring.md")


_TYPE_WORDS = {"string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of keys", "null": "nothing"}


def _type_hint(expected: str, got: str, value, schema: dict) -> str:
    if got == "null":
        # The value's own description says how to write it (a colour in quotes: YAML reads # as a comment).
        return (f"write a value after the colon, or remove the key if it is optional"
                f"{': ' + schema['description'] if 'description' in schema else ''}")
    if expected == "boolean":
        if isinstance(value, str) and value.lower() in ("yes", "no", "on", "off", "y", "n"):
            return f"write true or false: YAML 1.2 reads {value} as text"
        return "write true or false, without quotes"
    if expected in ("number", "integer"):
        example = "3" if expected == "integer" else "70 or 62.5"
        return f"write {_TYPE_WORDS[expected]} without quotes, e.g. {example}"
    if expected == "string":
        return ("write the text after the colon on one line, or as a `|` block below it; "
                "quote it if it starts with a special character such as [ { & * ! | > ' \" % @")
    if expected == "array":
        return "write a list: one `- ` entry per line, indented under the key"
    return "write its keys on the lines below, indented under it"


def _bounds(schema: dict) -> str:
    low, high = schema.get("minimum"), schema.get("maximum")
    if "exclusiveMinimum" in schema:
        above = f"above {schema['exclusiveMinimum']:g}"
        return f"{above} and at most {high:g}" if high is not None else above
    if low is not None and high is not None:
        return f"between {low:g} and {high:g}"
    return f"at most {high:g}" if low is None else f"at least {low:g}"


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f"did you mean `{close[0]}`?" if close else ""


def _json_type(value) -> str:
    for name, kinds in (("boolean", bool), ("integer", int), ("number", float), ("string", str),
                        ("array", list), ("object", dict)):
        if isinstance(value, kinds):
            return name
    return "null"


def _short(value) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    text = repr(value)
    return " " + (text if len(text) <= 40 else text[:37] + "...")


def _path_text(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return f"`{text}`" if text else "the file"


def _in(where: str) -> str:
    return "" if where == "the file" else f" in {where}"
