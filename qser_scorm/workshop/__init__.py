"""The workshop kit: the classroom session's plan and texts (docs/workshop.md).

The facilitator guide and the learner handout are rendered by ``render/print.py`` and made into
PDFs by ``package/workshop.py``; here are the agenda (``agenda.py``) and the documents' texts.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

from ..course.model import Course
from ..interface import REFERENCE_LANGUAGE, interface_texts, primary_subtag


def workshop_texts(course: Course) -> dict[str, str]:
    """The package's interface texts and the workshop's, in the course language (else English).

    The workshop's tables (``texts/<language>.json``) hold every key of ``texts/en.json``.
    """
    return {**interface_texts(course), **_table(REFERENCE_LANGUAGE), **_table(primary_subtag(course.language))}


@lru_cache(maxsize=None)
def _table(language: str) -> dict[str, str]:
    table = files(__package__).joinpath("texts", f"{language}.json")
    return json.loads(table.read_text(encoding="utf-8")) if table.is_file() else {}
