"""Check a loaded course as a whole: ``check_course(course) -> list[Problem]``.

Loading has already checked each file's shape; here are the rules that span several values or
files. Errors stop the build; warnings point at content that is probably a mistake. A course read
with errors lacks the parts that have them (``load.read_course``'s gaps); the rules that need such
a part whole wait until it is fixed, and :func:`unchecked` says which.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import Problem
from ..interface import builtin_languages, builtin_table, expected_keys
from .model import Course, Question, Source
from .theme import theme_problems
from .workshop import workshop_problems

_FIRST_LEVEL_HEADING = re.compile(r"^#\s", re.MULTILINE)


@dataclass(frozen=True)
class _Rule:
    """A rule that waits while a part of the course it needs whole has errors (``load.read_course``'s gaps)."""

    checks: str  #: what it checks, as the message says when it waits
    needs: tuple[str, ...]  #: the parts

    def waits(self, gaps: Mapping[str, str]) -> bool:
        return bool(set(self.needs) & set(gaps))

    def note(self, gaps: Mapping[str, str]) -> str:
        return f"{self.checks} (it needs {' and '.join(gaps[part] for part in self.needs if part in gaps)})"


_OBJECTIVES_DEFINED = _Rule("whether each question's objective is defined in course.yaml", ("objectives",))
_SCORED_QUESTION = _Rule("whether the assessment has a scored question", ("questions",))
_OBJECTIVES_ASSESSED = _Rule("whether every objective has a question", ("questions",))
_INTERFACE_LANGUAGE = _Rule("whether the interface has texts in the course's languages",
                            ("language", "languages", "interface"))
_WORKSHOP_REFERENCES = _Rule("whether the workshop agenda names pages and questions that exist",
                             ("pages", "questions"))


def check_course(course: Course, gaps: Mapping[str, str] = {}) -> list[Problem]:  # noqa: B006 - read only
    """Return every error and warning about ``course``, in file and line order; skip the rules
    that need a part named in ``gaps`` (:func:`unchecked` names them)."""
    problems = (_duplicate_ids(course) + _question_problems(course, gaps) + _page_warnings(course)
                + [problem for q in _check_questions(course) for problem in _answer_problems(q)]
                + theme_problems(course))
    if not _OBJECTIVES_ASSESSED.waits(gaps):
        problems += _objective_warnings(course)
    if not _INTERFACE_LANGUAGE.waits(gaps):
        problems += _interface_errors(course)
    if not _WORKSHOP_REFERENCES.waits(gaps):
        problems += workshop_problems(course)
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))


def unchecked(course: Course, gaps: Mapping[str, str]) -> tuple[str, ...]:
    """Say which rules :func:`check_course` skipped for ``gaps``, and which errors they wait for."""
    rules = [_OBJECTIVES_DEFINED, _SCORED_QUESTION, _OBJECTIVES_ASSESSED, _INTERFACE_LANGUAGE]
    if course.workshop is not None:
        rules.append(_WORKSHOP_REFERENCES)
    return tuple(rule.note(gaps) for rule in rules if rule.waits(gaps))


def _duplicate_ids(course: Course) -> list[Problem]:
    problems = []
    groups = (
        ("page", [(p.id, p.entry) for p in course.pages]),
        ("question", [(q.id, q.source) for q in course.assessment.questions + _check_questions(course)]),
        ("objective", [(o.id, o.source) for o in course.objectives]),
    )
    for kind, entries in groups:
        first_seen: dict[str, Source] = {}
        for ident, source in entries:
            if ident in first_seen:
                other = first_seen[ident]
                problems.append(Problem(source.file, source.line, f"duplicate {kind} id '{ident}'",
                                        f"give each {kind} its own id (the first is at {other.file}:{other.line})"))
            else:
                first_seen[ident] = source
    return problems


def _question_problems(course: Course, gaps: Mapping[str, str]) -> list[Problem]:
    objective_ids = {o.id for o in course.objectives}
    problems = []
    for q in course.assessment.questions:
        def problem(message: str, hint: str, severity: str = "error", q: Question = q) -> None:
            problems.append(_problem(q, message, hint, severity))

        problems += _answer_problems(q)
        if not _OBJECTIVES_DEFINED.waits(gaps) and q.objective and q.objective not in objective_ids:
            known = ", ".join(sorted(objective_ids)) or "none are defined"
            problem(f"objective '{q.objective}' is not defined in course.yaml",
                    f"use one of the course's objective ids ({known})")
        if q.scored and not q.objective and course.objectives:
            problem("assesses no objective", "add `objective:` with one of the course's objective ids", "warning")
    if not _SCORED_QUESTION.waits(gaps) and not course.scored_questions:
        problems.append(Problem(course.assessment.source.file, 1, "the assessment has no scored question",
                                "add a question of a type other than reflection: the score decides pass or fail"))
    return problems


def _check_questions(course: Course) -> tuple[Question, ...]:
    """The "check your understanding" questions of the pages (course/checks.py)."""
    return tuple(q for page in course.pages for q in page.checks)


def _problem(q: Question, message: str, hint: str, severity: str = "error") -> Problem:
    return Problem(q.source.file, q.source.line, f"question '{q.id}': {message}", hint, severity)


def _answer_problems(q: Question) -> list[Problem]:
    """The rules of a question's own answers: right options, distinct texts."""
    problems = []
    correct = sum(o.correct for o in q.options)
    if q.type == "single" and correct != 1:
        problems.append(_problem(q, f"a single-choice question needs exactly one correct option, found {correct}",
                                 "mark one option `correct: true`, or use `type: multiple`"))
    if q.type == "multiple" and correct == 0:
        problems.append(_problem(q, "no option is marked `correct: true`", "mark every correct option `correct: true`"))
    if len({o.text for o in q.options}) < len(q.options):
        problems.append(_problem(q, "two options have the same text", "make each option's text different"))
    if len({p.left for p in q.pairs}) < len(q.pairs) or len({p.right for p in q.pairs}) < len(q.pairs):
        problems.append(_problem(q, "two pairs share a left or a right side", "make each side of each pair unique"))
    if len(set(q.items)) < len(q.items):
        problems.append(_problem(q, "two items have the same text", "make each item's text different"))
    return problems


def _page_warnings(course: Course) -> list[Problem]:
    problems = []
    pages_by_text = defaultdict(list)
    for page in course.pages:
        body = " ".join(page.markdown.split())
        if not body:
            problems.append(Problem(page.source.file, None, f"page '{page.id}' has no text",
                                    "write the page, or remove it from course.yaml", "warning"))
            continue
        pages_by_text[body].append(page)
        heading = _FIRST_LEVEL_HEADING.search(page.markdown)
        if heading:
            line = page.markdown.count("\n", 0, heading.start()) + 1
            problems.append(Problem(page.source.file, line, "a `#` heading inside a page",
                                    "the page title from course.yaml is the heading; use `##` here", "warning"))
    for same in pages_by_text.values():
        for page in same[1:]:
            problems.append(Problem(page.source.file, None,
                                    f"page '{page.id}' has the same text as page '{same[0].id}'",
                                    "remove the repeated page from course.yaml, or edit one of them", "warning"))
    return problems


def _objective_warnings(course: Course) -> list[Problem]:
    assessed = {q.objective for q in course.assessment.questions}
    return [Problem(o.source.file, o.source.line, f"no question assesses objective '{o.id}'",
                    "add a question with this `objective:`, or remove the objective", "warning")
            for o in course.objectives if o.id not in assessed]


def _interface_errors(course: Course) -> list[Problem]:
    """A package language without a built-in table builds only when the author gave every text."""
    given = {key for key, _ in course.interface}
    listed = tuple(zip(course.languages, course.languages_sources)) or (
        (course.language, course.language_source or course.source),)
    problems = []
    for language, where in listed:
        missing = [key for key in expected_keys(language) if key not in given]
        if builtin_table(language) is None and missing:
            problems.append(Problem(
                where.file, where.line,
                f"no built-in interface texts for language '{language}' ({len(missing)} texts missing, "
                f"e.g. `{missing[0]}`)",
                f"use a language with built-in texts: {', '.join(builtin_languages())}; or add an `interface:` "
                "mapping to course.yaml with every text in this language (keys and English texts: "
                "docs/authoring.md, Interface texts)"))
    return problems
