"""The SCORM 1.2 manifest: valid against the official XSDs, and right where the XSDs are silent."""
from __future__ import annotations

import zipfile

import pytest
import yaml
from lxml import etree

import qser_scorm
from qser_scorm.package.scorm12 import CONTROL_FILES
from qser_scorm.validate import validate_path
from tests.conftest import COURSE_SRC, SCHEMAS, the_one_sco

NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
      "md": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"}


def build_zip(source, out):
    (zip_path,) = qser_scorm.build(source, out).written
    return zip_path


def manifest_of(zip_path):
    with zipfile.ZipFile(zip_path) as archive:
        return etree.fromstring(archive.read("imsmanifest.xml")), set(archive.namelist())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    zip_path = build_zip(COURSE_SRC, tmp_path_factory.mktemp("dist"))
    return zip_path, *manifest_of(zip_path)


def test_valid_against_the_official_schemas_and_the_rules_they_miss(built):
    zip_path, _, _ = built
    assert validate_path(zip_path, schemas=SCHEMAS, lms="strict") == []


def test_the_four_official_xsds_sit_unchanged_at_the_root(built):
    zip_path, _, names = built
    with zipfile.ZipFile(zip_path) as archive:
        assert {name: archive.read(name) for name in CONTROL_FILES} == {
            name: (SCHEMAS / name).read_bytes() for name in CONTROL_FILES}


def test_scorm_12_metadata_and_lom(built):
    _, manifest, _ = built
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    lom = manifest.find("cp:metadata/md:lom", NS)
    assert lom.findtext("md:general/md:title/md:langstring", namespaces=NS) == "Becoming a mentor in Q-SER"
    assert lom.findtext("md:general/md:language", namespaces=NS) == "en"
    assert "key importance" in lom.findtext("md:general/md:description/md:langstring", namespaces=NS)
    assert lom.findall("md:general/md:keyword", NS)
    assert "Stella Papamichail" in lom.findtext("md:lifecycle/md:contribute/md:centity/md:vcard", namespaces=NS)
    assert lom.findtext("md:educational/md:typicallearningtime/md:datetime", namespaces=NS) == "PT1H"


def test_one_sco_launched_by_the_default_organization(built):
    _, manifest, names = built
    resource = the_one_sco(manifest, NS["cp"], f"{{{NS['adlcp']}}}scormtype")
    listed = {f.get("href") for f in resource.findall("cp:file", NS)}
    assert listed == names - {"imsmanifest.xml"} - set(CONTROL_FILES)  # the XSDs at the root are no content


def test_mastery_score_is_the_courses_pass_mark(built, course, tmp_path):
    _, manifest, _ = built
    pass_mark = yaml.safe_load((COURSE_SRC / "course.yaml").read_text())["pass_mark"]
    assert float(manifest.findtext(".//adlcp:masteryscore", namespaces=NS)) == pass_mark
    text = (course / "course.yaml").read_text()
    (course / "course.yaml").write_text(text.replace(f"pass_mark: {pass_mark}", "pass_mark: 80.5"))
    changed, _ = manifest_of(build_zip(course, tmp_path))
    assert changed.findtext(".//adlcp:masteryscore", namespaces=NS) == "80.5"


def test_identifiers_are_derived_from_the_course_id_and_survive_edits(built, course, tmp_path):
    _, manifest, _ = built

    def identifiers(root):
        return [e.get("identifier") for e in root.iter() if e.get("identifier")]

    assert identifiers(manifest) == ["qser-becoming-a-mentor", "qser-becoming-a-mentor-org",
                                     "qser-becoming-a-mentor-item", "qser-becoming-a-mentor-sco"]
    (course / "pages" / "summary.md").write_text("An edited summary.\n")
    edited, _ = manifest_of(build_zip(course, tmp_path))
    assert identifiers(edited) == identifiers(manifest)
