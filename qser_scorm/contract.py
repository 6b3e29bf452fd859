"""The names and limits the build and the browser runtime share, each spelled once, here.

The Python side imports them; the runtime reads them from ``runtime/contract.js``, which the
build writes from :func:`runtime_constants` (``Qser.contract``), so no runtime file re-spells a
section id, a status or a limit. JSON Schemas that repeat a limit are checked against this module
by tests/test_contract.py.
"""
from __future__ import annotations

import json

#: Sections that are not course pages; a course page's section is ``PAGE_PREFIX + page id``.
OVERVIEW_ID = "qser-overview"
ASSESSMENT_ID = "qser-assessment"
RESULTS_ID = "qser-results"
PAGE_PREFIX = "page-"
#: Every section's heading has the id ``<section id>-title`` (the focus goes there).
TITLE_SUFFIX = "-title"

#: The ``<script type="application/json">`` holding the course data (render/course-data.schema.json).
COURSE_DATA_ID = "qser-course"

#: Elements the runtime looks up, by the name it uses.
ELEMENT_IDS = {
    "main": "qser-main",
    "notice": "qser-notice",  # the notice's text, which the trackers write
    "noticeBox": "qser-notice-box",
    "noticeDismiss": "qser-notice-dismiss",
    "tools": "qser-tools",
    "contents": "qser-contents-button",
    "toc": "qser-toc",
    "exit": "qser-exit",
    "pager": "qser-pager",
    "back": "qser-back",
    "next": "qser-next",
    "position": "qser-position",
    "progress": "qser-progress",
    "start": "qser-start",
    "restart": "qser-restart",
    "finishPage": "qser-finish-page",
    "finishRecorded": "qser-finish-recorded",
    "finishHow": "qser-finish-how",
    "finishBack": "qser-finish-back",
    "quiz": "qser-quiz",
    "quizIntro": "qser-quiz-intro",
    "quizProgress": "qser-quiz-progress",
    "quizPosition": "qser-quiz-position",
    "quizBar": "qser-quiz-bar",
    "quizSteps": "qser-quiz-steps",
    "quizPrevious": "qser-quiz-previous",
    "quizNext": "qser-quiz-next",
    "quizReview": "qser-quiz-review",
    "quizReviewTitle": "qser-quiz-review-title",
    "quizReviewSummary": "qser-quiz-review-summary",
    "quizReviewList": "qser-quiz-review-list",
    "submitConfirm": "qser-submit-confirm",
    "submitQuestion": "qser-submit-question",
    "submitYes": "qser-submit-yes",
    "submitNo": "qser-submit-no",
    "resultsStart": "qser-results-start",
    "submit": "qser-submit",
    "result": "qser-result-summary",
    "review": "qser-review",
    "retry": "qser-retry",
    "finish": "qser-finish",
    "finishConfirm": "qser-finish-confirm",
    "finishQuestion": "qser-finish-question",
    "finishYes": "qser-finish-yes",
    "finishNo": "qser-finish-no",
    "announce": "qser-announce",
    "course": COURSE_DATA_ID,
}

#: A question's elements: ``QUESTION_PREFIX + question id`` (its fieldset), plus a part suffix.
QUESTION_PREFIX = "q-"
QUESTION_PARTS = {"answer": "-answer", "feedback": "-feedback", "hint": "-hint", "list": "-list", "check": "-check"}

#: Data attributes of the rendered form, by the name the runtime uses.
DATA_ATTRIBUTES = {
    "question": "data-question",  # fieldset: the question id
    "type": "data-type",  # fieldset: the question type
    "option": "data-option",  # choice <li>: the option's authored index
    "item": "data-item",  # ordering <li>: the item's index in the correct order
    "when": "data-when",  # feedback paragraph: the verdict it belongs to
    "left": "data-left",  # matching: the group of one left side, by its index
}

#: The engine's verdict on one answer (the same words as SCORM 1.2 cmi.interactions.n.result).
RESULTS = ("correct", "wrong", "neutral")

#: Question types as authored (assessment.schema.json) and their SCORM 1.2 interaction type
#: (RTE 3.4.2 cmi.interactions.n.type).
SCORM12_INTERACTION_TYPES = {
    "single": "choice",
    "multiple": "choice",
    "true-false": "true-false",
    "matching": "matching",
    "ordering": "sequencing",
    "fill-in": "fill-in",
    "reflection": "fill-in",
}

#: SCORM 1.2 RTE 3.4.2 vocabularies the runtime reads and writes.
SCORM12_STATUS = {"incomplete": "incomplete", "passed": "passed", "failed": "failed", "notAttempted": "not attempted"}
SCORM12_EXIT = {"suspend": "suspend", "normal": ""}
#: cmi.core.lesson_mode values in which nothing the learner does may count, and cmi.core.credit.
SCORM12_READ_ONLY_MODES = ("browse", "review")
SCORM12_NO_CREDIT = "no-credit"

#: SCORM 2004 4th Edition RTE 4.2 vocabularies the runtime writes (runtime/tracking/scorm2004.js;
#: its data model limits, which the build never needs, are spelled there).
SCORM2004_COMPLETION = {"completed": "completed", "incomplete": "incomplete"}
SCORM2004_SUCCESS = {"passed": "passed", "failed": "failed"}
SCORM2004_EXIT = {"suspend": "suspend", "normal": "normal"}
#: adl.nav.request at Terminate (SN 4.4.2): the final attempt ends, an open one is suspended.
SCORM2004_NAV_REQUEST = {"final": "exitAll", "open": "suspendAll"}
#: The engine's verdict as cmi.interactions.n.result: 2004 says "incorrect" where 1.2 says "wrong".
SCORM2004_RESULTS = {"correct": "correct", "wrong": "incorrect", "neutral": "neutral"}
#: Question types and their cmi.interactions.n.type (RTE 4.2.9); a reflection is free text up to 4,000.
SCORM2004_INTERACTION_TYPES = {**SCORM12_INTERACTION_TYPES, "reflection": "long-fill-in"}

#: SCORM 1.2 limits: cmi.suspend_data is a CMIString4096; lesson_location a CMIString255;
#: student_response and correct_responses.n.pattern are CMIFeedback (255).
SUSPEND_DATA_MAX = 4096
LOCATION_MAX = 255
FEEDBACK_MAX = 255
#: CAM 2.3: an imscp title holds at most 200 characters (course and page titles).
TITLE_MAX = 200
#: Options, matching pairs and ordering items per question: SCORM 1.2's letter codes are one
#: character of 0-9a-z each (``tracking: {responses: codes}``).
CHOICES_MAX = 36

#: Readable short ids of options, matching sides and ordering items (course/responses.py):
#: letters, digits and ``_`` (Moodle's SCORM 2004 runtime refuses others in short identifiers;
#: ``.`` and ``,`` separate the parts of a response).
SHORT_ID_PATTERN = r"^[A-Za-z0-9_]{1,64}$"

#: How SCORM responses are written (course.yaml ``tracking: {responses: ...}``).
RESPONSE_STYLES = ("readable", "codes")

#: How the learner may move through the pages (course.yaml ``navigation:``): any page at any time,
#: or each page once the one before it has been seen, and the assessment once every page has.
NAVIGATION_MODES = ("free", "sequential")

XAPI_VERSION = "1.0.3"

#: cmi5 (spec 10.0, 11.0): the LMS's documents the AU reads, and the AU's own state document
#: (saved state, pages seen, verdicts sent; docs/xapi.md "cmi5").
CMI5_LAUNCH_DATA = "LMS.LaunchData"
CMI5_PREFERENCES = "cmi5LearnerPreferences"
CMI5_PROGRESS = "qser-progress"
CMI5_LAUNCH_MODES = ("Normal", "Browse", "Review")  # 10.2.2; only Normal may change a record
#: The cmi5 state document goes with fetch keepalive on exit, whose bodies are limited to 64 KiB:
#: the state string, plus the bookmark, the pages seen and the verdicts around it.
CMI5_STATE_MAX = 50000

#: The site file the build writes from :func:`runtime_constants`; loaded first, in <head>.
CONTRACT_FILE = "runtime/contract.js"


def runtime_constants() -> dict:
    """What the runtime reads as ``Qser.contract`` (camelCase, as JavaScript spells it)."""
    return {
        "sections": {"overview": OVERVIEW_ID, "assessment": ASSESSMENT_ID, "results": RESULTS_ID,
                     "pagePrefix": PAGE_PREFIX, "titleSuffix": TITLE_SUFFIX},
        "ids": ELEMENT_IDS,
        "question": {"prefix": QUESTION_PREFIX, "parts": QUESTION_PARTS},
        "data": DATA_ATTRIBUTES,
        "result": {name: name for name in RESULTS},
        "navigation": {name: name for name in NAVIGATION_MODES},
        "scorm12": {
            "status": SCORM12_STATUS,
            "exit": SCORM12_EXIT,
            "readOnlyModes": list(SCORM12_READ_ONLY_MODES),
            "noCredit": SCORM12_NO_CREDIT,
            "interactionType": SCORM12_INTERACTION_TYPES,
            "suspendDataMax": SUSPEND_DATA_MAX,
            "locationMax": LOCATION_MAX,
            "feedbackMax": FEEDBACK_MAX,
        },
        "scorm2004": {
            "completion": SCORM2004_COMPLETION,
            "success": SCORM2004_SUCCESS,
            "exit": SCORM2004_EXIT,
            "navRequest": SCORM2004_NAV_REQUEST,
            # cmi.mode and cmi.credit have 1.2's words (RTE 4.2.16, 4.2.6).
            "readOnlyModes": list(SCORM12_READ_ONLY_MODES),
            "noCredit": SCORM12_NO_CREDIT,
            "result": SCORM2004_RESULTS,
            "interactionType": SCORM2004_INTERACTION_TYPES,
        },
        "xapiVersion": XAPI_VERSION,
        "cmi5": {
            "launchData": CMI5_LAUNCH_DATA,
            "preferences": CMI5_PREFERENCES,
            "progress": CMI5_PROGRESS,
            "normalMode": CMI5_LAUNCH_MODES[0],
            "stateMax": CMI5_STATE_MAX,
        },
    }


def contract_script() -> bytes:
    """``runtime/contract.js``: sets ``window.Qser.contract``."""
    constants = json.dumps(runtime_constants(), ensure_ascii=False, separators=(",", ":"))
    return ("// Made by qser-scorm from qser_scorm/contract.py.\n"
            f"window.Qser = window.Qser || {{}};\nwindow.Qser.contract = {constants};\n").encode("utf-8")
