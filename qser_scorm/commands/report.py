"""``qser-scorm report``: read an LRS, a statements file, Moodle's downloads or Moodle's web
services; write the HTML, CSV and XLSX report."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click

from qser_scorm.commands.params import HTTP_URL
from qser_scorm.errors import QserError
from qser_scorm.write import Artifact, write_artifacts

from qser_scorm.report.aggregate import aggregate
from qser_scorm.report.answers import load_key
from qser_scorm.report.csv import render_csv
from qser_scorm.report.html import render_html
from qser_scorm.report.model import Report, anonymised
from qser_scorm.report.moodle.exports import read_exports
from qser_scorm.report.moodle.tracks import build_report, in_groups
from qser_scorm.report.moodle.webservice import MoodleClient, read_moodle
from qser_scorm.report.xlsx import render_xlsx
from qser_scorm.report.read import Skipped, StatementsFileError, mentions, read_lrs, read_statements_file

REPORT_HELP = """Write a report of who completed, passed, scored what and answered what:
report.html (charts, learners, questions, objectives, reflections), one CSV file per table
(learners.csv, questions.csv, objectives.csv, reflections.csv) and, with --format xlsx, report.xlsx.

Read it from one source: an LRS (--lrs URL --user U --password P); a JSON file of xAPI or cmi5
statements saved earlier (--from FILE: a list, an LRS answer with "statements", or JSON Lines);
Moodle's downloads of the SCORM activity's reports and the gradebook (--moodle-export FILE...);
or Moodle's web services (--moodle URL --token-file F --cmid N). Moodle stores answers as codes:
give the course source (--course, default course_src) or the package (--package ZIP) to show them
in words.

Statements the report cannot read (a field of the wrong type) are left out, with a warning.

Exit codes: 0 written, 2 bad options, an unreadable file (or none of its statements readable), or
Moodle refused the token or a function, 1 the LRS or Moodle could not be reached, or no records."""


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
@click.option("--moodle-export", "moodle_exports", multiple=True, metavar="FILE",
              type=click.Path(dir_okay=False, path_type=Path),
              help="A download of the SCORM activity's Basic, Interactions or Objectives report, or of the "
                   "gradebook (text, ODS or Excel), as Moodle wrote it; repeat for several.")
@click.option("--moodle", "moodle_url", metavar="URL", help="Read Moodle's web services at this site address.")
@click.option("--token-file", type=click.Path(dir_okay=False, path_type=Path), metavar="F",
              help="File holding the Moodle web service token [or env QSER_MOODLE_TOKEN]; never on the command line.")
@click.option("--cmid", type=click.IntRange(min=1), metavar="N",
              help="The SCORM activity's course module id: N in its address mod/scorm/view.php?id=N.")
@click.option("--moodle-course", metavar="SHORTNAME",
              help="The course's short name; needed when the token's user is not enrolled in it (a site admin).")
@click.option("--course", "course_folder", default="course_src", show_default=True, metavar="SOURCE",
              type=click.Path(file_okay=False, path_type=Path),
              help="The course source, for question and option texts of Moodle's data.")
@click.option("--package", type=click.Path(dir_okay=False, path_type=Path), metavar="ZIP",
              help="The SCORM package the learners played, instead of --course.")
@click.option("--group", "groups", multiple=True, metavar="NAME",
              help="Only learners of this Moodle group; repeat to compare several.")
@click.option("--anonymous", is_flag=True, help="Name learners Learner 1, Learner 2, ... (no names or e-mail addresses).")
@click.option("--format", "formats", multiple=True, default=("html", "csv"), show_default=True,
              type=click.Choice(["html", "csv", "xlsx"]), help="Files to write; repeat for several.")
@click.option("--out", default="report", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the report into.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds to wait for each answer of the LRS or of Moodle.")
def report_command(endpoint, user, password, activity, from_file, moodle_exports, moodle_url, token_file, cmid,
                   moodle_course, course_folder, package, groups, anonymous, formats, out, timeout) -> None:
    sources = [name for name, given in (("--lrs", endpoint), ("--from", from_file),
                                        ("--moodle-export", moodle_exports), ("--moodle", moodle_url)) if given]
    if len(sources) != 1:
        raise click.UsageError("Give one source: --lrs URL, --from FILE, --moodle-export FILE... or --moodle URL"
                               + (f" (not {' and '.join(sources)})." if sources else "."))
    if groups and not (moodle_exports or moodle_url):
        raise click.UsageError("--group needs Moodle's groups: use it with --moodle or --moodle-export.")
    if moodle_exports or moodle_url:
        report, source = _from_moodle(moodle_exports, moodle_url, token_file, cmid, moodle_course,
                                      course_folder, package, groups, timeout)
    else:
        report, source = _from_statements(endpoint, user, password, activity, from_file, timeout)
    if anonymous:
        report = anonymised(report)
    files = {}
    if "html" in formats:
        files["report.html"] = render_html(report, source).encode("utf-8")
    if "csv" in formats:
        files |= {name: text.encode("utf-8") for name, text in render_csv(report).items()}
    if "xlsx" in formats:
        files["report.xlsx"] = render_xlsx(report)
    try:
        # Owner-only: the report holds learners' names, e-mail addresses and reflections.
        written = write_artifacts(out, [Artifact(name, data) for name, data in files.items()], 0o600)
    except OSError as error:
        raise QserError(f"Cannot write the report into {out}: {error.strerror}.\n"
                        "Choose another folder with --out.") from None
    for path in written:
        click.echo(path)
    counts = [(report.statements, "statement" if endpoint or from_file else "attempt"),
              (len(report.learners), "learner"), (len(report.questions), "question")]
    click.echo(", ".join(f"{count} {noun}{'' if count == 1 else 's'}" for count, noun in counts) + ".", err=True)


def _from_statements(endpoint, user, password, activity, from_file, timeout) -> tuple[Report, str]:
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
    return report, source + (f", activity {activity}" if activity else "")


def _from_moodle(exports, url, token_file, cmid, moodle_course, course_folder, package, groups,
                 timeout) -> tuple[Report, str]:
    key = load_key(course_folder, package)
    if exports:
        enrolments, title, records = read_exports(list(exports), key)
        source = ", ".join(path.name for path in exports)
        if groups:
            raise click.UsageError("Moodle's downloads name no groups: download the report with Moodle's group "
                                   "selector set, or read the groups through --moodle.")
    else:
        if cmid is None:
            raise click.UsageError("--moodle needs --cmid N: N in the activity's address mod/scorm/view.php?id=N.")
        client = MoodleClient(url, _token(token_file), timeout)
        with click.progressbar(length=0, label="Reading learners from Moodle", file=sys.stderr, show_pos=True) as bar:
            def learners_found(count: int) -> None:
                bar.length = count
            enrolments, title, records, mastery = read_moodle(client, cmid, moodle_course, bar.update, learners_found)
        key.pass_mark = mastery if mastery is not None else key.pass_mark
        source = f"Moodle {client.site}, activity {cmid}"
    known = {group for enrolment in enrolments for group in enrolment.group.split(", ") if group}
    unknown = [group for group in groups if group not in known]
    if unknown:
        raise click.BadParameter(f"no learner is in the group {unknown[0]!r}; the groups are: "
                                 f"{', '.join(sorted(known)) or 'none'}.", param_hint="--group")
    return build_report(in_groups(enrolments, groups), key, title, records), source


def _token(token_file: Path | None) -> str:
    """The token from --token-file, else QSER_MOODLE_TOKEN; never an option's value (shell history, ps)."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as error:
            raise click.BadParameter(f"cannot read {token_file}: {getattr(error, 'strerror', None) or error}.",
                                     param_hint="--token-file") from None
    else:
        token = os.environ.get("QSER_MOODLE_TOKEN", "").strip()
    if not token:
        raise click.UsageError("--moodle needs a token: --token-file F (a file holding only the token) or the "
                               "environment variable QSER_MOODLE_TOKEN.")
    return token


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

