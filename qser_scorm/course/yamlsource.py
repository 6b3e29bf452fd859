"""Read a YAML file into plain Python data, keeping the line of every value.

PyYAML's composer gives nodes with marks; we construct the data ourselves so that each value's
path (``("questions", 3, "id")``) maps to the line it was written on, and so that a duplicate
key (which PyYAML would silently overwrite) is reported instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import CourseError, Problem

try:  # the C parser is many times faster where PyYAML was built with libyaml
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _FastLoader


Path_ = tuple  # a path into the data: keys and list indexes

#: Characters XML 1.0 cannot carry (section 2.2), so no manifest or page could hold them.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

#: More values than any course needs; stops YAML alias bombs ("billion laughs") early.
MAX_VALUES = 200_000
#: Deeper than any course file; stops deeply nested input before any parser recursion limit.
MAX_DEPTH = 64


@dataclass
class YamlDocument:
    """The data of one YAML file and the line (1-based) of each path in it."""

    file: str
    data: object
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int | None:
        """Return the line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)


def read_yaml(path: Path, display_name: str) -> YamlDocument:
    """Parse ``path``; raise :class:`CourseError` naming the file and line on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CourseError.single(display_name, None, "file not found",
                                 f"create {display_name}, or check the folder you passed to the build") from None
    except UnicodeDecodeError as exc:
        raise CourseError.single(display_name, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                                 "save the file as UTF-8") from None
    except OSError as exc:
        raise CourseError.single(display_name, None, f"cannot read the file: {exc.strerror}") from None
    try:
        _refuse_deep_nesting(text, display_name)
        node = yaml.compose(text, Loader=_FastLoader)
    except yaml.MarkedYAMLError as exc:
        raise CourseError([_syntax_problem(exc, display_name)]) from None
    except yaml.YAMLError as exc:
        raise CourseError.single(display_name, None, f"YAML syntax error: {exc}") from None
    doc = YamlDocument(display_name, None)
    problems: list[Problem] = []
    doc.data = _construct(node, (), doc, problems) if node is not None else None
    if problems:
        raise CourseError(problems)
    return doc


def _refuse_deep_nesting(text: str, display_name: str) -> None:
    """Stop at nesting deeper than MAX_DEPTH before composing: libyaml's composer recurses in C
    and would crash the process on input such as ``[[[[...`` or ``- - - -...`` (the event parser
    below does not recurse)."""
    depth = 0
    for event in yaml.parse(text, Loader=_FastLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise CourseError.single(display_name, event.start_mark.line + 1,
                                         f"nested more than {MAX_DEPTH} levels deep",
                                         "a course file needs a few levels of indentation at most")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _syntax_problem(exc: yaml.MarkedYAMLError, display_name: str) -> Problem:
    """Name the line to look at: where an unclosed quote or bracket opened, else where the parser
    stopped (the context of a block mapping is its first line, far from the mistake)."""
    opened = exc.context_mark and exc.context and ("quoted" in exc.context or "flow" in exc.context)
    mark = exc.context_mark if opened else exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    if exc.context:
        problem = f"{exc.context}; {problem}"
    if opened and exc.problem_mark and exc.problem_mark.line != exc.context_mark.line:
        problem += f" (noticed on line {exc.problem_mark.line + 1})"
    return Problem(display_name, mark.line + 1 if mark else None, f"YAML syntax error: {problem}",
                   "check indentation and quoting on this line and the one before; "
                   "text containing ': ' or starting with a special character needs quotes")


def _construct(node: yaml.Node, path: Path_, doc: YamlDocument, problems: list[Problem]):
    # A block scalar (`key: |`) starts on the line after its indicator.
    line = node.start_mark.line + (2 if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">") else 1)
    doc.lines[path] = line
    if len(doc.lines) > MAX_VALUES:
        raise CourseError.single(doc.file, line, f"more than {MAX_VALUES:,} values",
                                 "split the content, or remove repeated YAML aliases (*name)")
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, doc, problems)
            if not isinstance(key, (str, int, float, bool)):
                problems.append(Problem(doc.file, key_node.start_mark.line + 1,
                                        "a key must be a plain word", "write the key as text, e.g. `title:`"))
                continue
            key = str(key)
            if key in result:
                problems.append(Problem(doc.file, key_node.start_mark.line + 1, f"duplicate key '{key}'",
                                        f"keep one '{key}' (line {doc.lines[path + (key,)]} has the other)"))
                continue
            result[key] = _construct(value_node, path + (key,), doc, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, path + (i,), doc, problems) for i, item in enumerate(node.value)]
    value = _scalar(node, doc, problems)
    if isinstance(value, str) and _NOT_TEXT.search(value):
        char = _NOT_TEXT.search(value).group()
        problems.append(Problem(doc.file, line, f"invisible control character U+{ord(char):04X}",
                                "remove it (often pasted from a word processor, or a \\x escape in quotes)"))
    return value


def _scalar(node: yaml.Node, doc: YamlDocument, problems: list[Problem]):
    """Resolve a scalar as YAML's core schema does: null, booleans, numbers, else text.

    Dates and the other types of YAML 1.1 (``!!timestamp``, ``!!binary``, ``!!set``...) stay text:
    no course value is one of them, and a title like ``2024-01-01`` is meant as written.
    """
    if not isinstance(node, yaml.ScalarNode):
        return node  # a mapping used as a key: reported by the caller
    constructor = _CORE_TYPES.get(node.tag)
    if constructor is None:
        return node.value
    try:
        return constructor(_SAFE, node)
    except Exception:  # noqa: BLE001 - PyYAML's converters raise KeyError, IndexError, ValueError...
        tag = node.tag.rsplit(":", 1)[-1]
        problems.append(Problem(doc.file, node.start_mark.line + 1, f"{node.value!r} is not a valid {tag}",
                                f"remove the !!{tag} tag, or write a value of that type"))
        return node.value


_SAFE = yaml.constructor.SafeConstructor()
_CORE_TYPES = {f"tag:yaml.org,2002:{name}": _SAFE.yaml_constructors[f"tag:yaml.org,2002:{name}"]
               for name in ("null", "bool", "int", "float", "str")}
