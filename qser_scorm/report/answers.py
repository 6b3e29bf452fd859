"""The answer key: what an LMS stores for an answer, turned back into the course's own words.

An LMS keeps a learner's answer as a SCORM 1.2 CMIFeedback string (RTE 3.4.2,
``cmi.interactions.n.student_response``): packages up to this version store option letters (the
authored index in base 36: ``0``, ``0,1,2``, ``t``/``f``, matching ``0.1,1.2``, ordering
``2,0,1``); newer ones store the readable ids of ``qser_scorm.course.responses``. Both are read.
The key comes from the course source, or from a built package (its ``index.html``), and gives
each stored code its text in the course language. A code that is no option of this course (a
package of another version) keeps its code, marked, and is never dropped; the marks are in the
course language too (``report/texts``).
"""
from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from qser_scorm.course.load import load_course
from qser_scorm.course.model import Course
from qser_scorm.course.responses import response_ids
from qser_scorm.errors import QserError
from qser_scorm.interface import interface_texts
from qser_scorm.translate.apply import language_courses

from .model import speaks
from .wording import ReportTexts

class AnswerKeyError(QserError):
    """The course source or package given for the answer key cannot be read (exit code 2)."""

    exit_code = 2


@dataclass
class KeyedQuestion:
    """One question of the course: its texts and how to read and mark a stored answer."""

    id: str
    type: str  #: the course's question type (single, multiple, true-false, ...)
    prompt: str
    objective: str = ""
    scored: bool = True
    options: list[str] = field(default_factory=list)  #: single, multiple: texts in authored order
    option_ids: list[str] = field(default_factory=list)
    correct: list[int] = field(default_factory=list)  #: single, multiple: authored indexes
    left: list[str] = field(default_factory=list)  #: matching
    right: list[str] = field(default_factory=list)
    left_ids: list[str] = field(default_factory=list)
    right_ids: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  #: ordering, in the correct order
    item_ids: list[str] = field(default_factory=list)
    answer: bool | None = None  #: true-false
    accept: list[str] = field(default_factory=list)  #: fill-in
    true_false: tuple[str, str] = ("True", "False")
    no_answer: str = "(no answer)"  #: shown for an empty response (a question left unanswered)
    unknown_answer: str = "“{code}” (not an answer of this course version)"

    def choices(self) -> list[str]:
        """Every answer a learner can pick, in authored order (for a distribution with zeros)."""
        if self.type in ("single", "multiple"):
            return list(self.options)
        if self.type == "true-false":
            return list(self.true_false)
        return []

    def labels(self, response: str) -> list[str]:
        """The answer in words: one label per chosen option for a multiple choice (each counts
        alone), else one label for the whole answer."""
        response = response.strip()
        if not response:
            return [self.no_answer]
        if self.type == "single":
            return [self._named(response, self.option_ids, self.options)]
        if self.type == "multiple":
            return [self._named(code, self.option_ids, self.options) for code in response.split(",")]
        if self.type == "true-false":
            known = {"t": 0, "true": 0, "1": 0, "f": 1, "false": 1, "0": 1}.get(response.lower())
            return [self.unknown_answer.format(code=response) if known is None else self.true_false[known]]
        if self.type == "matching":
            pairs = (pair.partition(".") for pair in response.split(","))
            return ["; ".join(f"{self._named(left, self.left_ids, self.left)} → "
                              f"{self._named(right, self.right_ids, self.right)}" for left, _, right in pairs)]
        if self.type == "ordering":
            return [" → ".join(self._named(code, self.item_ids, self.items) for code in response.split(","))]
        return [_folded(response)]  # fill-in: grouped as marked, ignoring case and spacing

    def is_correct(self, response: str) -> bool:
        """Mark a stored answer as the package does (runtime/quiz.js), for sources without a result."""
        if self.type == "fill-in":
            return _folded(response) in {_folded(text) for text in self.accept}
        codes = [code for code in response.strip().split(",") if code]
        if self.type in ("single", "multiple"):
            return sorted(_index(code, self.option_ids) for code in codes) == sorted(self.correct)
        if self.type == "true-false":
            return response.strip().lower() in (("t", "true") if self.answer else ("f", "false"))
        if self.type == "matching":
            pairs = [code.partition(".") for code in codes]
            return len(pairs) == len(self.left) and all(
                _index(left, self.left_ids) == _index(right, self.right_ids) for left, _, right in pairs)
        if self.type == "ordering":
            return [_index(code, self.item_ids) for code in codes] == list(range(len(self.items)))
        return False

    def _named(self, code: str, ids: list[str], texts: list[str]) -> str:
        index = _index(code, ids)
        return texts[index] if index is not None and index < len(texts) else self.unknown_answer.format(code=code)


@dataclass
class AnswerKey:
    """The course's questions (in authored order), objectives and pass mark."""

    title: str
    language: str
    pass_mark: float
    questions: list[KeyedQuestion]
    objectives: dict[str, str]  #: id -> text
    unknown_question: str = "(not a question of this course version)"  #: prompt of another version's question
    no_answer: str = "(no answer)"
    #: the language of the package that course source builds by default (or of the package given):
    #: learners played in it unless their source says otherwise; ``language`` may be a translation's
    played_language: str = ""

    def __post_init__(self) -> None:
        self._by_id = {q.id: q for q in self.questions}
        self.played_language = self.played_language or self.language

    def question(self, question_id: str) -> KeyedQuestion | None:
        return self._by_id.get(question_id)


def key_from_course(course: Course) -> AnswerKey:
    texts, words = interface_texts(course), ReportTexts(course.language)
    true_false = (texts["answer_true"], texts["answer_false"])
    questions = []
    for q in course.assessment.questions:
        ids = response_ids(q)
        questions.append(KeyedQuestion(
            id=q.id, type=q.type, prompt=q.prompt, objective=q.objective or "", scored=q.scored,
            options=[o.text for o in q.options], option_ids=ids.get("options", []),
            correct=[i for i, o in enumerate(q.options) if o.correct],
            left=[p.left for p in q.pairs], right=[p.right for p in q.pairs],
            left_ids=ids.get("left", []), right_ids=ids.get("right", []),
            items=list(q.items), item_ids=ids.get("items", []),
            answer=q.answer, accept=list(q.accept), true_false=true_false,
            no_answer=words("no_answer"), unknown_answer=words.template("unknown_answer")))
    return AnswerKey(course.title, course.language, course.pass_mark, questions,
                     {o.id: o.text for o in course.objectives}, words("unknown_question"), words("no_answer"))


def load_key(course_folder: Path | None, package: Path | None, language: str = "") -> AnswerKey:
    """The answer key from ``--course SOURCE`` or ``--package ZIP``; from the course source in
    ``language`` when it is one of the course's ``languages:`` (its translation), else in the
    course language."""
    if package is not None:
        return key_from_package(package)
    return _keys(load_course(course_folder), course_folder, [language])[0]


def keys_by_language(course_folder: Path | None, package: Path | None, languages: list[str]) -> dict[str, AnswerKey]:
    """The key of each of ``languages`` the course source is translated into, to mark a typed
    answer as that language's package does (a fill-in accepts ``siete`` in Spanish): {language: key}.
    A package has its own language only."""
    if package is not None:
        key = key_from_package(package)
        return {key.language: key}
    keys = _keys(load_course(course_folder), course_folder, languages)
    return {language: key for language, key in zip(languages, keys)}


def _keys(course: Course, folder: Path, languages: list[str]) -> list[AnswerKey]:
    """One key per language: the translation's, or the course language's where there is none."""
    wanted = [next((tag for tag in course.languages if language and speaks(tag, [language])), course.language)
              for language in languages]
    translated = {edition.language: edition for edition in language_courses(
        # The report is no build: an untranslated text shows in the source language, unannounced.
        course, folder, allow_untranslated=True, only=tuple(sorted(set(wanted) - {course.language})))[0]
    } if set(wanted) - {course.language} else {}
    keys = []
    for tag in wanted:
        key = key_from_course(translated.get(tag, course))
        key.played_language = course.language
        keys.append(key)
    return keys


def key_from_package(path: Path) -> AnswerKey:
    """Read the key from a package this tool built: the course data and the rendered questions of
    its ``index.html`` (option texts by authored index, as ``render/templates/question.html``
    writes them). Objective texts are not in a package: objectives are named by their ids."""
    try:
        with zipfile.ZipFile(path) as archive:
            page = archive.read("index.html")
    except (OSError, zipfile.BadZipFile, KeyError) as error:
        raise AnswerKeyError(f"Cannot read the package {path}: {getattr(error, 'strerror', None) or error}.\n"
                             "Give the SCORM zip built by `qser-scorm build` (it holds index.html), "
                             "or the course source with --course.") from None
    try:
        document = lxml_html.fromstring(page)
    except (etree.ParserError, ValueError):
        document = lxml_html.fromstring("<html></html>")  # reported below: no course data
    data = _course_data(document, path)
    language = document.get("lang") or "en"
    tf = [_text(label) for label in document.xpath("//fieldset[@data-type='true-false'][1]//label")]
    true_false = (tf[0], tf[1]) if len(tf) == 2 else ("True", "False")
    words = ReportTexts(language)
    questions = []
    for entry in data.get("questions", []):
        fieldset = next(iter(document.xpath("//fieldset[@data-question=$id]", id=entry["id"])), None)
        questions.append(_question_from_page(entry, fieldset, true_false, words))
    objectives = {q.objective: q.objective for q in questions if q.objective}
    return AnswerKey(data.get("title", ""), language, float(data.get("passMark", 75)), questions, objectives,
                     words("unknown_question"), words("no_answer"))


def _course_data(document, path: Path) -> dict:
    script = next(iter(document.xpath("//script[@id='qser-course']")), None)
    try:
        return json.loads(script.text)
    except (AttributeError, TypeError, ValueError):
        raise AnswerKeyError(f"{path} holds no course data in index.html: it was not built by qser-scorm.\n"
                             "Give the course source with --course instead.") from None


def _question_from_page(entry: dict, fieldset, true_false: tuple[str, str], words: ReportTexts) -> KeyedQuestion:
    kind = entry.get("type", "")
    question = KeyedQuestion(id=entry["id"], type=kind, objective=entry.get("objective", ""),
                             scored=kind != "reflection" and bool(entry.get("weight", 1)), prompt="",
                             true_false=true_false, accept=list(entry.get("accept", [])),
                             no_answer=words("no_answer"), unknown_answer=words.template("unknown_answer"))
    if fieldset is None:
        return question
    legend = fieldset.find("legend")
    number = legend.find("span") if legend is not None else None
    question.prompt = _text(legend)[len(_text(number)):].strip() if number is not None else _text(legend)
    if kind in ("single", "multiple"):
        by_index = {int(li.get("data-option")): _text(li.find("label")) for li in fieldset.xpath(".//li[@data-option]")}
        question.options = [by_index[i] for i in sorted(by_index)]
        question.correct = list(entry.get("correct", []))
    elif kind == "true-false":
        question.answer = bool(entry.get("correct"))
    elif kind == "matching":
        question.left = [_text(label) for label in fieldset.xpath(".//ul[@class='qser-matching']/li/label")]
        first = next(iter(fieldset.xpath(".//select")), None)
        right = {int(o.get("value")): _text(o) for o in (first.xpath("option[@value!='']") if first is not None else [])}
        question.right = [right[i] for i in sorted(right)]
    elif kind == "ordering":
        items = {int(li.get("data-item")): _text(li.find("span")) for li in fieldset.xpath(".//li[@data-item]")}
        question.items = [items[i] for i in sorted(items)]
    return question


def _text(element) -> str:
    return " ".join(element.text_content().split()) if element is not None else ""


def _index(code: str, ids: list[str]) -> int | None:
    """The authored index a stored code names: a readable id, else a base-36 letter."""
    if code in ids:
        return ids.index(code)
    return int(code, 36) if re.fullmatch(r"[0-9a-z]", code) else None


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()
