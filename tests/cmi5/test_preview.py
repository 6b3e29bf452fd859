"""`qser-scorm preview --cmi5`: the host page launches the course as a cmi5 LMS would and shows each
statement with the cmi5 rules it breaks, in Chromium."""
from __future__ import annotations

import json
import shutil
import urllib.request

import pytest

from qser_scorm.preview.cmi5 import Cmi5PreviewServer
from tests.browser.conftest import COURSE_SRC
from tests.browser.server import AXE_JS
from tests.xapi.runs import WRONG, play


@pytest.fixture
def cmi5_preview(tmp_path):
    source = shutil.copytree(COURSE_SRC, tmp_path / "course_src")
    with Cmi5PreviewServer(source, port=0, echo=lambda message: None, poll_seconds=0.1) as server:
        yield server


def launched(preview, context, mode: str):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(preview.url)
    page.get_by_role("button", name={"Normal": "Launch", "Browse": "Launch to browse"}[mode], exact=True).click()
    frame = page.frame_locator("#au")
    frame.locator("#qser-next").wait_for()
    return page, frame, errors


def test_a_run_in_the_cmi5_preview_follows_every_rule_and_says_so(cmi5_preview, context, course_model):
    page, frame, errors = launched(cmi5_preview, context, "Normal")
    play(page, frame, course_model, [WRONG, frozenset()])
    frame.locator("#returned").wait_for()  # returnURL: the LMS's page, in the AU's frame
    summary = page.locator("#rule-summary")
    expected = 1 + 1 + len(course_model.pages) + 2 * len(course_model.assessment.questions) + 3
    page.wait_for_function(f"document.querySelectorAll('#cmi5-statements tbody tr').length === {expected}")
    assert summary.inner_text() == "Every statement follows the cmi5 rules."
    kinds = page.locator("#cmi5-statements tbody td:nth-child(3)").all_inner_texts()
    assert (kinds.count("LMS"), kinds.count("defined")) == (1, 4)  # launched; initialized, passed, completed, terminated
    assert [session.fetch_calls for session in cmi5_preview.lms.sessions()] == [1]
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => v.id)")
    assert violations == [] and errors == []


def test_a_statement_that_breaks_a_rule_is_marked_with_the_rule(cmi5_preview, context):
    page, frame, _ = launched(cmi5_preview, context, "Browse")
    frame.locator("#qser-exit").click()
    page.wait_for_function("document.querySelectorAll('#cmi5-statements tbody tr').length === 3")
    assert page.locator("#rule-summary").inner_text() == "Every statement follows the cmi5 rules."
    (session,) = cmi5_preview.lms.sessions()
    foreign = {"id": "6b0f8a52-9d4e-4d55-8f0e-2f7a3c1d2e10", "actor": {"mbox": "mailto:someone@example.org"},
               "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"}, "timestamp": "2999-01-01T00:00:00Z",
               "object": {"id": "https://elsewhere.example/x"}}
    request = urllib.request.Request(cmi5_preview.url + "xapi/statements", data=json.dumps([foreign]).encode(),
                                     method="POST", headers={"Authorization": f"Basic {session.token}",
                                                             "Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=5).close()
    broken = page.locator("#cmi5-statements tr.broken")
    broken.wait_for()
    assert "a cmi5 verb without the cmi5 category (7.1.3)" in broken.inner_text()
    assert "no session id extension" in broken.inner_text()
    assert page.locator("#rule-summary").inner_text() == "1 statement(s) break a cmi5 rule."


def test_the_preview_command_offers_the_cmi5_lms(run_cli):
    assert "[moodle|chamilo|strict|cmi5]" in run_cli("preview", "--help").output
