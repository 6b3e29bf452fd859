"""The timed agenda of the workshop: the author's segments, or a default split of the duration.

The default gives the welcome, each course page (by its length), the discussion, the knowledge
check and the close a share of ``duration_minutes``, in whole minutes that add up to it exactly.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..course.model import Course, Page, Question

#: The session length when course.yaml sets no ``duration_minutes``: the Q-SER workshop's hour.
DEFAULT_MINUTES = 60
#: Shares of the session in the default split; the pages share theirs by word count.
_WEIGHTS = {"welcome": 1.0, "pages": 5.0, "discussion": 2.0, "knowledge_check": 1.5, "close": 0.5}


@dataclass(frozen=True)
class Segment:
    """One row of the agenda, with what it covers resolved from the course."""

    title: str
    minutes: int = 0
    start: int = 0  #: minutes from the start of the session
    pages: tuple[Page, ...] = ()
    questions: tuple[Question, ...] = ()
    knowledge_check: bool = False
    notes: str = ""  #: Markdown

    @property
    def end(self) -> int:
        return self.start + self.minutes


def session_minutes(course: Course) -> int:
    if course.duration_minutes:
        return course.duration_minutes
    agenda = course.workshop.agenda if course.workshop else ()
    return sum(segment.minutes for segment in agenda) or DEFAULT_MINUTES


def agenda(course: Course, texts: dict[str, str]) -> list[Segment]:
    """The session's segments in order; ``texts`` name and explain the default ones."""
    authored = course.workshop.agenda if course.workshop else ()
    if not authored:
        return _timed(_default_split(course, texts))
    pages = {page.id: page for page in course.pages}
    questions = {question.id: question for question in course.assessment.questions}
    return _timed([Segment(s.title, s.minutes, 0, tuple(pages[r.id] for r in s.pages),
                           tuple(questions[r.id] for r in s.questions), s.knowledge_check, s.notes)
                   for s in authored])


def _default_split(course: Course, texts: dict[str, str]) -> list[Segment]:
    words = [max(1, len(page.markdown.split())) for page in course.pages]
    parts: list[tuple[float, Segment]] = [(_WEIGHTS["welcome"], Segment(texts["default_welcome"],
                                                                          notes=texts["default_welcome_notes"]))]
    parts += [(_WEIGHTS["pages"] * count / sum(words), Segment(page.title, pages=(page,)))
              for page, count in zip(course.pages, words)]
    reflections = tuple(q for q in course.assessment.questions if not q.scored)
    if reflections:
        parts.append((_WEIGHTS["discussion"], Segment(texts["default_discussion"], questions=reflections,
                                                      notes=texts["default_discussion_notes"])))
    parts.append((_WEIGHTS["knowledge_check"], Segment(texts["default_knowledge_check"], knowledge_check=True,
                                                       notes=texts["default_knowledge_check_notes"])))
    parts.append((_WEIGHTS["close"], Segment(texts["default_close"], notes=texts["default_close_notes"])))
    minutes = _whole_minutes([weight for weight, _ in parts], session_minutes(course))
    return _without_empty([replace(segment, minutes=count) for (_, segment), count in zip(parts, minutes)])


def _whole_minutes(weights: list[float], total: int) -> list[int]:
    """Split ``total`` by ``weights`` into whole numbers that add up to it (largest remainder)."""
    exact = [total * weight / sum(weights) for weight in weights]
    counts = [int(share) for share in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[:total - sum(counts)]:
        counts[i] += 1
    return counts


def _without_empty(segments: list[Segment]) -> list[Segment]:
    """Fold each zero-minute segment (a short session) into the segment before it, or after it."""
    kept: list[Segment] = []
    pending: list[Segment] = []  # empty segments before the first that has time
    for segment in segments:
        if segment.minutes == 0 and kept:
            kept[-1] = _merged(kept[-1], segment)
        elif segment.minutes == 0:
            pending.append(segment)
        else:
            for earlier in reversed(pending):
                segment = _merged(earlier, segment)
            pending = []
            kept.append(segment)
    return kept


def _merged(first: Segment, second: Segment) -> Segment:
    return Segment(f"{first.title} · {second.title}", first.minutes + second.minutes, 0,
                   first.pages + second.pages, first.questions + second.questions,
                   first.knowledge_check or second.knowledge_check,
                   "\n\n".join(notes for notes in (first.notes, second.notes) if notes))


def _timed(segments: list[Segment]) -> list[Segment]:
    """The segments with their start times, one after the other from minute 0."""
    timed, start = [], 0
    for segment in segments:
        timed.append(replace(segment, start=start))
        start += segment.minutes
    return timed
