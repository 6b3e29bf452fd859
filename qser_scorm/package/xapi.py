"""The Tin Can (xAPI) package: ``<course id>-xapi.zip`` and the readable statements file.

The zip holds the site with ``tincan.xml`` at its root, the package descriptor that LMS launch
plugins (e.g. Moodle's mod_tincanlaunch) and LRS-side players read: the course activity's id,
name, description and launch file. The launching system adds the Tin Can launch parameters
(``endpoint``, ``auth``, ``actor``, ``registration``, ``activity_id``) to the launch URL.
"""
from __future__ import annotations

from lxml import etree

from ..course.markdown import plain_text
from ..course.model import Course
from ..xapi import course_iri, statements_document
from ..xapi.vocab import ACTIVITY_TYPES
from ..vocab import LAUNCH_FILE, SCRIPT_FILE, TINCAN_NS, TINCAN_XML
from ..write import Artifact
from .archive import zip_bytes

DESCRIPTOR = TINCAN_XML


def package_xapi(course: Course, site: dict[str, bytes], editions: tuple[Course, ...] = ()) -> list[Artifact]:
    """Return ``<course id>-xapi.zip`` and ``<course id>-xapi-statements.json``; ``editions``: the
    course in each language the site holds (a multilingual site), else ``course``.

    Raises ``ValueError`` when the site lacks its launch file or the runtime script, which holds
    the statement templates (``render_site`` adds both).
    """
    for required in (LAUNCH_FILE, SCRIPT_FILE):
        if required not in site:
            raise ValueError(f"the rendered site has no {required}")
    files = {**site, DESCRIPTOR: tincan_xml(course, editions or (course,))}
    return [
        Artifact(f"{course.id}-xapi.zip", zip_bytes(files)),
        Artifact(f"{course.id}-xapi-statements.json", statements_document(course)),
    ]


def tincan_xml(course: Course, editions: tuple[Course, ...] = ()) -> bytes:
    """Return ``tincan.xml``: the course activity, named and described in each language of
    ``editions`` (default: ``course``'s), and its launch file."""
    root = etree.Element(f"{{{TINCAN_NS}}}tincan", nsmap={None: TINCAN_NS})
    activities = etree.SubElement(root, f"{{{TINCAN_NS}}}activities")
    activity = etree.SubElement(
        activities, f"{{{TINCAN_NS}}}activity", id=course_iri(course), type=ACTIVITY_TYPES["course"]
    )
    for tag, pick in (("name", lambda c: c.title), ("description", lambda c: plain_text(c.description))):
        for edition in editions or (course,):
            etree.SubElement(activity, f"{{{TINCAN_NS}}}{tag}", lang=edition.language).text = pick(edition)
    etree.SubElement(activity, f"{{{TINCAN_NS}}}launch", lang=course.language).text = LAUNCH_FILE
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
