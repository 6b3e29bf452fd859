"""Dual tracking in a SCORM 2004 LMS: the 2004 package sends the same xAPI statements to Ralph when
the LMS passes the LRS in cmi.launch_data, with the LMS's learner (cmi.learner_id) as actor."""
from __future__ import annotations

import uuid

from tests.browser.learner import WRONG
from tests.browser.scorm2004_lms import lms2004, server2004  # noqa: F401

from .conftest import launch_query
from .runs import ADL, play, wait_for_statements


def test_the_2004_package_sends_statements_as_the_12_package_does(lms2004, lrs, course):
    registration = str(uuid.uuid4())
    session = lms2004.launch(returning={"cmi.launch_data": launch_query(lrs, registration, actor=None)}).ready()
    assert session.sco_frame.evaluate("qser.trackers.map((t) => t.name)") == ["scorm2004", "xapi"]
    play(session.page, session.sco, course, [WRONG])
    stored = session.wait_terminated()
    # initialized, the pages, the answers, failed (attempts remain), suspended
    statements = wait_for_statements(lrs, registration, len(course.pages) + len(course.assessment.questions) + 3)

    assert {s["actor"]["account"]["name"] for s in statements} == {session.cmi()["learner_id"]}
    (verdict,) = [s for s in statements if s["verb"]["id"] == ADL + "failed"]
    assert verdict["result"]["score"]["raw"] == 66.67
    assert stored["score"]["raw"] == ""  # the LMS gets no score while tries remain; the LRS hears each try
