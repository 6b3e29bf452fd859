"""Load a course folder into the typed model: ``load_course(folder) -> Course``.

Loading checks the *shape* of every file (keys, types, ranges: the JSON schemas beside this
module, which editors can use too) and gathers every shape problem before it stops, each with
file and line. Cross-references (unique ids, objectives that exist) are ``check.py``'s job.
"""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from ..errors import CourseError, Problem
from ..interface import placeholders, reference_texts
from .media import MarkdownText, load_media
from .model import Assessment, Course, Objective, Option, Page, Pair, Question, Source
from .workshop import load_workshop
from .yamlsource import YamlDocument, read_yaml

COURSE_FILE = "course.yaml"
DEFAULT_ASSESSMENT_FILE = "assessment.yaml"

#: The keys each question type needs beyond the common ones; any other type's keys are errors.
TYPE_KEYS = {
    "single": ("options",),
    "multiple": ("options",),
    "true-false": ("answer",),
    "matching": ("pairs",),
    "ordering": ("items",),
    "fill-in": ("accept",),
    "reflection": (),
}
_TYPE_SPECIFIC = {key for keys in TYPE_KEYS.values() for key in keys}
_SCORING_KEYS = ("weight", "feedback")  # meaningless on unscored reflection questions


def load_course(folder: str | Path) -> Course:
    """Read ``folder`` and return the course; raise :class:`CourseError` listing every problem."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CourseError.single(str(folder), None, "the course folder does not exist",
                                 "pass the folder that holds course.yaml, e.g. `qser-scorm build course_src`")
    course_doc = read_yaml(folder / COURSE_FILE, _shown(folder, COURSE_FILE))
    problems = _schema_problems(course_doc, "course")
    if problems:
        raise CourseError(problems)
    data = course_doc.data
    assessment_name = data.get("assessment", DEFAULT_ASSESSMENT_FILE)
    assessment_doc = _read_included(folder, assessment_name, course_doc, ("assessment",))
    problems = (_schema_problems(assessment_doc, "assessment") + _question_key_problems(assessment_doc)
                + _interface_problems(course_doc))
    pages = []
    for index, entry in enumerate(data["pages"]):
        try:
            pages.append(_load_page(folder, entry, course_doc, index))
        except CourseError as exc:
            problems.extend(exc.problems)
    if not problems:  # the texts below are only where the documents have the right shape
        media, media_problems = load_media(folder, _markdown_texts(course_doc, assessment_doc, pages))
        problems += media_problems
    if problems:
        raise CourseError(problems)
    return Course(
        id=data["id"],
        title=data["title"],
        language=data["language"],
        description=data["description"],
        pass_mark=float(data["pass_mark"]),
        pages=tuple(pages),
        assessment=_build_assessment(assessment_doc),
        source=Source(course_doc.file, 1),
        version=str(data.get("version", "1.0")),
        subtitle=data.get("subtitle", ""),
        series=data.get("series", ""),
        author=data.get("author", ""),
        programme=data.get("programme", ""),
        keywords=tuple(data.get("keywords", ())),
        objectives=tuple(Objective(o["id"], o["text"], Source(course_doc.file, course_doc.line(("objectives", i))))
                         for i, o in enumerate(data.get("objectives", ()))),
        duration_minutes=data.get("duration_minutes"),
        training_format=data.get("training_format", ""),
        assessment_method=data.get("assessment_method", ""),
        xapi_base_iri=data.get("xapi_base_iri", ""),
        responses=data.get("tracking", {}).get("responses", "readable"),
        media=media,
        interface=tuple(data.get("interface", {}).items()),
        language_source=Source(course_doc.file, course_doc.line(("language",))),
        workshop=load_workshop(course_doc),
        duration_source=Source(course_doc.file, course_doc.line(("duration_minutes",))),
    )


def _read_included(folder: Path, name: str, parent: YamlDocument, key_path: tuple) -> YamlDocument:
    path = _inside(folder, name, parent, key_path)
    if not path.is_file():
        raise CourseError.single(parent.file, parent.line(key_path), f"'{name}' does not exist in {folder}",
                                 f"create {name}, or correct the path")
    return read_yaml(path, _shown(folder, name))


def _inside(folder: Path, name: str, parent: YamlDocument, key_path: tuple) -> Path:
    """Return ``folder / name``, refusing a path (or link) that leads out of the course folder."""
    path = folder / name
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop
        inside = False
    if not inside:
        raise CourseError.single(parent.file, parent.line(key_path), f"{name} is outside the course folder",
                                 "keep every course file inside the course folder, and name it relative to it")
    return path


def _markdown_texts(course_doc: YamlDocument, assessment_doc: YamlDocument, pages: list[Page]
                    ) -> list[MarkdownText]:
    """Every text the renderer reads as Markdown, with where it was written."""
    texts = [MarkdownText(page.markdown, page.source.file, 1, True) for page in pages]
    description = ("description",)
    texts.append(MarkdownText(course_doc.data["description"], course_doc.file, course_doc.line(description), True))
    for index, objective in enumerate(course_doc.data.get("objectives", ())):
        texts.append(MarkdownText(objective["text"], course_doc.file, course_doc.line(("objectives", index, "text")),
                                  False))
    for path, value in _strings(assessment_doc.data):
        if path[0] in ("intro", "questions") and path[-1] not in ("id", "type", "objective"):
            texts.append(MarkdownText(value, assessment_doc.file, assessment_doc.line(path), path == ("intro",)))
    return texts


def _strings(node, path: tuple = ()):
    """Yield (path, text) for every string in parsed YAML data."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, path + (index,))


def _shown(folder: Path, name: str) -> str:
    """Return how messages name a course file: as the user would open it from here."""
    return str(folder / name)


def _load_page(folder: Path, entry: dict, course_doc: YamlDocument, index: int) -> Page:
    name = entry.get("file", f"pages/{entry['id']}.md")
    line = course_doc.line(("pages", index, "file")) or course_doc.line(("pages", index))
    try:
        text = _inside(folder, name, course_doc, ("pages", index, "file")).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CourseError.single(course_doc.file, line, f"page '{entry['id']}': file {name} does not exist",
                                 f"create {name}, or set `file:` to the page's Markdown file") from None
    except UnicodeDecodeError as exc:
        raise CourseError.single(_shown(folder, name), None, f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                                 "save the file as UTF-8") from None
    except OSError as exc:
        raise CourseError.single(course_doc.file, line, f"page '{entry['id']}': cannot read {name}: {exc.strerror}",
                                 "check that the path names a readable file") from None
    return Page(entry["id"], entry["title"], text, Source(_shown(folder, name), 1),
                Source(course_doc.file, course_doc.line(("pages", index))))


def _build_assessment(doc: YamlDocument) -> Assessment:
    data = doc.data
    questions = tuple(_build_question(q, Source(doc.file, doc.line(("questions", i))))
                      for i, q in enumerate(data["questions"]))
    return Assessment(
        title=data.get("title", "Assessment"),
        intro=data.get("intro", ""),
        attempts=data.get("attempts", 0),
        shuffle=data.get("shuffle", False),
        questions=questions,
        source=Source(doc.file, 1),
    )


def _build_question(q: dict, source: Source) -> Question:
    feedback = q.get("feedback", {})
    return Question(
        id=q["id"],
        type=q["type"],
        prompt=q["prompt"],
        source=source,
        objective=q.get("objective"),
        hint=q.get("hint", ""),
        weight=0.0 if q["type"] == "reflection" else float(q.get("weight", 1)),
        feedback_correct=feedback.get("correct", ""),
        feedback_wrong=feedback.get("wrong", ""),
        options=tuple(Option(o["text"], o.get("correct", False), o.get("feedback", ""), o.get("id", "")) for o in q.get("options", ())),
        answer=q.get("answer"),
        pairs=tuple(Pair(p["left"], p["right"]) for p in q.get("pairs", ())),
        items=tuple(q.get("items", ())),
        accept=tuple(str(a) for a in q.get("accept", ())),
    )


def _question_key_problems(doc: YamlDocument) -> list[Problem]:
    """Report keys a question's type needs but lacks, and keys of other types it has."""
    questions = doc.data.get("questions") if isinstance(doc.data, dict) else None
    problems = []
    for index, q in enumerate(questions if isinstance(questions, list) else ()):
        if not isinstance(q, dict) or not isinstance(q.get("type"), str) or q["type"] not in TYPE_KEYS:
            continue  # the schema check has reported it
        kind, here = q["type"], ("questions", index)
        for key in TYPE_KEYS[kind]:
            if key not in q:
                problems.append(Problem(doc.file, doc.line(here), f"question '{q.get('id')}' ({kind}) needs `{key}`",
                                        f"add `{key}:`; see the question types in docs/authoring.md"))
        unused = [k for k in q if k in _TYPE_SPECIFIC and k not in TYPE_KEYS[kind]]
        if kind == "reflection":
            unused += [k for k in q if k in _SCORING_KEYS]
        for key in unused:
            problems.append(Problem(doc.file, doc.line(here + (key,)),
                                    f"`{key}` does not apply to a {kind} question",
                                    f"remove `{key}`, or change `type`"))
    return problems


def _interface_problems(doc: YamlDocument) -> list[Problem]:
    """Report interface texts with an unknown key, or with other placeholders than the English text."""
    reference = reference_texts()
    problems = []
    for key, text in doc.data.get("interface", {}).items():
        line = doc.line(("interface", key))
        if key not in reference:
            close = difflib.get_close_matches(key, reference, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "see the keys in docs/authoring.md (Interface texts)"
            problems.append(Problem(doc.file, line, f"unknown interface text `{key}`", hint))
        elif placeholders(text) != placeholders(reference[key]):
            problems.append(Problem(
                doc.file, line, f"interface text `{key}` has the placeholders {_listed(placeholders(text))}, "
                f"the English text {_listed(placeholders(reference[key]))}",
                f"use exactly the placeholders of {reference[key]!r}: the package puts its values there"))
    return problems


def _listed(names) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names)) or "none"


@lru_cache(maxsize=None)
def _validator(name: str):
    from jsonschema import Draft202012Validator  # imported here: only builds need it, not --help

    schema = json.loads(files(__package__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _schema_problems(doc: YamlDocument, schema_name: str) -> list[Problem]:
    if doc.data is None:
        return [Problem(doc.file, 1, "the file is empty", "see docs/authoring.md for what it must contain")]
    validator = _validator(schema_name)
    return [_describe(error, doc) for error in validator.iter_errors(doc.data)]


def _describe(error, doc: YamlDocument) -> Problem:
    """Turn a jsonschema error into a message a course author understands."""
    path = tuple(error.absolute_path)
    where = _path_text(path)
    value = error.instance
    kind = error.validator
    schema = error.schema
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        unknown = sorted(set(value) - set(allowed))
        key = unknown[0]
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"allowed keys here: {', '.join(allowed)}"
        return Problem(doc.file, doc.line(path + (key,)), f"unknown key `{key}`{_in(where)}", hint)
    if kind == "required":
        key = error.message.split("'")[1]
        return Problem(doc.file, doc.line(path), f"missing required key `{key}`{_in(where)}",
                       f"add `{key}:` (see docs/authoring.md)")
    line = doc.line(path)
    if kind == "pattern" and schema.get("pattern", "").startswith("^[A-Za-z_]"):
        return Problem(doc.file, line, f"{where} {value!r} is not a valid id",
                       "an id starts with a letter or _, then letters, digits, '-', '_' or '.', "
                       "64 characters at most, no spaces (it must be a valid XML identifier)")
    if kind == "type":
        expected = schema["type"] if isinstance(schema["type"], str) else " or ".join(schema["type"])
        return Problem(doc.file, line, f"{where} must be {_TYPE_WORDS.get(expected, expected)}, "
                       f"got {_TYPE_WORDS.get(_json_type(value))} {_short(value)}",
                       "quote text with special characters; write numbers without quotes")
    if kind in ("minimum", "maximum", "exclusiveMinimum"):
        low = schema.get("minimum", schema.get("exclusiveMinimum"))
        high = schema.get("maximum")
        bounds = f"between {low:g} and {high:g}" if high is not None and low is not None else \
            (f"at most {high:g}" if low is None else f"{'above' if kind == 'exclusiveMinimum' else 'at least'} {low:g}")
        return Problem(doc.file, line, f"{where} must be {bounds}, got {value}", "change the value")
    if kind == "enum":
        return Problem(doc.file, line, f"{where} must be one of {', '.join(map(str, schema['enum']))}; got {value!r}",
                       "use one of the listed words")
    if kind in ("minLength", "minItems"):
        return Problem(doc.file, line, f"{where} must not be empty", "fill it in, or remove the key if optional")
    if kind in ("maxLength", "maxItems"):
        return Problem(doc.file, line, f"{where} is too long ({error.message.split(' is ')[-1]})",
                       "shorten it")
    return Problem(doc.file, line, f"{where}: {error.message}", "see docs/authoring.md")


_TYPE_WORDS = {"string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of keys", "null": "nothing"}


def _json_type(value) -> str:
    for name, kinds in (("boolean", bool), ("integer", int), ("number", float), ("string", str),
                        ("array", list), ("object", dict)):
        if isinstance(value, kinds):
            return name
    return "null" if value is None else "string"


def _short(value) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else ""
    return text if len(text) <= 40 else text[:37] + "..."


def _path_text(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return f"`{text}`" if text else "the file"


def _in(where: str) -> str:
    return "" if where == "the file" else f" in {where}"
