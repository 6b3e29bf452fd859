"""Tin Can packages (``tincan.xml`` at the root): activities, their ids and launch files."""
from __future__ import annotations

from lxml import etree

from qser_scorm.validate.cmi5 import ABSOLUTE_IRI
from qser_scorm.validate.findings import Finding, finding, printable
from qser_scorm.validate.manifest import where
from qser_scorm.validate.rules import resolve
from qser_scorm.vocab import TINCAN_NS, TINCAN_XML as DESCRIPTOR


def check_tincan(root: etree._Element, names: set[str]) -> tuple[list[Finding], list[str]]:
    """The findings, and the package paths of the activities' launch pages."""
    if etree.QName(root).localname != "tincan":
        return [finding("QS013", f"the root element of {DESCRIPTOR} is <{printable(etree.QName(root).localname)}>, "
                        "not <tincan>", where(root), f"start {DESCRIPTOR} with <tincan xmlns=\"{TINCAN_NS}\">")], []
    namespace = etree.QName(root).namespace or ""
    tag = (lambda local: f"{{{namespace}}}{local}") if namespace else (lambda local: local)
    findings, pages, launches = [], [], 0
    for activity in root.iter(tag("activity")):
        identifier = activity.get("id", "")
        if not ABSOLUTE_IRI.fullmatch(identifier.strip()):
            findings.append(finding(
                "QS242", f"activity id {printable(identifier)!r} is not an absolute IRI; an LRS refuses statements "
                "about it", where(activity), "use an IRI you control, e.g. https://example.org/courses/<course>"))
        for launch in activity.iter(tag("launch")):
            href = (launch.text or "").strip()
            launches += bool(href)
            target = resolve(href)
            if target.path is None:
                continue
            pages.append(target.path)
            if target.path not in names:
                findings.append(finding(
                    "QS251", f"activity {printable(identifier)!r} launches {printable(href)!r}, which is not in the "
                    "package", where(launch), "add the file to the zip, or fix <launch> (relative to tincan.xml)"))
    if not launches:
        findings.append(finding(
            "QS250", f"{DESCRIPTOR} lists no activity with a <launch> file; an LMS has nothing to open", where(root),
            "add <activity id=...><name>...</name><launch lang=\"en\">index.html</launch></activity> to <activities>"))
    return findings, pages
