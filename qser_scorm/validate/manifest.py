"""Find and parse ``imsmanifest.xml`` safely.

The parser never loads a DTD, never resolves entities and never touches the network, and any
document with a DOCTYPE is refused outright (XXE, "billion laughs").
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass

from lxml import etree

from qser_scorm.validate.archive import Inventory
from qser_scorm.validate.findings import Finding, finding, printable
from qser_scorm.vocab import IMSCP, MANIFEST



@dataclass(frozen=True)
class Manifest:
    """A parsed manifest and the namespace its IMS CP elements actually use."""

    root: etree._Element
    cp: str  #: namespace of the CP elements ("" when the manifest declares none)

    def tag(self, local: str) -> str:
        return f"{{{self.cp}}}{local}" if self.cp else local

    def children(self, element: etree._Element, local: str) -> list[etree._Element]:
        return [child for child in element if child.tag == self.tag(local)]

    def iter(self, local: str) -> list[etree._Element]:
        return list(self.root.iter(self.tag(local)))


def where(element: etree._Element | None) -> str:
    line = getattr(element, "sourceline", None)
    return f"{MANIFEST}:{line}" if line else MANIFEST


def locate(inventory: Inventory) -> Finding | None:
    """QS010 when imsmanifest.xml is not at the root, with a hint naming where it is instead."""
    if inventory.manifest is not None:
        return None
    nested = sorted(n for n in inventory.names if posixpath.basename(n) == MANIFEST)
    wrong_case = sorted(n for n in inventory.names if n.lower() == MANIFEST)
    if wrong_case:
        hint = f"rename {printable(wrong_case[0])!r} to {MANIFEST!r} (exact lower case)"
    elif nested:
        folder = posixpath.dirname(min(nested, key=len))
        hint = (f"the manifest sits in {printable(folder)!r}/: zip the contents of that folder, not the folder "
                "itself (Moodle reports 'badimsmanifestlocation')")
    else:
        hint = "is this a SCORM package? Every SCORM package has imsmanifest.xml at the root of the zip"
    return finding("QS010", f"no {MANIFEST} at the root of the package", MANIFEST, hint)


_PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                       dtd_validation=False, remove_blank_text=False)


def parse(data: bytes) -> tuple[Manifest | None, list[Finding]]:
    """Parse the manifest; on failure, the findings say why and the manifest is None."""
    refused = finding("QS012", f"{MANIFEST} declares a DOCTYPE or entities, which SCORM manifests never "
                      "need and which hostile files use to read server files or exhaust memory; refused",
                      MANIFEST, "remove the <!DOCTYPE ...> declaration")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None, [refused]
    try:
        root = etree.fromstring(data, etree.XMLParser(**_PARSER_OPTIONS))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        return None, [finding("QS011", f"{MANIFEST} is not well-formed XML: {exc.msg}", f"{MANIFEST}:{line}",
                              "fix the XML at that line (look for merge conflict markers, unescaped '&' "
                              "or '<', or a wrong encoding declaration)")]
    except (ValueError, etree.LxmlError) as exc:
        return None, [finding("QS011", f"{MANIFEST} cannot be parsed: {exc}", MANIFEST,
                              "save the manifest as UTF-8 XML")]
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        return None, [refused]  # a DOCTYPE in a non-ASCII-compatible encoding (e.g. UTF-16)
    local = etree.QName(root).localname
    namespace = etree.QName(root).namespace or ""
    if local != "manifest":
        return None, [finding("QS013", f"the root element is <{printable(local)}>, not <manifest>", where(root),
                              "a SCORM 1.2 manifest starts with <manifest xmlns=\"" + IMSCP + "\">")]
    findings = []
    if namespace != IMSCP:
        findings.append(finding(
            "QS014", f"<manifest> is in namespace {namespace or '(none)'!r}, not the IMS CP 1.1.2 namespace "
            "of SCORM 1.2", where(root),
            f"declare xmlns=\"{IMSCP}\" on <manifest> (SCORM 2004 packages use another namespace)"))
    return Manifest(root, namespace), findings

