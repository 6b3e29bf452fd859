"""The preview's host page as a test sees it: the course frame and the panel."""
from __future__ import annotations

from playwright.sync_api import Frame, Page


class HostPage:
    def __init__(self, page: Page):
        self.page = page
        self.sco = page.frame_locator("#sco")

    def frame(self) -> Frame:
        return self.page.locator("#sco").element_handle().content_frame()

    def launches(self) -> int:
        """How many times the host page has launched the course (the frame's data-launch)."""
        return int(self.page.locator("#sco").get_attribute("data-launch") or 0)

    def wait_ready(self, launch: int = 1) -> "HostPage":
        """Wait until launch number ``launch`` of the course has started its trackers
        (docs/runtime.md: qser.ready)."""
        self.page.wait_for_function(
            "launch => { const sco = document.getElementById('sco'), w = sco.contentWindow;"
            " return Number(sco.dataset.launch) >= launch && w.location.pathname.startsWith('/course/')"
            " && w.qser && w.qser.ready; }", arg=launch)
        self.frame().evaluate("() => window.qser.ready.then(() => true)")
        return self

    def relaunch(self, button: str) -> None:
        """Press "New learner", "Relaunch (resume)" or "New attempt" and wait for the course to start again."""
        launch = self.launches() + 1
        self.page.get_by_role("button", name=button).click()
        self.wait_ready(launch)

    def in_sco(self, script: str):
        """Evaluate ``script`` in the course's frame, where the SCO runs."""
        return self.frame().evaluate(script)

    def calls(self, name: str | None = None) -> list[dict]:
        """The panel's API call rows: ``{name, text, error}`` (error "0" when the row is not highlighted)."""
        rows = self.page.eval_on_selector_all(
            "#calls li.call",
            "rows => rows.map(r => ({name: r.dataset.call, text: r.textContent, error: r.dataset.error || '0'}))")
        return [row for row in rows if name is None or row["name"] == name]

    def errors(self) -> list[dict]:
        return [row for row in self.calls() if row["error"] != "0"]

    def notes(self) -> list[str]:
        return self.page.locator("#calls li.note").all_inner_texts()

    def cmi_row(self, element: str):
        """The panel's CMI data cell of ``element`` (a locator: use with expect)."""
        return self.page.locator(f'#cmi-data tr[data-element="{element}"] td')

    def launch_mode(self) -> str:
        """The lesson_mode of the current launch, as the panel shows it."""
        return self.page.locator("#launch-state").get_attribute("data-mode")

    def api(self, script: str):
        """Run ``script`` in the course's frame with ``API`` bound to the LMS's API object (the
        calls a SCO makes), e.g. ``API.LMSSetValue("cmi.core.score.raw", "40")``."""
        return self.in_sco(f"() => {{ const API = parent.API; return {script}; }}")
