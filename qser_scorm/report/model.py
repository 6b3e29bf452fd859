"""The report model: what every source (xAPI statements, cmi5, Moodle's exports and web services)
is turned into, and what the HTML, CSV and XLSX writers read.

A source fills :class:`Report`; the figures derived from it (rates, shares, histograms) are
properties here, so they mean the same whatever the source.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

#: Learner status, from best to worst; a learner keeps the best status ever reached.
#: "not attempted" is an enrolled learner who never opened the course (only an LMS knows them).
STATUSES = ("passed", "failed", "completed", "in progress", "not attempted")
#: Score distribution bins, in percent: 0-9, 10-19, ..., 90-100 (100 falls in the last).
SCORE_BINS = tuple(range(0, 100, 10))
#: Stands for a missing or unreadable timestamp; sorts before every real one.
UNKNOWN_TIME = datetime.min.replace(tzinfo=timezone.utc)


@dataclass
class Learner:
    """One learner (an actor, or an enrolled Moodle user), across sessions and attempts."""

    name: str
    account: str  #: the learner's identifier: mailto IRI, account homePage/name, e-mail address
    status: str = "in progress"  #: one of STATUSES
    best_score: float | None = None  #: percent; from Moodle: the gradebook's grade
    last_score: float | None = None  #: percent, the latest submitted result
    attempts: int = 0  #: tries: assessment attempts submitted inside the package
    seconds: float | None = 0.0  #: time spent: the sum of session durations; None: the source has none
    last_activity: datetime = UNKNOWN_TIME
    group: str = ""  #: the learner's groups in the LMS, joined by ", "
    lms_attempts: int | None = None  #: Moodle attempts (None: the source has none, as xAPI)
    registration: str = ""  #: cmi5: the registration this row is about (a learner may have several)
    language: str = ""  #: the language the learner played the course in (BCP 47), "" when unknown
    _last_scored_at: datetime = field(default=UNKNOWN_TIME, repr=False)
    #: (submitted an assessment, when): what ``language`` was last set from; later and scored wins
    _language_rank: tuple = field(default=(False, UNKNOWN_TIME), repr=False)


@dataclass
class Tally:
    """Answers to a question, and how many were correct."""

    answers: int = 0
    correct: int = 0

    @property
    def correct_rate(self) -> float | None:
        return 100.0 * self.correct / self.answers if self.answers else None


@dataclass
class Question:
    """One scored question: how often it was answered, how often correctly, and what was chosen,
    in all languages together and per language (its id is the same in every language package)."""

    iri: str
    name: str
    prompt: str  #: the question as learners read it
    kind: str  #: the xAPI interactionType, or the course's question type
    first_answered: datetime = field(default=UNKNOWN_TIME, repr=False)  #: orders the questions
    answers: int = 0
    correct: int = 0
    responses: Counter = field(default_factory=Counter)  #: answer label -> count
    labels: dict = field(default_factory=dict, repr=False)  #: component id -> its description
    targets: dict = field(default_factory=dict, repr=False)  #: matching: target id -> its description
    objective: str = ""  #: the learning objective's id, when the source names it
    languages: dict = field(default_factory=dict)  #: language -> Tally of the answers given in it

    def answered(self, language: str, correct: bool) -> None:
        """Count one answer, given in ``language``."""
        self.answers += 1
        self.correct += correct
        tally = self.languages.setdefault(language, Tally())
        tally.answers += 1
        tally.correct += correct

    @property
    def distribution(self) -> list[tuple[str, int]]:
        """(answer, count), most frequent first, ties alphabetically."""
        return sorted(self.responses.items(), key=lambda item: (-item[1], item[0]))

    @property
    def correct_rate(self) -> float | None:
        return 100.0 * self.correct / self.answers if self.answers else None

    def in_language(self, language: str) -> Tally:
        return self.languages.get(language) or Tally()


@dataclass
class Objective:
    """A learning objective: of the learners who submitted, how many got all its questions right
    in their latest submission."""

    id: str
    text: str
    met: int = 0
    assessed: int = 0  #: learners with a submitted attempt

    @property
    def share(self) -> float | None:
        return 100.0 * self.met / self.assessed if self.assessed else None


@dataclass
class Reflection:
    """A learner's latest answer to an unscored (reflection) question."""

    learner: str
    text: str
    when: datetime
    group: str = ""
    language: str = ""  #: the language the learner played in (and most likely wrote in)


@dataclass
class ReflectionQuestion:
    iri: str
    name: str
    prompt: str
    first_answered: datetime = field(default=UNKNOWN_TIME, repr=False)
    #: (learner account, language) -> Reflection: a learner of two language packages wrote in each
    answers: dict = field(default_factory=dict)

    @property
    def latest(self) -> list[Reflection]:
        return sorted(self.answers.values(), key=lambda r: (r.learner.casefold(), r.when))


@dataclass(frozen=True)
class Cohort:
    """The figures of some of the learners: a group's, a language's, or everyone's."""

    name: str
    learners: int
    passed: int
    completed: int  #: learners who completed the course: passed, or completed without a pass mark
    mean_score: float | None  #: of the best scores of those who have one

    @classmethod
    def of(cls, name: str, learners: list[Learner]) -> Cohort:
        scores = [learner.best_score for learner in learners if learner.best_score is not None]
        return cls(name, len(learners), sum(learner.status == "passed" for learner in learners),
                   sum(learner.status in ("passed", "completed") for learner in learners),
                   sum(scores) / len(scores) if scores else None)

    @property
    def pass_rate(self) -> float | None:
        return 100.0 * self.passed / self.learners if self.learners else None

    @property
    def completion_rate(self) -> float | None:
        return 100.0 * self.completed / self.learners if self.learners else None


@dataclass
class Report:
    """What the source says, ready for the HTML, CSV and XLSX writers."""

    title: str
    statements: int  #: records read: xAPI statements, or Moodle attempts
    learners: list[Learner]
    questions: list[Question]
    reflections: list[ReflectionQuestion]
    objectives: list[Objective] = field(default_factory=list)
    language: str = "en"  #: the course language: the report's language
    by_language: bool = False  #: the writers compare the languages learners played in (--by-language)

    def count(self, status: str) -> int:
        return sum(1 for learner in self.learners if learner.status == status)

    @property
    def pass_rate(self) -> float | None:
        """Percent of all learners who passed."""
        return 100.0 * self.count("passed") / len(self.learners) if self.learners else None

    @property
    def groups(self) -> list[str]:
        return sorted({learner.group for learner in self.learners if learner.group}, key=str.casefold)

    @property
    def languages(self) -> list[str]:
        """The languages learners played and answered in, in alphabetical order of their tags;
        "" (a source that names none) last."""
        found = {learner.language for learner in self.learners}
        found.update(language for question in self.questions for language in question.languages)
        return sorted(found, key=lambda tag: (not tag, tag))

    @property
    def answered_languages(self) -> list[str]:
        """The languages questions were answered in, in the order of ``languages``."""
        return [language for language in self.languages if any(language in q.languages for q in self.questions)]

    def group_cohorts(self) -> list[Cohort]:
        return [Cohort.of(group, [learner for learner in self.learners if group in learner.group.split(", ")])
                for group in self.groups]

    def language_cohorts(self) -> list[Cohort]:
        return [Cohort.of(language, [learner for learner in self.learners if learner.language == language])
                for language in self.languages]

    @property
    def score_histogram(self) -> list[tuple[str, int]]:
        """(bin label, learners whose best score falls in it), for learners with a score."""
        # Data 2.4.5.1 allows scaled scores from -1: below 0 counts in the first band.
        counts = Counter(min(max(int(learner.best_score // 10) * 10, 0), 90)
                         for learner in self.learners if learner.best_score is not None)
        return [(f"{low}–{low + 9 if low < 90 else 100}", counts[low]) for low in SCORE_BINS]


def speaks(tag: str, languages: tuple[str, ...] | list[str]) -> bool:
    """Whether the BCP 47 ``tag`` is one of ``languages`` or a regional form of one (``es-ES``
    is ``es``); tags are case-insensitive (RFC 5646 2.1.1)."""
    tag = tag.lower()
    return any(tag == wanted or tag.startswith(wanted + "-") for wanted in (w.lower() for w in languages))


def anonymised(report: Report) -> Report:
    """The same report with each learner named "Learner n" (in the report's order) and no
    account, in the learner table and in the reflections."""
    names: dict[str, str] = {}
    for learner in report.learners:  # one name per person, in each language they played
        names.setdefault(learner.account, f"Learner {len(names) + 1}")
    learners = [replace(learner, name=names[learner.account], account="") for learner in report.learners]
    reflections = [replace(question, answers={
        (account, language): replace(answer, learner=names.get(account, "Learner"))
        for (account, language), answer in question.answers.items()}) for question in report.reflections]
    return replace(report, learners=learners, reflections=reflections)
