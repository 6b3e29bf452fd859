"""The ``qser-scorm validate`` command (registered in qser_scorm/__main__.py)."""
from __future__ import annotations

import json

import click

from qser_scorm.validate import PROFILES, UnusableInput, format_report, has_errors, validate

HELP = """Check a package before uploading it to an LMS: SCORM 1.2, SCORM 2004 (2nd, 3rd, 4th
Edition), cmi5 or Tin Can, as a zip or an unpacked folder. The first line says which kind it is.

By default the package is also checked against the official XSD files shipped with qser-scorm,
and graded for Moodle (--lms moodle: an error breaks import or tracking there, a warning does
not). --lms strict makes every rule of the standard and its XSDs an error: the mode for the CI
of the tools that make packages.

Exit code 0 when the package has no error (warnings alone are printed but pass), 1 when it has
errors, 2 when PATH cannot be checked at all. Nothing is extracted to disk. Codes and how to
fix each finding: docs/validate.md."""


@click.command("validate", help=HELP)
@click.argument("path", type=click.Path(exists=True, dir_okay=True, file_okay=True))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document (for scripts and CI).")
@click.option("--lms", type=click.Choice(PROFILES), default="moodle", show_default=True,
              help="Grade findings for Moodle, or as a strict LMS would (every schema and spec rule an error).")
@click.option("--schemas", "schemas_dir", type=click.Path(exists=True, file_okay=False),
              help="Check against the XSD files in this folder instead of the shipped ones.")
@click.option("--no-schemas", is_flag=True, help="Skip the XSD check (the rules checked in Python remain).")
@click.pass_context
def validate_command(context: click.Context, path: str, as_json: bool, lms: str, schemas_dir: str | None,
                     no_schemas: bool) -> None:
    if no_schemas and schemas_dir:
        raise click.UsageError("--schemas and --no-schemas exclude each other; give one of them")
    try:
        report = validate(path, schemas=False if no_schemas else (schemas_dir or True), lms=lms)
    except UnusableInput as exc:
        if as_json:
            click.echo(json.dumps({"usable": False, "message": exc.message}, ensure_ascii=False))
        else:
            click.echo(f"error: {exc.message}", err=True)
        context.exit(exc.exit_code)
    click.echo(format_report(report, json=as_json))
    context.exit(1 if has_errors(report.findings) else 0)
