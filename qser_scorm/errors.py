"""Errors and problems reported to the user.

Every error a user can cause by their input is a :class:`CourseError` (exit code 2) that lists
:class:`Problem` records with file and line; anything else that stops a build is a
:class:`BuildError` (exit code 1). Both derive from ``click.ClickException`` so the CLI prints
them without a traceback. :class:`Problem` is also the shape of the package validator's findings:
one located-problem record for the whole tool.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, with where it is and how to fix it."""

    file: str
    line: int | None
    message: str
    hint: str = ""
    severity: str = "error"  #: "error" stops the build, "warning" is printed only
    code: str = ""  #: a stable identifier where the finding has one (the validator's codes)
    #: Where in the file's data, e.g. ``("questions", 3, "options", 0, "text")``; () for the file
    key_path: tuple = ()

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        kind = f"{self.severity} {self.code}" if self.code else self.severity
        text = f"{where}: {kind}: {self.message}"
        return f"{text}\n    how to fix: {self.hint}" if self.hint else text


class QserError(click.ClickException):
    """Base of the errors the CLI reports as a message, never as a traceback."""

    exit_code = 1


class BuildError(QserError):
    """The build could not finish for a reason other than the course source."""


class CourseError(QserError):
    """The course source is invalid; carries every problem found."""

    exit_code = 2

    def __init__(self, problems: list[Problem], unchecked: tuple[str, ...] = ()):
        """``unchecked`` names the checks that could not run because they need a part that has errors."""
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))
        self.unchecked = tuple(unchecked)
        errors = sum(p.severity == "error" for p in self.problems)
        warnings = len(self.problems) - errors
        counts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((errors, "error"), (warnings, "warning")) if n]
        strict = " (--strict: warnings count as errors)" if warnings else ""
        later = "".join(f"\nnot checked until the errors above are fixed: {what}" for what in self.unchecked)
        super().__init__(
            "\n".join(p.format() for p in self.problems)
            + f"\n{' and '.join(counts)} in the course source{strict}; nothing was written.{later}"
        )

    def show(self, file=None) -> None:
        """Print the problems as they are (one per line, ``file:line: error: ...``) on stderr."""
        click.echo(self.format_message(), err=True, file=file)

    @classmethod
    def single(cls, file: str | Path, line: int | None, message: str, hint: str = "",
               key_path: tuple = ()) -> "CourseError":
        return cls([Problem(str(file), line, message, hint, key_path=key_path)])
