"""The SCORM 1.2 target: ``imsmanifest.xml`` (built with lxml) plus the site, in one zip.

The package is one SCO (Moodle handles multi-SCO packages badly), with the identifiers of
``package/scorm.py``.
"""
from __future__ import annotations

from lxml import etree

from ..course.model import Course
from ..vocab import ADLCP, IMSCP, IMSMD, XML, XSI
from ..write import Artifact
from .scorm import general_texts, identifiers, iso_duration, one_sco, schema_files, scorm_zip, vcard

_SCHEMA_LOCATION = (f"{IMSCP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd "
                    f"{ADLCP} adlcp_rootv1p2.xsd")
#: The SCORM 1.2 control documents, shipped at the package root as every SCORM package ships them
#: (the manifest's xsi:schemaLocation names three; imscp and imsmd import ims_xml.xsd). They are
#: not listed in a <file> element: CAM 1.2 section 2.3.6 has <file> list what a resource needs,
#: and no SCO needs the schemas.
CONTROL_FILES = ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd")


def package_scorm12(course: Course, site: dict[str, bytes], editions: tuple[Course, ...] = ()) -> Artifact:
    """Return ``<course id>-scorm12.zip`` holding the manifest and every file of ``site``;
    ``editions``: the course in each language the site holds (a multilingual site), else ``course``."""
    control = {name: data for name, data in schema_files("scorm12").items() if name in CONTROL_FILES}
    return scorm_zip(f"{course.id}-scorm12.zip", site, lambda paths: build_manifest(course, paths, editions), control)


def mastery_score(course: Course) -> str:
    """The ``adlcp:masteryscore`` an LMS hands the SCO as ``cmi.student_data.mastery_score``."""
    return f"{course.pass_mark:g}"


def build_manifest(course: Course, file_paths: list[str], editions: tuple[Course, ...] = ()) -> bytes:
    """Return ``imsmanifest.xml`` for a one-SCO package whose files are ``file_paths``; the LOM
    describes it in every language of ``editions`` (default: ``course``'s only)."""
    ids = identifiers(course)
    manifest = etree.Element(f"{{{IMSCP}}}manifest", nsmap={None: IMSCP, "adlcp": ADLCP, "xsi": XSI},
                             identifier=ids["manifest"], version=course.version)
    manifest.set(f"{{{XSI}}}schemaLocation", _SCHEMA_LOCATION)

    metadata = _sub(manifest, "metadata")
    _sub(metadata, "schema", "ADL SCORM")
    _sub(metadata, "schemaversion", "1.2")
    metadata.append(_lom(course, editions or (course,)))

    item = one_sco(manifest, course, file_paths, IMSCP, f"{{{ADLCP}}}scormtype")
    # Moodle applies "mastery score overrides status" from this value at LMSFinish, so it must be
    # the same number the runtime passes or fails the learner by (RTE 3.4.4: student_data.mastery_score).
    etree.SubElement(item, f"{{{ADLCP}}}masteryscore").text = mastery_score(course)
    return etree.tostring(manifest, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _lom(course: Course, editions: tuple[Course, ...]) -> etree._Element:
    """Inline IEEE LOM (imsmd 1.2.1): what an LMS catalogue shows about the package, each text
    once per language of ``editions`` (a langstring each)."""
    lom = etree.Element(f"{{{IMSMD}}}lom", nsmap={"imsmd": IMSMD})
    general = _md(lom, "general")
    general_texts(general, course, editions, _md, _langstring)
    lifecycle = _md(lom, "lifecycle")
    _langstring(_md(lifecycle, "version"), course.version, "x-none")
    if course.author:
        contribute = _md(lifecycle, "contribute")
        role = _md(contribute, "role")
        _langstring(_md(role, "source"), "LOMv1.0", "x-none")
        _langstring(_md(role, "value"), "Author", "x-none")
        _md(_md(contribute, "centity"), "vcard").text = vcard(course.author)
    technical = _md(lom, "technical")
    _md(technical, "format").text = "text/html"
    if course.duration_minutes:
        educational = _md(lom, "educational")
        _md(_md(educational, "typicallearningtime"), "datetime").text = iso_duration(course.duration_minutes)
    return lom


def _sub(parent, tag: str, text: str | None = None, **attributes) -> etree._Element:
    element = etree.SubElement(parent, f"{{{IMSCP}}}{tag}", attributes)
    element.text = text
    return element


def _md(parent, tag: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{IMSMD}}}{tag}")


def _langstring(parent, text: str, language: str) -> None:
    string = etree.SubElement(parent, f"{{{IMSMD}}}langstring")
    string.set(f"{{{XML}}}lang", language)
    string.text = text
