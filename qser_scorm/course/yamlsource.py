"""Read a YAML file into plain Python data, keeping the line of every value.

PyYAML's composer gives nodes with marks; we construct the data ourselves so that each value's
path (``("questions", 3, "id")``) maps to the line it was written on, and so that a duplicate
key (which PyYAML would silently overwrite) is reported instead.

Plain scalars are resolved by YAML 1.2's core schema, not PyYAML's YAML 1.1 one: ``No``, ``on``
or ``y`` (a real answer option in a Norwegian or Spanish course) stay text. A plain scalar that
reads as a number or a boolean also keeps its source text, so that ``version: 1.10`` can be read
as the text ``1.10`` where the course format wants text (``load.py`` decides, from the schema).
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


#: The tag given to untagged plain scalars, resolved later by YAML 1.2's core schema (_core_value).
_PLAIN_TAG = "tag:qser-scorm,2026:plain"


class _PlainScalarsUnresolvedLoader(_FastLoader):
    """Leaves untagged plain scalars to :func:`_core_value`: PyYAML's resolver is YAML 1.1's."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN_TAG
        return super().resolve(kind, value, implicit)


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
    #: The source text of each plain scalar that YAML 1.2 reads as a number or a boolean
    plain_texts: dict[Path_, str] = field(default_factory=dict)
    #: Problems found while reading (duplicate keys, bad tags...): the data is read all the same
    problems: list[Problem] = field(default_factory=list)
    #: The values that do not fit their tag (``!!int seventy``), kept as their text
    tag_misfits: set[Path_] = field(default_factory=set)

    def line(self, path: Path_) -> int | None:
        """Return the line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    def read_as_text(self, path: Path_) -> None:
        """Replace the value at ``path`` (a plain number or boolean) by its source text."""
        parent = self.data
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = self.plain_texts[path]


def read_yaml(path: Path, display_name: str) -> YamlDocument:
    """Parse ``path``; raise :class:`CourseError` naming the file and line when it cannot be read.

    Problems that leave the data readable (a duplicate key, a value that does not fit its tag)
    are in the document's ``problems``, so that the rest of the file is checked too."""
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
    return parse_yaml(text, display_name)


def parse_yaml(text: str, display_name: str) -> YamlDocument:
    """Parse YAML ``text`` from the file ``display_name`` (as :func:`read_yaml` does)."""
    try:
        _refuse_deep_nesting(text, display_name)
        node = yaml.compose(text, Loader=_PlainScalarsUnresolvedLoader)
    except yaml.MarkedYAMLError as exc:
        raise CourseError([_syntax_problem(exc, display_name)]) from None
    except yaml.YAMLError as exc:
        raise CourseError.single(display_name, None, f"YAML syntax error: {exc}") from None
    doc = YamlDocument(display_name, None)
    doc.data = _construct(node, (), doc) if node is not None else None
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


def _construct(node: yaml.Node, path: Path_, doc: YamlDocument):
    # A block scalar (`key: |`) starts on the line after its indicator.
    line = node.start_mark.line + (2 if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">") else 1)
    doc.lines[path] = line
    if len(doc.lines) > MAX_VALUES:
        raise CourseError.single(doc.file, line, f"more than {MAX_VALUES:,} values",
                                 "split the content, or remove repeated YAML aliases (*name)")
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            key = _key(key_node)
            if key is None:
                doc.problems.append(Problem(doc.file, key_line, "a key must be a plain word",
                                            "write the key as text, e.g. `title:`", key_path=path))
                continue
            if key in result:
                doc.problems.append(Problem(doc.file, key_line, f"duplicate key '{key}'",
                                            f"keep one '{key}' (line {doc.lines[path + (key,)]} has the other)",
                                            key_path=path + (key,)))
                continue
            result[key] = _construct(value_node, path + (key,), doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, path + (i,), doc) for i, item in enumerate(node.value)]
    value = _scalar(node, path, doc)
    if isinstance(value, str) and _NOT_TEXT.search(value):
        char = _NOT_TEXT.search(value).group()
        doc.problems.append(Problem(doc.file, line, f"invisible control character U+{ord(char):04X}",
                                    "remove it (often pasted from a word processor, or a \\x escape in quotes)",
                                    key_path=path))
    return value


def _key(node: yaml.Node) -> str | None:
    """A mapping key as written (`1.10:` is the key "1.10"); None for a null key or a collection."""
    if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL_TAG:
        return None
    if node.tag == _PLAIN_TAG and _CORE_NULL.fullmatch(node.value):
        return None
    return node.value


def _scalar(node: yaml.ScalarNode, path: Path_, doc: YamlDocument):
    """Resolve a scalar: an untagged plain one by YAML 1.2's core schema, a tagged one by its tag
    (null, bool, int, float or str; the other tags of YAML 1.1, such as ``!!timestamp`` or
    ``!!binary``, stay text: no course value is one of them)."""
    if node.tag == _PLAIN_TAG:
        value = _core_value(node.value)
        if isinstance(value, (bool, int, float)):
            doc.plain_texts[path] = node.value
        return value
    constructor = _TAGGED_TYPES.get(node.tag)
    if constructor is None:
        return node.value
    try:
        return constructor(_SAFE, node)
    except Exception:  # noqa: BLE001 - PyYAML's converters raise KeyError, IndexError, ValueError...
        tag = node.tag.rsplit(":", 1)[-1]
        doc.tag_misfits.add(path)
        doc.problems.append(Problem(doc.file, node.start_mark.line + 1, f"{node.value!r} is not a valid {tag}",
                                    f"remove the !!{tag} tag, or write a value of that type", key_path=path))
        return node.value


#: YAML 1.2.2, 10.3.2 (the core schema): the only plain scalars that are not text.
_CORE_NULL = re.compile(r"(?:null|Null|NULL|~)?")
_CORE_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_CORE_INFINITY_OR_NAN = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")


def _core_value(text: str):
    if _CORE_NULL.fullmatch(text):
        return None
    if text in _CORE_BOOL:
        return _CORE_BOOL[text]
    if _CORE_INT.fullmatch(text):
        return int(text[2:], 8) if text.startswith("0o") else int(text, 16 if text.startswith("0x") else 10)
    if _CORE_FLOAT.fullmatch(text):
        return float(text)
    if _CORE_INFINITY_OR_NAN.fullmatch(text):
        return float(text.replace(".", "", 1))
    return text


_NULL_TAG = "tag:yaml.org,2002:null"
_SAFE = yaml.constructor.SafeConstructor()
_TAGGED_TYPES = {f"tag:yaml.org,2002:{name}": _SAFE.yaml_constructors[f"tag:yaml.org,2002:{name}"]
                 for name in ("null", "bool", "int", "float", "str")}
