"""Questions as the course files write them: the keys of each type, and the model built from them.

Shared by the assessment (``load.py``) and the check questions in pages (``checks.py``).
"""
from __future__ import annotations

from ..errors import Problem
from .model import Option, Pair, Question, Source
from .yamlsource import Path_, YamlDocument

#: The keys each question type needs beyond the common ones; any other type's keys are errors.
TYPE_KEYS = {
    "single": ("options",),
    "multiple": ("options",),
    "true-false": ("answer",),
    "matching": ("pairs",),
    "ordering": ("items",),
    "fill-in": ("accept",),
    "reflection": (),
}
_TYPE_SPECIFIC = {key for keys in TYPE_KEYS.values() for key in keys}
_SCORING_KEYS = ("weight", "feedback")  # meaningless on unscored reflection questions


def type_key_problems(q, doc: YamlDocument, here: Path_) -> list[Problem]:
    """Report the keys question ``q`` (at ``here`` in ``doc``) needs for its type but lacks
    (``question ...``), and keys of other types it has."""
    if not isinstance(q, dict) or not isinstance(q.get("type"), str) or q["type"] not in TYPE_KEYS:
        return []  # the schema check has reported it
    kind, problems = q["type"], []
    for key in TYPE_KEYS[kind]:
        if key not in q:
            name = f"question '{q['id']}'" if "id" in q else "question"
            problems.append(Problem(doc.file, doc.line(here), f"{name} ({kind}) needs `{key}`",
                                    f"add `{key}:`; see the question types in docs/authoring.md",
                                    key_path=here + (key,)))
    unused = [k for k in q if k in _TYPE_SPECIFIC and k not in TYPE_KEYS[kind]]
    if kind == "reflection":
        unused += [k for k in q if k in _SCORING_KEYS]
    for key in unused:
        problems.append(Problem(doc.file, doc.line(here + (key,)),
                                f"`{key}` does not apply to a {kind} question",
                                f"remove `{key}`, or change `type`", key_path=here + (key,)))
    return problems


def build_question(q: dict, source: Source) -> Question:
    """The question that ``q``, its checked data, describes."""
    feedback = q.get("feedback", {})
    return Question(
        id=q["id"],
        type=q["type"],
        prompt=q["prompt"],
        source=source,
        objective=q.get("objective"),
        hint=q.get("hint", ""),
        weight=0.0 if q["type"] == "reflection" else float(q.get("weight", 1)),
        feedback_correct=feedback.get("correct", ""),
        feedback_wrong=feedback.get("wrong", ""),
        options=tuple(Option(o["text"], o.get("correct", False), o.get("feedback", ""), o.get("id", "")) for o in q.get("options", ())),
        answer=q.get("answer"),
        pairs=tuple(Pair(p["left"], p["right"]) for p in q.get("pairs", ())),
        items=tuple(q.get("items", ())),
        accept=tuple(str(a) for a in q.get("accept", ())),
    )
