"""The test LMS with scorm-again's SCORM 2004 API (``window.API_1484_11``) around the Q-SER course
built with ``--target scorm2004``; what the LMS hands the SCO comes from the package's manifest,
as a 2004 LMS takes it (cmi.scaled_passing_score, cmi.completion_threshold, cmi.objectives.n.id).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from qser_scorm.vocab import SCORM2004_NAMESPACES as NS

from .conftest import COURSE_SRC, build_package
from .lms import Learner, LmsSession, TestLms, _flatten
from .server import LmsServer

#: RTE 4.2.21 cmi.session_time as scorm-again and Moodle accept it: hundredths at most.
ISO_DURATION = r"^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)$"
#: RTE 4.1.1.7 time (second,10,0), with the fraction Moodle needs before a zone.
ISO_TIME = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,2})?Z$"
#: Moodle's short identifier (datamodels/scorm_13.js CMIShortIdentifier), stricter than the spec.
MOODLE_SHORT_ID = r"^[\w.]{1,250}$"


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
        if stored.get("exit") != "suspend":
            return {}
        values = {"cmi.entry": "resume", "cmi.total_time": stored.get("total_time") or "PT0S"}
        for element in ("completion_status", "success_status", "progress_measure", "location", "suspend_data"):
            if stored.get(element, "") != "":
                values[f"cmi.{element}"] = stored[element]
        for part, value in stored.get("score", {}).items():
            if value != "":
                values[f"cmi.score.{part}"] = value
        for collection in ("interactions", "objectives"):
            for index, entry in stored.get(collection, {}).items():
                values.update(_flatten(entry, f"cmi.{collection}.{index}"))
        return values


@pytest.fixture(scope="session")
def package2004(tmp_path_factory) -> Path:
    return build_package(COURSE_SRC, tmp_path_factory.mktemp("build2004"), "scorm2004")


@pytest.fixture(scope="session")
def server2004(package2004):
    with LmsServer(package2004) as running:
        yield running


@pytest.fixture
def lms2004(server2004, context, package2004):
    test_lms = TestLms2004(server2004, context, package2004)
    yield test_lms
    assert test_lms.page_errors == []
