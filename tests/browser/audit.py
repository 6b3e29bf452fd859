"""The WCAG 2.2 AA audits of a screen, run inside the SCO's document (issue 11, "Acceptance"):

1. axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules;
2. 2.4.11 Focus Not Obscured: every focusable element, once focused, shows its centre (a sticky
   bar or header must not cover it: ``document.elementFromPoint`` hits the element or a descendant);
3. 2.5.8 Target Size (Minimum): every target is 24 x 24 CSS px or has the spacing exception (an
   input's labels count as its target; a link inside a sentence is excepted: see audit.js).

And two learners that know nothing of the page's ids: they find the controls by role and by the
interface texts (``qser_scorm/interface/en.json``, by key name), so they hold while the screens change.
"""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

from playwright.sync_api import Frame, FrameLocator, Locator, Page

from .server import AXE_JS

AUDIT_JS = Path(__file__).with_name("audit.js")
#: axe-core's tags for the WCAG 2.2 level A and AA success criteria (2.0 and 2.1 ones included).
WCAG22_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


def axe_violations(frame: Frame | Page, tags: tuple[str, ...] | None = None) -> list[dict]:
    """Run axe-core in ``frame``'s document (all its default rules, or only those with ``tags``);
    return the violations: rule id, impact, help, the nodes' selectors."""
    if not frame.evaluate("typeof window.axe !== 'undefined'"):
        frame.add_script_tag(path=str(AXE_JS))
    return frame.evaluate(
        """async (tags) => (await axe.run(document, {resultTypes: ["violations"],
                ...(tags ? {runOnly: {type: "tag", values: tags}} : {})})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.map(n => n.target.join(" "))}))""",
        list(tags) if tags else None,
    )


def _audit_script(frame: Frame | Page, call: str):
    if not frame.evaluate("typeof window.qserAudit !== 'undefined'"):
        frame.add_script_tag(path=str(AUDIT_JS))
    return frame.evaluate(f"qserAudit.{call}")


def obscured_focus(frame: Frame | Page) -> list[str]:
    """2.4.11: the focusable elements whose centre is covered (or off screen) once focused."""
    return _audit_script(frame, "obscuredFocus()")


def focus_covered(frame: Frame | Page) -> str:
    """2.4.11 for the element that has the focus now: it and what covers its centre, or ""."""
    return _audit_script(frame, "covering(document.activeElement) && "
                                "`${qserAudit.describe(document.activeElement)}: ${qserAudit.covering(document.activeElement)}`")


def small_targets(frame: Frame | Page) -> list[str]:
    """2.5.8: the targets under 24 x 24 px that have another target within their 24 px circle."""
    return _audit_script(frame, "smallTargets()")


def audit_screen(frame: Frame | Page) -> dict[str, list]:
    """The three audits of the screen as it is now; only the failed ones, by name. axe runs with
    the pager not sticking: its target-size rule counts a control that scrolled under the sticky
    pager as small, while what the pager hides is the focus audit's (2.4.11) to judge."""
    frame.evaluate("document.getElementById('qser-pager').style.position = 'static'")
    violations = axe_violations(frame, WCAG22_AA)
    frame.evaluate("document.getElementById('qser-pager').style.position = ''")
    found = {
        "axe WCAG 2.2 AA": [f"{v['id']} ({v['help']}): {', '.join(v['nodes'][:5])}" for v in violations],
        "2.4.11 focus obscured": obscured_focus(frame),
        "2.5.8 target size": small_targets(frame),
    }
    return {audit: findings for audit, findings in found.items() if findings}


def screen_signature(frame: Frame | Page) -> str:
    """The set of lines of text the learner sees: a new screen or state changes it."""
    return _audit_script(frame, "screen()")


def screen_name(frame: Frame | Page) -> str:
    """The screen's first visible heading (or notice), to name it in a report."""
    return _audit_script(frame, "screenName()")


def report(findings: dict[str, dict[str, list]]) -> str:
    """Findings by screen and audit, one per line, for an assertion message."""
    return "\n".join(f"{screen} | {audit}: {finding}"
                     for screen, audits in findings.items() for audit, lines in audits.items() for finding in lines)


# -- the interface texts, by key name ----------------------------------------------------------------
INTERFACE = json.loads(resources.files("qser_scorm").joinpath("interface", "en.json").read_text(encoding="utf-8"))

#: The buttons that take a learner on, by interface key name, most decisive first: confirming,
#: finishing with a score, submitting, starting or resuming, reviewing, checking, the next
#: screen, and only then another try. Key names, not ids: new screens add keys of the same names.
FORWARD = (r"(^|_)(yes|confirm|anyway)$", r"^finish", r"^submit", r"(^|_)(start|resume)(_|$)", r"^review",
           r"^check", r"^next", r"^retry")
#: Keys of the same families that go back or say no ("finish_no": "No, go back").
BACKWARD = r"(^|_)(no|back|cancel)$"


def labels(pattern: str) -> list[str]:
    """The interface texts whose key matches ``pattern`` and that can label a button: no
    placeholder ("{score}" is a sentence's), not going back or saying no. The longer key first:
    "next_question" (within the assessment) before the pager's "next" (past it)."""
    keys = sorted((key for key, text in INTERFACE.items()
                   if re.search(pattern, key) and not re.search(BACKWARD, key) and "{" not in text), key=len, reverse=True)
    return [INTERFACE[key] for key in keys]


def forward_names() -> list[str]:
    """The labels of the forward-looking buttons, in the order a learner that wants to be done prefers."""
    names: list[str] = []
    for pattern in FORWARD:
        names += [text for text in labels(pattern) if text not in names]
    return names


#: lesson_status values that end the course for the LMS (RTE 3.4.2 cmi.core.lesson_status).
FINAL_STATUSES = {"passed", "failed", "completed"}


class GenericLearner:
    """A learner who knows nothing of the course: on every screen they give an answer to each
    visible, unanswered input (the first choice, some text), then press the most decisive visible
    forward button; a press that changes nothing is not tried again on the same screen."""

    TEXT = "Some text"

    def __init__(self, frame: FrameLocator, document: Frame):
        self.frame = frame
        self.document = document
        self.forward = forward_names()
        self.steps: list[str] = []  #: what was pressed, in order, on which screen

    def answer_visible_inputs(self) -> None:
        visible = ":visible:enabled"
        for field in self.frame.locator(f"input[type=text]{visible}, textarea{visible}").all():
            if not field.input_value():
                field.fill(self.TEXT)
        for select in self.frame.locator(f"select{visible}").all():
            if not select.input_value():
                select.select_option(index=1)
        for kind in ("radio", "checkbox"):
            groups = self.frame.locator(f"input[type={kind}]{visible}").evaluate_all("els => [...new Set(els.map(e => e.name))]")
            for name in groups:
                group = self.frame.locator(f'input[type={kind}][name="{name}"]')
                if not any(box.is_checked() for box in group.all()):
                    group.filter(visible=True).first.check()

    def forward_button(self, tried: set[str]) -> Locator | None:
        for name in self.forward:
            if name in tried:
                continue
            button = self.frame.get_by_role("button", name=name, exact=True).filter(visible=True)
            if button.count() and button.first.is_enabled():
                return button.first
        return None

    def step(self, tried: dict[str, set[str]]) -> bool:
        """Answer and press one button; False when no forward button is left to press."""
        self.answer_visible_inputs()
        before = screen_signature(self.document)
        button = self.forward_button(tried.setdefault(before, set()))
        if button is None:
            return False
        name = button.inner_text().strip()
        self.steps.append(f"{screen_name(self.document)}: {name}")
        button.click()
        if screen_signature(self.document) == before:
            tried[before].add(name)
        return True
