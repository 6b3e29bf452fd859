"""The SCORM 2004 4th Edition package: a manifest valid against the official XSDs it ships, and
right where the XSDs are silent (schemaversion, prefixes Moodle needs, pass mark, identifiers)."""
from __future__ import annotations

import zipfile

import pytest
from lxml import etree

import qser_scorm
from qser_scorm.vocab import SCORM2004_NAMESPACES as NS
from tests.conftest import COURSE_SRC, REPO, the_one_sco

SCHEMAS = REPO / "qser_scorm" / "schemas" / "scorm2004"
ZIP_NAME = "qser-becoming-a-mentor-scorm2004.zip"
#: The namespaces to check and their control documents at the package root. imscp alone is lax
#: (processContents="lax" wildcards), so every extension namespace is imported beside it.
CONTROL = {NS["imscp"]: "imscp_v1p1.xsd", NS["adlcp"]: "adlcp_v1p3.xsd", NS["adlseq"]: "adlseq_v1p3.xsd",
           NS["adlnav"]: "adlnav_v1p3.xsd", NS["imsss"]: "imsss_v1p0.xsd", NS["lom"]: "lom.xsd"}


def build_2004(source, out):
    (zip_path,) = qser_scorm.build(source, out, targets=("scorm2004",)).written
    return zip_path


def manifest_of(zip_path):
    with zipfile.ZipFile(zip_path) as archive:
        return etree.fromstring(archive.read("imsmanifest.xml")), set(archive.namelist())


def shipped_schema(zip_path, folder):
    """Compile the control documents the package carries (not the repository's copies)."""
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder)
    imports = "".join(f'<xs:import namespace="{namespace}" schemaLocation="{(folder / name).as_uri()}"/>'
                      for namespace, name in CONTROL.items())
    return etree.XMLSchema(etree.fromstring(f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    zip_path = build_2004(COURSE_SRC, tmp_path_factory.mktemp("dist"))
    return zip_path, *manifest_of(zip_path)


def test_valid_against_the_2004_4th_edition_schemas_it_ships(built, tmp_path):
    zip_path, manifest, _ = built
    schema = shipped_schema(zip_path, tmp_path)
    assert schema.validate(manifest.getroottree()), schema.error_log
    assert manifest.findtext("imscp:metadata/imscp:schemaversion", namespaces=NS) == "2004 4th Edition"
    assert manifest.findtext("imscp:metadata/imscp:schema", namespaces=NS) == "ADL SCORM"


def test_the_schemas_catch_a_broken_manifest(built, tmp_path):
    """The check above has teeth: the extension namespaces and LOM are really checked."""
    zip_path, manifest, _ = built
    schema = shipped_schema(zip_path, tmp_path)
    for path, attribute, value in ((".//adlcp:completionThreshold", "minProgressMeasure", "1.5"),
                                   (".//imsss:primaryObjective", "satisfiedByMeasure", "yes")):
        broken = etree.fromstring(etree.tostring(manifest))
        broken.find(path, NS).set(attribute, value)
        assert not schema.validate(broken.getroottree())
    broken = etree.fromstring(etree.tostring(manifest))
    etree.SubElement(broken.find(".//lom:general", NS), f"{{{NS['lom']}}}bogus")
    assert not schema.validate(broken.getroottree())


def test_control_documents_at_the_root_as_2004_packages_ship_them(built):
    zip_path, manifest, names = built
    expected = {p.name for p in SCHEMAS.iterdir() if p.suffix in (".xsd", ".dtd")}
    assert len(expected) == 17 and expected <= names
    lom = {str(p.relative_to(SCHEMAS / "lom")) for p in (SCHEMAS / "lom").rglob("*.xsd")} - {
        "lomCustom.xsd", "lomLoose.xsd", "lomStrict.xsd"}
    assert "common/elementNames.xsd" in lom and lom <= names
    with zipfile.ZipFile(zip_path) as archive:
        assert archive.read("imscp_v1p1.xsd") == (SCHEMAS / "imscp_v1p1.xsd").read_bytes()
    for namespace, name in CONTROL.items():
        assert f"{namespace} {name}" in manifest.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")


def test_the_prefixes_moodles_parser_reads(built):
    """Moodle matches ADLCP:SCORMTYPE, IMSSS:SEQUENCING ... by literal prefix (scormlib.php)."""
    zip_path, _, _ = built
    with zipfile.ZipFile(zip_path) as archive:
        text = archive.read("imsmanifest.xml").decode()
    for tag in ('adlcp:scormType="sco"', "<adlcp:completionThreshold", "<imsss:sequencing>", "<imsss:primaryObjective",
                "<schemaversion>2004 4th Edition</schemaversion>"):
        assert tag in text


def test_one_sco_with_every_site_file_and_no_control_document_listed(built):
    _, manifest, names = built
    resource = the_one_sco(manifest, NS["imscp"], f"{{{NS['adlcp']}}}scormType")
    listed = {f.get("href") for f in resource.findall("imscp:file", NS)}
    assert "index.html" in listed and "runtime/qser.js" in listed
    assert listed == {n for n in names if not n.endswith((".xsd", ".dtd"))} - {"imsmanifest.xml"}


def test_pass_mark_and_learning_objectives_in_the_sequencing(built, course, tmp_path):
    """Each objective carries the pass mark: Moodle takes cmi.scaled_passing_score from the last
    objective with a minNormalizedMeasure and defaults one to 1.0 (scormlib.php, scorm_13lib.php)."""
    _, manifest, _ = built
    objectives = manifest.find(".//imsss:sequencing/imsss:objectives", NS)
    primary = objectives.find("imsss:primaryObjective", NS)
    assert primary.get("satisfiedByMeasure") == "true" and primary.get("objectiveID") is None
    measures = [o.findtext("imsss:minNormalizedMeasure", namespaces=NS) for o in objectives]
    assert measures == ["0.75"] * 4
    assert [o.get("objectiveID") for o in objectives.findall("imsss:objective", NS)] == [
        "obj-intro", "obj-importance", "obj-role"]
    delivery = manifest.find(".//imsss:deliveryControls", NS)
    assert delivery.get("completionSetByContent") == delivery.get("objectiveSetByContent") == "true"
    threshold = manifest.find(".//adlcp:completionThreshold", NS)
    assert (threshold.get("completedByMeasure"), threshold.get("minProgressMeasure")) == ("true", "1")

    text = (course / "course.yaml").read_text()
    (course / "course.yaml").write_text(text.replace("pass_mark: 75", "pass_mark: 80.5"))
    changed, _ = manifest_of(build_2004(course, tmp_path))
    assert changed.findtext(".//imsss:minNormalizedMeasure", namespaces=NS) == "0.805"


def test_identifiers_are_those_of_the_12_package(built, tmp_path):
    _, manifest, _ = built
    (scorm12,) = qser_scorm.build(COURSE_SRC, tmp_path).written
    with zipfile.ZipFile(scorm12) as archive:
        manifest12 = etree.fromstring(archive.read("imsmanifest.xml"))

    def identifiers(root):
        return [e.get("identifier") for e in root.iter(etree.Element) if e.get("identifier")]

    assert identifiers(manifest) == identifiers(manifest12) == [
        "qser-becoming-a-mentor", "qser-becoming-a-mentor-org", "qser-becoming-a-mentor-item", "qser-becoming-a-mentor-sco"]


def test_lom_metadata(built):
    _, manifest, _ = built
    lom = manifest.find("imscp:metadata/lom:lom", NS)
    assert lom.findtext("lom:general/lom:title/lom:string", namespaces=NS) == "Becoming a mentor in Q-SER"
    assert lom.find("lom:general/lom:title/lom:string", NS).get("language") == "en"
    assert "key importance" in lom.findtext("lom:general/lom:description/lom:string", namespaces=NS)
    assert "Erasmus+" in [k.text for k in lom.findall("lom:general/lom:keyword/lom:string", NS)]
    assert "Stella Papamichail" in lom.findtext("lom:lifeCycle/lom:contribute/lom:entity", namespaces=NS)
    assert lom.findtext("lom:educational/lom:typicalLearningTime/lom:duration", namespaces=NS) == "PT1H"


def test_target_all_writes_the_2004_zip_beside_the_others(run_cli, tmp_path):
    result = run_cli("build", COURSE_SRC, "--out", tmp_path, "--target", "all")
    assert result.exit_code == 0, result.output
    assert ZIP_NAME in result.output
    written = {p.name for p in tmp_path.iterdir()}
    assert {"qser-becoming-a-mentor-scorm12.zip", ZIP_NAME, "qser-becoming-a-mentor-xapi.zip"} <= written
    again = tmp_path / "again"
    run_cli("build", COURSE_SRC, "--out", again, "--target", "scorm2004")
    assert (again / ZIP_NAME).read_bytes() == (tmp_path / ZIP_NAME).read_bytes()
