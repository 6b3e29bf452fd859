"""``qser-scorm report``: read statements from an LRS or a file, write the HTML and CSV report."""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

import click

from qser_scorm.commands.params import HTTP_URL
from qser_scorm.errors import QserError
from qser_scorm.write import Artifact, write_artifacts

from qser_scorm.report.aggregate import Report, aggregate
from qser_scorm.report.csv import render_csv
from qser_scorm.report.html import render_html
from qser_scorm.report.read import Skipped, StatementsFileError, mentions, read_lrs, read_statements_file

REPORT_HELP = """Write a report of the course's xAPI statements: report.html (charts, learners,
questions, reflections) and learners.csv, questions.csv, reflections.csv in --out.

Read the statements from an LRS (--lrs URL --user U --password P) or from a JSON file saved
earlier (--from FILE: a list of statements, an LRS answer with "statements", or JSON Lines).

Statements the report cannot read (a field of the wrong type) are left out, with a warning.

Exit codes: 0 written, 2 bad options or an unreadable statements file (or none of its statements
readable), 1 the LRS could not be read (unreachable, wrong password) or holds no statements."""


@click.command("report", help=REPORT_HELP)
@click.option("--lrs", "endpoint", metavar="URL", type=HTTP_URL,
              help="The LRS's xAPI endpoint, e.g. https://lrs.example.org/xAPI/.")
@click.option("--user", envvar="QSER_LRS_USER", help="LRS user name or client key [env QSER_LRS_USER].")
@click.option("--password", envvar="QSER_LRS_PASSWORD",
              help="LRS password or client secret [env QSER_LRS_PASSWORD; safer than the command line].")
@click.option("--activity", metavar="IRI",
              help="Only statements about this activity or inside it: the course IRI (tincan.xml).")
@click.option("--from", "from_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Read statements from this JSON file instead of an LRS.")
@click.option("--out", default="report", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the report into.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds to wait for each answer of the LRS.")
def report_command(endpoint, user, password, activity, from_file, out, timeout) -> None:
    if bool(endpoint) == bool(from_file):
        raise click.UsageError("Give either --lrs URL (with --user and --password) or --from FILE.")
    skipped = Skipped()
    if from_file:
        report, source = _from_file(from_file, activity, skipped), str(from_file)
    else:
        report, source = _from_lrs(endpoint, user, password, activity, timeout, skipped), _public(endpoint)
    if skipped.count and not report.statements:
        error = StatementsFileError if from_file else QserError
        raise error(f"{source} holds no statement the report can read: {skipped}; nothing was written.\n"
                    "Check that the statements are xAPI 1.0.3 JSON (the LRS's export).")
    if skipped.count:
        click.echo(f"warning: {skipped}, in {source}. The report leaves them out.", err=True)
    if not report.statements:
        where = f"{source} holds no statements" + (f" about {activity}" if activity else "")
        raise QserError(f"{where}; nothing was written.\nCheck that learners have played the course "
                        "with this LRS, and that --activity is the course's IRI (the activity id in "
                        "the xAPI package's tincan.xml).")
    files = {"report.html": render_html(report, source + (f", activity {activity}" if activity else "")),
             **render_csv(report)}
    try:
        # Owner-only: the report holds learners' names, e-mail addresses and reflections.
        written = write_artifacts(out, [Artifact(name, text.encode("utf-8")) for name, text in files.items()], 0o600)
    except OSError as error:
        raise QserError(f"Cannot write the report into {out}: {error.strerror}.\n"
                        "Choose another folder with --out.") from None
    for path in written:
        click.echo(path)
    counts = [(report.statements, "statement"), (len(report.learners), "learner"), (len(report.questions), "question")]
    click.echo(", ".join(f"{count} {noun}{'' if count == 1 else 's'}" for count, noun in counts) + ".", err=True)


def _from_file(path: Path, activity: str | None, skipped: Skipped) -> Report:
    size = path.stat().st_size if path.is_file() else 0
    with click.progressbar(length=size, label=f"Reading {path.name}", file=sys.stderr) as bar:
        return aggregate(_about(read_statements_file(path, on_bytes=bar.update, skipped=skipped), activity))


def _from_lrs(endpoint: str, user: str | None, password: str | None, activity: str | None,
              timeout: float, skipped: Skipped) -> Report:
    if user is None or password is None:
        raise click.UsageError("--lrs needs --user and --password (or QSER_LRS_USER and QSER_LRS_PASSWORD).")
    statements = read_lrs(endpoint, user, password, activity, timeout, skipped=skipped)
    with click.progressbar(statements, label="Reading statements from the LRS", file=sys.stderr,
                           show_pos=True, update_min_steps=100) as bar:
        return aggregate(_about(bar, activity))


def _about(statements, activity: str | None):
    return statements if not activity else (s for s in statements if mentions(s, activity))


def _public(endpoint: str) -> str:
    """The endpoint without any user:password@ part, fit to print in the report."""
    parts = urlsplit(endpoint)
    return parts._replace(netloc=parts.hostname + (f":{parts.port}" if parts.port else "")).geturl()

