"""The test LMS with scorm-again's SCORM 2004 API (``window.API_1484_11``) around the Q-SER course
built with ``--target scorm2004``; what the LMS hands the SCO comes from the package's manifest,
as a 2004 LMS takes it (cmi.scaled_passing_score, cmi.completion_threshold, cmi.objectives.n.id).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from qser_scorm.vocab import SCORM2004_NAMESPACES as NS

from .conftest import COURSE_SRC, build_package
from .lms import Learner, LmsSession, TestLms, _flatten
from .server import LmsServer

#: RTE 4.2.21 cmi.session_time as the course writes it: hours, minutes, seconds, hundredths at most.
ISO_DURATION = r"^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)$"

#: The value patterns of Moodle 4.5's SCORM 2004 runtime (mod/scorm/datamodels/scorm_13.js), which
#: answers 406 to anything else; stricter than the spec (and than scorm-again) in places.
MOODLE = {
    "decimal": r"^-?([0-9]{1,5})(\.[0-9]{1,18})?$",
    "timespan": r"^P(\d+Y)?(\d+M)?(\d+D)?(T(((\d+H)(\d+M)?(\d+(\.\d{1,2})?S)?)|((\d+M)(\d+(\.\d{1,2})?S)?)"
                r"|((\d+(\.\d{1,2})?S))))?$",
    "time": r"^(19[7-9]{1}[0-9]{1}|20[0-2]{1}[0-9]{1}|203[0-8]{1})((-(0[1-9]{1}|1[0-2]{1}))((-(0[1-9]{1}|[1-2]{1}[0-9]{1}"
            r"|3[0-1]{1}))(T([0-1]{1}[0-9]{1}|2[0-3]{1})((:[0-5]{1}[0-9]{1})((:[0-5]{1}[0-9]{1})((\.[0-9]{1,2})((Z|([+|-]"
            r"([0-1]{1}[0-9]{1}|2[0-3]{1})))(:[0-5]{1}[0-9]{1})?)?)?)?)?)?)?)?$",
    "long_id": r"^(?:(?!urn:)\S{1,4000}|urn:[A-Za-z0-9-]{1,31}:\S{1,4000})$",
    "short_id": r"^[\w.]{1,250}$",
    "lang250": r"^(\{lang=([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?\})?([^{].{0,250}$)?",
    "lang4000": r"^(\{lang=([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?\})?([^{].{0,4000}$)?",
    "true_false": r"^true$|^false$",
}
#: Which pattern each element's value must match, by the element's last part.
_MOODLE_ELEMENTS = {"raw": "decimal", "min": "decimal", "max": "decimal", "scaled": "decimal", "weighting": "decimal",
                    "progress_measure": "decimal", "session_time": "timespan", "latency": "timespan",
                    "timestamp": "time", "id": "long_id", "description": "lang250"}
#: learner_response and correct_responses.n.pattern by interaction type: [,]-parts, each part's pattern.
_MOODLE_RESPONSES = {"choice": "short_id", "sequencing": "short_id", "matching": "short_id", "fill-in": "lang250",
                     "long-fill-in": "lang4000", "true-false": "true_false"}


def moodle_refusals(sets: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (element, value) SetValue calls Moodle's 2004 runtime would refuse with 406."""
    def fits(kind: str, value: str) -> bool:
        return re.match(MOODLE[kind], value, re.ASCII) is not None

    types, refused = {}, []
    for element, value in sets:
        interaction = re.match(r"cmi\.interactions\.(\d+)\.", element)
        last = element.rsplit(".", 1)[-1]
        if interaction and last == "type":
            types[interaction.group(1)] = value
        if interaction and last in ("learner_response", "pattern"):
            kind = _MOODLE_RESPONSES[types[interaction.group(1)]]
            # Moodle takes {case_matters=..}/{order_matters=..} off a pattern before checking it.
            parts = re.sub(r"^(\{(case_matters|order_matters)=[^}]+\})+", "", value).split("[,]")
            parts = [side for part in parts for side in part.split("[.]")] if kind == "short_id" else parts
            ok = all(fits(kind, part) for part in parts)
        elif last in _MOODLE_ELEMENTS:
            ok = fits(_MOODLE_ELEMENTS[last], value)
        else:
            continue
        if not ok:
            refused.append((element, value))
    return refused


def manifest_values(package: Path) -> dict[str, str]:
    """What a 2004 LMS presets from the manifest: scaled_passing_score from the primary objective's
    minNormalizedMeasure, completion_threshold from minProgressMeasure, the objectives' ids."""
    manifest = etree.parse(str(package / "imsmanifest.xml"))
    values = {
        "cmi.scaled_passing_score": manifest.findtext(".//imsss:primaryObjective/imsss:minNormalizedMeasure",
                                                      namespaces=NS),
        "cmi.completion_threshold": manifest.find(".//adlcp:completionThreshold", NS).get("minProgressMeasure"),
    }
    for n, objective in enumerate(manifest.findall(".//imsss:objective", NS)):
        values[f"cmi.objectives.{n}.id"] = objective.get("objectiveID")
    return values


class LmsSession2004(LmsSession):
    SET = "SetValue"

    def wait_terminated(self, terminations: int = 1) -> dict:
        """Wait until the LMS stored Terminate's commit; return the stored CMI."""
        return self.wait_finished(terminations)

    def sets_of(self, element: str) -> list[str]:
        return [c["args"][1] for c in self.calls(self.SET) if c["args"][0] == element]

    def sets(self) -> list[tuple[str, str]]:
        """Every SetValue as (element, value), in order."""
        return [tuple(c["args"]) for c in self.calls(self.SET)]


class TestLms2004(TestLms):
    __test__ = False
    standard = "scorm2004"
    session_class = LmsSession2004

    def __init__(self, server, context, package: Path, learner: Learner | None = None):
        super().__init__(server, context, "")
        self.preset = manifest_values(package)
        self.learner = learner or Learner()

    def first_launch_cmi(self) -> dict[str, str]:
        # RTE 4.2: a first launch is ab-initio, nothing attempted or known, no time spent yet.
        return {
            "cmi.entry": "ab-initio",
            "cmi.completion_status": "unknown",
            "cmi.success_status": "unknown",
            "cmi.total_time": "PT0S",
            "cmi.learner_id": self.learner.student_id,
            "cmi.learner_name": self.learner.student_name,
            "cmi.credit": self.learner.credit,
            "cmi.mode": self.learner.lesson_mode,
            **self.preset,
        }

    def returning_cmi(self, stored: dict) -> dict[str, str]:
        """RTE 4.2.7/4.2.8: only an exit "suspend" keeps the attempt open (entry "resume", the data
        back); any other exit ends it, and the next launch starts a new attempt."""
        return self.stored_cmi(stored) if stored.get("exit") == "suspend" else {}

    @staticmethod
    def stored_cmi(stored: dict) -> dict[str, str]:
        """Everything the LMS stored for the attempt, as it hands it back to a resumed (or a review)
        launch: statuses, score, progress, location, suspend data, interactions, objectives."""
        values = {"cmi.entry": "resume", "cmi.total_time": stored.get("total_time") or "PT0S"}
        for element in ("completion_status", "success_status", "progress_measure", "location", "suspend_data"):
            if stored.get(element, "") != "":
                values[f"cmi.{element}"] = stored[element]
        for part, value in stored.get("score", {}).items():
            if value != "":
                values[f"cmi.score.{part}"] = value
        if stored.get("learner_preference", {}).get("language"):  # RTE 4.2.12: the learner's language
            values["cmi.learner_preference.language"] = stored["learner_preference"]["language"]
        for collection in ("interactions", "objectives"):
            for index, entry in stored.get(collection, {}).items():
                values.update(_flatten(entry, f"cmi.{collection}.{index}"))
        return values


@pytest.fixture(scope="session")
def server2004(tmp_path_factory):
    """The Q-SER course built with ``--target scorm2004``, unzipped and served."""
    with LmsServer(build_package(COURSE_SRC, tmp_path_factory.mktemp("build2004"), "scorm2004")) as running:
        yield running


@pytest.fixture
def lms2004(server2004, context):
    test_lms = TestLms2004(server2004, context, server2004.sco_dir)
    yield test_lms
    # Whatever the LMS answered, the course must never break with an uncaught error.
    assert test_lms.page_errors == []
