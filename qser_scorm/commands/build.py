"""``qser-scorm build``: load -> check -> render -> package -> write.

Everything is built and checked in memory first; only a build with no error writes, and it
writes each file to a temporary name before renaming it (``package/archive.py``), so ``dist/``
never holds a half-written or unchecked package.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..course.check import check_course
from ..course.load import load_course
from ..errors import BuildError, CourseError, Problem
from ..package.archive import Artifact, write_artifacts

#: Build targets by CLI name, in the order they are written.
TARGETS = ("scorm12", "xapi")


@dataclass
class BuildResult:
    written: list[Path]
    warnings: list[Problem] = field(default_factory=list)


def build(source: str | Path = "course_src", out: str | Path = "dist", targets: tuple[str, ...] = ("scorm12",)
          ) -> BuildResult:
    """Build ``source`` for ``targets`` into ``out``; raise :class:`CourseError` on bad input."""
    course = load_course(source)
    problems = check_course(course)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise CourseError(errors)
    from ..render import render_site  # imported late: a failed load needs no templates

    site = render_site(course)
    artifacts: list[Artifact] = []
    for target in targets:
        artifacts.extend(_package(target, course, site))
    return BuildResult(write_artifacts(Path(out), artifacts), [p for p in problems if p.severity != "error"])


def _package(target: str, course, site) -> list[Artifact]:
    if target == "scorm12":
        from ..package.scorm12 import package_scorm12

        return [package_scorm12(course, site)]
    if target == "xapi":
        from ..package.xapi import package_xapi

        return package_xapi(course, site)
    raise BuildError(f"unknown target {target!r}; choose from {', '.join(TARGETS)}")

