"""Findings as text for people and as JSON for scripts and CI."""
from __future__ import annotations

import json as json_module
import re
from dataclasses import asdict

from qser_scorm.validate.findings import Finding


def sort_key(item: Finding) -> tuple:
    """By file, then line number (numerically), then code."""
    file, _, line = item.where.rpartition(":")
    if file and re.fullmatch(r"\d+", line):
        return (file, int(line), item.code)
    return (item.where, 0, item.code)


def summary(findings: list[Finding]) -> str:
    errors = sum(item.is_error for item in findings)
    warnings = len(findings) - errors
    if not findings:
        return "conformant: no problem found"
    return (f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
            + ("" if errors else " (no error: the package imports and tracks in the big LMSs)"))


def format_findings(findings: list[Finding], json: bool = False) -> str:
    """Every finding sorted by place, then a summary line; or one JSON document with ``json=True``."""
    ordered = sorted(findings, key=sort_key)
    if json:
        return json_module.dumps({
            "conformant": not ordered,
            "errors": sum(item.is_error for item in ordered),
            "warnings": sum(not item.is_error for item in ordered),
            "findings": [asdict(item) for item in ordered],
        }, indent=2, ensure_ascii=False)
    lines = []
    for item in ordered:
        lines.append(f"{item.where}: {item.severity} {item.code}: {item.message}")
        if item.hint:
            lines.append(f"    how to fix: {item.hint}")
    lines.append(summary(ordered))
    return "\n".join(lines)
