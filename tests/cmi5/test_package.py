"""`qser-scorm build --target cmi5`: the course structure an LMS imports, and what the zip holds.

cmi5.xml is checked against the official CourseStructure.xsd (package data, qser_scorm/schemas/cmi5/),
read here on its own so the test does not lean on the packager's own check.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from qser_scorm.course.load import load_course
from qser_scorm.package.cmi5 import CMI5_NS
from qser_scorm.xapi import course_iri, statement_templates

REPO = Path(__file__).resolve().parents[2]
XSD = REPO / "qser_scorm" / "schemas" / "cmi5" / "CourseStructure.xsd"
NS = {"c": CMI5_NS}


def build(run_cli, course_dir: Path, out: Path, target: str = "cmi5") -> Path:
    result = run_cli("build", course_dir, "--out", out, "--target", target)
    assert result.exit_code == 0, result.output
    return out / "qser-becoming-a-mentor-cmi5.zip"


def test_the_cmi5_zip_has_a_valid_course_structure_at_its_root(run_cli, course, tmp_path):
    archive = build(run_cli, course, tmp_path / "dist")
    with zipfile.ZipFile(archive) as zipped:
        names = set(zipped.namelist())
        structure = etree.fromstring(zipped.read("cmi5.xml"))
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(structure), schema.error_log
    assert {"cmi5.xml", "index.html", "runtime/qser.js"} <= names  # at the root: no wrapper folder

    model = load_course(course)
    (au,) = structure.findall("c:au", NS)
    assert structure.findall("c:block", NS) == []
    assert au.get("id") == course_iri(model) == "https://qser.example/xapi/qser-becoming-a-mentor"
    assert (au.get("moveOn"), au.get("masteryScore"), au.get("launchMethod")) == ("CompletedAndPassed", "0.75", "AnyWindow")
    assert au.findtext("c:url", namespaces=NS) in names
    course_element = structure.find("c:course", NS)
    ids = [course_element.get("id"), au.get("id")]
    assert len(set(ids)) == 2 and all(urlsplit(iri).scheme == "https" for iri in ids)
    for element in (course_element, au):
        (title,) = element.findall("c:title/c:langstring", NS)
        (description,) = element.findall("c:description/c:langstring", NS)
        assert (title.get("lang"), title.text) == ("en", "Becoming a mentor in Q-SER")
        assert description.get("lang") == "en" and description.text.startswith("The mentoring is of key importance")


def test_the_activity_ids_are_those_of_the_xapi_target(run_cli, course, tmp_path):
    """Pages and questions report under the AU's id, as they do under the Tin Can course id."""
    archive = build(run_cli, course, tmp_path / "dist", "all")
    with zipfile.ZipFile(archive) as cmi5, zipfile.ZipFile(tmp_path / "dist" / "qser-becoming-a-mentor-xapi.zip") as tincan:
        au_id = etree.fromstring(cmi5.read("cmi5.xml")).find("c:au", NS).get("id")
        assert cmi5.read("runtime/qser.js") == tincan.read("runtime/qser.js")
        activity_id = etree.fromstring(tincan.read("tincan.xml")).find(".//{*}activity").get("id")
    assert au_id == activity_id
    templates = statement_templates(load_course(course))
    objects = [t["object"]["id"] for group in ("pages", "questions") for t in templates[group].values()]
    assert objects and all(iri.startswith(au_id + "/") for iri in objects)


def test_a_pass_mark_with_decimals_becomes_a_mastery_score_of_at_most_four_decimals(run_cli, course, tmp_path):
    yaml = course / "course.yaml"
    yaml.write_text(re.sub(r"(?m)^pass_mark: .*$", "pass_mark: 66.666", yaml.read_text()))
    with zipfile.ZipFile(build(run_cli, course, tmp_path / "dist")) as zipped:
        au = etree.fromstring(zipped.read("cmi5.xml")).find("c:au", NS)
    assert au.get("masteryScore") == "0.6667"


def test_the_package_holds_no_credential_and_rebuilds_byte_identical(run_cli, course, tmp_path):
    first = build(run_cli, course, tmp_path / "one").read_bytes()
    assert build(run_cli, course, tmp_path / "two").read_bytes() == first
    with zipfile.ZipFile(tmp_path / "one" / "qser-becoming-a-mentor-cmi5.zip") as zipped:
        everything = b"".join(zipped.read(name) for name in zipped.namelist())
        templates = zipped.read("runtime/qser.js")
    assert b"Qser.xapiLaunch=" not in templates  # no LRS baked in
    assert not re.search(rb"Basic [A-Za-z0-9+/]{8,}", everything)  # an Authorization value
    assert not re.search(rb"(?i)(password|secret)\s*[:=]\s*[\"'][^\"']", everything)
