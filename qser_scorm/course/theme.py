"""The `theme:` section of course.yaml (logo, colours, font stack) and its contrast check.

The default look is the ``:root`` palette of ``runtime/style/10-base.css``; a theme overrides
some of its colours (render/runtime.py appends them as custom properties). The check measures
every pair of colours that the stylesheet puts next to each other and that a theme can change,
with WCAG 2.x's contrast ratio (coloraide): 4.5:1 for text (1.4.3), 3:1 for the boundaries of
controls and the focus indicator (1.4.11). The format is in docs/authoring.md, "Theme".
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from coloraide import Color

from ..errors import Problem
from .model import Course, Logo, Source, Theme, ThemeColour
from .yamlsource import YamlDocument

SECTION = "theme"
COLOURS = ("primary", "accent")


@dataclass(frozen=True)
class _Pair:
    """Colours the stylesheet shows on a background, and the least contrast WCAG AA allows; of
    several foregrounds (a button's fill and its border), one that contrasts is enough."""

    foregrounds: tuple[str, ...]
    background: str
    minimum: float
    what: str  #: what a learner sees in these colours

    def ratio(self, palette: dict[str, str]) -> float:
        return max(_contrast(palette[name], palette[self.background]) for name in self.foregrounds)


#: Every pair a theme can change. ``page`` is the page background and the label of filled buttons;
#: ``on-primary`` is the colour of the title and of the focus indicator on the header band (ink or
#: page, whichever reads better on the primary).
PAIRS = (
    _Pair(("accent",), "page", 4.5, "links and button labels"),
    _Pair(("accent",), "tint", 4.5, "links in tinted boxes (feedback, notes)"),
    _Pair(("on-primary",), "primary", 4.5, "the course title on the header band"),
    _Pair(("page", "accent"), "primary", 3.0, "the edge of the buttons on the header band"),
)

_DESCRIBED = {"primary": "the primary", "accent": "the accent", "page": "the page background",
              "tint": "the tinted background", "on-primary": "the title colour"}

#: CSS generic font families: a stack that ends with one always finds a font.
_GENERIC_FONTS = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif",
                  "ui-sans-serif", "ui-monospace", "ui-rounded", "math", "emoji", "fangsong"}


def load_theme(doc: YamlDocument) -> tuple[Theme, list[Problem]]:
    """The course's theme section (its shape already checked by course.schema.json), and a
    problem for each colour that is not an opaque CSS colour (left out of the theme)."""
    section = doc.data[SECTION]

    def at(*path) -> Source:
        return Source(doc.file, doc.line((SECTION, *path)))

    problems, colours = [], {}
    for name in COLOURS:
        if name in section:
            value, problem = _srgb_hex(section[name])
            if problem:
                problems.append(Problem(doc.file, doc.line((SECTION, name)),
                                        f"theme: {name} {section[name]!r} {problem}",
                                        'write an opaque colour, e.g. "#0b5cad" (quoted: YAML reads # as a comment)',
                                        key_path=(SECTION, name)))
            else:
                colours[name] = ThemeColour(value, at(name))
    logo = Logo(section["logo"]["file"], section["logo"]["alt"]) if "logo" in section else None
    font = " ".join(section.get("font", "").split())
    return Theme(at(), logo, font=font, font_source=at("font") if font else None, **colours), problems


def theme_problems(course: Course) -> list[Problem]:
    """Errors for each colour pair of the theme below WCAG AA contrast, with the ratio measured
    and a colour close to the author's that passes; a warning for a font stack that may find no font."""
    theme = course.theme
    if theme is None:
        return []
    palette = theme_palette(theme)
    problems = []
    for pair in PAIRS:
        ratio = pair.ratio(palette)
        if ratio >= pair.minimum:
            continue
        name = next(n for n in (*pair.foregrounds, pair.background) if getattr(theme, n, None))
        set_by_author: ThemeColour = getattr(theme, name)
        better = _nearest_passing(name, palette)
        hint = (f"use a {'darker' if _luminance(better) < _luminance(palette[name]) else 'lighter'} {name}, e.g. "
                f'"{better}"' if better else f"choose another {name}")
        problems.append(Problem(
            set_by_author.source.file, set_by_author.source.line,
            f"theme: {' or '.join(_named(n, palette) for n in pair.foregrounds)} on {_named(pair.background, palette)}"
            f" has a contrast of {_floor(ratio)}:1; WCAG AA needs {pair.minimum:g}:1 for {pair.what}", hint,
            key_path=(SECTION, name)))
    family = theme.font.rsplit(",", 1)[-1].strip().strip("\"'")
    if theme.font and family.lower() not in _GENERIC_FONTS:
        problems.append(Problem(theme.font_source.file, theme.font_source.line,
                                f"theme: the font stack ends with {family!r}, which a learner's computer may not have",
                                "end it with a generic family, e.g. sans-serif or serif", "warning",
                                key_path=(SECTION, "font")))
    return problems


def theme_palette(theme: Theme | None) -> dict[str, str]:
    """The page's colours by name (``accent``, ``page``, ``on-primary``...): the default palette
    with the theme's colours over it."""
    palette = dict(default_palette())
    for name in COLOURS:
        colour = getattr(theme, name, None)
        if colour:
            palette = _with(palette, name, colour.value)
    return palette


def _with(palette: dict[str, str], name: str, colour: str) -> dict[str, str]:
    """``palette`` with ``name`` set to ``colour``; a new primary gets the title colour that reads
    best on it, the ink or the page colour."""
    changed = {**palette, name: colour}
    if name == "primary":
        changed["on-primary"] = max((changed["ink"], changed["page"]), key=lambda text: _contrast(text, colour))
    return changed


@lru_cache(maxsize=None)
def default_palette() -> dict[str, str]:
    """The custom properties of 10-base.css's ``:root`` that are colours, by name without ``--``
    (a property whose value is another's, ``var(--ink)``, takes that colour)."""
    css = resources.files("qser_scorm").joinpath("runtime/style/10-base.css").read_text(encoding="utf-8")
    root = re.search(r":root\s*{([^}]*)}", css).group(1)
    palette = {}
    for name, value in re.findall(r"--([\w-]+)\s*:\s*([^;]+);", root):
        reference = re.fullmatch(r"var\(--([\w-]+)\)", value.strip())
        if reference:
            palette[name] = palette[reference.group(1)]
        elif Color.match(value.strip(), fullmatch=True):
            palette[name] = value.strip()
    return palette


def _srgb_hex(text: str) -> tuple[str, str]:
    """``(#rrggbb, "")`` for a CSS colour (one outside sRGB is brought into it), or ``("", why not)``."""
    try:
        colour = Color(text.strip())
    except ValueError:
        return "", "is not a CSS colour"
    if colour.alpha() < 1:
        return "", "is transparent: its contrast would depend on what is behind it"
    return colour.convert("srgb").fit().to_string(hex=True), ""


def _contrast(first: str, second: str) -> float:
    return Color(first).contrast(second, method="wcag21")


def _luminance(colour: str) -> float:
    return Color(colour).luminance()


def _nearest_passing(name: str, palette: dict[str, str]) -> str:
    """The colour of the same hue closest in lightness (OKLCh) to ``palette[name]`` with which
    every pair passes, or "" when none does."""
    original = Color(palette[name]).convert("oklch")
    for step in range(1, 101):
        for lightness in (original["lightness"] - step / 100, original["lightness"] + step / 100):
            if not 0 <= lightness <= 1:
                continue
            candidate = original.clone().set("lightness", lightness).convert("srgb").fit().to_string(hex=True)
            trial = _with(palette, name, candidate)
            if all(p.ratio(trial) >= p.minimum for p in PAIRS):
                return candidate
    return ""


def _named(name: str, palette: dict[str, str]) -> str:
    return f"{_DESCRIBED[name]} {palette[name]}"


def _floor(ratio: float) -> str:
    """The ratio cut (not rounded) to two decimals: 4.499 must not read as 4.5."""
    return f"{math.floor(ratio * 100) / 100:.2f}"
