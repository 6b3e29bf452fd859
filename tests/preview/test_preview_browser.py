"""`qser-scorm preview` driven in Chromium: the strict LMS, its panel, relaunch and rebuilds."""
from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from qser_scorm.preview.server import PreviewServer
from tests.browser.learner import CourseLearner, responses

from .host import HostPage


def finish_full_run(host, course) -> None:
    learner = CourseLearner(host.page, host.sco, course)
    learner.go_to("qser-assessment")
    learner.answer_all(responses(course))
    learner.submit()
    learner.press(host.sco.locator("#qser-exit"))
    expect(host.page.locator('#calls li.call[data-call="LMSFinish"]')).to_have_count(1)


def test_full_run_shows_every_call_in_the_panel_and_no_error(host, preview, course_model):
    finish_full_run(host, course_model)

    assert host.errors() == []
    # Warnings only for the readable responses, which Moodle stores and letter-code LMSs refuse
    # (`tracking: {responses: codes}` avoids them; docs/runtime.md, "Answers in words").
    warned = host.page.locator("#calls li.call.warning").all_inner_texts()
    assert warned and all("student_response" in row or ".pattern" in row for row in warned)
    sets = " ".join(row["text"] for row in host.calls("LMSSetValue"))
    assert 'LMSSetValue("cmi.core.lesson_status", "passed") → "true"' in sets
    assert 'LMSSetValue("cmi.core.score.raw", "100") → "true"' in sets
    for question in course_model.assessment.questions:
        assert f'"{question.id}") → "true"' in sets, f"no interaction id set for {question.id}"
    assert len(host.calls("LMSInitialize")) == 1
    expect(host.cmi_row("cmi.core.lesson_status")).to_have_text('"passed"')
    expect(host.cmi_row("cmi.core.score.raw")).to_have_text('"100"')
    # The xAPI statements the course sent to the preview's own LRS are listed too.
    statements = host.page.locator("#statements li")
    expect(statements.filter(has_text="passed Becoming a mentor in Q-SER")).to_have_count(1)
    expect(statements.filter(has_text=re.compile(r"^answered "))).to_have_count(len(course_model.assessment.questions))
    # The Tin Can launch parameters reached the course: one learner, one registration (a UUID).
    recorded = preview.preview.recorded()
    learner = host.cmi_row("cmi.core.student_id").inner_text().strip('"')
    assert {statement["actor"]["account"]["name"] for statement in recorded} == {learner}
    (registration,) = {statement["context"]["registration"] for statement in recorded}
    assert uuid.UUID(registration).version == 4


def test_invalid_values_are_refused_with_405_and_highlighted(host):
    assert host.in_sco('() => parent.API.LMSSetValue("cmi.core.lesson_status", "done")') == "false"
    assert host.in_sco('() => parent.API.LMSGetLastError()') == "405"
    assert host.in_sco('() => parent.API.LMSSetValue("cmi.core.score.raw", "150")') == "false"

    refused = host.page.locator('#calls li.call.error[data-error="405"]')
    expect(refused).to_have_count(2)
    expect(refused.first).to_contain_text('"done" is not a valid CMILessonStatus')
    expect(refused.last).to_contain_text("in 0..100")
    expect(refused.first).to_have_css("background-color", "rgb(253, 232, 232)")
    expect(host.page.locator("#error-count")).to_have_text("2 errors")
    expect(host.cmi_row("cmi.core.lesson_status")).to_have_text('"incomplete"')


def test_relaunch_resumes_where_the_learner_left(host):
    host.sco.locator("#qser-next").click()
    host.sco.locator("#qser-next").click()
    place = host.in_sco("() => qser.nav.current()")

    host.relaunch("Relaunch (resume)")

    assert host.in_sco("() => qser.nav.bookmark()") == place  # offered by Resume on the cover
    assert any("returning learner" in note and 'entry "resume"' in note for note in host.notes())
    expect(host.cmi_row("cmi.core.entry")).to_have_text('"resume"')
    expect(host.cmi_row("cmi.core.lesson_location")).to_have_text(f'"{place}"')
    assert host.errors() == []

    host.relaunch("New learner")
    expect(host.cmi_row("cmi.core.entry")).to_have_text('"ab-initio"')
    assert host.in_sco("() => qser.nav.current()") != place


def test_mastery_override_switch_decides_the_status_at_finish(host):
    def finish_with(score: str, status: str) -> str:
        host.in_sco(f'() => {{ parent.API.LMSSetValue("cmi.core.score.raw", "{score}");'
                    f' parent.API.LMSSetValue("cmi.core.lesson_status", "{status}"); parent.API.LMSFinish(""); }}')
        return host.cmi_row("cmi.core.lesson_status")

    # On (Moodle's default): a score under the mastery score of 75 turns "passed" into "failed".
    expect(finish_with("50", "passed")).to_have_text('"failed"')
    assert any("mastery override" in note for note in host.notes())

    host.page.get_by_label("Mastery override").uncheck()
    host.relaunch("New learner")
    expect(finish_with("50", "passed")).to_have_text('"passed"')


def test_saving_a_source_file_rebuilds_and_relaunches(host, preview, course):
    page_file = course / "pages" / "opening.md"
    page_file.write_text(page_file.read_text(encoding="utf-8") + "\nA sentence added while previewing.\n", encoding="utf-8")

    expect(host.sco.get_by_text("A sentence added while previewing.")).to_be_attached(timeout=10_000)
    expect(host.page.locator("#build-status")).to_have_text("build 2")
    assert any(note.startswith("rebuilt (build 2)") for note in host.notes())


def test_a_build_error_shows_in_the_page_and_the_terminal_and_the_preview_goes_on(host, preview, course):
    course_file = course / "course.yaml"
    good = course_file.read_text(encoding="utf-8")
    course_file.write_text(good.replace("pass_mark:", "pass_mrak:"), encoding="utf-8")

    banner = host.page.locator("#build-error")
    expect(banner).to_be_visible(timeout=10_000)
    expect(banner).to_contain_text("pass_mrak")
    assert any("Build failed" in message and "pass_mrak" in message for message in preview.messages)
    assert host.in_sco("() => qser.nav.current()")  # the last good build still runs

    course_file.write_text(good, encoding="utf-8")
    expect(banner).to_be_hidden(timeout=10_000)
    expect(host.page.locator("#build-status")).to_have_text("build 2")


def test_a_source_broken_from_the_start_is_reported_and_launched_once_fixed(course, context):
    course_file = course / "course.yaml"
    good = course_file.read_text(encoding="utf-8")
    course_file.write_text(good + "\nnot: [closed\n", encoding="utf-8")
    with PreviewServer(course, port=0, echo=lambda message: None, poll_seconds=0.1) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.locator("#build-error")).to_contain_text("course.yaml")
        expect(page.locator("#build-status")).to_have_text("no build yet")

        course_file.write_text(good, encoding="utf-8")
        HostPage(page).wait_ready()
        expect(page.locator("#build-error")).to_be_hidden()
