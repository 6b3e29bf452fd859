"""The SCORM 2004 4th Edition target: ``imsmanifest.xml``, the 2004 control documents and the site.

Same site, same one SCO and the same identifiers as the SCORM 1.2 target (``package/scorm.py``).
Sequencing is the simple part a single SCO needs: the pass mark as the primary objective's
``minNormalizedMeasure`` (the LMS hands it to the SCO as ``cmi.scaled_passing_score``), one
objective per learning objective (preset as ``cmi.objectives.n.id``), completion by progress
measure, and delivery controls saying that the SCO itself reports status. Rollup keeps the
defaults (SN 4.6), which for one SCO pass its status up unchanged.
"""
from __future__ import annotations

from decimal import Decimal

from lxml import etree

from ..course.model import Course
from ..vocab import SCORM2004_NAMESPACES as NS, SCORM2004_VERSION, XSI
from ..write import Artifact
from .scorm import general_texts, identifiers, iso_duration, one_sco, schema_files, scorm_zip, vcard

#: The control document of each namespace, as xsi:schemaLocation names it at the package root.
SCHEMA_FILES = {"imscp": "imscp_v1p1.xsd", "adlcp": "adlcp_v1p3.xsd", "adlseq": "adlseq_v1p3.xsd",
                "adlnav": "adlnav_v1p3.xsd", "imsss": "imsss_v1p0.xsd", "lom": "lom.xsd"}
#: The LOM binding (lom.xsd and the folders it includes) sits in lom/ of the package data and at
#: the package root in the zip; lomCustom/lomLoose/lomStrict.xsd are alternatives nothing names.
_LOM_PREFIX = "lom/"
_LOM_PARTS = ("lom.xsd", "common/", "extend/", "unique/", "vocab/")


def package_scorm2004(course: Course, site: dict[str, bytes], editions: tuple[Course, ...] = ()) -> Artifact:
    """Return ``<course id>-scorm2004.zip``: the manifest, the control documents and ``site``;
    ``editions``: the course in each language the site holds (a multilingual site), else ``course``."""
    return scorm_zip(f"{course.id}-scorm2004.zip", site, lambda paths: build_manifest(course, paths, editions),
                     control_files())


def control_files() -> dict[str, bytes]:
    """The 2004 4th Edition XSDs and DTDs as a package carries them at its root (CAM 3.2)."""
    files = {}
    for path, data in schema_files("scorm2004").items():
        if path.startswith(_LOM_PREFIX):
            path = path[len(_LOM_PREFIX):]
            if not path.startswith(_LOM_PARTS):
                continue
        files[path] = data
    return files


def scaled_passing_score(course: Course) -> str:
    """The pass mark as a normalized measure, 75 -> ``0.75`` (imsss:minNormalizedMeasure)."""
    return format((Decimal(f"{course.pass_mark:g}") / 100).normalize(), "f")


def build_manifest(course: Course, file_paths: list[str], editions: tuple[Course, ...] = ()) -> bytes:
    """Return ``imsmanifest.xml`` for a one-SCO 2004 package whose files are ``file_paths``; the
    LOM describes it in every language of ``editions`` (default: ``course``'s only)."""
    ids = identifiers(course)
    nsmap = {None: NS["imscp"], **{prefix: NS[prefix] for prefix in NS if prefix != "imscp"}, "xsi": XSI}
    manifest = etree.Element(f"{{{NS['imscp']}}}manifest", nsmap=nsmap, identifier=ids["manifest"], version=course.version)
    manifest.set(f"{{{XSI}}}schemaLocation", " ".join(f"{NS[prefix]} {SCHEMA_FILES[prefix]}" for prefix in SCHEMA_FILES))

    metadata = _cp(manifest, "metadata")
    _cp(metadata, "schema", "ADL SCORM")
    _cp(metadata, "schemaversion", SCORM2004_VERSION)
    _lom(metadata, course, editions or (course,))

    item = one_sco(manifest, course, file_paths, NS["imscp"], f"{{{NS['adlcp']}}}scormType")
    # SN 3.14: completed when cmi.progress_measure reaches 1, which the SCO reports only when
    # every page is seen and the assessment is final. Moodle reads minProgressMeasure only and
    # would take 1.0 without it, so it is written out.
    _ns(item, "adlcp", "completionThreshold", completedByMeasure="true", minProgressMeasure="1")
    _sequencing(item, course)
    return etree.tostring(manifest, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _sequencing(item: etree._Element, course: Course) -> None:
    """imsss:sequencing of the one item: objectives, then delivery controls (imsss_v1p0.xsd order)."""
    sequencing = _ns(item, "imsss", "sequencing")
    objectives = _ns(sequencing, "imsss", "objectives")
    # Every objective carries the pass mark: Moodle makes cmi.scaled_passing_score the
    # minNormalizedMeasure of the last objective that has one and defaults it to 1.0.
    for tag, objective_id in (("primaryObjective", None), *(("objective", o.id) for o in course.objectives)):
        attributes = {"satisfiedByMeasure": "true"} | ({"objectiveID": objective_id} if objective_id else {})
        element = _ns(objectives, "imsss", tag, **attributes)
        _ns(element, "imsss", "minNormalizedMeasure").text = scaled_passing_score(course)
    # The SCO sets completion and success itself; without these an LMS may decide them on its own.
    _ns(sequencing, "imsss", "deliveryControls", completionSetByContent="true", objectiveSetByContent="true")


def _lom(metadata: etree._Element, course: Course, editions: tuple[Course, ...]) -> None:
    """Inline IEEE LOM (LOM XML binding, CAM 4): what an LMS catalogue shows about the package,
    each text once per language of ``editions`` (a string each)."""
    lom = _ns(metadata, "lom", "lom")
    general = _ns(lom, "lom", "general")
    general_texts(general, course, editions, lambda parent, tag: _ns(parent, "lom", tag), _string)
    lifecycle = _ns(lom, "lom", "lifeCycle")
    _string(_ns(lifecycle, "lom", "version"), course.version, "x-none")
    if course.author:
        contribute = _ns(lifecycle, "lom", "contribute")
        role = _ns(contribute, "lom", "role")
        _ns(role, "lom", "source").text = "LOMv1.0"
        _ns(role, "lom", "value").text = "author"
        _ns(contribute, "lom", "entity").text = vcard(course.author)
    _ns(_ns(lom, "lom", "technical"), "lom", "format").text = "text/html"
    if course.duration_minutes:
        learning_time = _ns(_ns(lom, "lom", "educational"), "lom", "typicalLearningTime")
        _ns(learning_time, "lom", "duration").text = iso_duration(course.duration_minutes)


def _ns(parent, prefix: str, tag: str, **attributes) -> etree._Element:
    return etree.SubElement(parent, f"{{{NS[prefix]}}}{tag}", attributes)


def _cp(parent, tag: str, text: str | None = None, **attributes) -> etree._Element:
    element = _ns(parent, "imscp", tag, **attributes)
    element.text = text
    return element


def _string(parent, text: str, language: str) -> None:
    etree.SubElement(parent, f"{{{NS['lom']}}}string", language=language).text = text
