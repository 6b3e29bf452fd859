"""Find and parse ``imsmanifest.xml`` (and the other XML descriptors) safely.

The parser never loads a DTD, never resolves entities and never touches the network, and any
document with a DOCTYPE is refused outright (XXE, "billion laughs").
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from lxml import etree

from qser_scorm.validate.archive import Inventory
from qser_scorm.validate.findings import Finding, Place, finding, printable
from qser_scorm.vocab import ADLCP, IMSCP, MANIFEST

#: Namespaces of a SCORM 2004 manifest (CAM 3rd/4th Edition; 2nd Edition uses the same).
IMSCP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
LOM_2004 = "http://ltsc.ieee.org/xsd/LOM"


@dataclass(frozen=True)
class Dialect:
    """What differs between the SCORM versions in a manifest's names."""

    version: str  #: "1.2" or "2004"
    cp: str  #: the IMS CP namespace
    adlcp: str  #: the ADL CP extensions namespace
    scorm_type: str  #: the resource attribute that marks a SCO, spelled as that version's XSD does

    @property
    def other_scorm_type(self) -> str:
        return "scormType" if self.scorm_type == "scormtype" else "scormtype"


SCORM12 = Dialect("1.2", IMSCP, ADLCP, "scormtype")
SCORM2004 = Dialect("2004", IMSCP_2004, ADLCP_2004, "scormType")


@dataclass(frozen=True)
class Manifest:
    """A parsed manifest, the namespace its IMS CP elements actually use, and its SCORM dialect."""

    root: etree._Element
    cp: str  #: namespace of the CP elements ("" when the manifest declares none)
    dialect: Dialect = SCORM12

    def tag(self, local: str) -> str:
        return f"{{{self.cp}}}{local}" if self.cp else local

    def children(self, element: etree._Element, local: str) -> list[etree._Element]:
        return [child for child in element if child.tag == self.tag(local)]

    def iter(self, local: str) -> list[etree._Element]:
        return list(self.root.iter(self.tag(local)))

    def adlcp(self, local: str) -> str:
        return f"{{{self.dialect.adlcp}}}{local}"

    def scorm_type(self, resource: etree._Element) -> str | None:
        """The resource's SCO marker, in either spelling (Moodle reads attribute names case-insensitively)."""
        value = resource.get(self.adlcp(self.dialect.scorm_type))
        return value if value is not None else resource.get(self.adlcp(self.dialect.other_scorm_type))


def where(element: etree._Element | None) -> Place:
    """The file (the document's name, given to :func:`parse_xml`) and line of an element."""
    if element is None:
        return (MANIFEST, None)
    return (element.getroottree().docinfo.URL or MANIFEST, element.sourceline)


def repeated(elements: list[etree._Element], attribute: str) -> list[tuple[etree._Element, str, int | None]]:
    """(element, value, line of its first use) for each element whose attribute value an earlier
    element (in document order) already has."""
    findings, seen = [], {}
    for element in sorted(elements, key=lambda e: e.sourceline or 0):
        value = element.get(attribute)
        if value is None:
            continue
        if value in seen:
            findings.append((element, value, seen[value]))
        else:
            seen[value] = element.sourceline
    return findings


def dangling(elements: list[etree._Element], attribute: str, known: set) -> list[tuple[etree._Element, str]]:
    """(element, value) for each element whose reference attribute names nothing in known."""
    return [(element, element.get(attribute)) for element in elements
            if element.get(attribute) is not None and element.get(attribute) not in known]


def locate(inventory: Inventory) -> Finding:
    """QS010 for a package with no descriptor at its root, with a hint naming what it has instead."""
    descriptors = ("imsmanifest.xml", "cmi5.xml", "tincan.xml")
    nested = sorted(n for n in inventory.names if posixpath.basename(n) in descriptors)
    wrong_case = sorted(n for n in inventory.names if n.lower() in descriptors)
    root_pages = [n for n in inventory.names if "/" not in n and n.lower().endswith((".html", ".htm"))]
    if wrong_case:
        hint = f"rename {printable(wrong_case[0])!r} to {wrong_case[0].lower()!r} (exact lower case)"
    elif nested:
        folder = posixpath.dirname(min(nested, key=len))
        hint = (f"the descriptor sits in {printable(folder)!r}/: zip the contents of that folder, not the folder "
                "itself (Moodle reports 'badimsmanifestlocation')")
    elif root_pages:
        hint = ("this zip is a plain web site: publish it again from your authoring tool for SCORM (or cmi5), "
                "or upload it to Moodle as a File or Folder resource, which tracks nothing")
    else:
        hint = "is this a SCORM package? Every SCORM package has imsmanifest.xml at the root of the zip"
    return finding("QS010", f"no {MANIFEST}, cmi5.xml or tincan.xml at the root of the package: an LMS finds "
                   "no course in it", MANIFEST, hint)


_PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                       dtd_validation=False, remove_blank_text=False)


def parse_xml(name: str, data: bytes) -> tuple[etree._Element | None, list[Finding]]:
    """Parse a descriptor (imsmanifest.xml, cmi5.xml, tincan.xml) safely; None and why on failure."""
    refused = finding("QS012", f"{name} declares a DOCTYPE or entities, which package descriptors never "
                      "need and which hostile files use to read server files or exhaust memory; refused",
                      name, "remove the <!DOCTYPE ...> declaration")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None, [refused]
    try:
        root = etree.fromstring(data, etree.XMLParser(**_PARSER_OPTIONS), base_url=name)
    except etree.XMLSyntaxError as exc:
        return None, [finding("QS011", f"{name} is not well-formed XML, so no LMS can read it (the XML parser "
                              f"says: {printable(exc.msg)})", (name, exc.lineno or 1),
                              "fix the XML at that line (look for merge conflict markers, unescaped '&' "
                              "or '<', or a wrong encoding declaration)")]
    except (ValueError, etree.LxmlError) as exc:
        return None, [finding("QS011", f"{name} cannot be read as XML ({printable(str(exc))})", name,
                              "save the file as UTF-8 XML")]
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        return None, [refused]  # a DOCTYPE in a non-ASCII-compatible encoding (e.g. UTF-16)
    return root, []


def parse(data: bytes) -> tuple[Manifest | None, list[Finding]]:
    """Parse the manifest; on failure, the findings say why and the manifest is None."""
    root, findings = parse_xml(MANIFEST, data)
    if root is None:
        return None, findings
    local = etree.QName(root).localname
    namespace = etree.QName(root).namespace or ""
    if local != "manifest":
        return None, [finding("QS013", f"the root element of {MANIFEST} is <{printable(local)}>, not <manifest>, "
                              "so LMSs find no course in it", where(root),
                              "a SCORM manifest starts with <manifest xmlns=\"" + IMSCP + "\"> (SCORM 1.2) or "
                              "<manifest xmlns=\"" + IMSCP_2004 + "\"> (SCORM 2004)")]
    if namespace == IMSCP_2004:
        return Manifest(root, namespace, SCORM2004), []
    if namespace != IMSCP:
        findings.append(finding(
            "QS014", f"<manifest> is in namespace {printable(namespace) or '(none)'!r}, neither the IMS CP 1.1.2 "
            "namespace of SCORM 1.2 nor the IMS CP 1.1.4 namespace of SCORM 2004", where(root),
            f"declare xmlns=\"{IMSCP}\" on <manifest> (SCORM 1.2), or xmlns=\"{IMSCP_2004}\" (SCORM 2004)"))
        if SCORM_2004_SCHEMAVERSION.search(schemaversion(root) or ""):
            return Manifest(root, namespace, SCORM2004), findings
    return Manifest(root, namespace), findings


#: the schemaversion values that declare SCORM 2004, in any spelling
SCORM_2004_SCHEMAVERSION = re.compile(r"2004|CAM\s*1\.3|^\s*1\.3")


def schemaversion(root: etree._Element) -> str | None:
    """manifest/metadata/schemaversion as written (untrimmed, as Moodle reads it), whatever the
    namespace; None when absent."""
    for metadata in root.iterchildren(etree.Element):
        if etree.QName(metadata).localname == "metadata":
            for child in metadata.iterchildren(etree.Element):
                if etree.QName(child).localname == "schemaversion":
                    return child.text or ""
    return None

