"""Fixtures for the preview tests: a preview server on a private copy of the course (``course``
from tests/conftest.py, so tests may edit it), and the host page open in Chromium with the
course running in its frame. Chromium comes from tests/chromium.py.
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
