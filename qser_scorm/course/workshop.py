"""The `workshop:` section of course.yaml: the classroom session that the workshop kit plans.

``load_workshop`` turns the section (its shape already checked by course.schema.json) into the
model; ``workshop_problems`` checks what spans the course: the agenda adds up to the duration,
and every page and question it names exists. The format is in docs/workshop.md.
"""
from __future__ import annotations

import difflib

from ..errors import Problem
from .model import AgendaSegment, Course, DiscussionPrompts, Reference, Source, Workshop
from .yamlsource import YamlDocument

SECTION = "workshop"


def load_workshop(doc: YamlDocument) -> Workshop | None:
    """The course's workshop section, or None when course.yaml has none."""
    section = doc.data.get(SECTION)
    if section is None:
        return None

    def at(*path) -> Source:
        return Source(doc.file, doc.line((SECTION, *path)))

    def references(path: tuple, ids: list[str]) -> tuple[Reference, ...]:
        return tuple(Reference(ident, at(*path, i)) for i, ident in enumerate(ids))

    agenda = tuple(
        AgendaSegment(segment["title"], segment["minutes"], at("agenda", i),
                      references(("agenda", i, "pages"), segment.get("pages", [])),
                      references(("agenda", i, "questions"), segment.get("questions", [])),
                      segment.get("knowledge_check", False), segment.get("notes", ""))
        for i, segment in enumerate(section.get("agenda", [])))
    discussion = tuple(DiscussionPrompts(Reference(question_id, at("discussion", question_id)), tuple(prompts))
                       for question_id, prompts in section.get("discussion", {}).items())
    return Workshop(at(), agenda, discussion)


def workshop_problems(course: Course) -> list[Problem]:
    """Errors in the workshop section: minutes that do not add up, ids that name nothing."""
    workshop = course.workshop
    if workshop is None:
        return []
    problems = []
    page_ids = [page.id for page in course.pages]
    questions = {q.id: q for q in course.assessment.questions}
    for segment in workshop.agenda:
        for page in segment.pages:
            problems.extend(_unknown(page, "page", page_ids, "course.yaml `pages:`"))
        for question in segment.questions:
            problems.extend(_unknown(question, "question", list(questions), course.assessment.source.file))
    reflections = [q.id for q in course.assessment.questions if not q.scored]
    for entry in workshop.discussion:
        question = questions.get(entry.question.id)
        if question is None:
            problems.extend(_unknown(entry.question, "question", reflections, course.assessment.source.file))
        elif question.scored:
            problems.append(_problem(entry.question.source, f"question '{question.id}' is scored, not a discussion "
                                     "question", "prompts are for `type: reflection` questions; the knowledge check's "
                                     "answers and feedback are in the facilitator guide already"))
    total = sum(segment.minutes for segment in workshop.agenda)
    if workshop.agenda and course.duration_minutes and total != course.duration_minutes:
        where = course.duration_source or course.source
        problems.append(_problem(workshop.agenda[0].source,
                                 f"the agenda's segments add up to {total} minutes, but `duration_minutes` is "
                                 f"{course.duration_minutes} ({where.file}:{where.line})",
                                 f"change the segments' `minutes` so they add up to {course.duration_minutes}, "
                                 "or change `duration_minutes`"))
    return problems


def _unknown(reference: Reference, kind: str, known: list[str], defined_in: str) -> list[Problem]:
    if reference.id in known:
        return []
    close = difflib.get_close_matches(reference.id, known, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"use a {kind} id from {defined_in}: {', '.join(known)}"
    return [_problem(reference.source, f"the workshop names {kind} '{reference.id}', which does not exist", hint)]


def _problem(source: Source, message: str, hint: str) -> Problem:
    return Problem(source.file, source.line, message, hint)
