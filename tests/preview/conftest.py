"""Fixtures for the preview tests: a preview server on a private copy of the course (``course``
from tests/conftest.py, so tests may edit it), and the host page open in Chromium with the
course running in its frame (``host`` as Moodle; ``open_preview(lms, viewport)`` for any LMS
profile and screen size). Chromium comes from tests/chromium.py.
"""
from __future__ import annotations

import pytest

from qser_scorm.course.load import load_course
from qser_scorm.preview.server import PreviewServer

from .host import HostPage


@pytest.fixture
def course_model(course):
    return load_course(course)


@pytest.fixture
def preview(course):
    messages: list[str] = []
    with PreviewServer(course, port=0, echo=messages.append, poll_seconds=0.1) as server:
        server.messages = messages  # what the terminal would show
        yield server


@pytest.fixture
def host(preview, context) -> HostPage:
    page = context.new_page()
    page.goto(preview.url)
    return HostPage(page).wait_ready()


@pytest.fixture
def open_preview(course, context):
    """Return ``open(lms="moodle", width=1024, height=768) -> HostPage``: a preview server of that
    LMS profile (its own port, so its own stored learner) and the host page open on it."""
    servers: list[PreviewServer] = []

    def open_page(lms: str = "moodle", width: int = 1024, height: int = 768) -> HostPage:
        server = PreviewServer(course, port=0, echo=lambda message: None, poll_seconds=0.1, lms=lms).start()
        servers.append(server)
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": height})
        page.goto(server.url)
        return HostPage(page).wait_ready()

    yield open_page
    for server in servers:
        server.stop()
