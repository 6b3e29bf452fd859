"""The build pipeline: load -> check -> render -> package -> write (``qser-scorm build`` and ``check``).

Everything is built and checked in memory first; only a build with no error writes, and it
writes each file to a temporary name before renaming it (``package/archive.py``), so ``dist/``
never holds a half-written or unchecked package.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from .course.check import check_course, unchecked
from .course.load import read_course
from .course.model import Course
from .errors import BuildError, CourseError, Problem
from .translate.apply import language_courses
from .write import Artifact, write_artifacts

#: Build targets by CLI name, in the order they are written.
TARGETS = ("scorm12", "scorm2004", "xapi", "cmi5", "workshop")


@dataclass(frozen=True)
class LrsLogin:
    """An LRS and its credentials, to bake into the packages only when the author asks for it."""

    endpoint: str
    username: str
    password: str


@dataclass
class BuildResult:
    written: list[Path]
    warnings: list[str] = field(default_factory=list)  #: printed, they do not stop the build


def build(source: str | Path = "course_src", out: str | Path = "dist", targets: tuple[str, ...] = ("scorm12",),
          embed_lrs: LrsLogin | None = None, strict: bool = False, paper: str = "a4",
          allow_untranslated: bool = False, languages: tuple[str, ...] = (), multilingual: bool = False) -> BuildResult:
    """Build ``source`` for ``targets`` into ``out``; raise :class:`CourseError` on bad input.

    ``embed_lrs`` bakes an LRS login into the packages (issue 4: only on the author's explicit
    request, and with a warning saying who can read it). ``strict`` makes warnings stop the build.
    ``paper`` is the workshop PDFs' paper size: ``a4`` or ``letter``.
    A course with ``languages:`` gets one set of packages per language, the translations named
    ``<id>-<lang>-<target>``; ``allow_untranslated`` builds them with missing translations, and
    ``languages`` builds only those. ``multilingual`` puts them all in one package per target,
    ``<id>-multilingual-<target>``, with a language choice on its cover page (the workshop PDFs
    stay one set per language).
    """
    source_course, courses, problems = _checked(source, strict, allow_untranslated, languages)
    if multilingual and len(courses) < 2:
        where = source_course.language_source or source_course.source
        raise CourseError([Problem(where.file, where.line, "--multilingual needs a course in two or more languages",
                                   "list them in course.yaml, e.g. `languages: [en, el, es]`, with a "
                                   "translations/<lang>.po for each (or build without --multilingual)")])
    warnings = [p.format() for p in problems]
    from .render import render_site  # imported late: a failed load needs no templates

    artifacts: list[Artifact] = []
    for course, alternates in _sites(courses, source_course.language, multilingual):
        embedded = None
        if embed_lrs:
            from .xapi import embedded_login, embedding_warning

            embedded = embedded_login(embed_lrs.endpoint, embed_lrs.username, embed_lrs.password)
            warnings.append(embedding_warning(embedded))
        site = render_site(course, embedded, alternates)
        for target in targets:
            if alternates and target == "workshop":
                for edition in (course, *alternates):
                    artifacts.extend(_in_language(edition, source_course.language, _package(target, edition, site, paper)))
            elif alternates:
                made = _package(target, course, site, paper, (course, *alternates))
                artifacts.extend(_tagged(course, MULTILINGUAL, made))
            else:
                artifacts.extend(_in_language(course, source_course.language, _package(target, course, site, paper)))
    _refuse_nonconformant(artifacts)
    try:
        written = write_artifacts(Path(out), artifacts)
    except OSError as error:
        raise BuildError(f"cannot write into {out}: {error.strerror or error}.\n"
                         "Choose another folder with --out, or check its permissions and free space.") from None
    return BuildResult(written, warnings)


def check(source: str | Path = "course_src", strict: bool = False, allow_untranslated: bool = False,
          languages: tuple[str, ...] = ()) -> tuple[Course, list[Problem]]:
    """Load and check ``source`` and its translations; return the course and its warnings, or raise
    :class:`CourseError` with every problem of every file (and the checks that wait for one of them
    to be fixed)."""
    course, _, problems = _checked(source, strict, allow_untranslated, languages)
    return course, problems


def _checked(source: str | Path, strict: bool, allow_untranslated: bool,
             languages: tuple[str, ...] = ()) -> tuple[Course, list[Course], list[Problem]]:
    """The course, the course in each package language, and the warnings. Translations are
    checked once the course source itself has no error: they are made from the whole course."""
    loaded = read_course(source)
    problems = loaded.problems + check_course(loaded.course, loaded.gaps)
    courses: list[Course] = []
    waiting = unchecked(loaded.course, loaded.gaps)
    if any(p.severity == "error" for p in problems):
        if loaded.course.languages:
            waiting += ("the translations in translations/*.po (they are made from the whole course)",)
    else:
        courses, found = language_courses(loaded.course, source, allow_untranslated, languages)
        problems += found
    if strict and problems or any(p.severity == "error" for p in problems):
        raise CourseError(problems if strict else [p for p in problems if p.severity == "error"], waiting)
    return loaded.course, courses, problems


def _sites(courses: list[Course], source_language: str, multilingual: bool) -> list[tuple[Course, tuple[Course, ...]]]:
    """The sites to render: (the course shown, the other languages it holds). One per language,
    or with ``multilingual`` one holding every language, the source language's shown first."""
    if not multilingual:
        return [(course, ()) for course in courses]
    shown = next((c for c in courses if c.language == source_language), courses[0])
    return [(shown, tuple(c for c in courses if c is not shown))]


def _in_language(course: Course, source_language: str, artifacts: list[Artifact]) -> list[Artifact]:
    """``<id>-<target>`` -> ``<id>-<lang>-<target>`` for a translation. The source language's
    packages keep the plain name, so an LMS activity made from an earlier build is updated with
    the file of the same name."""
    return artifacts if course.language == source_language else _tagged(course, course.language, artifacts)


#: The name's tag of the packages that hold every language: ``<id>-multilingual-scorm12.zip``.
MULTILINGUAL = "multilingual"


def _tagged(course: Course, tag: str, artifacts: list[Artifact]) -> list[Artifact]:
    """``<id>-<target>`` -> ``<id>-<tag>-<target>``."""
    prefix = f"{course.id}-"
    return [replace(a, name=a.name.replace(prefix, f"{prefix}{tag}-", 1)) for a in artifacts]


def _package(target: str, course, site, paper: str, editions: tuple[Course, ...] = ()) -> list[Artifact]:
    """``target``'s files for ``site``; ``editions``: the course in each language a multilingual site holds."""
    if target == "scorm12":
        from .package.scorm12 import package_scorm12

        return [package_scorm12(course, site, editions)]
    if target == "scorm2004":
        from .package.scorm2004 import package_scorm2004

        return [package_scorm2004(course, site, editions)]
    if target == "xapi":
        from .package.xapi import package_xapi

        return package_xapi(course, site, editions)
    if target == "cmi5":
        from .package.cmi5 import package_cmi5

        return [package_cmi5(course, site, editions)]
    if target == "workshop":
        from .package.workshop import package_workshop  # imports WeasyPrint: only this target needs it

        return package_workshop(course, paper)
    raise BuildError(f"unknown target {target!r}; choose from {', '.join(TARGETS)}")


def _refuse_nonconformant(artifacts: list[Artifact]) -> None:
    """Check each package the build made with the validator, for the kind it detects (SCORM 1.2,
    SCORM 2004, cmi5, Tin Can) and as a strict LMS would: an error there is a bug in this tool."""
    from .validate import validate

    for artifact in artifacts:
        if not artifact.name.endswith(".zip"):
            continue
        with zipfile.ZipFile(io.BytesIO(artifact.data)) as archive:
            files = {name: archive.read(name) for name in archive.namelist()}
        report = validate(files, lms="strict")
        errors = [f for f in report.findings if f.is_error]
        if errors:
            details = "\n".join(f"  {f.code} {f.where}: {f.message}" for f in errors)
            raise BuildError(f"{artifact.name} would not be a conformant {report.kind.name} package; nothing was "
                             f"written.\nPlease report this as a bug of qser-scorm:\n{details}")
