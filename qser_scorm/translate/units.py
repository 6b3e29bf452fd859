"""The translatable units of a course, and the course with its units translated.

One walk over the course model serves both: :func:`units` records each text it meets,
:func:`translate_course` replaces it. A unit's key is stable while the source text changes
(``question.q-partner-count.option2.text``, ``page.summary/p3``), so an edited English text
keeps its entry and its translation, marked for review, in the PO file.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from ..course.load import COURSE_FILE, DEFAULT_ASSESSMENT_FILE
from ..course.model import Course, Question
from ..course.yamlsource import YamlDocument, read_yaml
from .blocks import blocks, translated


@dataclass(frozen=True)
class Unit:
    key: str  #: the PO entry's msgctxt
    text: str  #: the source-language text, the msgid
    where: str  #: ``file:line`` relative to the course folder, the PO ``#:`` reference
    note: str  #: for the translator (``#.``): what the text is
    markdown: bool = True  #: inline Markdown whose markup the translation must keep


#: ``(unit) -> the text to use``: returns unit.text to keep it.
Translator = Callable[[Unit], str]


def units(course: Course, folder: str | Path) -> list[Unit]:
    """Every translatable text of ``course`` (loaded from ``folder``), in reading order."""
    found: list[Unit] = []

    def record(unit: Unit) -> str:
        if unit.text.strip():
            found.append(unit)
        return unit.text

    _walk(course, _Lines(Path(folder)), record)
    return found


def translate_course(course: Course, folder: str | Path, language: str, translate: Translator) -> Course:
    """``course`` in ``language``: each unit's text replaced by ``translate(unit)``."""
    return replace(_walk(course, _Lines(Path(folder)), translate), language=language)


class _Lines:
    """Where course.yaml and assessment.yaml write a value, for the PO references."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.course = read_yaml(folder / COURSE_FILE, COURSE_FILE)
        name = self.course.data.get("assessment", DEFAULT_ASSESSMENT_FILE)
        self.assessment: YamlDocument = read_yaml(folder / name, name)

    def course_at(self, *path) -> str:
        return f"{self.course.file}:{self.course.line(path) or 1}"

    def assessment_at(self, *path) -> str:
        return f"{self.assessment.file}:{self.assessment.line(path) or 1}"

    def relative(self, file: str) -> str:
        path = Path(file)
        return path.relative_to(self.folder).as_posix() if path.is_relative_to(self.folder) else path.as_posix()


def _walk(course: Course, lines: _Lines, translate: Translator) -> Course:
    def field(key: str, text: str, where: str, note: str, markdown: bool = True) -> str:
        return translate(Unit(key, text, where, note, markdown)) if text else text

    def markdown(key: str, text: str, file: str, first_line: int, note: str) -> str:
        changed = {}
        for block in blocks(text):
            result = translate(Unit(f"{key}/{block.key}", block.text, f"{file}:{first_line + block.line}", note))
            if result != block.text:
                changed[block.key] = result
        return translated(text, changed) if changed else text

    description_line = lines.course.line(("description",)) or 1
    course = replace(
        course,
        title=field("course.title", course.title, lines.course_at("title"), "Course title", False),
        subtitle=field("course.subtitle", course.subtitle, lines.course_at("subtitle"), "Course subtitle", False),
        series=field("course.series", course.series, lines.course_at("series"), "Name of the course series", False),
        description=markdown("course.description", course.description, lines.course.file, description_line + 1,
                             "Course description on the cover page (Markdown)"),
        training_format=field("course.training_format", course.training_format,
                              lines.course_at("training_format"), "How the course is taught", False),
        assessment_method=field("course.assessment_method", course.assessment_method,
                                lines.course_at("assessment_method"), "How learners are assessed", False),
        keywords=tuple(field(f"course.keyword{i + 1}", k, lines.course_at("keywords", i),
                             "Search keyword for the LMS catalogue (LOM)", False)
                       for i, k in enumerate(course.keywords)),
        objectives=tuple(replace(o, text=field(f"objective.{o.id}", o.text, lines.course_at("objectives", i, "text"),
                                                "Learning objective"))
                         for i, o in enumerate(course.objectives)),
        pages=tuple(replace(p,
                            title=field(f"page.{p.id}.title", p.title, lines.course_at("pages", i, "title"),
                                        "Page title", False),
                            markdown=markdown(f"page.{p.id}", p.markdown, lines.relative(p.source.file), 1,
                                              f"Page “{p.title}” (Markdown)"),
                            checks=tuple(_question(q, lambda *_, q=q: f"{lines.relative(q.source.file)}:{q.source.line}",
                                                   field) for q in p.checks))
                    for i, p in enumerate(course.pages)),
        interface=tuple((k, field(f"interface.{k}", v, lines.course_at("interface", k),
                                  "Interface text set by the author; keep the {placeholders}", False))
                        for k, v in course.interface),
    )
    if course.theme and course.theme.logo:
        logo = course.theme.logo
        alt = field("theme.logo.alt", logo.alt, lines.course_at("theme", "logo", "alt"),
                    "Text alternative of the logo (what a screen reader says)", False)
        course = replace(course, theme=replace(course.theme, logo=replace(logo, alt=alt)))
    assessment = course.assessment
    intro_line = lines.assessment.line(("intro",)) or 1
    return replace(course, assessment=replace(
        assessment,
        title=field("assessment.title", assessment.title, lines.assessment_at("title"), "Title of the assessment", False),
        intro=markdown("assessment.intro", assessment.intro, lines.assessment.file, intro_line + 1,
                       "Introduction to the assessment (Markdown)"),
        questions=tuple(_question(q, lambda *path, i=i: lines.assessment_at("questions", i, *path), field)
                        for i, q in enumerate(assessment.questions)),
    ))


def _question(q: Question, at: Callable[..., str], field) -> Question:
    """``q`` translated; ``at(*key path)`` is where a text of it is written (``file:line``): an
    assessment question's key, or a page's check block (course/checks.py)."""
    key = f"question.{q.id}"
    return replace(
        q,
        original=q,
        prompt=field(f"{key}.prompt", q.prompt, at("prompt"), f"Question {q.id} ({q.type})"),
        hint=field(f"{key}.hint", q.hint, at("hint"), "Hint shown under the question"),
        feedback_correct=field(f"{key}.feedback.correct", q.feedback_correct, at("feedback", "correct"),
                               "Feedback on a right answer"),
        feedback_wrong=field(f"{key}.feedback.wrong", q.feedback_wrong, at("feedback", "wrong"),
                             "Feedback on a wrong answer"),
        options=tuple(replace(o,
                              text=field(f"{key}.option{n + 1}.text", o.text, at("options", n, "text"),
                                         "Answer option" + (" (the right one)" if o.correct else "")),
                              feedback=field(f"{key}.option{n + 1}.feedback", o.feedback, at("options", n, "feedback"),
                                             "Feedback when the learner chooses this option"))
                      for n, o in enumerate(q.options)),
        pairs=tuple(replace(p,
                            left=field(f"{key}.pair{n + 1}.left", p.left, at("pairs", n, "left"), "Matching: a prompt"),
                            right=field(f"{key}.pair{n + 1}.right", p.right, at("pairs", n, "right"),
                                        "Matching: the answer that belongs to the prompt"))
                    for n, p in enumerate(q.pairs)),
        items=tuple(field(f"{key}.item{n + 1}", item, at("items", n), "Ordering: an item, listed in the right order")
                    for n, item in enumerate(q.items)),
        accept=tuple(field(f"{key}.accept{n + 1}", answer, at("accept", n),
                           "Fill-in: an accepted answer, as a learner would type it in this language", False)
                     for n, answer in enumerate(q.accept)),
    )

