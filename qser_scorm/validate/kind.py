"""What kind of package this is, as the first line of the report says it."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from qser_scorm.validate.manifest import Manifest, schemaversion

#: schemaversion (trimmed, lower case) -> SCORM 2004 edition (CAM 1.3 is the 2nd Edition's)
EDITIONS = {"cam 1.3": "2nd Edition", "1.3": "2nd Edition", "2004 3rd edition": "3rd Edition",
            "2004 4th edition": "4th Edition"}
#: AICC CMI001 course structure files: course, assignable units, descriptors, structure
AICC_EXTENSIONS = (".crs", ".au", ".des", ".cst")
HTML = (".html", ".htm")


@dataclass(frozen=True)
class Kind:
    id: str  #: scorm12, scorm2004, cmi5, tincan, aicc, html, unknown
    name: str  #: what the report's first line says, e.g. "SCORM 2004 4th Edition"
    descriptor: str | None = None  #: the file that says so
    notes: dict[str, str] = field(default_factory=dict)  #: audience -> what it does with this kind


_APP_12_ONLY = {"Moodle app": "plays SCORM 1.2 packages only; this one opens in the browser, not offline in the app"}
_XAPI_NOTES = {"Moodle": "its SCORM activity cannot import this package; it needs a plugin ({plugin}) and an LRS",
               **_APP_12_ONLY}


def xapi_kind(descriptor: str) -> Kind:
    if descriptor == "cmi5.xml":
        return Kind("cmi5", "cmi5", descriptor,
                    {k: v.format(plugin="mod_cmi5launch") for k, v in _XAPI_NOTES.items()})
    return Kind("tincan", "Tin Can (xAPI)", descriptor,
                {k: v.format(plugin="mod_tincanlaunch") for k, v in _XAPI_NOTES.items()})


def scorm_kind(manifest: Manifest | None) -> Kind:
    if manifest is None:
        return Kind("unknown", "SCORM package whose manifest cannot be read", "imsmanifest.xml")
    if manifest.dialect.version == "1.2":
        return Kind("scorm12", "SCORM 1.2", "imsmanifest.xml")
    version = " ".join((schemaversion(manifest.root) or "").split()).lower()
    edition = EDITIONS.get(version, "(edition not stated)")
    return Kind("scorm2004", f"SCORM 2004 {edition}", "imsmanifest.xml", _APP_12_ONLY)


def unrecognised_kind(names: set[str]) -> Kind:
    """The kind of a package with no SCORM, cmi5 or Tin Can descriptor at its root."""
    root_files = [name for name in names if "/" not in name]
    if any(name.lower().endswith(AICC_EXTENSIONS) for name in root_files):
        return Kind("aicc", "AICC", notes={"Moodle app": "cannot play AICC packages"})
    if any(name.lower().endswith(HTML) for name in root_files):
        return Kind("html", "plain web site (HTML, no LMS descriptor)")
    if any(posixpath.basename(name) in ("imsmanifest.xml", "cmi5.xml", "tincan.xml") for name in names):
        return Kind("unknown", "package inside a folder of the zip")
    return Kind("unknown", "unknown (no imsmanifest.xml, cmi5.xml or tincan.xml)")
