"""The ``qser-scorm validate`` command (registered in qser_scorm/__main__.py)."""
from __future__ import annotations

import json

import click

from qser_scorm.validate import UnusableInput, format_findings, has_errors, validate_path

HELP = """Check a SCORM 1.2 package (a zip or an unpacked folder) before uploading it to an LMS.

Exit code 0 when the package has no error (warnings alone are printed but pass), 1 when it has
errors, 2 when PATH cannot be checked at all. Nothing is extracted to disk. Codes and how to
fix each finding: docs/validate.md."""


@click.command("validate", help=HELP)
@click.argument("path", type=click.Path(exists=True, dir_okay=True, file_okay=True))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document (for scripts and CI).")
@click.option("--schemas", "schemas_dir", type=click.Path(exists=True, file_okay=False),
              help="Also validate against the official SCORM 1.2 XSD files in this folder.")
def validate_command(path: str, as_json: bool, schemas_dir: str | None) -> None:
    try:
        findings = validate_path(path, schemas_dir=schemas_dir)
    except UnusableInput as exc:
        if as_json:
            click.echo(json.dumps({"usable": False, "message": exc.message}, ensure_ascii=False))
        else:
            click.echo(f"error: {exc.message}", err=True)
        raise SystemExit(exc.exit_code) from None
    click.echo(format_findings(findings, json=as_json))
    raise SystemExit(1 if has_errors(findings) else 0)
