"""cmi5 course structures (``cmi5.xml``, cmi5 spec 13.0-14.0): what CourseStructure.xsd does not
check. The XSD types every id as xs:anyURI and checks no reference and no file of the zip."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from qser_scorm.validate.findings import Finding, finding, printable
from qser_scorm.validate.manifest import dangling, repeated, where
from qser_scorm.validate.rules import resolve
from qser_scorm.validate.schemas import CMI5

DESCRIPTOR = "cmi5.xml"
#: 8.1: the query parameters the LMS adds to the AU url at launch
LAUNCH_PARAMETERS = ("endpoint", "fetch", "actor", "registration", "activityId")
#: 13.1.4: moveOn values under which the AU's masteryScore decides something
JUDGED = ("Passed", "CompletedAndPassed", "CompletedOrPassed")
ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")


def _tag(local: str) -> str:
    return f"{{{CMI5}}}{local}"


def check_cmi5(root: etree._Element, names: set[str]) -> tuple[list[Finding], list[str]]:
    """The findings, and the package paths of the AUs' launch pages."""
    if root.tag != _tag("courseStructure"):
        return [finding("QS013", f"the root element of {DESCRIPTOR} is <{printable(etree.QName(root).localname)}> "
                        f"in namespace {printable(etree.QName(root).namespace or '(none)')!r}, not a cmi5 "
                        "<courseStructure>", where(root),
                        f"start {DESCRIPTOR} with <courseStructure xmlns=\"{CMI5}\">")], []
    findings, pages = [], []
    identified = [e for e in root.iter(_tag("course"), _tag("block"), _tag("au"), _tag("objective"))
                  if e.get("id") is not None]  # an objective reference has an idref instead
    for element in identified:
        identifier, local = element.get("id"), etree.QName(element).localname
        if not ABSOLUTE_IRI.fullmatch(identifier.strip()):
            findings.append(finding(
                "QS242", f"the {local} id {printable(identifier)!r} is not an absolute IRI; cmi5 LMSs use it as the "
                "publisher id in xAPI statements and refuse relative ids", where(element),
                "use an IRI you control, e.g. https://example.org/courses/<course>/" + local))
    for element, identifier, first in repeated(identified, "id"):
        findings.append(finding(
            "QS243", f"the id {printable(identifier)!r} is also used on line {first}; each course, block, AU and "
            "objective needs its own id", where(element), "give each element its own id"))
    objective_ids = {o.get("id") for o in root.iterfind(f"{_tag('objectives')}/{_tag('objective')}")}
    for reference, idref in dangling(list(root.iter(_tag("objective"))), "idref", objective_ids):
        findings.append(finding(
            "QS244", f"objective idref {printable(idref)!r} names no objective of the course", where(reference),
            "point idref at an <objective id> in the course's <objectives>"))
    for au in root.iter(_tag("au")):
        findings += _check_au(au, names, pages)
    return findings, pages


def _check_au(au: etree._Element, names: set[str], pages: list[str]) -> list[Finding]:
    findings = []
    shown = printable(au.get("id", ""))
    move_on, mastery = au.get("moveOn", "NotApplicable"), au.get("masteryScore")
    if mastery is not None and move_on not in JUDGED:
        findings.append(finding(
            "QS241", f"AU {shown!r} has masteryScore {printable(mastery)!r} but moveOn {printable(move_on)!r}, "
            "under which passing never counts: the mastery score has no effect", where(au),
            "set moveOn=\"CompletedAndPassed\" (or \"Passed\"), or remove masteryScore"))
    url_element = au.find(_tag("url"))
    url = (url_element.text or "").strip() if url_element is not None else ""
    if not url:
        return findings  # the XSD reports a missing or empty url
    try:
        query = urlsplit(url).query
    except ValueError:
        query = ""
    clashes = [name for name, _ in parse_qsl(query) if name in LAUNCH_PARAMETERS]
    if clashes:
        findings.append(finding(
            "QS245", f"AU {shown!r} url carries {', '.join(clashes)}, which the LMS sets at launch (cmi5 8.1); the AU "
            "may read the wrong value", where(url_element), "rename the parameter, or move it into <launchParameters>"))
    target = resolve(url)
    if target.path is None:
        return findings  # an AU on a web server (a fully qualified url)
    pages.append(target.path)
    if target.path not in names:
        findings.append(finding(
            "QS240", f"AU {shown!r} launches {printable(url)!r}, which is not in the package; the LMS cannot "
            "open it", where(url_element), "add the file to the zip, or fix the url (relative to cmi5.xml)"))
    return findings
