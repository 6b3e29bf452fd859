"""Load a course folder into the typed model: ``load_course(folder) -> Course``.

Loading checks the *shape* of every file (keys, types, ranges: ``shape.py`` and the JSON schemas
beside it) and gathers every problem of every file before it stops, each with file and line: a
misspelt key in course.yaml does not hide a problem in assessment.yaml or a missing page. A part
with an error (a question, a page entry, a top-level key) is left out of the model, so that the
checks of the other parts still run (``read_course``); cross-references (unique ids, objectives
that exist) are ``check.py``'s job.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

from ..errors import CourseError, Problem
from ..interface import (PLURAL_CATEGORIES, base_key, placeholders, plural_categories, reference_text,
                         reference_texts)
from .blocks import block_problems
from .checks import page_checks
from .media import ImageReference, MarkdownText, load_media
from .model import Assessment, Course, Objective, Page, Source, Theme
from .questions import build_question, type_key_problems
from .shape import shape_problems
from .theme import SECTION as THEME, load_theme
from .workshop import SECTION as WORKSHOP, load_workshop
from .yamlsource import Path_, YamlDocument, read_yaml

COURSE_FILE = "course.yaml"
DEFAULT_ASSESSMENT_FILE = "assessment.yaml"


#: The parts of a course that ``check.py`` needs whole, by the file (schema) and top-level key.
_WHOLE_PARTS = {"course": ("objectives", "language", "languages", "interface", "pages"), "assessment": ("questions",)}


@dataclass
class Loaded:
    """A course folder read as far as it can be: the course without the parts that have errors."""

    problems: list[Problem]
    #: The parts left out or cut short for their errors ("objectives", "questions", "language",
    #: "interface", "pages"), each with where the error is: the checks that need one are skipped.
    gaps: dict[str, str] = field(default_factory=dict)
    course: Course | None = None  #: set once every file is read


def load_course(folder: str | Path) -> Course:
    """Read ``folder`` and return the course; raise :class:`CourseError` listing every problem."""
    loaded = read_course(folder)
    if loaded.problems:
        raise CourseError(loaded.problems)
    return loaded.course


def read_course(folder: str | Path) -> Loaded:
    """Read ``folder``: every file that can be read, every problem in them.

    Raises :class:`CourseError` only when course.yaml itself cannot be read: it names the other files."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CourseError.single(str(folder), None, "the course folder does not exist",
                                 "pass the folder that holds course.yaml, e.g. `qser-scorm build course_src`")
    unread = ("the assessment and the pages, which course.yaml names",)
    try:
        course_doc = read_yaml(folder / COURSE_FILE, _shown(folder, COURSE_FILE))
    except CourseError as error:
        raise CourseError(error.problems, unread) from None
    problems, broken = shape_problems(course_doc, "course")
    if () in broken:
        raise CourseError(problems, unread)
    loaded = Loaded(problems + _interface_problems(course_doc), _gaps(broken, course_doc.file, "course"))
    data = _without(course_doc.data, broken)
    assessment_doc, assessment_data = _read_assessment(folder, course_doc, ("assessment",) not in broken,
                                                       data.get("assessment", DEFAULT_ASSESSMENT_FILE), loaded)
    pages = []
    for index, entry in _entries(data, "pages"):
        try:
            page = _load_page(folder, entry, course_doc, index)
            checks, check_problems = page_checks(page)
            pages.append(replace(page, checks=checks))
            loaded.problems += check_problems
        except CourseError as error:
            loaded.problems += error.problems
            loaded.gaps["pages"] = f"`pages` in {course_doc.file}"
    texts = _markdown_texts(course_doc, data, assessment_doc, assessment_data, pages)
    theme, theme_problems = load_theme(course_doc) if THEME in data else (None, [])
    logo = (ImageReference(quote(theme.logo.path), course_doc.file, course_doc.line((THEME, "logo", "file")),
                           (THEME, "logo", "file")),) if theme and theme.logo else ()
    media, media_problems = load_media(folder, texts, logo)
    loaded.problems += theme_problems + media_problems + block_problems(texts)
    assessment = _NO_ASSESSMENT if assessment_data is None else _build_assessment(assessment_doc, assessment_data)
    loaded.course = _build_course(course_doc, data, pages, assessment, media, theme)
    return loaded


def _read_assessment(folder: Path, course_doc: YamlDocument, named: bool, name: str, loaded: Loaded
                     ) -> tuple[YamlDocument | None, dict | None]:
    """Read the assessment file (when course.yaml names it without error); return it and its data
    without the broken parts, or None for what cannot be read. Adds to ``loaded``'s problems and gaps."""
    if not named:
        loaded.gaps["questions"] = f"`assessment` in {course_doc.file}"
        return None, None
    try:
        doc = _read_included(folder, name, course_doc, ("assessment",))
    except CourseError as error:
        loaded.problems += error.problems
        loaded.gaps["questions"] = _shown(folder, name)
        return None, None
    problems, broken = shape_problems(doc, "assessment")
    key_problems, incomplete = _question_key_problems(doc)
    loaded.problems += problems + key_problems
    if () in broken:
        loaded.gaps["questions"] = doc.file
        return doc, None
    broken |= incomplete
    loaded.gaps.update(_gaps(broken, doc.file, "assessment"))
    return doc, _without(doc.data, broken)


_NO_ASSESSMENT = Assessment("", "", 0, False, (), Source(DEFAULT_ASSESSMENT_FILE))


def _gaps(broken: set[Path_], file: str, schema_name: str) -> dict[str, str]:
    return {part: f"`{part}` in {file}" for part in _WHOLE_PARTS[schema_name]
            if any(path[:1] == (part,) for path in broken)}


def _without(data: dict, broken: set[Path_]) -> dict:
    """``data`` without its broken parts: a broken top-level key is removed, a broken list entry
    becomes None (so that the others keep their index, and the line it maps to)."""
    kept = {key: value for key, value in data.items() if (key,) not in broken}
    for key, value in kept.items():
        if isinstance(value, list):
            kept[key] = [None if (key, index) in broken else item for index, item in enumerate(value)]
    return kept


def _entries(data: dict, key: str):
    """Yield (index, entry) for the entries of the list ``data[key]`` that are not broken."""
    return ((index, entry) for index, entry in enumerate(data.get(key, ())) if entry is not None)


def _build_course(doc: YamlDocument, data: dict, pages: list[Page], assessment: Assessment, media,
                  theme: Theme | None) -> Course:
    """The course from ``data``; a required key left out for its error reads as empty (the build
    stops before any stage would use it)."""
    return Course(
        id=data.get("id", ""),
        title=data.get("title", ""),
        language=data.get("language", ""),
        description=data.get("description", ""),
        pass_mark=float(data.get("pass_mark", 0)),
        pages=tuple(pages),
        assessment=assessment,
        source=Source(doc.file, 1),
        version=data.get("version", "1.0"),
        subtitle=data.get("subtitle", ""),
        series=data.get("series", ""),
        author=data.get("author", ""),
        programme=data.get("programme", ""),
        keywords=tuple(keyword for _, keyword in _entries(data, "keywords")),
        objectives=tuple(Objective(o["id"], o["text"], Source(doc.file, doc.line(("objectives", i))))
                         for i, o in _entries(data, "objectives")),
        duration_minutes=data.get("duration_minutes"),
        training_format=data.get("training_format", ""),
        assessment_method=data.get("assessment_method", ""),
        xapi_base_iri=data.get("xapi_base_iri", ""),
        responses=data.get("tracking", {}).get("responses", "readable"),
        media=media,
        interface=tuple(data.get("interface", {}).items()),
        language_source=Source(doc.file, doc.line(("language",))),
        workshop=load_workshop(doc) if WORKSHOP in data else None,  # it reads doc: only a section without error
        duration_source=Source(doc.file, doc.line(("duration_minutes",))),
        languages=tuple(data.get("languages", ())),
        languages_sources=tuple(Source(doc.file, doc.line(("languages", i))) for i, _ in enumerate(data.get("languages", ()))),
        theme=theme,
    )


def _read_included(folder: Path, name: str, parent: YamlDocument, key_path: tuple) -> YamlDocument:
    path = _inside(folder, name, parent, key_path)
    if not path.is_file():
        raise CourseError.single(parent.file, parent.line(key_path), f"'{name}' does not exist in {folder}",
                                 f"create {name}, or correct the path", key_path)
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
                                 "keep every course file inside the course folder, and name it relative to it",
                                 key_path)
    return path


def _markdown_texts(course_doc: YamlDocument, data: dict, assessment_doc: YamlDocument | None,
                    assessment_data: dict | None, pages: list[Page]) -> list[MarkdownText]:
    """Every text the renderer reads as Markdown, with where it was written."""
    texts = [MarkdownText(page.markdown, page.source.file, 1, True) for page in pages]
    if "description" in data:
        texts.append(MarkdownText(data["description"], course_doc.file, course_doc.line(("description",)), True,
                                  ("description",)))
    for index, objective in _entries(data, "objectives"):
        here = ("objectives", index, "text")
        texts.append(MarkdownText(objective["text"], course_doc.file, course_doc.line(here), False, here))
    if assessment_data is not None:
        for path, value in _strings(assessment_data):
            if path[0] in ("intro", "questions") and path[-1] not in ("id", "type", "objective"):
                texts.append(MarkdownText(value, assessment_doc.file, assessment_doc.line(path), path == ("intro",),
                                          path))
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
    here = ("pages", index, "file") if "file" in entry else ("pages", index)
    line = course_doc.line(here)
    try:
        text = _inside(folder, name, course_doc, here).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CourseError.single(course_doc.file, line, f"page '{entry['id']}': file {name} does not exist",
                                 f"create {name}, or set `file:` to the page's Markdown file", here) from None
    except UnicodeDecodeError as exc:
        raise CourseError.single(_shown(folder, name), None, f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                                 "save the file as UTF-8") from None
    except OSError as exc:
        raise CourseError.single(course_doc.file, line, f"page '{entry['id']}': cannot read {name}: {exc.strerror}",
                                 "check that the path names a readable file", here) from None
    return Page(entry["id"], entry["title"], text, Source(_shown(folder, name), 1),
                Source(course_doc.file, course_doc.line(("pages", index))))


def _build_assessment(doc: YamlDocument, data: dict) -> Assessment:
    """The assessment from ``data``, ``doc``'s data without its broken parts."""
    questions = tuple(build_question(q, Source(doc.file, doc.line(("questions", i))))
                      for i, q in _entries(data, "questions"))
    return Assessment(
        title=data.get("title", "Assessment"),
        intro=data.get("intro", ""),
        attempts=data.get("attempts", 0),
        shuffle=data.get("shuffle", False),
        questions=questions,
        source=Source(doc.file, 1),
    )


def _question_key_problems(doc: YamlDocument) -> tuple[list[Problem], set[Path_]]:
    """Report keys a question's type needs but lacks, and keys of other types it has; return the
    problems and the questions that lack a key (the checks of a question need all of them)."""
    questions = doc.data.get("questions") if isinstance(doc.data, dict) else None
    problems, incomplete = [], set()
    for index, q in enumerate(questions if isinstance(questions, list) else ()):
        found = type_key_problems(q, doc, ("questions", index))
        problems += found
        if any(p.message.startswith("question ") for p in found):
            incomplete.add(("questions", index))
    return problems, incomplete


def _interface_problems(doc: YamlDocument) -> list[Problem]:
    """Report interface texts with an unknown key, a plural form none of the course's languages
    has, or other placeholders than the English text."""
    texts = doc.data.get("interface")
    listed = doc.data.get("languages") or [doc.data.get("language")]
    languages = [language for language in listed if isinstance(language, str)]
    forms = {category for language in languages for category in plural_categories(language)}
    problems = []
    for key, text in texts.items() if isinstance(texts, dict) else ():
        here = ("interface", key)
        english = reference_text(key)
        base = base_key(key)
        form = key[len(base) + 1:]  # "few" for `hours_few`, "" for a key that is no plural form
        if english is None:
            close = difflib.get_close_matches(key, reference_texts(), n=1)
            hint = f"did you mean `{close[0]}`?" if close else "see the keys in docs/authoring.md (Interface texts)"
            problems.append(Problem(doc.file, doc.line(here), f"unknown interface text `{key}`", hint, key_path=here))
        elif form and languages and form not in forms:
            known = ", ".join(f"`{base}_{category}`" for category in PLURAL_CATEGORIES if category in forms)
            problems.append(Problem(doc.file, doc.line(here), f"`{key}`: {', '.join(languages)} has no plural form "
                                    f"`{form}` (CLDR)", f"use the forms {known}", key_path=here))
        elif isinstance(text, str) and placeholders(text) != placeholders(english):
            problems.append(Problem(
                doc.file, doc.line(here), f"interface text `{key}` has the placeholders {_listed(placeholders(text))}, "
                f"the English text {_listed(placeholders(english))}",
                f"use exactly the placeholders of {english!r}: the package puts its values there",
                key_path=here))
    return problems


def _listed(names) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names)) or "none"
