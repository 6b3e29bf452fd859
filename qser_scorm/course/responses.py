"""Readable short ids for what a learner can choose: options, matching sides, ordering items.

The LMS stores a learner's response and the correct pattern as text (SCORM 1.2
``cmi.interactions.n.student_response`` / ``correct_responses.n.pattern``, SCORM 2004
``learner_response``), and a coordinator reads it in the LMS report. An id is the author's
``id:`` where one is given, else a slug of the source-language text, so it stays the same in
every translation. Ids are ASCII letters, digits and ``_`` only: Moodle's SCORM 2004 runtime
refuses short identifiers outside ``^[\\w.]+$`` (error 406), and ``.`` and ``,`` are the
separators of the response formats themselves (matching ``left.right``, choices ``a,b``).
"""
from __future__ import annotations

import re
import unicodedata

from .model import Question

#: Longest slug: seven choices of this size still fit the 255 characters of a CMIFeedback.
SLUG_MAX = 32


def slug(text: str, fallback: str) -> str:
    """``Employees of municipalities`` -> ``employees_of_municipalities``: ASCII words, whole
    words up to ``SLUG_MAX`` characters (a longer first word is cut)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", folded.lower())
    kept = words[:1]
    for word in words[1:]:
        if len("_".join(kept + [word])) > SLUG_MAX:
            break
        kept.append(word)
    return "_".join(kept)[:SLUG_MAX] or fallback


def short_ids(texts: list[str], given: list[str] | None = None) -> list[str]:
    """One unique id per text: the given id, else its slug; a repeated slug gets ``_2``, ``_3``."""
    given = given or [""] * len(texts)
    ids: list[str] = []
    for index, (text, author_id) in enumerate(zip(texts, given)):
        candidate = author_id or slug(text, f"option_{index + 1}")
        unique, n = candidate, 2
        while unique in ids:
            unique, n = f"{candidate}_{n}", n + 1
        ids.append(unique)
    return ids


def response_ids(question: Question) -> dict[str, list[str]]:
    """The short ids of a question's choices, by what they name.

    ``options`` (single, multiple), ``left`` and ``right`` (matching, in authored pair order),
    ``items`` (ordering, in the correct order); true-false answers are ``true`` / ``false`` and
    typed answers are the text itself, so those types have none. A translated question has the
    ids of its source-language original.
    """
    question = question.original or question
    if question.type in ("single", "multiple"):
        return {"options": short_ids([o.text for o in question.options], [o.id for o in question.options])}
    if question.type == "matching":
        return {"left": short_ids([p.left for p in question.pairs]),
                "right": short_ids([p.right for p in question.pairs])}
    if question.type == "ordering":
        return {"items": short_ids(list(question.items))}
    return {}
