"""`qser-scorm preview --lms moodle | chamilo | strict` in Chromium: what a designer sees of each
LMS in the panel (review launches, refused calls and their codes, what the LMS kept), the launch
mode and credit choice, and the host page from 320 px to 1280 px (with axe-core)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.server import AXE_JS

from .test_preview_browser import finish_full_run

FAIL_AND_FINISH = ('(API.LMSSetValue("cmi.core.score.raw", "40"), API.LMSSetValue("cmi.core.lesson_status", "incomplete"),'
                   ' API.LMSFinish(""))')


def test_moodle_turns_a_low_score_into_failed_and_relaunches_the_attempt_in_review(open_preview):
    host = open_preview("moodle")
    expect(host.page.locator("#lms-title")).to_have_text("Moodle 4.5")
    host.api(FAIL_AND_FINISH)
    expect(host.cmi_row("cmi.core.lesson_status")).to_have_text('"failed"')

    host.relaunch("Relaunch (resume)")
    assert host.launch_mode() == "review"
    expect(host.cmi_row("cmi.core.lesson_mode")).to_have_text('"review"')
    expect(host.cmi_row("cmi.core.credit")).to_have_text('"no-credit"')
    assert any("scorm_check_mode opens it in review mode" in note for note in host.notes())

    host.relaunch("New attempt")
    assert host.launch_mode() == "normal"
    expect(host.cmi_row("cmi.core.entry")).to_have_text('"ab-initio"')
    assert any("attempt 2" in note for note in host.notes())


def test_a_designer_picks_a_review_or_browse_launch_for_no_credit(open_preview):
    host = open_preview("moodle")
    host.page.get_by_label("Mode").select_option("browse")
    host.relaunch("Relaunch (resume)")
    assert host.launch_mode() == "browse"
    expect(host.cmi_row("cmi.core.credit")).to_have_text('"no-credit"')

    host.page.get_by_label("Mode").select_option("normal")
    host.page.get_by_label("Credit").select_option("no-credit")
    host.relaunch("Relaunch (resume)")
    expect(host.page.locator("#launch-state")).to_contain_text("lesson_mode normal, credit no-credit")


def test_chamilo_answers_401_to_interaction_objectives_and_keeps_only_what_was_committed(open_preview):
    host = open_preview("chamilo")
    expect(host.page.locator("#lms-title")).to_have_text("Chamilo 1.11")
    expect(host.page.get_by_label("Mastery override")).to_be_hidden()  # Chamilo has no such setting

    assert host.api('(API.LMSSetValue("cmi.interactions.0.id", "q1"),'
                    ' API.LMSSetValue("cmi.interactions.0.objectives.0.id", "obj-1"))') == "false"
    refused = host.page.locator('#calls li.call.error[data-error="401"]')
    expect(refused).to_have_count(1)
    expect(refused).to_contain_text("401 Not implemented error")
    expect(refused).to_have_css("background-color", "rgb(253, 232, 232)")

    host.api('(API.LMSSetValue("cmi.core.lesson_location", "committed"), API.LMSCommit(""),'
             ' API.LMSSetValue("cmi.core.lesson_location", "after-commit"), API.LMSFinish(""))')
    expect(host.cmi_row("cmi.core.lesson_location")).to_have_text('"committed"')
    assert any("LMSFinish keeps only what was committed" in note and "cmi.core.lesson_location" in note
               for note in host.notes())


def test_a_full_run_in_chamilo_keeps_the_result_without_the_right_answers(open_preview, course_model):
    host = open_preview("chamilo")
    finish_full_run(host, course_model)
    expect(host.cmi_row("cmi.core.lesson_status")).to_have_text('"passed"')
    expect(host.cmi_row("cmi.core.score.raw")).to_have_text('"100"')
    expect(host.cmi_row("cmi.interactions.0.id")).to_have_text(f'"{course_model.assessment.questions[0].id}"')
    expect(host.page.locator('#cmi-data tr[data-element*="correct_responses"]')).to_have_count(0)


def test_chamilo_locks_a_failed_try_in_review(open_preview):
    host = open_preview("chamilo")
    host.api('(API.LMSSetValue("cmi.core.lesson_status", "failed"), API.LMSCommit(""), API.LMSFinish(""))')
    host.relaunch("Relaunch (resume)")
    assert host.launch_mode() == "review"
    expect(host.cmi_row("cmi.core.credit")).to_have_text('"no-credit"')


def test_strict_refuses_a_response_outside_its_type_format_with_405(open_preview):
    host = open_preview("strict")
    assert host.api('(API.LMSSetValue("cmi.interactions.0.id", "q1"), API.LMSSetValue("cmi.interactions.0.type", "choice"),'
                    ' API.LMSSetValue("cmi.interactions.0.student_response", "employees_of_municipalities"))') == "false"
    refused = host.page.locator('#calls li.call.error[data-error="405"]')
    expect(refused).to_have_count(1)
    expect(refused).to_contain_text("is not a choice response")


@pytest.mark.parametrize("width, height", [(320, 640), (1280, 800)])
def test_the_host_page_works_from_320_px_and_axe_finds_no_violation(open_preview, width, height):
    host = open_preview("moodle", width, height)
    page = host.page
    frame = page.locator("#sco").bounding_box()
    panel = page.locator("#panel").bounding_box()
    if width < 900:  # the course first, full width, most of the screen; the panel below it
        assert frame["width"] >= width - 1 and frame["height"] >= 0.8 * height
        assert panel["y"] >= frame["y"] + frame["height"] - 1
    else:  # side by side, the course wider
        assert frame["width"] >= 0.55 * width and frame["height"] >= height - 1
        assert panel["x"] >= frame["x"] + frame["width"] - 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    # No two headings or control rows of the panel overlap.
    boxes = [box for box in (page.locator(selector).bounding_box()
                             for selector in ["#panel h1", "#lms-summary", "#launch-state", "#calls-title",
                                              "#data-title", "#statements-title"]) if box]
    boxes += [page.locator("#panel .controls").nth(index).bounding_box() for index in range(2)]
    boxes.sort(key=lambda box: box["y"])
    for upper, lower in zip(boxes, boxes[1:]):
        assert upper["y"] + upper["height"] <= lower["y"] + 0.5, f"{upper} overlaps {lower}"
    # The course in the frame stays usable: its Next button is inside the frame and clickable.
    host.sco.locator("#qser-next").click()

    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))}))""")
    assert violations == []
