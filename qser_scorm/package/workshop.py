"""The workshop target: ``<course id>-facilitator.pdf`` and ``<course id>-handout.pdf``.

The rendered HTML (``render/print.py``) becomes tagged PDF with WeasyPrint: PDF/UA-1, so the
PDFs carry structure tags (headings, lists, tables, figures with their alt text), reading order,
the document language and the title. WeasyPrint, and the Pango library it loads, are imported
only when this target is built: the SCORM and xAPI builds never need them. (The issue of
per-language builds will insert ``-<language>`` before the document's kind in the names.)
"""
from __future__ import annotations

import logging
import mimetypes

from ..course.model import Course
from ..errors import BuildError
from ..render.print import facilitator_html, handout_html
from ..write import Artifact

#: The address the documents' relative links resolve against; never contacted.
_BASE_URL = "https://course.invalid/"

INSTALL_HINT = ("The workshop target needs WeasyPrint and the Pango library: "
                "`python3 -m pip install 'qser-scorm[workshop]'` and, on Debian or Ubuntu, "
                "`apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-noto-core` "
                "(see docs/workshop.md).")


def package_workshop(course: Course, paper: str = "a4") -> list[Artifact]:
    """Return the facilitator guide and the learner handout as PDFs on ``paper`` (a4 or letter)."""
    documents = (("facilitator", facilitator_html(course, paper)), ("handout", handout_html(course, paper)))
    return [Artifact(f"{course.id}-{kind}.pdf", pdf_bytes(html, course)) for kind, html in documents]


def pdf_bytes(html: str, course: Course) -> bytes:
    """Return ``html`` as a PDF/UA-1 document; its images are the course's media files, from memory.

    Nothing else is fetched, from the disk or the network.
    """
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except (ImportError, OSError) as error:  # OSError: WeasyPrint is installed, Pango is not
        raise BuildError(f"cannot make the workshop PDFs: {error}\n{INSTALL_HINT}") from None
    media = {f"{_BASE_URL}{file.path}": file.data for file in course.media}

    class CourseMediaFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url not in media:
                raise ValueError(f"{url} is not a media file of the course")
            mime_type = mimetypes.guess_type(url)[0] or "application/octet-stream"
            return URLFetcherResponse(url, media[url], {"Content-Type": mime_type})

    # WeasyPrint logs each rule of the screen stylesheet it ignores on paper (e.g. :focus-visible).
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return HTML(string=html, base_url=_BASE_URL, url_fetcher=CourseMediaFetcher()).write_pdf(
            pdf_variant="pdf/ua-1")
    finally:
        logger.setLevel(level)
