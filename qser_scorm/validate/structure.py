"""The SCORM 1.2 schema rules, checked in Python so they work without the XSD files.

Mirrors imscp_rootv1p1p2.xsd (element order, required attributes, xs:ID, maxLength) and
adlcp_rootv1p2.xsd (the adlcp elements and their vocabularies). Every departure is a warning
except a missing <organizations>/<resources>: LMSs tolerate the rest (FIELD-NOTES, "What real
packages look like"). Inline imsmd (LOM) content is left to ``--schemas``.
"""
from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from qser_scorm.validate.findings import Finding, finding, printable
from qser_scorm.validate.manifest import Manifest, repeated, where
from qser_scorm.vocab import ADLCP, IMSMD, XML, XSI

#: imscp content models: the children each element may hold, in order, before its
#: <xsd:any namespace="##other"> wildcard; (name, minOccurs, maxOccurs or None = unbounded).
SEQUENCES: dict[str, tuple[tuple[str, int, int | None], ...]] = {
    "manifest": (("metadata", 0, 1), ("organizations", 1, 1), ("resources", 1, 1), ("manifest", 0, None)),
    "metadata": (("schema", 0, 1), ("schemaversion", 0, 1)),
    "organizations": (("organization", 0, None),),
    "organization": (("title", 0, 1), ("item", 0, None), ("metadata", 0, 1)),
    "item": (("title", 0, 1), ("item", 0, None), ("metadata", 0, 1)),
    "resources": (("resource", 0, None),),
    "resource": (("metadata", 0, 1), ("file", 0, None), ("dependency", 0, None)),
    "file": (("metadata", 0, 1),),
    "dependency": (),
}

#: unqualified attributes of each imscp element: name -> (required, maxLength or None)
ATTRIBUTES: dict[str, dict[str, tuple[bool, int | None]]] = {
    "manifest": {"identifier": (True, None), "version": (False, 20)},
    "organizations": {"default": (False, None)},
    "organization": {"identifier": (True, None), "structure": (False, 200)},
    "item": {"identifier": (True, None), "identifierref": (False, 2000), "isvisible": (False, None),
             "parameters": (False, 1000)},
    "resources": {},
    "resource": {"identifier": (True, None), "type": (True, 1000), "href": (False, 2000)},
    "file": {"href": (True, 2000)},
    "dependency": {"identifierref": (True, 2000)},
}
XML_BASE_ALLOWED = {"manifest", "resources", "resource"}
TEXT_MAX_LENGTH = {"title": 200, "schema": 100, "schemaversion": 20}

#: adlcp global elements -> maxLength (adlcp_rootv1p2.xsd)
ADLCP_ELEMENTS: dict[str, int | None] = {
    "location": 2000, "prerequisites": 200, "maxtimeallowed": 13, "timelimitaction": None,
    "datafromlms": 255, "masteryscore": 200, "schema": 100, "schemaversion": 20,
}
TIME_LIMIT_ACTIONS = ("exit,message", "exit,no message", "continue,message", "continue,no message")
CMI_TIMESPAN = re.compile(r"\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?")  # SCORM 1.2 RTE 3.4.2: CMITimespan
# xs:NCName, approximated with Unicode word characters
NCNAME = re.compile(r"[^\W\d][\w.\-\u00B7\u0300-\u036F\u203F\u2040]*")
MOODLE_IDENTIFIER_MAX = 255  # Moodle's scorm_scoes.identifier column is char(255)


def check_structure(manifest: Manifest) -> list[Finding]:
    """Departures from the imscp and adlcp schemas, found without the XSD files."""
    findings: list[Finding] = []
    for element in manifest.root.iter(etree.Element):
        name = etree.QName(element)
        namespace = name.namespace or ""
        if namespace == manifest.cp and name.localname in SEQUENCES:
            findings += _check_children(manifest, element, name.localname)
            findings += _check_attributes(element, name.localname)
        elif namespace == manifest.cp and name.localname in TEXT_MAX_LENGTH:
            findings += _check_length(element, name.localname, TEXT_MAX_LENGTH[name.localname])
        elif namespace == ADLCP and name.localname in ADLCP_ELEMENTS:
            findings += _check_adlcp_element(element, name.localname)
    findings += check_identifiers(manifest)
    return findings


def _label(element: etree._Element) -> str:
    local = etree.QName(element).localname
    return f"<{element.prefix}:{local}>" if element.prefix else f"<{local}>"


def _check_children(manifest: Manifest, element: etree._Element, local: str) -> list[Finding]:
    sequence = SEQUENCES[local]
    order = [name for name, _, _ in sequence]
    allowed = " then ".join(f"<{name}>" for name in order) or "no element of its own namespace"
    findings, counts, position, first_extension = [], Counter(), 0, None
    for child in element.iterchildren(etree.Element):
        name = etree.QName(child)
        if (name.namespace or "") != manifest.cp:
            first_extension = first_extension or _label(child)
            if not _declared_extension(name):
                findings.append(finding(
                    "QS101", f"{_label(child)} inside <{local}> is an element no SCORM 1.2 schema defines (a "
                    "misspelt name, or vendor data): strict LMSs reject the manifest, Moodle ignores it", where(child),
                    "remove it, or move vendor data into an external metadata file"))
            continue
        child_local = name.localname
        if child_local not in order:
            findings.append(finding(
                "QS101", f"<{printable(child_local)}> is not allowed inside <{local}>", where(child),
                f"inside <{local}> the schema allows {allowed}, then elements of other namespaces"))
            continue
        index = order.index(child_local)
        if first_extension:
            findings.append(finding(
                "QS101", f"<{child_local}> comes after {first_extension} inside <{local}>; the schema wants "
                f"{allowed} first and extension elements last", where(child),
                f"move <{child_local}> before {first_extension}"))
        elif index < position:
            findings.append(finding(
                "QS101", f"<{child_local}> comes after <{order[position]}> inside <{local}>", where(child),
                f"inside <{local}> the order is {allowed}"))
        counts[child_local] += 1
        maximum = sequence[index][2]
        if maximum is not None and counts[child_local] == maximum + 1:
            findings.append(finding("QS101", f"more than {maximum} <{child_local}> inside <{local}>",
                                    where(child), f"keep one <{child_local}>"))
        position = max(position, index)
    for child_local, minimum, _ in sequence:
        if counts[child_local] < minimum:
            findings.append(finding(
                "QS102", f"<{local}> has no <{child_local}>; an LMS finds no content to launch", where(element),
                f"add <{child_local}> to <{local}> (see docs/validate.md for a minimal manifest)"))
    return findings


def _declared_extension(name: etree.QName) -> bool:
    return (name.namespace == ADLCP and name.localname in ADLCP_ELEMENTS) or name.namespace == IMSMD


def _check_attributes(element: etree._Element, local: str) -> list[Finding]:
    findings, allowed = [], ATTRIBUTES.get(local, {})
    for key, value in element.attrib.items():
        name = etree.QName(key)
        if (name.namespace == ADLCP and name.localname.lower() == "scormtype"  # checked in rules.py
                or name.namespace == XSI
                or (name.namespace == XML and name.localname == "base" and local in XML_BASE_ALLOWED)):
            continue
        if name.namespace is not None or name.localname not in allowed:
            findings.append(finding(
                "QS101", f"attribute {printable(key)!r} is not allowed on <{local}>", where(element),
                f"<{local}> takes {', '.join(allowed) or 'no attributes of its own'}; remove the others"))
    for key, (required, max_length) in allowed.items():
        value = element.get(key)
        if value is None and required:
            findings.append(finding("QS103", f"<{local}> has no {key} attribute, which the schema requires",
                                    where(element), f"add {key}=\"...\" to <{local}>"))
        elif value is not None and max_length is not None and len(value) > max_length:
            findings.append(_too_long(element, f"{local}@{key}", len(value), max_length))
    visible = element.get("isvisible")
    if visible is not None and visible.strip() not in ("true", "false", "1", "0"):
        findings.append(finding("QS108", f"isvisible is {printable(visible)!r}, not a boolean", where(element),
                                "write isvisible=\"true\" or isvisible=\"false\""))
    return findings


def _too_long(element: etree._Element, what: str, length: int, max_length: int) -> Finding:
    return finding("QS106", f"{what} has {length} characters; the schema allows {max_length}", where(element),
                   f"shorten it to at most {max_length} characters (LMSs may truncate it)")


def _check_length(element: etree._Element, what: str, max_length: int | None) -> list[Finding]:
    text = element.text or ""
    if max_length is not None and len(text) > max_length:
        return [_too_long(element, f"<{what}>", len(text), max_length)]
    return []


def _check_adlcp_element(element: etree._Element, local: str) -> list[Finding]:
    findings = _check_length(element, f"adlcp:{local}", ADLCP_ELEMENTS[local])
    text = (element.text or "").strip()
    if local == "timelimitaction" and text not in TIME_LIMIT_ACTIONS:
        findings.append(finding("QS108", f"adlcp:timelimitaction is {printable(text)!r}", where(element),
                                "use one of: " + ", ".join(TIME_LIMIT_ACTIONS)))
    elif local == "maxtimeallowed" and not CMI_TIMESPAN.fullmatch(text):
        findings.append(finding("QS108", f"adlcp:maxtimeallowed is {printable(text)!r}, not a CMITimespan",
                                where(element), "write HHHH:MM:SS or HH:MM:SS.SS, e.g. 00:30:00"))
    elif local == "prerequisites" and element.get("type") != "aicc_script":
        findings.append(finding("QS108", "adlcp:prerequisites needs type=\"aicc_script\"", where(element),
                                "add type=\"aicc_script\" (the only type SCORM 1.2 defines)"))
    return findings


def check_identifiers(manifest: Manifest) -> list[Finding]:
    findings = []
    identified = [manifest.root] + [e for local in ("organization", "item", "resource", "manifest")
                                    for e in manifest.iter(local) if e is not manifest.root]
    for element in identified:
        identifier = element.get("identifier")
        if identifier is None:
            continue
        if not NCNAME.fullmatch(identifier):
            findings.append(finding(
                "QS104", f"identifier {_shown(identifier)!r} is not a valid XML ID (it must start with a letter or "
                "'_' and hold only letters, digits, '.', '-' and '_')", where(element),
                "derive identifiers from a fixed prefix plus the course id, e.g. 'ITEM-' + id"))
        if len(identifier) > MOODLE_IDENTIFIER_MAX:
            findings.append(finding(
                "QS302", f"identifier {_shown(identifier)!r} has {len(identifier)} characters; Moodle stores at most "
                f"{MOODLE_IDENTIFIER_MAX} and the import fails", where(element), "use a shorter identifier"))
    for element, identifier, first in repeated(identified, "identifier"):
        findings.append(finding(
            "QS105", f"identifier {_shown(identifier)!r} is also used on line {first}; all identifiers in a "
            "manifest share one namespace", where(element), "give each element its own identifier"))
    return findings


def _shown(identifier: str) -> str:
    return printable(identifier[:80]) + ("..." if len(identifier) > 80 else "")
