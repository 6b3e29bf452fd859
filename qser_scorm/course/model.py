"""The typed model of a course, as loaded from ``course_src/``.

Objects are frozen: once :func:`qser_scorm.course.load.load_course` has built them, no stage
changes them. ``source`` fields keep where each object was written, for error messages.
"""
from __future__ import annotations

from dataclasses import dataclass

#: Question types, by the name an author writes in ``assessment.yaml``.
QUESTION_TYPES = ("single", "multiple", "true-false", "matching", "ordering", "fill-in", "reflection")


@dataclass(frozen=True)
class Source:
    """Where something was written: a path relative to the course folder and a 1-based line."""

    file: str
    line: int | None = None


@dataclass(frozen=True)
class Objective:
    id: str
    text: str
    source: Source | None = None


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    markdown: str  #: the page body, Markdown
    source: Source  #: the Markdown file
    entry: Source | None = None  #: where course.yaml lists the page
    #: Its "check your understanding" questions (```check blocks), in page order; never scored
    checks: tuple[Question, ...] = ()


@dataclass(frozen=True)
class MediaFile:
    """A file from the course's media/ folder that a page shows or links to."""

    path: str  #: relative to the course folder, also its path in the package: ``media/map.png``
    data: bytes


@dataclass(frozen=True)
class Logo:
    """The logo in the header of every screen (``theme: logo:``)."""

    path: str  #: a media file, ``media/logo.svg``; shipped in ``Course.media``
    alt: str  #: its text alternative (WCAG 1.1.1)


@dataclass(frozen=True)
class ThemeColour:
    """A colour the author set in ``theme:``, as sRGB hex (``#0b5cad``), and where."""

    value: str
    source: Source


@dataclass(frozen=True)
class Theme:
    """The course's look (``theme:`` in course.yaml); what is not set keeps the default look."""

    source: Source
    logo: Logo | None = None
    primary: ThemeColour | None = None  #: the header band behind the course title
    accent: ThemeColour | None = None  #: links, buttons and the focus indicator
    font: str = ""  #: a CSS font stack
    font_source: Source | None = None


@dataclass(frozen=True)
class Option:
    """An answer option of a single or multiple choice question."""

    text: str
    correct: bool = False
    feedback: str = ""
    id: str = ""  #: the author's short id for LMS reports; "" for a slug of the text (responses.py)


@dataclass(frozen=True)
class Pair:
    """A matching question's pair: ``left`` is shown, ``right`` is chosen for it."""

    left: str
    right: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str  #: one of QUESTION_TYPES
    prompt: str
    source: Source
    objective: str | None = None
    hint: str = ""
    weight: float = 1.0  #: 0 for reflection questions, which are never scored
    feedback_correct: str = ""
    feedback_wrong: str = ""
    options: tuple[Option, ...] = ()  #: single, multiple
    answer: bool | None = None  #: true-false
    pairs: tuple[Pair, ...] = ()  #: matching
    items: tuple[str, ...] = ()  #: ordering, in the correct order
    accept: tuple[str, ...] = ()  #: fill-in, accepted answers
    #: In a translated course, the question as written in the source language: its texts give
    #: the response ids, so the LMS stores the same ids in every language (responses.py).
    original: Question | None = None

    @property
    def scored(self) -> bool:
        return self.type != "reflection"


@dataclass(frozen=True)
class Assessment:
    title: str
    intro: str  #: Markdown
    attempts: int  #: 0 means unlimited
    shuffle: bool
    questions: tuple[Question, ...]
    source: Source


@dataclass(frozen=True)
class Reference:
    """An id that one part of the course names, and where it is named (for errors)."""

    id: str
    source: Source


@dataclass(frozen=True)
class AgendaSegment:
    """One timed part of the workshop session (``workshop: agenda:`` in course.yaml)."""

    title: str
    minutes: int
    source: Source
    pages: tuple[Reference, ...] = ()  #: the course pages it covers
    questions: tuple[Reference, ...] = ()  #: the questions it discusses or asks
    knowledge_check: bool = False  #: the group takes the whole knowledge check in this segment
    notes: str = ""  #: Markdown, for the facilitator


@dataclass(frozen=True)
class DiscussionPrompts:
    """The facilitator's prompts for one reflection question (``workshop: discussion:``)."""

    question: Reference
    prompts: tuple[str, ...]


@dataclass(frozen=True)
class Workshop:
    """The classroom session the workshop kit plans (docs/workshop.md)."""

    source: Source
    agenda: tuple[AgendaSegment, ...] = ()  #: () for the default split of the duration
    discussion: tuple[DiscussionPrompts, ...] = ()


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    language: str
    description: str  #: Markdown, shown on the overview page
    pass_mark: float  #: 0-100; also the manifest's adlcp:masteryscore
    pages: tuple[Page, ...]
    assessment: Assessment
    source: Source
    version: str = "1.0"
    subtitle: str = ""
    series: str = ""
    author: str = ""
    programme: str = ""
    keywords: tuple[str, ...] = ()
    objectives: tuple[Objective, ...] = ()
    duration_minutes: int | None = None
    training_format: str = ""
    assessment_method: str = ""
    xapi_base_iri: str = ""  #: where the course's xAPI activity IRIs start; "" for the default
    #: How SCORM interactions spell responses: "readable" short ids, or "codes" (0-9a-z)
    responses: str = "readable"
    media: tuple[MediaFile, ...] = ()  #: files the pages use, shipped in the package
    #: The author's interface texts (key, text), over the course language's built-in table
    interface: tuple[tuple[str, str], ...] = ()
    language_source: Source | None = None  #: where course.yaml sets `language`
    workshop: Workshop | None = None  #: None when course.yaml has no `workshop:` section
    duration_source: Source | None = None  #: where course.yaml sets `duration_minutes`
    #: The languages to build a package in (``languages:``); () for the course language only.
    #: ``language`` is the source language; the others come from translations/<lang>.po.
    languages: tuple[str, ...] = ()
    languages_sources: tuple[Source, ...] = ()  #: where course.yaml lists each of ``languages``
    #: In a build of several languages, the course in each of them (same ids, same order): the
    #: xAPI definitions name every object in every language. () for a single-language build.
    editions: tuple[Course, ...] = ()
    theme: Theme | None = None  #: None when course.yaml has no `theme:` section: the default look

    @property
    def scored_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.assessment.questions if q.scored)
