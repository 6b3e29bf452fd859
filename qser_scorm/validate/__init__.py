"""``qser-scorm validate``: a conformance checker for any e-learning package (SCORM 1.2, SCORM
2004, cmi5, Tin Can), safe on hostile input.

    report = validate("package.zip")                  # a zip, an unpacked folder, or {name: bytes}
    report.kind.name, report.findings                 # "SCORM 2004 4th Edition", [Finding, ...]
    print(format_report(report))                      # or format_report(report, json=True)

``validate_path`` and ``validate_files`` return the findings alone. Codes, severities per LMS
profile and how findings are graded: docs/validate.md.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from qser_scorm.validate.archive import Inventory, Limits, read_files, read_path
from qser_scorm.validate.cmi5 import check_cmi5
from qser_scorm.validate.findings import (CATALOGUE, ERROR, PROFILES, WARNING, Finding, UnusableInput,
                                          cap_repeats, finding)
from qser_scorm.validate.kind import Kind, scorm_kind, unrecognised_kind, xapi_kind
from qser_scorm.validate.manifest import SCORM2004, locate, parse, parse_xml
from qser_scorm.validate.pages import check_launch_pages
from qser_scorm.validate.report import format_report
from qser_scorm.validate.rules import check_rules, sco_launch_pages
from qser_scorm.validate.schemas import check_against_xsd, schemas_folder
from qser_scorm.validate.scorm2004 import check_scorm2004
from qser_scorm.validate.structure import check_structure
from qser_scorm.validate.tincan import check_tincan
from qser_scorm.vocab import MANIFEST

__all__ = ["CATALOGUE", "ERROR", "PROFILES", "WARNING", "Finding", "Kind", "Limits", "Report", "UnusableInput",
           "format_report", "has_errors", "validate", "validate_files", "validate_path"]

#: Moodle's default upload limit: 0 ("site upload limit") means PHP's upload_max_filesize, 2M by default
MOODLE_DEFAULT_UPLOAD_BYTES = 2 * 2**20
AICC_ONLY = finding("QS020", "this is an AICC package (course structure files, no imsmanifest.xml); only its zip "
                    "container was checked", "(package)", "upload it as AICC; for the Moodle app or any SCORM-only "
                    "LMS, publish it again as SCORM 1.2")
#: what the schemas argument takes: True = the shipped XSDs, False = none, a folder = those in it
Schemas = bool | str | os.PathLike


@dataclass(frozen=True)
class Report:
    kind: Kind
    profile: str  #: "moodle" or "strict": the severities the findings carry
    findings: list[Finding]


def validate(package: str | os.PathLike | dict[str, bytes], schemas: Schemas = True, lms: str = "moodle",
             limits: Limits = Limits()) -> Report:
    """Check a zip file, an unpacked package folder, or an in-memory package (relative path ->
    bytes), graded for the ``lms`` profile.

    Raises :class:`UnusableInput` when the input cannot be checked at all (not a zip, a zip bomb,
    an unusable schemas folder...).
    """
    if lms not in PROFILES:
        raise ValueError(f"unknown LMS profile {lms!r}; choose from {', '.join(PROFILES)}")
    inventory = read_files(package) if isinstance(package, dict) else read_path(package, limits)
    override = None if isinstance(schemas, bool) else Path(schemas)
    try:
        kind, findings = _check(inventory, schemas is not False, override)
    finally:
        inventory.close()
    findings = cap_repeats(_without_schema_echoes(findings))
    return Report(kind, lms, [item.graded(lms) for item in findings])


def validate_path(path: str | os.PathLike, schemas: Schemas = True, lms: str = "moodle",
                  limits: Limits = Limits()) -> list[Finding]:
    """The findings of a zip file or an unpacked package folder."""
    return validate(path, schemas, lms, limits).findings


def validate_files(files: dict[str, bytes], schemas: Schemas = True, lms: str = "moodle") -> list[Finding]:
    """The findings of an in-memory package: relative path ('/'-separated) -> file bytes."""
    return validate(files, schemas, lms).findings


def has_errors(findings: list[Finding]) -> bool:
    return any(item.is_error for item in findings)


def _check(inventory: Inventory, with_schemas: bool, override: Path | None) -> tuple[Kind, list[Finding]]:
    findings = list(inventory.findings)
    if MANIFEST in inventory.descriptors:
        kind, more = _check_scorm(inventory, with_schemas, override)
    elif inventory.descriptors:
        kind, more = _check_xapi(inventory, with_schemas, override)
    else:
        kind = unrecognised_kind(inventory.names)
        more = [AICC_ONLY if kind.id == "aicc" else locate(inventory)]
    findings += more
    if inventory.upload_bytes is not None and inventory.upload_bytes > MOODLE_DEFAULT_UPLOAD_BYTES:
        findings.append(finding(
            "QS303", f"the zip has {inventory.upload_bytes / 2**20:.1f} MB; a Moodle with the default upload limit "
            f"({MOODLE_DEFAULT_UPLOAD_BYTES // 2**20} MB, PHP's upload_max_filesize) refuses it", "(package)",
            "ask the Moodle admin to raise upload_max_filesize and post_max_size (and the site's maximum "
            "upload size), or make the package smaller (compress videos, drop unused media)"))
    return kind, findings


def _check_scorm(inventory: Inventory, with_schemas: bool, override: Path | None) -> tuple[Kind, list[Finding]]:
    manifest, findings = parse(inventory.manifest)
    kind = scorm_kind(manifest)
    if manifest is None:
        return kind, findings
    findings += check_scorm2004(manifest) if manifest.dialect is SCORM2004 else check_structure(manifest)
    findings += check_rules(manifest, inventory.names)
    if with_schemas:
        findings += _against_schemas(manifest.root, kind.id, override)
    findings += check_launch_pages(inventory, sco_launch_pages(manifest), scorm=manifest.dialect.version)
    return kind, findings


def _check_xapi(inventory: Inventory, with_schemas: bool, override: Path | None) -> tuple[Kind, list[Finding]]:
    descriptor = "cmi5.xml" if "cmi5.xml" in inventory.descriptors else "tincan.xml"
    kind = xapi_kind(descriptor)
    root, findings = parse_xml(descriptor, inventory.descriptors[descriptor])
    if root is None:
        return kind, findings
    more, pages = (check_cmi5 if kind.id == "cmi5" else check_tincan)(root, inventory.names)
    findings += more
    if with_schemas and kind.id == "cmi5":
        findings += _against_schemas(root, "cmi5", override)
    return kind, findings + check_launch_pages(inventory, pages, scorm=None)


def _against_schemas(root, kind_id: str, override: Path | None) -> list[Finding]:
    return check_against_xsd(root, kind_id, schemas_folder(kind_id, override))


def _without_schema_echoes(findings: list[Finding]) -> list[Finding]:
    """Drop the XSD's report (QS401) of a line where a schema rule checked in Python (QS1xx)
    already says the same, in words that name the fix."""
    explained = {(f.file, f.line) for f in findings if f.code.startswith("QS1")}
    return [f for f in findings if f.code != "QS401" or (f.file, f.line) not in explained]
