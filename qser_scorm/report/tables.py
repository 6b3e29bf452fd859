"""The report's tables, one row per learner, question, objective and reflection (and, comparing
languages, per language and per question and language): what the CSV files and the XLSX workbook
hold. Cells keep their type (text, number, None, datetime) for the writers to format."""
from __future__ import annotations

from .model import UNKNOWN_TIME, Cohort, Report

LEARNER_COLUMNS = ("learner", "account", "registration", "group", "language", "status", "best_score", "last_score",
                   "attempts", "lms_attempts", "time_spent_seconds", "last_activity")
QUESTION_COLUMNS = ("question", "prompt", "question_iri", "interaction_type", "objective", "answers", "correct",
                    "correct_rate", "answer_distribution")
OBJECTIVE_COLUMNS = ("objective", "text", "learners_assessed", "learners_met", "share_met")
REFLECTION_COLUMNS = ("question", "prompt", "question_iri", "learner", "group", "language", "answered_at", "reflection")
LANGUAGE_COLUMNS = ("language", "learners", "completed", "completion_rate", "passed", "pass_rate", "mean_best_score")
QUESTION_LANGUAGE_COLUMNS = ("question", "prompt", "question_iri", "language", "answers", "correct", "correct_rate")
#: The ``language`` of the rows over every language together.
ALL_LANGUAGES = "all"


def report_tables(report: Report) -> dict[str, tuple[tuple[str, ...], list[tuple]]]:
    """{table name: (header, rows)} for learners, questions, objectives and reflections."""
    learners = [(learner.name, learner.account, learner.registration, learner.group, learner.language, learner.status,
                 learner.best_score,
                 learner.last_score, learner.attempts, learner.lms_attempts,
                 None if learner.seconds is None else round(learner.seconds),
                 _moment(learner.last_activity)) for learner in report.learners]
    questions = [(question.name, question.prompt, question.iri, question.kind, question.objective, question.answers,
                  question.correct, question.correct_rate,
                  "; ".join(f"{label}: {count}" for label, count in question.distribution))
                 for question in report.questions]
    objectives = [(objective.id, objective.text, objective.assessed, objective.met, objective.share)
                  for objective in report.objectives]
    reflections = [(question.name, question.prompt, question.iri, answer.learner, answer.group, answer.language,
                    _moment(answer.when), answer.text)
                   for question in report.reflections for answer in question.latest]
    tables = {
        "learners": (LEARNER_COLUMNS, learners),
        "questions": (QUESTION_COLUMNS, questions),
        "objectives": (OBJECTIVE_COLUMNS, objectives),
        "reflections": (REFLECTION_COLUMNS, reflections),
    }
    if report.by_language:
        cohorts = [*report.language_cohorts(), Cohort.of(ALL_LANGUAGES, report.learners)]
        tables["languages"] = (LANGUAGE_COLUMNS, [
            (cohort.name, cohort.learners, cohort.completed, cohort.completion_rate, cohort.passed, cohort.pass_rate,
             cohort.mean_score) for cohort in cohorts])
        answered = report.answered_languages
        tables["questions_by_language"] = (QUESTION_LANGUAGE_COLUMNS, [
            (question.name, question.prompt, question.iri, language, tally.answers, tally.correct, tally.correct_rate)
            for question in report.questions
            for language, tally in [*((language, question.in_language(language)) for language in answered),
                                    (ALL_LANGUAGES, question)]])
    return tables


def _moment(moment):
    return None if moment == UNKNOWN_TIME else moment
