"""The cmi5 target: ``cmi5.xml`` (the course structure, cmi5 spec 13.0) plus the site, in one zip.

One course with one assignable unit (AU), the whole site. The AU's id (its "publisher id") is the
course IRI of the xAPI target, so the pages and questions it reports hang below the same IRI in
every package. The LMS, not the package, holds the learner's credentials: it launches the AU with
a one-time ``fetch`` URL for a session token (spec 8.1, 8.2), so no credential is ever in the zip.
"""
from __future__ import annotations

import functools
from importlib import resources

from lxml import etree

from ..course.markdown import plain_text
from ..course.model import Course
from ..errors import BuildError
from ..vocab import LAUNCH_FILE
from ..write import Artifact
from ..xapi import course_iri
from ..xapi.vocab import ACTIVITY_TYPES
from .archive import zip_bytes

CMI5_NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
#: Spec 14.1: the course structure's name, at the root of the zip.
DESCRIPTOR = "cmi5.xml"
#: Spec 13.1.4: the LMS counts the AU as satisfied once both the "completed" and the "passed"
#: statement are in; the LMS may change it and tells the AU in LMS.LaunchData.
MOVE_ON = "CompletedAndPassed"
#: Spec 13.1.4: the LMS may open the AU in a frameset, a new window or the same window.
LAUNCH_METHOD = "AnyWindow"


def package_cmi5(course: Course, site: dict[str, bytes], editions: tuple[Course, ...] = ()) -> Artifact:
    """Return ``<course id>-cmi5.zip``: the site with ``cmi5.xml`` at the root; ``editions``: the
    course in each language the site holds (a multilingual site), else ``course``.

    Raises ``ValueError`` when the site lacks its launch file, :class:`BuildError` when the course
    structure would not be valid against CourseStructure.xsd (a bug of this tool).
    """
    if LAUNCH_FILE not in site:
        raise ValueError(f"the rendered site has no {LAUNCH_FILE}")
    descriptor = course_structure(course, editions)
    schema = _schema()
    if not schema.validate(etree.fromstring(descriptor)):
        details = "\n".join(f"  line {error.line}: {error.message}" for error in schema.error_log)
        raise BuildError(f"{DESCRIPTOR} would not be valid against CourseStructure.xsd; nothing was written."
                         f"\nPlease report this as a bug of qser-scorm:\n{details}")
    return Artifact(f"{course.id}-cmi5.zip", zip_bytes({**site, DESCRIPTOR: descriptor}))


def structure_iri(course: Course) -> str:
    """The course id of the course structure: below the AU's, so the two never collide (13.1.1)."""
    return f"{course_iri(course)}/cmi5-course"


def mastery_score(course: Course) -> str:
    """The AU's ``masteryScore``: the pass mark as a decimal 0-1 with at most 4 decimals (13.1.4)."""
    return f"{round(course.pass_mark / 100, 4):g}"


def course_structure(course: Course, editions: tuple[Course, ...] = ()) -> bytes:
    """Return ``cmi5.xml``: the course and its one AU, titles and descriptions as language maps
    with each language of ``editions`` (default: ``course``'s)."""
    root = etree.Element(f"{{{CMI5_NS}}}courseStructure", nsmap={None: CMI5_NS})
    editions = editions or (course,)
    _described(_sub(root, "course", id=structure_iri(course)), editions)
    au = _sub(root, "au", id=course_iri(course), moveOn=MOVE_ON, masteryScore=mastery_score(course),
              launchMethod=LAUNCH_METHOD, activityType=ACTIVITY_TYPES["course"])
    _described(au, editions)
    _sub(au, "url").text = LAUNCH_FILE
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _described(element: etree._Element, editions: tuple[Course, ...]) -> None:
    for tag, pick in (("title", lambda c: c.title), ("description", lambda c: plain_text(c.description).strip())):
        parent = _sub(element, tag)
        for edition in editions:
            _sub(parent, "langstring", lang=edition.language).text = pick(edition)


def _sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{CMI5_NS}}}{tag}", attributes)


@functools.cache
def _schema() -> etree.XMLSchema:
    """CourseStructure.xsd, shipped as package data (qser_scorm/schemas/cmi5/PROVENANCE.md)."""
    xsd = resources.files("qser_scorm").joinpath("schemas", "cmi5", "CourseStructure.xsd")
    return etree.XMLSchema(etree.fromstring(xsd.read_bytes()))
