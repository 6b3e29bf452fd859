"""A validation report as text for people and as JSON for scripts and CI."""
from __future__ import annotations

import json as json_module
from typing import TYPE_CHECKING

from qser_scorm.validate.findings import Finding

if TYPE_CHECKING:
    from qser_scorm.validate import Report

#: what "no error" promises under --lms moodle, by package kind (--lms strict: STRICT_NO_ERROR)
NO_ERROR = {"cmi5": "an LMS that plays cmi5 imports it, and it reports to the LMS's LRS",
            "tincan": "a Tin Can launcher (e.g. Moodle's mod_tincanlaunch) opens it, and it reports to the LRS"}
SCORM_NO_ERROR = "the package imports and tracks in Moodle and the big LMSs"
STRICT_NO_ERROR = "the package follows every rule of its standard and its XSDs"


def sort_key(item: Finding) -> tuple:
    """By file, then line number, then code."""
    return (item.file, item.line or 0, item.code)


def summary(report: "Report") -> str:
    errors = sum(item.is_error for item in report.findings)
    warnings = len(report.findings) - errors
    if not report.findings:
        return "conformant: no problem found"
    return (f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
            + ("" if errors else f" (no error: {_promise(report)})"))


def _promise(report: "Report") -> str:
    if report.profile == "strict":
        return STRICT_NO_ERROR
    return NO_ERROR.get(report.kind.id, SCORM_NO_ERROR)


def format_report(report: "Report", json: bool = False) -> str:
    """The kind of package, every finding sorted by place, then a summary line; or one JSON
    document with ``json=True``. Each code's notes (what Moodle, the Moodle app and a strict LMS
    do) follow its first finding."""
    ordered = sorted(report.findings, key=sort_key)
    if json:
        return json_module.dumps({
            "kind": report.kind.id, "kind_name": report.kind.name, "kind_notes": report.kind.notes,
            "profile": report.profile,
            "conformant": not ordered,
            "errors": sum(item.is_error for item in ordered),
            "warnings": sum(not item.is_error for item in ordered),
            "findings": [{"code": item.code, "severity": item.severity, "message": item.message,
                          "where": item.where, "hint": item.hint, "file": item.file, "line": item.line,
                          "notes": item.notes} for item in ordered],
        }, indent=2, ensure_ascii=False)
    descriptor = f" ({report.kind.descriptor})" if report.kind.descriptor else ""
    lines = [f"package: {report.kind.name}{descriptor}; checked for --lms {report.profile}"]
    lines += [f"    {who}: {note}" for who, note in report.kind.notes.items()]
    noted = set()
    for item in ordered:
        lines.append(f"{item.where}: {item.severity} {item.code}: {item.message}")
        if item.hint:
            lines.append(f"    how to fix: {item.hint}")
        if item.code not in noted:
            noted.add(item.code)
            lines += [f"    {who}: {note}" for who, note in item.notes.items()]
    lines.append(summary(report))
    return "\n".join(lines)
