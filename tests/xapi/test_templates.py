"""The statement templates and activities made with tincan at build time, and the Tin Can package."""
from __future__ import annotations

import dataclasses
import io
import json
import re
import uuid
import zipfile

import pytest
from lxml import etree

from qser_scorm.package.xapi import TINCAN_NS, package_xapi
from qser_scorm.course.responses import response_ids
from qser_scorm.render import render_site
from qser_scorm.vocab import SCRIPT_FILE
from qser_scorm.xapi import course_iri, embedded_login, embedding_warning, statement_templates, statements_document
from qser_scorm.xapi.vocab import ATTEMPT_EXTENSION, INTERACTION_TYPES
from tests.lrs import strict_errors

from .roundtrip import round_trips

BASE = "https://qser.example/xapi/qser-becoming-a-mentor"
ACTOR = {"objectType": "Agent", "mbox": "mailto:maria@example.org"}


def every_template(templates: dict) -> list[tuple[str, dict]]:
    return ([(f"session {verb}", t) for verb, t in templates["session"].items()]
            + [(f"page {key}", t) for key, t in templates["pages"].items()]
            + [(f"question {key}", t) for key, t in templates["questions"].items()])


def filled(template: dict, result: dict | None = None) -> dict:
    """What the browser adds to a template (runtime/tracking/xapi.js)."""
    statement = json.loads(json.dumps(template))
    statement.update(id=str(uuid.uuid4()), actor=ACTOR, timestamp="2026-03-02T09:15:00.250Z")
    statement["context"]["registration"] = str(uuid.uuid4())
    statement["context"]["extensions"] = {ATTEMPT_EXTENSION: 1}
    if result:
        statement["result"] = result
    return statement


@pytest.fixture(scope="module")
def templates(course) -> dict:
    return statement_templates(course)


def test_there_is_a_template_for_every_event_page_and_question(templates, course):
    assert set(templates["session"]) == {"initialized", "resumed", "passed", "failed", "completed",
                                         "suspended", "terminated"}
    assert list(templates["pages"]) == [page.id for page in course.pages]
    assert list(templates["questions"]) == [q.id for q in course.assessment.questions]


def test_every_template_round_trips_through_tincan_and_passes_ralphs_strict_model(templates):
    result = {"score": {"scaled": 0.6667, "raw": 66.67, "min": 0, "max": 100}, "success": False,
              "completion": True, "duration": "PT1H2M3.45S", "response": "0[,]2"}
    statements = [filled(template, result) for _, template in every_template(templates)]
    assert [name for (name, _), s in zip(every_template(templates), statements) if not round_trips(s)] == []
    assert [name for (name, _), error in zip(every_template(templates), strict_errors(statements)) if error] == []


def test_activity_iris_derive_from_the_course_id_and_stay_stable(templates, course):
    assert templates["course"] == course_iri(course) == BASE
    assert templates["pages"]["opening"]["object"]["id"] == f"{BASE}/pages/opening"
    question = course.assessment.questions[0]
    assert templates["questions"][question.id]["object"]["id"] == f"{BASE}/questions/{question.id}"
    assert statement_templates(course) == templates


def test_an_author_set_base_iri_moves_every_activity(course):
    moved = statement_templates(dataclasses.replace(course, xapi_base_iri="https://lrs.example.org/courses/mentor/"))
    ids = [t["object"]["id"] for _, t in every_template(moved)]
    assert all(i.startswith("https://lrs.example.org/courses/mentor") for i in ids)
    assert "https://lrs.example.org/courses/mentor//" not in "".join(ids)


def test_questions_carry_their_interaction_definition(templates, course):
    for question in course.assessment.questions:
        definition = templates["questions"][question.id]["object"]["definition"]
        assert definition["interactionType"] == INTERACTION_TYPES[question.type]
        assert definition["description"]["en"] == question.prompt
        if question.type == "single":
            # Components are the readable short ids the SCORM interactions carry too.
            ids = response_ids(question)["options"]
            assert [c["id"] for c in definition["choices"]] == ids
            (right,) = [id_ for id_, option in zip(ids, question.options) if option.correct]
            assert definition["correctResponsesPattern"] == [right]
        if question.type == "reflection":
            assert "correctResponsesPattern" not in definition
    texts = [c["description"]["en"] for t in templates["questions"].values()
             for c in t["object"]["definition"].get("choices", [])]
    assert texts, "the course has choice questions"


def test_the_site_loads_the_templates_and_holds_no_lrs_credentials(course):
    site = render_site(course)
    assert b"Qser.xapiTemplates=" in site[SCRIPT_FILE]
    assert b"Qser.xapiLaunch=" not in site[SCRIPT_FILE]
    assert not re.search(rb"Basic [A-Za-z0-9+/]{8,}", b"".join(site.values()))  # no Authorization value


def test_credentials_are_baked_in_only_when_asked_and_with_a_warning(course):
    site = render_site(course)
    login = embedded_login("https://lrs.example.org/xapi/", "quser", "secret")
    baked, warning = render_site(course, login), embedding_warning(login)
    assert ('window.Qser.xapiLaunch={"endpoint":"https://lrs.example.org/xapi/","auth":"Basic cXVzZXI6c2VjcmV0"}'
            in baked[SCRIPT_FILE].decode())
    assert {path: data for path, data in baked.items() if path != SCRIPT_FILE} == {
        path: data for path, data in site.items() if path != SCRIPT_FILE}
    assert "Anyone who can download the package" in warning and "lrs.example.org" in warning


def test_the_tin_can_package_has_tincan_xml_at_the_root_and_the_whole_site(course):
    site = render_site(course)
    archive, readable = package_xapi(course, site)
    assert (archive.name, readable.name) == ("qser-becoming-a-mentor-xapi.zip", "qser-becoming-a-mentor-xapi-statements.json")
    with zipfile.ZipFile(io.BytesIO(archive.data)) as zipped:
        assert set(zipped.namelist()) == set(site) | {"tincan.xml"}
        descriptor = etree.fromstring(zipped.read("tincan.xml"))
    (activity,) = descriptor.iter(f"{{{TINCAN_NS}}}activity")
    assert activity.get("id") == BASE
    assert activity.findtext(f"{{{TINCAN_NS}}}name") == course.title
    assert activity.findtext(f"{{{TINCAN_NS}}}launch") == "index.html"
    assert activity.findtext(f"{{{TINCAN_NS}}}description").startswith("The mentoring is of key importance")
    assert package_xapi(course, render_site(course)) == [archive, readable]  # byte-identical rebuild


def test_the_readable_statements_file_lists_verbs_activities_and_templates(course, templates):
    document = json.loads(statements_document(course))
    assert document["course"]["activityId"] == BASE
    assert document["verbs"]["answered"] == "http://adlnet.gov/expapi/verbs/answered"
    assert document["templates"] == templates
    assert "registration" in document["filledByTheRuntime"]["context.registration"]
