"""`theme:` in course.yaml: logo, colours and font stack in the package, and the build's refusal of
colour pairs below WCAG AA contrast (docs/authoring.md, Theme). Every course here is built by the CLI."""
from __future__ import annotations

import re
import zipfile

import pytest

from qser_scorm.course.theme import PAIRS, default_palette
from qser_scorm.validate import validate_path

LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40" fill="#fff"/></svg>'


def with_theme(course, theme: str):
    """Append ``theme`` (the YAML of the section, indented) to the course's course.yaml; return the
    line the section starts on."""
    (course / "media").mkdir(exist_ok=True)
    (course / "media" / "logo.svg").write_bytes(LOGO)
    text = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(f"{text.rstrip()}\ntheme:\n{theme}", encoding="utf-8")
    return text.rstrip().count("\n") + 2


def build(run_cli, course, out):
    return run_cli("build", course, "--out", out, "--lang", "en")


def shipped(out) -> dict[str, bytes]:
    (archive,) = out.glob("*-scorm12.zip")
    with zipfile.ZipFile(archive) as zipped:
        return {name: zipped.read(name) for name in zipped.namelist()}


def test_a_theme_ships_its_logo_colours_and_font(course, run_cli, tmp_path):
    with_theme(course, '  logo: {file: media/logo.svg, alt: "Q-SER project"}\n  primary: "#7a1f5c"\n'
                       '  accent: "#1d5f3a"\n  font: Georgia, "Times New Roman", serif\n')
    result = build(run_cli, course, tmp_path)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    files = shipped(tmp_path)
    assert files["media/logo.svg"] == LOGO
    assert '<img class="qser-logo" src="media/logo.svg" alt="Q-SER project">' in files["index.html"].decode()
    assert 'href="media/logo.svg"' in files["imsmanifest.xml"].decode()
    # The theme's rule comes last, over 10-base.css's :root; a dark primary gets the page colour as text.
    assert files["runtime/qser.css"].decode().rstrip().endswith(
        ':root{--accent:#1d5f3a;--primary:#7a1f5c;--on-primary:#fff;--font:Georgia, "Times New Roman", serif}')
    (archive,) = tmp_path.glob("*-scorm12.zip")
    assert validate_path(archive) == []


def test_without_a_theme_the_stylesheet_is_the_default_look(course, run_cli, tmp_path):
    assert build(run_cli, course, tmp_path).exit_code == 0
    files = shipped(tmp_path)
    assert "qser-logo" not in files["index.html"].decode()
    assert b"--accent:#0b5cad" in files["runtime/qser.css"]  # 10-base.css's palette
    assert files["runtime/qser.css"].count(b"--accent:") == 2  # and print's, but no theme rule


def test_the_default_palette_passes_every_pair_the_check_measures(course, run_cli, tmp_path):
    """A theme that writes out the default colours builds: the default look is AA by the same measure."""
    palette = default_palette()
    with_theme(course, f'  primary: "{palette["primary"]}"\n  accent: "{palette["accent"]}"\n')
    assert build(run_cli, course, tmp_path).exit_code == 0
    assert {name for pair in PAIRS for name in (*pair.foregrounds, pair.background)} <= set(palette)


def test_a_light_accent_is_refused_with_file_line_pair_ratio_and_a_colour_that_passes(course, run_cli, tmp_path):
    start = with_theme(course, '  accent: "#9fc5e8"\n')
    result = build(run_cli, course, tmp_path)
    assert result.exit_code == 2 and not list(tmp_path.glob("*.zip"))
    assert (f"course.yaml:{start + 1}: error: theme: the accent #9fc5e8 on the page background #fff has a contrast "
            "of 1.80:1; WCAG AA needs 4.5:1 for links and button labels") in result.output
    suggested = re.search(r'use a darker accent, e\.g\. "(#[0-9a-f]{6})"', result.output).group(1)

    text = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(text.replace("#9fc5e8", suggested), encoding="utf-8")
    assert build(run_cli, course, tmp_path).exit_code == 0


def test_a_primary_on_which_no_title_colour_reads_is_refused(course, run_cli, tmp_path):
    """The title is the ink or the page colour, whichever reads better on the primary: on a mid grey, neither."""
    start = with_theme(course, "  primary: rgb(127 127 127)\n")
    result = build(run_cli, course, tmp_path)
    assert result.exit_code == 2
    assert re.search(rf"course\.yaml:{start + 1}: error: theme: the title colour #1b1f24 on the primary #7f7f7f has a "
                     r"contrast of 4\.13:1; WCAG AA needs 4\.5:1 for the course title on the header band",
                     result.output), result.output
    assert re.search(r'how to fix: use a (lighter|darker) primary, e\.g\. "#[0-9a-f]{6}"', result.output)


@pytest.mark.parametrize("theme, expected", [
    ("accent: reddish", "theme: accent 'reddish' is not a CSS colour"),
    ("accent: '#0b5cad80'", "is transparent: its contrast would depend on what is behind it"),
    ("accent: transparent", "is transparent"),
    # YAML reads an unquoted #0b5cad as a comment, and the key as empty.
    ("accent: #0b5cad", "in quotes: YAML reads # as a comment"),
    ("logo: {file: media/missing.svg, alt: Logo}", "media/missing.svg does not exist"),
    ("logo: {file: media/logo.svg}", "missing required key `alt`"),
    ("logo: {file: images/logo.svg, alt: Logo}", "is not an image in the course's media/ folder"),
    ("font: 'serif; } body { display: none'", "is not a CSS font stack"),
])
def test_a_theme_value_the_build_cannot_use_is_refused_at_its_line(course, run_cli, tmp_path, theme, expected):
    start = with_theme(course, f"  {theme}\n")
    result = build(run_cli, course, tmp_path)
    assert result.exit_code == 2 and not list(tmp_path.glob("*.zip"))
    assert f"course.yaml:{start + 1}: error:" in result.output and expected in result.output, result.output


def test_a_font_stack_without_a_generic_family_builds_with_a_warning(course, run_cli, tmp_path):
    start = with_theme(course, "  font: Georgia\n")
    result = build(run_cli, course, tmp_path)
    assert result.exit_code == 0
    assert (f"course.yaml:{start + 1}: warning: theme: the font stack ends with 'Georgia', which a learner's "
            "computer may not have") in result.output


def test_the_logo_text_is_translated_with_the_course(course, run_cli):
    start = with_theme(course, '  logo: {file: media/logo.svg, alt: "Q-SER project"}\n')
    assert run_cli("translate", "extract", course, "--lang", "el").exit_code == 0
    catalog = (course / "translations" / "el.po").read_text(encoding="utf-8")
    assert f'#: course.yaml:{start + 1}\nmsgctxt "theme.logo.alt"\nmsgid "Q-SER project"' in catalog
