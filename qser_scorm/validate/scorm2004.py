"""SCORM 2004 rules the XSDs miss, and where Moodle reads a manifest otherwise than the standard.

Sequencing is parsed, never run: the checks look at the values an LMS hands the SCO
(``cmi.completion_threshold``, ``cmi.scaled_passing_score``) and at the sequencing Moodle does
not follow (it uses flow navigation only). Element structure and value ranges are the XSDs'
job (``schemas.py``); the python checks here repeat a range only where a wrong value changes
what the learner needs to pass.
"""
from __future__ import annotations

from lxml import etree

from qser_scorm.validate.findings import Finding, finding, printable
from qser_scorm.validate.manifest import ADLSEQ, IMSSS, Manifest, dangling, where
from qser_scorm.validate.rules import DECIMAL
from qser_scorm.validate.structure import check_identifiers


def check_scorm2004(manifest: Manifest) -> list[Finding]:
    findings = check_identifiers(manifest)
    for item in manifest.iter("item"):
        findings += _completion_threshold(manifest, item)
        if item.get("identifierref"):
            findings += _passing_score(item)
    findings += _sequencing(manifest)
    return findings


def _imsss(local: str) -> str:
    return f"{{{IMSSS}}}{local}"


def _number(text: str | None, low: float, high: float) -> float | None:
    """The value when it is a decimal from low to high, else None."""
    text = (text or "").strip()
    return float(text) if DECIMAL.fullmatch(text) and low <= float(text) <= high else None


def _completion_threshold(manifest: Manifest, item: etree._Element) -> list[Finding]:
    findings = []
    for threshold in item.findall(manifest.adlcp("completionThreshold")):
        by_measure = threshold.get("completedByMeasure", "false").strip() in ("true", "1")
        minimum = threshold.get("minProgressMeasure")
        if minimum is not None and _number(minimum, 0, 1) is None:
            findings.append(finding(
                "QS108", f"minProgressMeasure is {printable(minimum)!r}, not a number from 0 to 1", where(threshold),
                "write the share of the content a learner must see, e.g. minProgressMeasure=\"0.8\""))
        elif minimum is None and (threshold.text or "").strip():
            findings.append(finding(
                "QS221", f"adlcp:completionThreshold holds {printable(threshold.text.strip())!r} as text (the 3rd "
                "Edition form); Moodle reads only the minProgressMeasure attribute, so it sets "
                "cmi.completion_threshold to 1.0 and the SCO stays incomplete below 100 % progress",
                where(threshold), f"write <adlcp:completionThreshold completedByMeasure=\"true\" "
                f"minProgressMeasure=\"{printable(threshold.text.strip())}\"/>"))
        elif minimum is None and not by_measure:  # with completedByMeasure both read 1.0, the default
            findings.append(finding(
                "QS221", "adlcp:completionThreshold has no minProgressMeasure: Moodle then sets "
                "cmi.completion_threshold to 1.0, so the SCO stays incomplete below 100 % progress, while the "
                "standard ignores the element (completedByMeasure is false)",
                where(threshold), "remove the element, or give it completedByMeasure=\"true\" and an explicit "
                "minProgressMeasure"))
        elif not by_measure:
            findings.append(finding(
                "QS221", f"adlcp:completionThreshold has minProgressMeasure {printable(minimum)!r} but "
                "completedByMeasure is false: Moodle applies the threshold anyway, a strict LMS ignores it, so "
                "completion differs between them", where(threshold),
                "add completedByMeasure=\"true\" if progress decides completion, else remove the element"))
    return findings


def _passing_score(item: etree._Element) -> list[Finding]:
    """What each LMS hands the SCO as cmi.scaled_passing_score (REFERENCE (e): Moodle takes the last
    objective's minNormalizedMeasure, the standard the primary objective's when satisfiedByMeasure)."""
    objectives = item.find(f"{_imsss('sequencing')}/{_imsss('objectives')}")
    if objectives is None:
        return []
    findings, measured = [], []
    for objective in objectives:
        if not isinstance(objective.tag, str):
            continue
        measure = objective.find(_imsss("minNormalizedMeasure"))
        if measure is not None:
            if _number(measure.text, -1, 1) is None:
                findings.append(finding(
                    "QS108", f"minNormalizedMeasure is {printable((measure.text or '').strip())!r}, not a number "
                    "from -1 to 1", where(measure), "write the pass mark as a fraction, e.g. 0.8 for 80 %"))
            measured.append(objective)
    primary = objectives.find(_imsss("primaryObjective"))
    by_measure = primary is not None and primary.get("satisfiedByMeasure", "false").strip() in ("true", "1")
    if by_measure and primary.find(_imsss("minNormalizedMeasure")) is None:
        findings.append(finding(
            "QS222", "the primary objective is satisfied by measure but has no minNormalizedMeasure: the default "
            "1.0 means learners need 100 % to pass", where(primary),
            "add <imsss:minNormalizedMeasure> with the pass mark as a fraction, e.g. 0.8"))
    elif not measured:
        findings.append(finding(
            "QS222", "the item's objectives have no minNormalizedMeasure: Moodle then hands the SCO "
            "cmi.scaled_passing_score 1.0 (learners need 100 % to pass), a strict LMS none", where(objectives),
            "add <imsss:minNormalizedMeasure> with the pass mark to the primary objective, with "
            "satisfiedByMeasure=\"true\""))
    elif _measure(measured[-1]) != (_measure(primary) if by_measure else None):
        findings.append(finding(
            "QS222", f"Moodle hands the SCO the minNormalizedMeasure of the last objective that has one "
            f"({printable(measured[-1].get('objectiveID', 'the primary objective'))!r}: "
            f"{printable(str(_measure(measured[-1])))}) as its passing score, a strict LMS the primary objective's "
            f"when it is satisfied by measure ({printable(str(_measure(primary) if by_measure else 'none'))}): "
            "the pass mark differs between them", where(measured[-1]),
            "give every objective the primary objective's minNormalizedMeasure, with satisfiedByMeasure=\"true\" "
            "on the primary objective"))
    return findings


def _measure(objective: etree._Element | None) -> str | None:
    """An objective's minNormalizedMeasure as written (trimmed), None when it has none."""
    measure = objective.find(_imsss("minNormalizedMeasure")) if objective is not None else None
    return (measure.text or "").strip() if measure is not None else None


def _sequencing(manifest: Manifest) -> list[Finding]:
    findings = []
    collection = manifest.root.find(_imsss("sequencingCollection"))
    named = {s.get("ID") for s in collection.iter(_imsss("sequencing"))} if collection is not None else set()
    if collection is not None:
        findings.append(finding(
            "QS223", "the manifest has an imsss:sequencingCollection; Moodle does not read it, so the sequencing "
            "there does not apply in Moodle", where(collection),
            "write the sequencing each item needs inside the item's own <imsss:sequencing>"))
    for sequencing, reference in dangling(list(manifest.root.iter(_imsss("sequencing"))), "IDRef", named):
        findings.append(finding(
            "QS224", f"imsss:sequencing IDRef={printable(reference)!r} names no sequencing of the "
            "sequencingCollection; strict LMSs refuse the package", where(sequencing),
            "point IDRef at the ID of a <imsss:sequencing> in <imsss:sequencingCollection>, or remove it"))
    scos = sum(1 for item in manifest.iter("item") if item.get("identifierref"))
    shared = [e for e in manifest.root.iter(_imsss("mapInfo"), f"{{{ADLSEQ}}}objectivesGlobalToSystem")]
    if scos > 1 and shared:
        findings.append(finding(
            "QS223", "the SCOs share global objectives (imsss:mapInfo); Moodle stores them but never passes them "
            "from one SCO to another, so sequencing that depends on them does not work in Moodle", where(shared[0]),
            "do not rely on shared objectives in Moodle: let each SCO report its own status"))
    return findings
