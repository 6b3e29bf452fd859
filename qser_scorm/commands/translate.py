"""``qser-scorm translate``: PO catalogs per language (extract, status) and XLIFF 2.0 (export, import)."""
from __future__ import annotations

from pathlib import Path

import click

from qser_scorm.course.load import load_course
from qser_scorm.errors import CourseError
from qser_scorm.translate.apply import unreadable
from qser_scorm.translate.catalog import (catalog_bytes, po_path, read_catalog, status, translations_folder,
                                         updated_catalog)
from qser_scorm.translate.units import units
from qser_scorm.translate.xliff import XliffError, export_xliff, import_xliff, target_language
from qser_scorm.write import Artifact, write_artifacts

SOURCE = click.argument("source", default="course_src", type=click.Path(exists=True, file_okay=False, path_type=Path))
LANGS = click.option("--lang", "languages", metavar="LANG[,LANG...]",
                     help="Languages, comma-separated (default: course.yaml's `languages:` but the source language).")

EXTRACT_HELP = """Write or update translations/<lang>.po in SOURCE (default: course_src): one entry per
translatable text (course fields, objectives, page titles, every Markdown block, questions,
options, feedback, hints). Translations are kept; an entry whose English text changed is marked
fuzzy with the old text; entries whose text is gone become obsolete."""

STATUS_HELP = """Print per language how many entries are translated, fuzzy, untranslated and obsolete.
Exit code 1 when a language is incomplete (fuzzy or untranslated entries)."""


@click.group("translate", help="Translate the course: gettext PO files per language, XLIFF 2.0 for CAT tools.")
def translate_command() -> None:
    pass


@translate_command.command("extract", help=EXTRACT_HELP)
@SOURCE
@LANGS
def extract(source: Path, languages: str | None) -> None:
    course = load_course(source)
    found = units(course, source)
    artifacts = []
    for language in _languages(course, languages):
        path = po_path(source, language)
        existing = _read(path) if path.exists() else None
        catalog = updated_catalog(found, language, existing, course.title, course.version)
        artifacts.append(Artifact(path.name, catalog_bytes(catalog)))
        click.echo(f"{path}: {_counts(status(found, language, catalog))}")
    write_artifacts(translations_folder(source), artifacts)


@translate_command.command("status", help=STATUS_HELP)
@SOURCE
@LANGS
@click.pass_context
def status_command(ctx: click.Context, source: Path, languages: str | None) -> None:
    course = load_course(source)
    found = units(course, source)
    incomplete = False
    for language in _languages(course, languages):
        path = po_path(source, language)
        result = status(found, language, _read(path) if path.exists() else None)
        incomplete |= not result.complete
        click.echo(f"{language}: {_counts(result)}" + ("" if path.exists() else f" ({path} does not exist yet)"))
    ctx.exit(1 if incomplete else 0)


@translate_command.command("export", help="Write translations/<lang>.po as XLIFF 2.0 for a translation agency or CAT tool.")
@SOURCE
@click.option("--lang", "language", required=True, metavar="LANG", help="The language to export.")
@click.option("--format", "format_", type=click.Choice(["xliff"]), default="xliff", show_default=True,
              help="The exchange format.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write (default: translations/<lang>.xlf in SOURCE).")
def export(source: Path, language: str, format_: str, out: Path | None) -> None:
    course = load_course(source)
    path = po_path(source, language)
    if not path.exists():
        raise CourseError.single(path, None, f"no PO file for '{language}'",
                                 f"run `qser-scorm translate extract {source} --lang {language}` first")
    out = out or path.with_suffix(".xlf")
    data = export_xliff(_read(path), course.language, language, path.relative_to(source).as_posix())
    write_artifacts(out.parent, [Artifact(out.name, data)])
    click.echo(out)


@translate_command.command("import", help="Write the translations of an XLIFF 2.0 file into the PO file of its target language.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@SOURCE
def import_command(file: Path, source: Path) -> None:
    data = file.read_bytes()
    try:
        language = target_language(data, load_course(source).language)
    except XliffError as error:
        raise CourseError.single(file, None, str(error), "export the file again with `qser-scorm translate export`") from None
    path = po_path(source, language)
    if not path.exists():
        raise CourseError.single(path, None, f"no PO file for '{language}', the file's trgLang",
                                 f"run `qser-scorm translate extract {source} --lang {language}` first")
    catalog = _read(path)
    changed, skipped = import_xliff(data, catalog)
    for reason in skipped:
        click.echo(f"{file}: skipped {reason}", err=True)
    write_artifacts(path.parent, [Artifact(path.name, catalog_bytes(catalog))])
    click.echo(f"{path}: {changed} entr{'y' if changed == 1 else 'ies'} updated from {file}")


def _languages(course, given: str | None) -> list[str]:
    chosen = [part.strip() for part in given.split(",") if part.strip()] if given else \
        [lang for lang in course.languages if lang != course.language]
    if not chosen:
        raise click.UsageError("Say which languages: --lang el,es (or list them in course.yaml's `languages:`).")
    if course.language in chosen:
        raise click.BadParameter(f"{course.language} is the language the course is written in: it needs no "
                                 "translation", param_hint="--lang")
    return list(dict.fromkeys(chosen))


def _read(path: Path):
    try:
        return read_catalog(path)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise CourseError([unreadable(str(path), error)]) from None


def _counts(result) -> str:
    return (f"{result.translated} translated, {result.fuzzy} fuzzy, {result.untranslated} untranslated, "
            f"{result.obsolete} obsolete")
