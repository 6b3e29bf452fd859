"""The report's tables, one row per learner, question, objective and reflection: what the CSV
files and the XLSX workbook hold. Cells keep their type (text, number, None, datetime) for the
writers to format."""
from __future__ import annotations

from .model import UNKNOWN_TIME, Report

LEARNER_COLUMNS = ("learner", "account", "registration", "group", "status", "best_score", "last_score", "attempts", "lms_attempts",
                   "time_spent_seconds", "last_activity")
QUESTION_COLUMNS = ("question", "prompt", "question_iri", "interaction_type", "objective", "answers", "correct",
                    "correct_rate", "answer_distribution")
OBJECTIVE_COLUMNS = ("objective", "text", "learners_assessed", "learners_met", "share_met")
REFLECTION_COLUMNS = ("question", "prompt", "question_iri", "learner", "group", "answered_at", "reflection")


def report_tables(report: Report) -> dict[str, tuple[tuple[str, ...], list[tuple]]]:
    """{table name: (header, rows)} for learners, questions, objectives and reflections."""
    learners = [(learner.name, learner.account, learner.registration, learner.group, learner.status, learner.best_score,
                 learner.last_score, learner.attempts, learner.lms_attempts,
                 None if learner.seconds is None else round(learner.seconds),
                 _moment(learner.last_activity)) for learner in report.learners]
    questions = [(question.name, question.prompt, question.iri, question.kind, question.objective, question.answers,
                  question.correct, question.correct_rate,
                  "; ".join(f"{label}: {count}" for label, count in question.distribution))
                 for question in report.questions]
    objectives = [(objective.id, objective.text, objective.assessed, objective.met, objective.share)
                  for objective in report.objectives]
    reflections = [(question.name, question.prompt, question.iri, answer.learner, answer.group,
                    _moment(answer.when), answer.text)
                   for question in report.reflections for answer in question.latest]
    return {
        "learners": (LEARNER_COLUMNS, learners),
        "questions": (QUESTION_COLUMNS, questions),
        "objectives": (OBJECTIVE_COLUMNS, objectives),
        "reflections": (REFLECTION_COLUMNS, reflections),
    }


def _moment(moment):
    return None if moment == UNKNOWN_TIME else moment
