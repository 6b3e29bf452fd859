"""Summarise xAPI statements per learner, per question and per reflection question.

Only standard xAPI 1.0.3 fields are read (actor, verb id, object definition, result, timestamp),
so the report works for any course this tool builds, and for statements from other tools that
use the ADL verbs, cmi5's among them. cmi5 tracks a learner per registration (cmi5 9.3: at most
one completed and one passed per registration), so a registration with a cmi5 defined statement is
a row of its own; other statements of an actor are one learner, whatever the registration. Memory grows with the number of learners and questions, never with the number
of statements: each statement updates a few counters and is dropped.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timezone

from qser_scorm.xapi.templates import SESSION_VERBS
from qser_scorm.xapi.vocab import VERBS

from .model import STATUSES, UNKNOWN_TIME, Learner, Question, Reflection, ReflectionQuestion, Report, speaks

PASSED, FAILED, COMPLETED, ANSWERED = (VERBS[v] for v in ("passed", "failed", "completed", "answered"))
#: xAPI 1.0.3 Data 2.3.2: a voiding statement only cancels another one; it is not learner activity.
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
#: Each session ends with exactly one of these, carrying the session's duration (docs/xapi.md).
SESSION_END = frozenset(VERBS[v] for v in ("suspended", "terminated"))
#: Verbs whose object is the course itself: the report's title is that object's name.
COURSE_VERBS = frozenset(VERBS[v] for v in SESSION_VERBS)
#: cmi5 9.6.2.1: the category activity of every cmi5 defined statement.
CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
#: cmi5 9.3.6 / 9.3.7: the LMS's verbs for a session that ended unterminated (with its duration)
#: and for an AU whose requirements were met otherwise (result.success and completion true).
ABANDONED, WAIVED = "https://w3id.org/xapi/adl/verbs/abandoned", "https://w3id.org/xapi/adl/verbs/waived"

# xAPI 1.0.3 Data 2.4.4.1: ISO 8601 durations, e.g. PT1H2M3.5S, P1DT2H.
_DURATION = re.compile(r"P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
_ANSWER_SEPARATORS = {"choice": "[,]"}  # Data 2.4.4.1 response patterns: count each choice alone


class Aggregator:
    """Folds statements, in any order, into the figures of a :class:`Report`; names and texts of
    activities in ``language`` where their language maps have it (else English)."""

    def __init__(self, language: str = "en") -> None:
        self.language = language
        self.statements = 0
        self._learners: dict[tuple[str, str], Learner] = {}  #: (actor, registration) -> learner
        self._cmi5_registrations: set[str] = set()
        self._questions: dict[str, Question] = {}
        self._reflections: dict[str, ReflectionQuestion] = {}
        self._titles: Counter = Counter()

    def add(self, statement: dict) -> None:
        verb = statement["verb"].get("id", "")
        if verb == VOIDED:
            return
        self.statements += 1
        activity = statement["object"]
        result = statement.get("result") or {}
        when = _timestamp(statement)
        context = statement.get("context") if isinstance(statement.get("context"), dict) else {}
        registration = str(context.get("registration") or "")
        if registration and _is_cmi5(context):
            self._cmi5_registrations.add(registration)
        learner = self._learner(statement["actor"], registration)
        learner.last_activity = max(learner.last_activity, when)
        language = statement_language(statement)
        if language:
            _note_language(learner, language, (verb in (PASSED, FAILED), when))
        if verb in COURSE_VERBS:
            self._titles[self._name(activity)] += 1
        if verb in (PASSED, FAILED):
            self._scored(learner, verb, result, when)
        elif verb == COMPLETED and learner.status == "in progress":
            learner.status = "completed"
        elif verb == WAIVED and learner.status != "passed":
            learner.status = "passed"
        elif verb in SESSION_END or verb == ABANDONED:
            learner.seconds += _seconds(result.get("duration"))
        elif verb == ANSWERED and "response" in result:
            if "success" in result:
                self._answered(activity, result, when, language)
            else:
                self._reflected(activity, learner, str(result["response"]), when, language)
        if result.get("completion") is True and learner.status == "in progress":
            learner.status = "completed"

    def report(self) -> Report:
        title = self._titles.most_common(1)[0][0] if self._titles else "xAPI statements"
        learners = sorted(self._per_learner(), key=lambda learner: (learner.name.casefold(), learner.account,
                                                                     learner.registration))
        return Report(title, self.statements, learners, _in_answer_order(self._questions),
                      _in_answer_order(self._reflections), language=self.language)

    def _per_learner(self) -> list[Learner]:
        """A row per cmi5 registration; an actor's other registrations merged into one row."""
        rows: dict[tuple[str, str], Learner] = {}
        for (account, registration), learner in self._learners.items():
            if registration in self._cmi5_registrations:
                rows[account, registration] = replace(learner, registration=registration)
            else:
                rows[account, ""] = _merged(rows[account, ""], learner) if (account, "") in rows else learner
        return list(rows.values())

    def _learner(self, actor: dict, registration: str) -> Learner:
        account = _account(actor)
        learner = self._learners.get((account, registration))
        if learner is None:
            name = actor.get("name") or account.removeprefix("mailto:")
            learner = self._learners[account, registration] = Learner(name=name, account=account)
        return learner

    @staticmethod
    def _scored(learner: Learner, verb: str, result: dict, when: datetime) -> None:
        learner.attempts += 1
        status = "passed" if verb == PASSED else "failed"
        if STATUSES.index(status) < STATUSES.index(learner.status):
            learner.status = status
        score = _percent(result.get("score") or {})
        if score is None:
            return
        learner.best_score = score if learner.best_score is None else max(learner.best_score, score)
        if when >= learner._last_scored_at:
            learner.last_score, learner._last_scored_at = score, when

    def _answered(self, activity: dict, result: dict, when: datetime, language: str) -> None:
        iri = activity.get("id", "")
        question = self._questions.get(iri)
        if question is None:
            definition = activity.get("definition") or {}
            question = self._questions[iri] = Question(
                iri, self._name(activity), self._prompt(activity), definition.get("interactionType", ""),
                labels=self._labels(definition, ("choices", "scale", "source", "steps")),
                targets=self._labels(definition, ("target",)))
        question.first_answered = min(question.first_answered, when) if question.answers else when
        question.answered(language, result["success"] is True)
        response = str(result["response"])
        if question.kind == "fill-in":  # grouped as they are marked: ignoring case and spacing
            response = " ".join(response.split()).casefold()
        separator = _ANSWER_SEPARATORS.get(question.kind)
        for part in response.split(separator) if separator and response else [response]:
            question.responses[_label(part, question)] += 1

    def _reflected(self, activity: dict, learner: Learner, text: str, when: datetime, language: str) -> None:
        iri = activity.get("id", "")
        question = self._reflections.get(iri)
        if question is None:
            question = self._reflections[iri] = ReflectionQuestion(iri, self._name(activity), self._prompt(activity))
        question.first_answered = min(question.first_answered, when) if question.answers else when
        earlier = question.answers.get((learner.account, language))
        if earlier is None or when >= earlier.when:
            question.answers[learner.account, language] = Reflection(learner.name, text, when, language=language)

    def _name(self, activity: dict) -> str:
        names = (activity.get("definition") or {}).get("name") or {}
        return self._text(names) or activity.get("id", "").rstrip("/").rsplit("/", 1)[-1]

    def _prompt(self, activity: dict) -> str:
        return self._text((activity.get("definition") or {}).get("description") or {})

    def _text(self, language_map: dict) -> str:
        """The text of the report's language, else English, else the first given (Data 2.2.4.1:
        a language map may hold any languages)."""
        found = next((text for tag, text in language_map.items() if speaks(tag, [self.language])), None)
        return found if found is not None else _in_english(language_map)

    def _labels(self, definition: dict, keys: tuple[str, ...]) -> dict:
        """Interaction component id -> description, from the component lists named by ``keys``."""
        return {component["id"]: self._text(component.get("description") or {}) or component["id"]
                for key in keys for component in definition.get(key) or () if "id" in component}


def aggregate(statements: Iterable[dict], language: str = "en") -> Report:
    """Return the report of ``statements`` (an iterable, read once), in ``language`` where the
    statements' language maps have it."""
    aggregator = Aggregator(language)
    for statement in statements:
        aggregator.add(statement)
    return aggregator.report()


def _is_cmi5(context: dict) -> bool:
    activities = context.get("contextActivities")
    categories = activities.get("category") if isinstance(activities, dict) else None
    categories = categories if isinstance(categories, list) else [categories]
    return any(isinstance(c, dict) and c.get("id") == CMI5_CATEGORY for c in categories)


def statement_language(statement: dict) -> str:
    """The language the learner used (``context.language``, xAPI 1.0.3 Data 2.4.6), "" if none."""
    context = statement.get("context")
    language = context.get("language") if isinstance(context, dict) else None
    return language if isinstance(language, str) else ""


def _note_language(learner: Learner, language: str, rank: tuple[bool, datetime]) -> None:
    """A learner played in the language of their latest submitted assessment, else of their
    latest statement: a learner of the multilingual package opens it in the source language and
    may switch on the cover page."""
    if rank >= learner._language_rank:
        learner.language, learner._language_rank = language, rank


def _merged(one: Learner, other: Learner) -> Learner:
    """One learner of two registrations: the best status and score, the latest score, the sums."""
    latest = one if one._last_scored_at >= other._last_scored_at else other
    spoken = one if one._language_rank >= other._language_rank else other
    scores = [score for score in (one.best_score, other.best_score) if score is not None]
    return replace(one, status=min(one.status, other.status, key=STATUSES.index),
                   best_score=max(scores) if scores else None, last_score=latest.last_score,
                   _last_scored_at=latest._last_scored_at, attempts=one.attempts + other.attempts,
                   seconds=one.seconds + other.seconds, last_activity=max(one.last_activity, other.last_activity),
                   language=spoken.language, _language_rank=spoken._language_rank)


def _in_answer_order(questions: dict) -> list:
    """Questions in the order they were first answered: the course's order, whatever the
    order of the statements (an LRS answers newest first)."""
    return sorted(questions.values(), key=lambda question: (question.first_answered, question.iri))


def _account(actor: dict) -> str:
    """The actor's Inverse Functional Identifier as one string (xAPI 1.0.3 Data 2.4.2.3)."""
    if "account" in actor:
        account = actor["account"]
        return f"{account.get('homePage', '')}/{account.get('name', '')}"
    for key in ("mbox", "mbox_sha1sum", "openid"):
        if key in actor:
            return str(actor[key])
    return actor.get("name", "anonymous")


def _in_english(language_map: dict) -> str:
    for tag in ("en", "en-US", "en-GB"):
        if tag in language_map:
            return language_map[tag]
    return next(iter(language_map.values()), "")


def _label(response: str, question: Question) -> str:
    """A readable answer: component ids replaced by their descriptions (Data 2.4.4.1.1 patterns:
    ``[,]`` separates items, ``[.]`` a matching pair's source and target)."""
    if "[.]" in response:
        pairs = (pair.partition("[.]") for pair in response.split("[,]"))
        return "; ".join(f"{question.labels.get(source, source)} → {question.targets.get(target, target)}"
                         for source, _, target in pairs)
    return " → ".join(question.labels.get(item, item) for item in response.split("[,]"))


def _percent(score: dict) -> float | None:
    """Score in percent: score.scaled, else raw within min..max (xAPI 1.0.3 Data 2.4.5.1)."""
    if isinstance(score.get("scaled"), (int, float)):
        return round(100.0 * score["scaled"], 2)
    raw, low, high = score.get("raw"), score.get("min", 0), score.get("max")
    if isinstance(raw, (int, float)) and isinstance(high, (int, float)) and high > low:
        return round(100.0 * (raw - low) / (high - low), 2)
    return None


def _seconds(duration) -> float:
    match = _DURATION.match(duration) if isinstance(duration, str) else None
    if not match:
        return 0.0
    days, hours, minutes, seconds = (float(part) if part else 0.0 for part in match.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


def _timestamp(statement: dict) -> datetime:
    text = statement.get("timestamp") or statement.get("stored")
    try:
        when = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return UNKNOWN_TIME
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
