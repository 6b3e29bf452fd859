"""The test LMS as the tests drive it: launch a learner session, read what the SCO told the LMS,
relaunch a returning learner, run axe-core inside the SCO's frame.
"""
from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from urllib.parse import quote

from playwright.sync_api import BrowserContext, Frame, FrameLocator, Page

from .audit import axe_violations
from .learner import CourseLearner
from .server import LmsAttempt, LmsServer

#: scorm-again log level 4 = ERROR: its warnings about our own settings would only add noise.
LOG_LEVEL_ERROR = 4

_attempt_names = (f"attempt-{n}" for n in itertools.count(1))


@dataclass
class Learner:
    """What the LMS owns about the learner and the course (RTE 3.4.2: read-only for the SCO)."""

    student_id: str = "learner-7"
    student_name: str = "Papadopoulou, Eleni"
    credit: str = "credit"
    lesson_mode: str = "normal"

    def cmi(self, mastery_score: str) -> dict[str, str]:
        return {
            # RTE 3.4.2: a first launch is ab-initio, never attempted, with no time spent yet.
            "cmi.core.entry": "ab-initio",
            "cmi.core.lesson_status": "not attempted",
            "cmi.core.total_time": "0000:00:00",
            "cmi.core.student_id": self.student_id,
            "cmi.core.student_name": self.student_name,
            "cmi.core.credit": self.credit,
            "cmi.core.lesson_mode": self.lesson_mode,
            "cmi.student_data.mastery_score": mastery_score,
        }


class LmsSession:
    """One learner session: the host page with scorm-again as ``window.API`` and the SCO inside it."""

    #: The API's method that sets a value (SCORM 2004: SetValue).
    SET = "LMSSetValue"

    def __init__(self, page: Page, attempt: LmsAttempt):
        self.page = page
        self.attempt = attempt

    @property
    def sco(self) -> FrameLocator:
        """The SCO's frame, for locators (clicks, text, roles)."""
        return self.page.frame_locator("#sco")

    @property
    def sco_frame(self) -> Frame:
        """The SCO's frame, for script evaluation."""
        return self.page.locator("#sco").element_handle().content_frame()

    def ready(self) -> "LmsSession":
        """Wait until the runtime has started and applied any saved state (``qser.ready``)."""
        frame = self.sco_frame
        frame.wait_for_function("() => window.qser && window.qser.ready")
        frame.evaluate("() => window.qser.ready.then(() => true)")
        return self

    def wait_finished(self, finishes: int = 1) -> dict:
        """Wait until the LMS stored the terminating commit of LMSFinish; return the stored CMI."""
        assert self.attempt.wait_for(lambda a: a.finishes >= finishes), "LMSFinish never reached the LMS"
        return self.attempt.last_cmi

    def calls(self, name: str | None = None) -> list[dict]:
        """Every LMS call so far: name, args, result, error (LMSGetLastError right after it)."""
        calls = self.page.evaluate("window.lmsCalls")
        return [c for c in calls if name is None or c["name"] == name]

    def refused_sets(self) -> list[dict]:
        """LMSSetValue calls the LMS answered "false" to."""
        return [c for c in self.calls(self.SET) if c["result"] != "true"]

    def cmi(self) -> dict:
        """The whole CMI as the LMS holds it now (write-only elements included)."""
        return self.page.evaluate("window.lmsApi.renderCMIToJSONObject()")["cmi"]

    def value(self, element: str) -> str:
        """The last value the SCO set for ``element`` (interactions are write-only: read the log)."""
        sets = [c["args"][1] for c in self.calls(self.SET) if c["args"][0] == element]
        return sets[-1] if sets else ""

    def refused_commits_are_retried(self, course, location_of) -> None:
        """The LMS server refuses commits while the learner moves two pages on: the page survives,
        and once the LMS is back a retry stores where the learner is (``location_of(cmi)``)."""
        learner = CourseLearner(self.page, self.sco, course)
        self.attempt.down = True  # the LMS server answers 500 from now on
        learner.next()
        learner.next()
        where = learner.current_section()
        assert self.attempt.wait_for(lambda a: a.refused >= 1), "no commit reached the LMS"
        assert self.page.locator("#sco").is_visible()  # the page survived the error
        self.attempt.down = False
        recovered = self.attempt.wait_for(lambda a: a.last_cmi is not None and location_of(a.last_cmi) == where, timeout=15)
        assert recovered, "the runtime never committed again after the LMS recovered"
        assert learner.current_section() == where

    def leave(self) -> None:
        """The learner closes the course window mid-way (the SCO gets pagehide, nothing else)."""
        self.page.close()

    def unload_sco(self) -> None:
        """The LMS unloads the SCO's frame (its pagehide fires) while the host page stays."""
        self.page.evaluate("document.getElementById('sco').src = 'about:blank'")
        self.page.wait_for_function("document.getElementById('sco').contentWindow.location.href === 'about:blank'")

    def axe_violations(self, tags: tuple[str, ...] | None = None) -> list[dict]:
        """axe-core's violations in the SCO's own document (all its default rules, or those with ``tags``)."""
        return axe_violations(self.sco_frame, tags)


class TestLms:
    """Launches learner sessions against the session's server, one browser context per test."""

    __test__ = False  # not a pytest test class
    #: The API the host page offers (host.js STANDARDS) and the session class that reads it.
    standard = "scorm12"
    session_class = LmsSession

    def __init__(self, server: LmsServer, context: BrowserContext, mastery_score: str):
        self.server = server
        self.context = context
        self.mastery_score = mastery_score
        #: Uncaught script errors of every page opened (the host page's and the SCO's).
        self.page_errors: list[str] = []

    def _new_page(self) -> Page:
        page = self.context.new_page()
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url[:60]}: {error}"))
        return page

    def launch(
        self,
        *,
        mastery_override: bool = False,
        returning: dict[str, str] | None = None,
        attempt: LmsAttempt | None = None,
        fail: dict[str, str] | None = None,
        lacks: dict[str, list[str]] | None = None,
        unlisted: bool = False,
    ) -> LmsSession:
        """Open the host page and start the SCO.

        ``mastery_override`` on is Moodle's default (the LMS recomputes passed/failed from the
        score at LMSFinish); ``returning`` is extra stored CMI for a returning learner (see
        :func:`returning_learner`); ``attempt`` reuses an LMS attempt record for a relaunch;
        ``fail`` makes API methods break: ``{"LMSCommit": "throw", "LMSInitialize": "false"}``;
        ``lacks`` leaves elements unimplemented, as Chamilo: ``{"cmi.interactions": ["objectives"]}``
        (not in ``_children``, a set answers error 401); ``unlisted`` gives no ``_children`` lists.
        """
        name = next(_attempt_names)
        attempt = attempt or self.server.new_attempt(name)
        self.server.attempts[name] = attempt
        cmi = self.first_launch_cmi() | (returning or {})
        launch_data = {
            "standard": self.standard,
            "settings": {
                "lmsCommitUrl": f"/lms/{name}/commit",
                "autocommit": False,
                "mastery_override": mastery_override,
                "logLevel": LOG_LEVEL_ERROR,
            },
            "cmi": cmi,
            "sco": "/sco/index.html",
            "fail": fail or {},
            "lacks": lacks or {},
            "unlisted": unlisted,
        }
        page = self._new_page()
        page.goto(f"{self.server.origin}/host/host.html#{quote(json.dumps(launch_data))}")
        return self.session_class(page, attempt)

    def first_launch_cmi(self) -> dict[str, str]:
        """What the LMS holds before the learner's first launch."""
        return Learner().cmi(self.mastery_score)

    def returning_cmi(self, stored: dict) -> dict[str, str]:
        """What the LMS hands back on the next launch, from what it stored."""
        return returning_learner(stored)

    def second_session_while_the_lms_loses_all(self, course) -> tuple[LmsSession, dict, LmsSession]:
        """A first session that moves one page on and closes the window, then a second launch
        during which the LMS server loses every commit and the terminating one: (first session,
        what the LMS stored of it, second session, on the assessment page)."""
        first = self.launch().ready()
        CourseLearner(first.page, first.sco, course).next()
        first.leave()
        stored = first.wait_finished()
        first.attempt.down = True
        second = self.relaunch(first).ready()
        CourseLearner(second.page, second.sco, course).go_to("qser-assessment")
        return first, stored, second

    def relaunch(self, previous: LmsSession, **options) -> LmsSession:
        """Start a new session as the learner of ``previous`` returns, from what the LMS stored."""
        stored = previous.attempt.last_cmi
        assert stored is not None, "the LMS stored nothing for the first session"
        return self.launch(returning=self.returning_cmi(stored), attempt=previous.attempt, **options)

    def open_standalone(self, url: str | None = None) -> Page:
        """Open the bare package with no LMS around it: from the web server, or from ``url``."""
        page = self._new_page()
        page.goto(url or f"{self.server.origin}/sco/index.html")
        return page


def returning_learner(stored: dict) -> dict[str, str]:
    """The CMI an LMS hands back on the next launch, from what it stored at the last LMSFinish.

    RTE 3.4.2: entry is "resume" only when the last session exited with "suspend"; suspend_data
    and lesson_location come back as they were; total_time already includes the last session.
    """
    core = stored["core"]
    values = {
        "cmi.core.entry": "resume" if core.get("exit") == "suspend" else "",
        "cmi.core.lesson_status": core["lesson_status"],
        "cmi.core.lesson_location": core["lesson_location"],
        # Only LMSFinish's commit carries total_time; after plain commits it is still the first one's.
        "cmi.core.total_time": core.get("total_time", "0000:00:00"),
        "cmi.suspend_data": stored["suspend_data"],
    }
    # The learner's language, as the LMS keeps it between sessions (RTE 3.4.2, read and write).
    if stored.get("student_preference", {}).get("language"):
        values["cmi.student_preference.language"] = stored["student_preference"]["language"]
    for part in ("raw", "min", "max"):
        if core["score"].get(part, "") != "":
            values[f"cmi.core.score.{part}"] = core["score"][part]
    # The LMS keeps earlier answers: the SCO must append after them (cmi.interactions._count).
    for index, interaction in stored["interactions"].items():
        for key, value in _flatten(interaction, f"cmi.interactions.{index}"):
            values[key] = value
    return values


def _flatten(tree: dict, prefix: str):
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}.{key}")
        elif value != "":
            yield f"{prefix}.{key}", value
