"""The "check your understanding" questions of a page: ```` ```check ```` blocks of YAML in its Markdown.

A check question is ungraded: the learner checks an answer and reads the feedback at once; it is
recorded as an interaction of weight 0, never in the score. Its id is ``check-<page id>-<n>``
(the n-th check of the page) or ``check-<id>`` when the block sets ``id:``, so it can never be
an assessment question's id. Errors name the page file and the line in it.
"""
from __future__ import annotations

from dataclasses import replace

from ..errors import CourseError, Problem
from .markdown import markdown_parser
from .model import Page, Question, Source
from .questions import build_question, type_key_problems
from .shape import shape_problems
from .yamlsource import parse_yaml

#: The info string of a check block's fence.
CHECK_FENCE = "check"
#: What every check question's id starts with (interaction ids; docs/authoring.md).
CHECK_PREFIX = "check-"

_parser = markdown_parser()


def is_check(token) -> bool:
    return token.type == "fence" and token.info.strip() == CHECK_FENCE


def page_checks(page: Page) -> tuple[tuple[Question, ...], list[Problem]]:
    """The check questions of ``page`` in page order, and the problems of the blocks that have any
    (those give no question)."""
    questions, problems = [], []
    fences = [token for token in _parser.parse(page.markdown) if is_check(token)]
    for number, fence in enumerate(fences, 1):
        first_line = fence.map[0] + 2  # the line after the fence, 1-based
        try:
            doc = parse_yaml(fence.content, page.source.file)
        except CourseError as error:
            problems += [_moved(problem, first_line) for problem in error.problems]
            continue
        if not isinstance(doc.data, dict):
            problems.append(Problem(page.source.file, fence.map[0] + 1, "a check block is empty or not a mapping",
                                    "write the question as YAML: `type: single`, `prompt: ...`, `options: ...` "
                                    "(docs/authoring.md, Check questions)"))
            continue
        found, _ = shape_problems(doc, "check")
        found = found or type_key_problems(doc.data, doc, ())
        if found:
            problems += [_moved(problem, first_line) for problem in found]
            continue
        ident = CHECK_PREFIX + str(doc.data.get("id") or f"{page.id}-{number}")
        question = build_question({**doc.data, "id": ident}, Source(page.source.file, fence.map[0] + 1))
        questions.append(replace(question, weight=0.0))
    return tuple(questions), problems


def _moved(problem: Problem, first_line: int) -> Problem:
    """A problem of the YAML inside a block, at its line in the page."""
    return replace(problem, line=problem.line + first_line - 1 if problem.line else first_line - 1, key_path=())

