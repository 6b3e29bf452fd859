"""The handout's print page in the SCORM package, opened in Chromium: one self-contained file, axe-clean."""
from __future__ import annotations

import zipfile

from tests.conftest import COURSE_SRC, REPO

AXE = REPO / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"


def test_the_print_page_loads_nothing_else_and_passes_axe(browser, run_cli, tmp_path):
    assert run_cli("build", COURSE_SRC, "--out", tmp_path).exit_code == 0
    site = tmp_path / "site"
    with zipfile.ZipFile(tmp_path / "qser-becoming-a-mentor-scorm12.zip") as archive:
        archive.extractall(site)
    context = browser.new_context()
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto((site / "handout.html").as_uri())
    assert requested == [(site / "handout.html").as_uri()]
    page.emulate_media(media="print")
    assert page.locator(".qser-lines").first.is_visible()  # room to write, on paper only

    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run()).violations.map(v => v.id + ': ' + v.help)")
    context.close()
    assert violations == []
