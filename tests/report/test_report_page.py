"""The HTML report opened in Chromium: no request leaves the page, and axe-core finds nothing."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from qser_scorm.commands.report import report_command

from .simulate import play

AXE = Path(__file__).resolve().parents[1] / "js" / "node_modules" / "axe-core" / "axe.min.js"


def test_report_page_loads_nothing_else_and_passes_axe(browser, statements_file, run_report):
    """``browser``: the session's Chromium (tests/chromium.py)."""
    result, written = run_report("--from", statements_file(play()))
    assert result.exit_code == 0, result.output
    # bypass_csp: the report's Content-Security-Policy forbids scripts, axe's included.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto((written.folder / "report.html").as_uri())
    assert requested == [(written.folder / "report.html").as_uri()]

    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run()).violations.map(v => v.id + ': ' + v.help)")
    context.close()
    assert violations == []


def test_moodle_report_page_passes_axe_and_fits_a_phone(browser, tmp_path):
    """The report of the recorded Moodle course, with groups compared and objectives, at 320 px."""
    from .moodle_replay import TOKEN, MoodleReplay
    from .moodle_truth import COURSE_SOURCE

    token = tmp_path / "token"
    token.write_text(TOKEN, encoding="utf-8")
    with MoodleReplay().running() as moodle:
        result = CliRunner().invoke(report_command, [
            "--moodle", moodle.url, "--token-file", str(token), "--cmid", "6", "--moodle-course", "QSER-MENTOR-2026",
            "--course", str(COURSE_SOURCE), "--out", str(tmp_path / "report")])
    assert result.exit_code == 0, result.output
    context = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto((tmp_path / "report" / "report.html").as_uri())

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.locator("#groups").is_visible() and page.locator("#objectives").is_visible()
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run()).violations.map(v => v.id + ': ' + v.help)")
    context.close()
    assert violations == []
