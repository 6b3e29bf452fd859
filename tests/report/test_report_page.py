"""The HTML report opened in Chromium: no request leaves the page, and axe-core finds nothing."""
from __future__ import annotations

from pathlib import Path

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
