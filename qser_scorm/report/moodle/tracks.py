"""What Moodle knows of each learner of a SCORM activity, whatever it was read from (its report
downloads or its web services), and the report made of it.

Moodle keeps, per user and Moodle attempt, the SCO's track: status, score and the
``cmi.interactions.n`` the package wrote. The package writes one interaction per question and
submission; a *Try again* inside the package writes the questions again at the next ``n`` (22
interactions in one Moodle attempt), so a repeated question id starts a new submission.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..answers import AnswerKey
from ..model import (STATUSES, UNKNOWN_TIME, Learner, Objective, Question, Reflection, ReflectionQuestion, Report,
                     speaks)

#: SCORM 1.2 cmi.core.lesson_status (RTE 3.4.4) -> report status. "browsed" is a look at the course.
LESSON_STATUSES = {"passed": "passed", "failed": "failed", "completed": "completed", "incomplete": "in progress",
                   "browsed": "in progress", "not attempted": "not attempted"}


@dataclass
class Interaction:
    """One ``cmi.interactions.n``: question id, stored response, and Moodle's result (RTE 3.4.4:
    correct, wrong, unanticipated, neutral), or None where the download leaves results out."""

    id: str
    response: str
    result: str | None = None


@dataclass
class Attempt:
    number: int
    score: float | None = None  #: cmi.core.score.raw, None without a submitted result
    status: str | None = None  #: a STATUSES value, None where the source says nothing
    last_access: datetime = UNKNOWN_TIME
    seconds: float | None = None  #: cmi.core.total_time; the downloads have none
    interactions: list[Interaction] | None = None  #: None: the source holds no interactions
    language: str = ""  #: cmi.student_preference.language (the multilingual package's choice); downloads have none

    def submissions(self) -> list[list[Interaction]]:
        """The interactions split into submissions: a question id seen again starts the next one."""
        runs: list[list[Interaction]] = []
        seen: set[str] = set()
        for interaction in self.interactions or ():
            if not runs or interaction.id in seen:
                runs.append([])
                seen = set()
            runs[-1].append(interaction)
            seen.add(interaction.id)
        return runs


@dataclass
class Enrolment:
    """One enrolled learner of the activity, keyed by e-mail address."""

    name: str
    email: str
    group: str = ""
    attempts: dict[int, Attempt] = field(default_factory=dict)
    grade: float | None = None  #: the gradebook's grade (Moodle's *Highest grade*), if read
    graded: bool = False  #: whether a gradebook was read for this learner ("-" is graded, no grade)
    language: str = ""  #: the language of the activity's package (one Moodle activity per language)

    def attempt(self, number: int) -> Attempt:
        return self.attempts.setdefault(number, Attempt(number))

    @property
    def played_in(self) -> str:
        """The language of the latest attempt that saved one (the multilingual package), else the activity's."""
        saved = [a for _, a in sorted(self.attempts.items()) if a.language]
        return saved[-1].language if saved else self.language


def build_report(enrolments: list[Enrolment], key: AnswerKey, title: str, records: int,
                 marking: dict[str, AnswerKey] | None = None) -> Report:
    """The report of Moodle's data, with texts from ``key``; an answer Moodle gives no result for
    is marked with the key of the language it was given in (``marking``), else with ``key``."""
    marking = marking or {}
    questions = {q.id: Question(q.id, q.id, q.prompt, q.type, objective=q.objective)
                 for q in key.questions if q.scored}
    for question in questions.values():
        question.responses.update({choice: 0 for choice in key.question(question.iri).choices()})
    reflections = {q.id: ReflectionQuestion(q.id, q.id, q.prompt) for q in key.questions if not q.scored}
    objectives = {oid: Objective(oid, text) for oid, text in key.objectives.items()}
    learners = []
    for enrolment in enrolments:
        learner = _learner(enrolment, key.pass_mark)
        learners.append(learner)
        latest: list[Interaction] = []
        for attempt in sorted(enrolment.attempts.values(), key=lambda a: a.number):
            for submission in attempt.submissions():
                latest = submission
                for interaction in submission:
                    if interaction.id not in questions and interaction.id not in reflections:
                        _add_unknown(interaction, questions, reflections, key.unknown_question)
                    language = attempt.language or enrolment.language
                    _count(questions.get(interaction.id), interaction, key, language, marking.get(language, key))
        for interaction in latest:
            reflection = reflections.get(interaction.id)
            if reflection is not None and interaction.response.strip():
                reflection.answers[enrolment.email, learner.language] = Reflection(
                    learner.name, interaction.response, learner.last_activity, learner.group, learner.language)
        if latest:
            _objectives_met(objectives, latest, marking.get(learner.language, key))
    order = [q.id for q in key.questions] + [i for i in [*questions, *reflections] if key.question(i) is None]
    return Report(
        title=title or key.title, statements=records,
        learners=sorted(learners, key=lambda learner: (learner.name.casefold(), learner.account, learner.language)),
        questions=[questions[i] for i in order if i in questions],
        reflections=[reflections[i] for i in order if i in reflections],
        objectives=list(objectives.values()), language=key.language)


def _learner(enrolment: Enrolment, pass_mark: float) -> Learner:
    attempts = sorted(enrolment.attempts.values(), key=lambda a: a.number)
    timed = [attempt.seconds for attempt in attempts if attempt.seconds is not None]
    learner = Learner(name=enrolment.name, account=enrolment.email, group=enrolment.group,
                      status="not attempted", lms_attempts=len(attempts),
                      seconds=sum(timed) if timed else None, language=enrolment.played_in)
    for attempt in attempts:
        status = attempt.status or _status_of(attempt, pass_mark)
        if STATUSES.index(status) < STATUSES.index(learner.status):
            learner.status = status
        learner.attempts += len(attempt.submissions())
        learner.last_activity = max(learner.last_activity, attempt.last_access)
        if attempt.score is not None and status in ("passed", "failed", "completed"):
            learner.last_score = attempt.score
            learner.best_score = attempt.score if learner.best_score is None else max(learner.best_score, attempt.score)
    if enrolment.graded:
        learner.best_score = enrolment.grade
    return learner


def _status_of(attempt: Attempt, pass_mark: float) -> str:
    """The status of an attempt the downloads give no status for (Moodle writes none there): a
    score 0 with no interactions is Moodle's score of an attempt never submitted."""
    if attempt.score is None or (attempt.score == 0 and not attempt.interactions):
        return "in progress"
    return "passed" if attempt.score >= pass_mark else "failed"


def _add_unknown(interaction: Interaction, questions: dict, reflections: dict, prompt: str) -> None:
    """A question this course version does not have (another package's): kept, with its id."""
    if interaction.result == "neutral":  # RTE 3.4.4: unscored, as the package's reflections
        reflections[interaction.id] = ReflectionQuestion(interaction.id, interaction.id, prompt)
    else:
        questions[interaction.id] = Question(interaction.id, interaction.id, prompt, "")


def _count(question: Question | None, interaction: Interaction, key: AnswerKey, language: str,
           marking: AnswerKey) -> None:
    if question is None:
        return
    keyed = key.question(question.iri)
    if keyed is None:  # a question of another version: Moodle's result, the stored answer as it is
        question.answered(language, interaction.result == "correct")
        question.responses[interaction.response.strip() or key.no_answer] += 1
        return
    question.answered(language, _right(marking.question(question.iri) or keyed, interaction))
    for label in keyed.labels(interaction.response):
        question.responses[label] += 1


def _objectives_met(objectives: dict[str, Objective], submission: list[Interaction], key: AnswerKey) -> None:
    results: dict[str, bool] = {}
    for interaction in submission:
        keyed = key.question(interaction.id)
        if keyed is None or not keyed.scored or not keyed.objective:
            continue
        results[keyed.objective] = results.get(keyed.objective, True) and _right(keyed, interaction)
    for objective in objectives.values():
        if objective.id in results:
            objective.assessed += 1
            objective.met += results[objective.id]


def _right(keyed, interaction: Interaction) -> bool:
    """Moodle's result where the source has it (trust it: ``Right answer`` lists only the first
    accepted fill-in answer), else the package's own marking."""
    if interaction.result is None:
        return keyed.is_correct(interaction.response)
    return interaction.result == "correct"


def in_activities_played(enrolments: list[Enrolment]) -> list[Enrolment]:
    """Learners of several activities (one per language, in one Moodle course): each in the
    activities they launched. Moodle lists every enrolled user in every activity's report and
    gradebook column; one who launched none is kept once, with no language."""
    launched = {e.email for e in enrolments if e.attempts}
    kept, unlaunched = [], set()
    for enrolment in enrolments:
        if enrolment.attempts:
            kept.append(enrolment)
        elif enrolment.email not in launched and enrolment.email not in unlaunched:
            unlaunched.add(enrolment.email)
            enrolment.language = ""
            kept.append(enrolment)
    return kept


def in_languages(enrolments: list[Enrolment], languages: tuple[str, ...] | list[str]) -> list[Enrolment]:
    """The learners who played in any of ``languages`` (all learners when none is given)."""
    if not languages:
        return enrolments
    return [e for e in enrolments if speaks(e.played_in, languages)]


def in_groups(enrolments: list[Enrolment], groups: tuple[str, ...] | list[str]) -> list[Enrolment]:
    """The learners in any of ``groups`` (all learners when none is given)."""
    if not groups:
        return enrolments
    return [e for e in enrolments if set(e.group.split(", ")) & set(groups)]
