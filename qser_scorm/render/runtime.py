"""The browser runtime as the site ships it: one script and one stylesheet.

Each is the readable sources of ``qser_scorm/runtime/`` minified and concatenated in a fixed
order. In an LMS every request is slow (Moodle serves each file through pluginfile.php), so the
first screen costs three requests of ours: the page, the script, the style.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import rcssmin
import rjsmin

from .. import contract
from ..course.model import Theme
from ..course.theme import default_palette, theme_palette
from ..xapi.templates import TEMPLATES_FILE

#: The parts of the script in their order, by path prefix: the shared names (generated), core.js,
#: the engine (any runtime file not named here), the trackers, the xAPI statement templates
#: (generated), and main.js last: it starts everything on DOMContentLoaded.
SCRIPT_LAYERS = (contract.CONTRACT_FILE, "runtime/core.js", "", "runtime/tracking/", TEMPLATES_FILE, "runtime/main.js")


def runtime_script(generated: dict[str, bytes]) -> bytes:
    """The runtime's scripts and the ``generated`` ones (by path) as one minified script, in
    ``SCRIPT_LAYERS`` order, each layer in path order."""
    return b";\n".join(data for _, data in script_parts(generated)) + b"\n"


def script_parts(generated: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """The parts of :func:`runtime_script`, minified, in their order: (path, bytes). The bench
    weighs them one by one."""
    parts = {**{path: data for path, data in _runtime_sources().items() if path.endswith(".js")}, **generated}
    return [(path, _minified(path, parts[path])) for path in sorted(parts, key=_load_order)]


def runtime_stylesheet(theme: Theme | None = None) -> bytes:
    """``runtime/style/*.css`` as one minified stylesheet, in file name order (``10-base.css``
    first: later files build on it), and last the ``theme``'s custom properties over
    10-base.css's ``:root``."""
    return _styles() + _theme_rule(theme)


@lru_cache(maxsize=None)
def _styles() -> bytes:
    return b"\n".join(data for _, data in stylesheet_parts()) + b"\n"


def stylesheet_parts() -> list[tuple[str, bytes]]:
    """The files of :func:`runtime_stylesheet` before the theme's rule, minified, in their order: (path, bytes)."""
    return [(path, _minified(path, data)) for path, data in _runtime_sources().items() if path.endswith(".css")]


def _theme_rule(theme: Theme | None) -> bytes:
    """The custom properties a theme changes (its colours, the title colour chosen for its
    primary, its font stack), as one ``:root`` rule; nothing for the default look."""
    if theme is None:
        return b""
    defaults = default_palette()
    properties = {name: value for name, value in theme_palette(theme).items() if value != defaults[name]}
    if theme.font:
        properties["font"] = theme.font
    if not properties:
        return b""
    return (":root{" + ";".join(f"--{name}:{value}" for name, value in properties.items()) + "}\n").encode("utf-8")


def _load_order(path: str) -> tuple[int, str]:
    """Sort key of a script part: its layer in ``SCRIPT_LAYERS`` (the engine's is ``""``), then its path."""
    layer = max((len(prefix), i) for i, prefix in enumerate(SCRIPT_LAYERS) if path.startswith(prefix))[1]
    return layer, path


@lru_cache(maxsize=None)
def _runtime_sources() -> dict[str, bytes]:
    """Every file of ``qser_scorm/runtime/`` as ``runtime/<path>``, sorted by path."""
    files: dict[str, bytes] = {}

    def walk(folder, prefix: str) -> None:
        for entry in folder.iterdir():
            name = f"{prefix}/{entry.name}"
            if entry.is_dir():
                walk(entry, name)
            elif not entry.name.startswith("."):
                files[name] = entry.read_bytes()

    walk(resources.files("qser_scorm").joinpath("runtime"), "runtime")
    return dict(sorted(files.items()))


def _minified(name: str, data: bytes) -> bytes:
    """Without comments and spare white space: the learner's bytes count on a phone. Both
    minifiers keep strings, regular expressions and template literals as they are."""
    if name.endswith(".js"):
        return rjsmin.jsmin(data.decode("utf-8")).encode("utf-8")
    if name.endswith(".css"):
        return rcssmin.cssmin(data.decode("utf-8")).encode("utf-8")
    return data
