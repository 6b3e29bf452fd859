"""``qser-scorm validate``: a conformance checker for any SCORM 1.2 package, safe on hostile input.

    validate_path("package.zip")          # a zip or an unpacked folder
    validate_files({"imsmanifest.xml": b"...", "index.html": b"..."})   # in memory (the build)
    print(format_findings(findings))      # or format_findings(findings, json=True)

Codes, severities and how findings are graded: docs/validate.md.
"""
from __future__ import annotations

import os
from pathlib import Path

from qser_scorm.validate.archive import Inventory, Limits, read_files, read_path
from qser_scorm.validate.findings import CATALOGUE, ERROR, WARNING, Finding, UnusableInput
from qser_scorm.validate.manifest import locate, parse
from qser_scorm.validate.report import format_findings
from qser_scorm.validate.rules import check_rules
from qser_scorm.validate.structure import check_structure

__all__ = ["CATALOGUE", "ERROR", "WARNING", "Finding", "Limits", "UnusableInput", "format_findings",
           "has_errors", "validate_files", "validate_path"]


def validate_files(files: dict[str, bytes]) -> list[Finding]:
    """Check an in-memory package: relative path ('/'-separated) -> file bytes."""
    return _check(read_files(files))


def validate_path(path: str | os.PathLike, schemas_dir: str | os.PathLike | None = None,
                  limits: Limits = Limits()) -> list[Finding]:
    """Check a zip file or an unpacked package folder; with schemas_dir, also against the XSDs in it.

    Raises :class:`UnusableInput` when the input cannot be checked at all (not a zip, a zip bomb...).
    """
    return _check(read_path(path, limits), schemas_dir)


def has_errors(findings: list[Finding]) -> bool:
    return any(item.is_error for item in findings)


def _check(inventory: Inventory, schemas_dir: str | os.PathLike | None = None) -> list[Finding]:
    findings = list(inventory.findings)
    misplaced = locate(inventory)
    if misplaced:
        return findings + [misplaced]
    manifest, parse_findings = parse(inventory.manifest)
    findings += parse_findings
    if manifest is None:
        return findings
    findings += check_structure(manifest)
    findings += check_rules(manifest, inventory.names)
    if schemas_dir is not None:
        from qser_scorm.validate.schemas import check_against_xsd  # compiles XSDs: only when asked

        findings += check_against_xsd(manifest.root, Path(schemas_dir))
    return findings
