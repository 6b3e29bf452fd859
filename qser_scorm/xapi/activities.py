"""The course, its pages and its questions as xAPI activities with full definitions (tincan).

Spec: xAPI 1.0.3 Data 2.4.4.1 (activity definition), 2.4.4.1.1 (interaction activities:
interactionType, choices/source/target/steps, correctResponsesPattern and its ``[,]``/``[.]``
delimiters, the ``{case_matters=false}`` parameter of fill-in patterns).
"""
from __future__ import annotations

from tincan import (
    Activity,
    ActivityDefinition,
    InteractionComponent,
    InteractionComponentList,
    LanguageMap,
)

from ..course.model import Course, Page, Question
from ..course.responses import response_ids
from .vocab import ACTIVITY_TYPES, INTERACTION_TYPES, base_iri


def course_iri(course: Course) -> str:
    """Return the course's activity IRI (the Tin Can ``activity_id`` of its package)."""
    return base_iri(course.id, course.xapi_base_iri)


def page_iri(course: Course, page: Page) -> str:
    return f"{course_iri(course)}/pages/{page.id}"


def question_iri(course: Course, question: Question) -> str:
    return f"{course_iri(course)}/questions/{question.id}"


def course_activity(course: Course) -> Activity:
    """Return the course activity with its name and description in the course's language."""
    return _activity(course_iri(course), course, ACTIVITY_TYPES["course"], course.title, course.description)


def page_activity(course: Course, page: Page) -> Activity:
    return _activity(page_iri(course, page), course, ACTIVITY_TYPES["page"], page.title)


def question_activity(course: Course, question: Question) -> Activity:
    """Return a question as an interaction activity: its choices and correct response pattern.

    Component ids are the readable short ids of course/responses.py (the same the SCORM
    interactions carry), never the order a learner saw after shuffling, so responses of all
    learners compare.
    """
    activity = _activity(
        question_iri(course, question), course, ACTIVITY_TYPES["question"], question.id, question.prompt
    )
    definition = activity.definition
    definition.interaction_type = INTERACTION_TYPES[question.type]
    language, ids = course.language, response_ids(question)
    if question.type in ("single", "multiple"):
        definition.choices = _components(language, ids["options"], [option.text for option in question.options])
        correct = [id_ for id_, option in zip(ids["options"], question.options) if option.correct]
        definition.correct_responses_pattern = ["[,]".join(correct)]
    elif question.type == "true-false":
        definition.correct_responses_pattern = ["true" if question.answer else "false"]
    elif question.type == "matching":
        definition.source = _components(language, ids["left"], [pair.left for pair in question.pairs])
        definition.target = _components(language, ids["right"], [pair.right for pair in question.pairs])
        # Pair n's left side matches pair n's right side.
        definition.correct_responses_pattern = [
            "[,]".join(f"{left}[.]{right}" for left, right in zip(ids["left"], ids["right"]))
        ]
    elif question.type == "ordering":
        definition.choices = _components(language, ids["items"], list(question.items))
        definition.correct_responses_pattern = ["[,]".join(ids["items"])]
    elif question.type == "fill-in":
        # Data 2.4.4.1.1: several patterns mean any of them is correct; the runtime ignores case.
        definition.correct_responses_pattern = [f"{{case_matters=false}}{text}" for text in question.accept]
    return activity


def parent_activity(course: Course) -> Activity:
    """Return the course as a bare reference, for contextActivities (its definition is elsewhere)."""
    return Activity(id=course_iri(course), object_type="Activity")


def _activity(iri: str, course: Course, activity_type: str, name: str, description: str = "") -> Activity:
    definition = ActivityDefinition(name=LanguageMap({course.language: name}), type=activity_type)
    if description:
        definition.description = LanguageMap({course.language: description.strip()})
    return Activity(id=iri, object_type="Activity", definition=definition)


def _components(language: str, ids: list[str], texts: list[str]) -> InteractionComponentList:
    return InteractionComponentList(
        InteractionComponent(id=id_, description=LanguageMap({language: text})) for id_, text in zip(ids, texts)
    )
