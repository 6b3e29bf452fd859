"""The multilingual cmi5 package: a first launch opens in the learner's preferred language
(cmi5LearnerPreferences languagePreference, spec 11.0) when the package has it, and the
statements say so (context.language)."""
from __future__ import annotations

import json

from qser_scorm.preview.cmi5 import agent_key
from qser_scorm.xapi import course_iri
from tests.browser.conftest import build_package
from tests.conftest import SHIPPED_COURSE
from tests.xapi.runs import wait_for_statements

from .conftest import Cmi5Learner
from .lms import TestCmi5Lms


def test_a_first_launch_opens_in_the_first_preferred_language_the_package_has(tmp_path, lrs, context, course_model):
    package = build_package(SHIPPED_COURSE, tmp_path, "cmi5", "--multilingual")
    with TestCmi5Lms(package, lrs, course_iri(course_model)) as lms:
        learner = Cmi5Learner(lms, context)
        lms.lms.preferences[agent_key(json.dumps(learner.actor))] = {"languagePreference": "fr-FR,es-ES,en-US"}
        page = learner.open()
        assert page.locator("html").get_attribute("lang") == "es"
        page.locator("#qser-next").click()  # the first course page: "experienced"
        statements = wait_for_statements(lrs, learner.registration, 3)  # launched (the LMS's), initialized, experienced
        assert learner.errors == []
    experienced = [s for s in statements if s["verb"]["id"].endswith("/experienced")]
    assert [s["context"]["language"] for s in experienced] == ["es"]
