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
    """Return the course activity with its name and description in every language of the build."""
    return _activity(course_iri(course), ACTIVITY_TYPES["course"], _texts(course, lambda c: c.title),
                     _texts(course, lambda c: c.description.strip()))


def page_activity(course: Course, page: Page) -> Activity:
    index = course.pages.index(page)
    return _activity(page_iri(course, page), ACTIVITY_TYPES["page"], _texts(course, lambda c: c.pages[index].title))


def question_activity(course: Course, question: Question) -> Activity:
    """Return a question as an interaction activity: its choices and correct response pattern.

    Component ids are the readable short ids of course/responses.py (the same the SCORM
    interactions carry), never the order a learner saw after shuffling, so responses of all
    learners compare.
    """
    index = course.assessment.questions.index(question)

    def texts(pick) -> list[LanguageMap]:
        """One language map per component: ``pick(question)`` lists the texts in one language."""
        per_language = {c.language: pick(c.assessment.questions[index]) for c in _editions(course)}
        return [LanguageMap({language: found[n] for language, found in per_language.items()})
                for n in range(len(pick(question)))]

    activity = _activity(question_iri(course, question), ACTIVITY_TYPES["question"],
                         _texts(course, lambda c: question.id),
                         _texts(course, lambda c: c.assessment.questions[index].prompt))
    definition = activity.definition
    definition.interaction_type = INTERACTION_TYPES[question.type]
    ids = response_ids(question)
    if question.type in ("single", "multiple"):
        definition.choices = _components(ids["options"], texts(lambda q: [option.text for option in q.options]))
        correct = [id_ for id_, option in zip(ids["options"], question.options) if option.correct]
        definition.correct_responses_pattern = ["[,]".join(correct)]
    elif question.type == "true-false":
        definition.correct_responses_pattern = ["true" if question.answer else "false"]
    elif question.type == "matching":
        definition.source = _components(ids["left"], texts(lambda q: [pair.left for pair in q.pairs]))
        definition.target = _components(ids["right"], texts(lambda q: [pair.right for pair in q.pairs]))
        # Pair n's left side matches pair n's right side.
        definition.correct_responses_pattern = [
            "[,]".join(f"{left}[.]{right}" for left, right in zip(ids["left"], ids["right"]))
        ]
    elif question.type == "ordering":
        definition.choices = _components(ids["items"], texts(lambda q: list(q.items)))
        definition.correct_responses_pattern = ["[,]".join(ids["items"])]
    elif question.type == "fill-in":
        # Data 2.4.4.1.1: several patterns mean any of them is correct; the runtime ignores case.
        definition.correct_responses_pattern = [f"{{case_matters=false}}{text}" for text in question.accept]
    return activity


def parent_activity(course: Course) -> Activity:
    """Return the course as a bare reference, for contextActivities (its definition is elsewhere)."""
    return Activity(id=course_iri(course), object_type="Activity")


def _editions(course: Course) -> tuple[Course, ...]:
    """The course in every language the build makes (it alone in a single-language build)."""
    return course.editions or (course,)


def _texts(course: Course, pick) -> LanguageMap:
    """``pick(edition)`` in each language of the build, as an xAPI language map (Data 2.4.4.1)."""
    return LanguageMap({edition.language: pick(edition) for edition in _editions(course)})


def _activity(iri: str, activity_type: str, name: LanguageMap, description: LanguageMap | None = None) -> Activity:
    definition = ActivityDefinition(name=name, type=activity_type)
    if description and any(description.values()):
        definition.description = description
    return Activity(id=iri, object_type="Activity", definition=definition)


def _components(ids: list[str], texts: list[LanguageMap]) -> InteractionComponentList:
    return InteractionComponentList(
        InteractionComponent(id=id_, description=text) for id_, text in zip(ids, texts)
    )
