"""What the SCORM targets share: identifiers, titles, durations and the zip around a manifest.

Identifiers derive from the course id only, so they are the same in every build and for every
SCORM version: Moodle re-maps stored learner tracks onto items by item identifier when a package
is uploaded again.
"""
from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from lxml import etree

from ..contract import TITLE_MAX
from ..course.markdown import plain_text
from ..course.model import Course
from ..vocab import LAUNCH_FILE, MANIFEST
from ..write import Artifact
from .archive import zip_bytes



def identifiers(course: Course) -> dict[str, str]:
    """Return the manifest's identifiers, all derived from the course id (xs:ID)."""
    return {
        "manifest": course.id,
        "organization": f"{course.id}-org",
        "item": f"{course.id}-item",
        "resource": f"{course.id}-sco",
    }


def one_sco(manifest: etree._Element, course: Course, file_paths: list[str], imscp: str,
            scorm_type: str) -> etree._Element:
    """Add the one organization, its one item and the SCO resource listing ``file_paths`` to
    ``manifest`` (content packaging namespace ``imscp``; ``scorm_type`` is the attribute that says
    "sco"); return the item, for the version's extensions after its title. Titles are cut to
    ``TITLE_MAX`` (CAM); LOM strings are longer and kept whole."""
    ids = identifiers(course)

    def sub(parent, tag: str, text: str | None = None, **attributes) -> etree._Element:
        element = etree.SubElement(parent, f"{{{imscp}}}{tag}", attributes)
        element.text = text
        return element

    organizations = sub(manifest, "organizations", default=ids["organization"])
    organization = sub(organizations, "organization", identifier=ids["organization"])
    sub(organization, "title", course.title[:TITLE_MAX])
    item = sub(organization, "item", identifier=ids["item"], identifierref=ids["resource"], isvisible="true")
    sub(item, "title", course.title[:TITLE_MAX])
    resource = sub(sub(manifest, "resources"), "resource", identifier=ids["resource"], type="webcontent", href=LAUNCH_FILE)
    resource.set(scorm_type, "sco")
    for path in file_paths:
        sub(resource, "file", href=path)
    return item


def general_texts(general: etree._Element, course: Course, editions: tuple[Course, ...],
                  element: Callable[[etree._Element, str], etree._Element],
                  string: Callable[[etree._Element, str, str], None]) -> None:
    """LOM general's title, languages, description and keywords, each text once per language of
    ``editions``. ``element(parent, tag)`` adds a LOM element and ``string(parent, text, language)``
    a text in a language, as each SCORM version's LOM binding spells them."""
    title = element(general, "title")
    for edition in editions:
        string(title, edition.title, edition.language)
    for edition in editions:
        element(general, "language").text = edition.language
    description = element(general, "description")
    for edition in editions:
        string(description, plain_text(edition.description), edition.language)
    for index in range(len(course.keywords)):  # a translation's keywords are the source's, one to one
        keyword = element(general, "keyword")
        for edition in editions:
            string(keyword, edition.keywords[index], edition.language)


def iso_duration(minutes: int) -> str:
    """Return ``minutes`` as an ISO 8601 duration: 60 -> ``PT1H``, 90 -> ``PT1H30M``."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def vcard(name: str) -> str:
    """A minimal vCard 3.0 naming ``name``: how LOM names a contributor."""
    return f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nEND:VCARD"


def schema_files(folder: str) -> dict[str, bytes]:
    """The official control documents in ``qser_scorm/schemas/<folder>`` (package data), by
    their path below that folder."""
    root = resources.files("qser_scorm") / "schemas" / folder
    files: dict[str, bytes] = {}

    def walk(directory, prefix: str) -> None:
        for entry in directory.iterdir():
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            elif entry.name.endswith((".xsd", ".dtd")):
                files[prefix + entry.name] = entry.read_bytes()

    walk(root, "")
    return files


def scorm_zip(name: str, site: dict[str, bytes], manifest: Callable[[list[str]], bytes],
              control_files: dict[str, bytes] | None = None) -> Artifact:
    """Return the zip ``name``: the site, ``imsmanifest.xml`` built from the site's file list and
    the control documents at the root (they are no resource's files, so the manifest lists none)."""
    if LAUNCH_FILE not in site:
        raise ValueError(f"the rendered site has no {LAUNCH_FILE}")
    control_files = control_files or {}
    clash = sorted(set(site) & (set(control_files) | {MANIFEST}))
    if clash:
        raise ValueError(f"the rendered site has files the package needs for itself: {', '.join(clash)}")
    return Artifact(name, zip_bytes({**site, **control_files, MANIFEST: manifest(sorted(site))}))
