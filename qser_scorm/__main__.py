"""The ``qser-scorm`` command line. Each command parses options and calls one function."""
from __future__ import annotations

import importlib

import click

from . import __version__
from .commands.params import COURSE_FOLDER, HTTP_URL, OUTPUT_FOLDER

BUILD_HELP = """Build the course in SOURCE (default: course_src) into packages in --out (default: dist).

Exit codes: 0 built, 2 the course source has errors (each is printed with file and line;
nothing is written), 1 any other failure."""

TARGET_HELP = ("What to build: scorm12 (default), scorm2004 (4th Edition), xapi (Tin Can package), cmi5 (cmi5 "
               "course package), workshop (facilitator guide and learner handout as PDF) or all.")

PAPER_HELP = "Paper size of the workshop PDFs."

CHECK_HELP = """Check the course in SOURCE (default: course_src) without building anything.

Prints every error and warning with file and line. Exit codes: 0 no error, 2 errors (or
warnings, with --strict)."""

STRICT_HELP = "Treat warnings (e.g. two pages with the same text, a fuzzy translation) as errors."

UNTRANSLATED_HELP = """Build the languages of `languages:` even where a text is not translated yet: it is shown
in the source language, with a warning per text."""

MULTILINGUAL_HELP = """One package per target holding every language of `languages:` (or of --lang), named
<id>-multilingual-<target>, with a language choice on its cover page, instead of one package per
language. The workshop PDFs stay one set per language."""

EMBED_HELP = """Bake this LRS endpoint and login into the packages, so they send xAPI statements even
when the LMS passes no LRS at launch. Anyone who can download the package can read the login:
use a write-only account for this course. Without it, no credential is ever stored."""


class _LazyGroup(click.Group):
    """A group whose other commands are imported only when used, so `build` starts fast."""

    LAZY = {
        "validate": "qser_scorm.commands.validate:validate_command",
        "report": "qser_scorm.commands.report:report_command",
        "preview": "qser_scorm.commands.preview:preview_command",
        "translate": "qser_scorm.commands.translate:translate_command",
    }

    def list_commands(self, ctx):
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx, name):
        if name in self.LAZY:
            module, _, attribute = self.LAZY[name].partition(":")
            return getattr(importlib.import_module(module), attribute)
        return super().get_command(ctx, name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qser-scorm")
def cli() -> None:
    """Build e-learning packages (SCORM 1.2, SCORM 2004, xAPI, cmi5) from a course written as YAML and Markdown."""


@cli.command(help=BUILD_HELP)
@click.argument("source", default="course_src", type=COURSE_FOLDER)
@click.option("--out", default="dist", show_default=True, type=OUTPUT_FOLDER, help="Output folder.")
@click.option("--target", type=click.Choice(["scorm12", "scorm2004", "xapi", "cmi5", "workshop", "all"]),
              default="scorm12", show_default=True, help=TARGET_HELP)
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True, help=PAPER_HELP)
@click.option("--embed-lrs", metavar="URL", type=HTTP_URL, help=EMBED_HELP)
@click.option("--embed-lrs-user", metavar="USER", envvar="QSER_EMBED_LRS_USER",
              help="User (key) for --embed-lrs [env QSER_EMBED_LRS_USER].")
@click.option("--embed-lrs-password", metavar="PASSWORD", envvar="QSER_EMBED_LRS_PASSWORD",
              help="Password (secret) for --embed-lrs [env QSER_EMBED_LRS_PASSWORD].")
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@click.option("--allow-untranslated", is_flag=True, help=UNTRANSLATED_HELP)
@click.option("--lang", "languages", metavar="LANG[,LANG...]", callback=lambda ctx, param, value: _language_list(value),
              help="Build only these of the course's `languages:` (e.g. --lang en for a quick rebuild).")
@click.option("--multilingual", is_flag=True, help=MULTILINGUAL_HELP)
def build(source: str, out: str, target: str, paper: str, embed_lrs: str | None, embed_lrs_user: str | None,
          embed_lrs_password: str | None, strict: bool, allow_untranslated: bool, languages: tuple[str, ...],
          multilingual: bool) -> None:
    from .pipeline import TARGETS, LrsLogin, build as run_build

    login = None
    if embed_lrs:
        if not (embed_lrs_user and embed_lrs_password):
            raise click.UsageError("--embed-lrs needs --embed-lrs-user and --embed-lrs-password.")
        login = LrsLogin(embed_lrs, embed_lrs_user, embed_lrs_password)
    result = run_build(source, out, TARGETS if target == "all" else (target,), login, strict, paper=paper,
                       allow_untranslated=allow_untranslated, languages=languages, multilingual=multilingual)
    for warning in result.warnings:
        click.echo(warning, err=True)
    for path in result.written:
        click.echo(f"{path}  {_size(path.stat().st_size)}")


@cli.command(help=CHECK_HELP)
@click.argument("source", default="course_src", type=COURSE_FOLDER)
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@click.option("--allow-untranslated", is_flag=True, help=UNTRANSLATED_HELP)
@click.option("--lang", "languages", metavar="LANG[,LANG...]", callback=lambda ctx, param, value: _language_list(value),
              help="Check only these of the course's `languages:`.")
def check(source: str, strict: bool, allow_untranslated: bool, languages: tuple[str, ...]) -> None:
    from .pipeline import check as run_check

    course, warnings = run_check(source, strict, allow_untranslated, languages)
    for warning in warnings:
        click.echo(warning.format(), err=True)
    click.echo(f"{source}: {len(course.pages)} pages, {len(course.assessment.questions)} questions, "
               f"{len(warnings) or 'no'} warning{'s' if len(warnings) != 1 else ''}, no error.")


def _language_list(value: str | None) -> tuple[str, ...]:
    """``--lang el,es`` -> ("el", "es"), each once; an empty list is a usage error."""
    if value is None:
        return ()
    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    if not chosen:
        raise click.BadParameter("name at least one language, e.g. --lang en", param_hint="--lang")
    return chosen


def _size(count: int) -> str:
    return f"{count / 1024:.1f} KB" if count >= 1024 else f"{count} B"


def main() -> None:
    cli(prog_name="qser-scorm")


if __name__ == "__main__":
    main()
