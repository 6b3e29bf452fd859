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

try:  # the C parser is several times faster where PyYAML was built with libyaml
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader

Path_ = tuple  # a path into the data: keys and list indexes

#: Characters XML 1.0 cannot carry (section 2.2), so no manifest or page could hold them.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

#: More values than any course needs; stops YAML alias bombs ("billion laughs") early.
MAX_VALUES = 200_000


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
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{exc.context}; {problem}"
        raise CourseError.single(display_name, mark.line + 1 if mark else None, f"YAML syntax error: {problem}",
                                 "check indentation and quoting on this line and the one before; "
                                 "text containing ': ' or starting with a special character needs quotes") from None
    except yaml.YAMLError as exc:
        raise CourseError.single(display_name, None, f"YAML syntax error: {exc}") from None
    doc = YamlDocument(display_name, None)
    problems: list[Problem] = []
    doc.data = _construct(node, (), doc, problems) if node is not None else None
    if problems:
        raise CourseError(problems)
    return doc


def _construct(node: yaml.Node, path: Path_, doc: YamlDocument, problems: list[Problem]):
    doc.lines[path] = node.start_mark.line + 1
    if len(doc.lines) > MAX_VALUES:
        raise CourseError.single(doc.file, node.start_mark.line + 1, f"more than {MAX_VALUES:,} values",
                                 "split the content or remove repeated YAML aliases (*name)")
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
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
    value = _scalar(node)
    if isinstance(value, str) and _NOT_TEXT.search(value):
        char = _NOT_TEXT.search(value).group()
        problems.append(Problem(doc.file, node.start_mark.line + 1, f"invisible control character U+{ord(char):04X}",
                                "remove it (often pasted from a word processor, or a \\x escape in quotes)"))
    return value


def _scalar(node: yaml.Node):
    """Resolve a scalar with the safe loader's rules (ints, floats, booleans, null, text)."""
    if not isinstance(node, yaml.ScalarNode):
        return node  # a mapping used as a key: reported by the caller
    constructor = _SAFE.yaml_constructors.get(node.tag)
    if constructor is None:  # an application tag such as `!python/object`: keep the text
        return node.value
    return constructor(_SAFE, node)


_SAFE = yaml.constructor.SafeConstructor()
