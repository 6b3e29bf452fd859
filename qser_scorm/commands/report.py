"""``qser-scorm report``: read an LRS, a statements file, Moodle's downloads or Moodle's web
services; write the HTML, CSV and XLSX report."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click

from qser_scorm.commands.params import HTTP_URL
from qser_scorm.errors import QserError
from qser_scorm.write import Artifact, write_artifacts

from qser_scorm.report.aggregate import aggregate, statement_language
from qser_scorm.report.answers import keys_by_language, load_key
from qser_scorm.report.csv import render_csv
from qser_scorm.report.html import render_html
from qser_scorm.report.model import Report, anonymised, speaks
from qser_scorm.report.moodle.exports import read_exports
from qser_scorm.report.moodle.tracks import build_report, in_activities_played, in_groups, in_languages
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
in words. A course built per language is one Moodle activity per language: give each activity's
downloads with its language (--moodle-export el=FILE).

--lang el,es keeps the learners who played in those languages (the report is in that language
when it is one: texts from the course's translation); --by-language compares the languages.

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
@click.option("--moodle-export", "moodle_exports", multiple=True, metavar="[LANG=]FILE",
              type=click.Path(dir_okay=False, path_type=Path),
              help="A download of the SCORM activity's Basic, Interactions or Objectives report, or of the "
                   "gradebook (text, ODS or Excel), as Moodle wrote it; repeat for several. LANG= names the "
                   "language of the activity's package (one activity per language).")
@click.option("--moodle", "moodle_url", metavar="URL", help="Read Moodle's web services at this site address.")
@click.option("--token-file", type=click.Path(dir_okay=False, path_type=Path), metavar="F",
              help="File holding the Moodle web service token [or env QSER_MOODLE_TOKEN]; never on the command line.")
@click.option("--cmid", "cmids", multiple=True, metavar="[LANG=]N",
              help="The SCORM activity's course module id: N in its address mod/scorm/view.php?id=N. Repeat "
                   "with LANG= for a course built per language (one activity per language): --cmid el=6 --cmid es=7.")
@click.option("--moodle-course", metavar="SHORTNAME",
              help="The course's short name; needed when the token's user is not enrolled in it (a site admin).")
@click.option("--course", "course_folder", default="course_src", show_default=True, metavar="SOURCE",
              type=click.Path(file_okay=False, path_type=Path),
              help="The course source, for question and option texts of Moodle's data.")
@click.option("--package", type=click.Path(dir_okay=False, path_type=Path), metavar="ZIP",
              help="The SCORM package the learners played, instead of --course.")
@click.option("--group", "groups", multiple=True, metavar="NAME",
              help="Only learners of this Moodle group; repeat to compare several.")
@click.option("--lang", "--language", "languages", multiple=True, metavar="LANG[,LANG...]",
              help="Only learners who played in these languages (comma-separated; repeat for more).")
@click.option("--by-language", is_flag=True,
              help="Compare the languages: learners, completion, pass rate and mean score, and each question's "
                   "figures per language beside all languages together.")
@click.option("--anonymous", is_flag=True, help="Name learners Learner 1, Learner 2, ... (no names or e-mail addresses).")
@click.option("--format", "formats", multiple=True, default=("html", "csv"), show_default=True,
              type=click.Choice(["html", "csv", "xlsx"]), help="Files to write; repeat for several.")
@click.option("--out", default="report", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the report into.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds to wait for each answer of the LRS or of Moodle.")
def report_command(endpoint, user, password, activity, from_file, moodle_exports, moodle_url, token_file, cmids,
                   moodle_course, course_folder, package, groups, languages, by_language, anonymous, formats, out,
                   timeout) -> None:
    sources = [name for name, given in (("--lrs", endpoint), ("--from", from_file),
                                        ("--moodle-export", moodle_exports), ("--moodle", moodle_url)) if given]
    if len(sources) != 1:
        raise click.UsageError("Give one source: --lrs URL, --from FILE, --moodle-export FILE... or --moodle URL"
                               + (f" (not {' and '.join(sources)})." if sources else "."))
    if groups and not (moodle_exports or moodle_url):
        raise click.UsageError("--group needs Moodle's groups: use it with --moodle or --moodle-export.")
    languages = _languages(languages)
    if moodle_exports or moodle_url:
        report, source = _from_moodle(moodle_exports, moodle_url, token_file, cmids, moodle_course,
                                      course_folder, package, groups, languages, timeout)
    else:
        report, source = _from_statements(endpoint, user, password, activity, from_file, languages, timeout)
    report.by_language = by_language
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


def _from_statements(endpoint, user, password, activity, from_file, languages, timeout) -> tuple[Report, str]:
    skipped, wanted = Skipped(), _Wanted(activity, languages)
    if from_file:
        report, source = _from_file(from_file, wanted, skipped), str(from_file)
    else:
        report, source = _from_lrs(endpoint, user, password, wanted, timeout, skipped), _public(endpoint)
    if skipped.count and not report.statements:
        error = StatementsFileError if from_file else QserError
        raise error(f"{source} holds no statement the report can read: {skipped}; nothing was written.\n"
                    "Check that the statements are xAPI 1.0.3 JSON (the LRS's export).")
    if skipped.count:
        click.echo(f"warning: {skipped}, in {source}. The report leaves them out.", err=True)
    if not report.statements and wanted.other_languages:
        found = ", ".join(sorted(tag or "no language" for tag in wanted.other_languages))
        raise QserError(f"{source} holds no statements in {', '.join(languages)}; nothing was written.\n"
                        f"Its statements are in {found}: choose from those with --lang.")
    if not report.statements:
        where = f"{source} holds no statements" + (f" about {activity}" if activity else "")
        raise QserError(f"{where}; nothing was written.\nCheck that learners have played the course "
                        "with this LRS, and that --activity is the course's IRI (the activity id in "
                        "the xAPI package's tincan.xml).")
    return report, source + (f", activity {activity}" if activity else "")


def _from_moodle(exports, url, token_file, cmids, moodle_course, course_folder, package, groups, languages,
                 timeout) -> tuple[Report, str]:
    key = load_key(course_folder, package, languages[0] if len(languages) == 1 else "")
    if exports:
        sources = [_language_tagged(path) for path in exports]
        enrolments, title, records = read_exports(sources, key)
        source = ", ".join(f"{language}={path.name}" if language else path.name for language, path in sources)
        if groups:
            raise click.UsageError("Moodle's downloads name no groups: download the report with Moodle's group "
                                   "selector set, or read the groups through --moodle.")
    else:
        if not cmids:
            raise click.UsageError("--moodle needs --cmid N: N in the activity's address mod/scorm/view.php?id=N.")
        activities = [_activity_id(cmid) for cmid in cmids]
        client = MoodleClient(url, _token(token_file), timeout)
        enrolments, title, records, masteries = [], "", 0, []
        for language, cmid in activities:
            with click.progressbar(length=0, label=f"Reading learners of activity {cmid} from Moodle",
                                   file=sys.stderr, show_pos=True) as bar:
                def learners_found(count: int) -> None:
                    bar.length = count  # noqa: B023 - called at once, inside this iteration
                found, name, read, mastery = read_moodle(client, cmid, moodle_course, bar.update, learners_found)
            masteries.append(mastery)
            for enrolment in found:  # the package's language, unless an attempt saved the learner's choice
                enrolment.language = language or key.played_language
            enrolments, title, records = enrolments + found, title or name, records + read
        # The packages of one course, one per language, share the pass mark: the first one Moodle names.
        key.pass_mark = next((mastery for mastery in masteries if mastery is not None), key.pass_mark)
        if len(activities) > 1:
            enrolments = in_activities_played(enrolments)
        source = f"Moodle {client.site}, " + ", ".join(
            f"activity {language}={cmid}" if language else f"activity {cmid}" for language, cmid in activities)
    known = {group for enrolment in enrolments for group in enrolment.group.split(", ") if group}
    unknown = [group for group in groups if group not in known]
    if unknown:
        raise click.BadParameter(f"no learner is in the group {unknown[0]!r}; the groups are: "
                                 f"{', '.join(sorted(known)) or 'none'}.", param_hint="--group")
    played = in_languages(enrolments, languages)
    if enrolments and not played:
        found = ", ".join(sorted({enrolment.played_in or "not recorded" for enrolment in enrolments}))
        raise click.BadParameter(f"no learner played in {', '.join(languages)}; the languages are: {found}.",
                                 param_hint="--lang")
    chosen = in_groups(played, groups)
    marking = keys_by_language(course_folder, package, sorted({e.played_in for e in chosen} - {""}))
    return build_report(chosen, key, title, records, marking), source


#: A BCP 47 language tag as the report takes it (RFC 5646: a 2-3 letter language, then subtags).
_LANGUAGE_TAG = r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*"
#: ``el=FILE``, ``es-ES=FILE``
_LANGUAGE_TAGGED = re.compile(rf"({_LANGUAGE_TAG})=(.+)", re.DOTALL)


def _language_tagged(given: Path) -> tuple[str, Path]:
    """(language, file) of ``--moodle-export [LANG=]FILE``; a file that exists under the whole
    name is that file, even with an ``=`` in it."""
    match = _LANGUAGE_TAGGED.fullmatch(str(given))
    if match and not given.exists():
        return match.group(1), Path(match.group(2))
    return "", given


def _activity_id(given: str) -> tuple[str, int]:
    """(language, course module id) of ``--cmid [LANG=]N``."""
    match = re.fullmatch(rf"(?:({_LANGUAGE_TAG})=)?([1-9][0-9]*)", given.strip())
    if not match:
        raise click.BadParameter(f"{given!r} is not a course module id; write the N of mod/scorm/view.php?id=N, "
                                 "with its package's language for a course built per language: el=6.",
                                 param_hint="--cmid")
    return match.group(1) or "", int(match.group(2))


def _languages(given: tuple[str, ...]) -> tuple[str, ...]:
    """``--lang el,es --lang de`` -> ("el", "es", "de"), each checked to be a language tag."""
    languages = tuple(part.strip() for value in given for part in value.split(",") if part.strip())
    wrong = [language for language in languages if not re.fullmatch(_LANGUAGE_TAG, language)]
    if wrong:
        raise click.BadParameter(f"{wrong[0]!r} is not a language tag; write e.g. el, es or es-ES.",
                                 param_hint="--lang")
    return languages


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


def _from_file(path: Path, wanted: _Wanted, skipped: Skipped) -> Report:
    size = path.stat().st_size if path.is_file() else 0
    with click.progressbar(length=size, label=f"Reading {path.name}", file=sys.stderr) as bar:
        return aggregate(wanted.only(read_statements_file(path, on_bytes=bar.update, skipped=skipped)),
                         wanted.report_language)


def _from_lrs(endpoint: str, user: str | None, password: str | None, wanted: _Wanted,
              timeout: float, skipped: Skipped) -> Report:
    if user is None or password is None:
        raise click.UsageError("--lrs needs --user and --password (or QSER_LRS_USER and QSER_LRS_PASSWORD).")
    statements = read_lrs(endpoint, user, password, wanted.activity, timeout, skipped=skipped)
    with click.progressbar(statements, label="Reading statements from the LRS", file=sys.stderr,
                           show_pos=True, update_min_steps=100) as bar:
        return aggregate(wanted.only(bar), wanted.report_language)


class _Wanted:
    """Which statements the report is about: ``--activity`` and ``--lang``. Remembers the
    languages of the statements it left out, for the message when none is left."""

    def __init__(self, activity: str | None, languages: tuple[str, ...]):
        self.activity, self.languages = activity, languages
        self.other_languages: set[str] = set()
        #: one language asked for: the report is in it, where the activities' language maps have it
        self.report_language = languages[0] if len(languages) == 1 else "en"

    def only(self, statements):
        for statement in statements:
            if self.activity and not mentions(statement, self.activity):
                continue
            if self.languages:
                language = statement_language(statement)
                if not speaks(language, self.languages):
                    self.other_languages.add(language)
                    continue
            yield statement


def _public(endpoint: str) -> str:
    """The endpoint without any user:password@ part, fit to print in the report."""
    parts = urlsplit(endpoint)
    return parts._replace(netloc=parts.hostname + (f":{parts.port}" if parts.port else "")).geturl()

