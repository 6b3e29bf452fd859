"""Each vocabulary has one home, and the places that must repeat it agree with it."""
from __future__ import annotations

import json
from importlib.resources import files

from qser_scorm.contract import SCORM12_INTERACTION_TYPES
from qser_scorm.course.questions import TYPE_KEYS
from qser_scorm.course.model import QUESTION_TYPES
from qser_scorm.xapi.vocab import INTERACTION_TYPES

#: SCORM 1.2 RTE 3.4.2 cmi.interactions.n.type
SCORM12_TYPES = {"true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"}


def test_every_question_type_is_known_to_loader_schema_runtime_and_xapi():
    schema = json.loads(files("qser_scorm").joinpath("course/assessment.schema.json").read_text())
    enum = schema["properties"]["questions"]["items"]["properties"]["type"]["enum"]
    assert tuple(TYPE_KEYS) == tuple(enum) == QUESTION_TYPES
    assert tuple(SCORM12_INTERACTION_TYPES) == QUESTION_TYPES  # the runtime reads them (contract.js)
    assert tuple(INTERACTION_TYPES) == QUESTION_TYPES


def test_the_runtime_reports_only_scorm_12_interaction_types():
    assert set(SCORM12_INTERACTION_TYPES.values()) <= SCORM12_TYPES
