"""Statement templates: every statement a package sends, made with tincan at build time.

A template is a statement without the parts only the browser knows (``id``, ``actor``,
``timestamp``, ``context.registration``, ``result``, the attempt extension); the runtime
(``runtime/tracking/xapi.js``) copies one and fills those in. Templates reach the package as
the ``xapi-templates.js`` part of the runtime script (``render/runtime.py``) and ``dist/`` as a
readable JSON file for coordinators and LRS admins.
"""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from tincan import Context, ContextActivities, LanguageMap, Statement, Verb

from ..course.model import Course
from .activities import (
    course_activity,
    course_iri,
    page_activity,
    parent_activity,
    question_activity,
)
from .vocab import ACTIVITY_TYPES, ATTEMPT_EXTENSION, CMI5, OBJECTIVES_EXTENSION, VERBS, XAPI_VERSION

#: The script part holding the templates: after the trackers, before the runtime's main script
#: (``render/runtime.py``, ``SCRIPT_LAYERS``).
TEMPLATES_FILE = "xapi-templates.js"

#: Verbs whose object is the course itself.
SESSION_VERBS = ("initialized", "resumed", "passed", "failed", "completed", "suspended", "terminated")

#: What the runtime adds to a template, for the readable file.
FILLED_BY_RUNTIME = {
    "id": "UUID v4 made in the browser; a resend keeps it, so the LRS stores each statement once",
    "actor": "the Tin Can launch parameter 'actor', else the SCORM LMS learner as an account",
    "timestamp": "when it happened, ISO 8601 UTC, from the browser clock",
    "context.registration": "the Tin Can launch parameter 'registration' (one per learner and course)",
    "context.extensions": f"{ATTEMPT_EXTENSION}: the assessment attempt, on answered/passed/failed",
    "result": "score (scaled, raw 0-100, min, max), success, completion, duration, response",
    "result.extensions": f"{OBJECTIVES_EXTENSION}: per learning objective, on passed/failed/completed",
}


@dataclass(frozen=True)
class EmbeddedLrs:
    """LRS settings baked into a package at the author's explicit request (see docs/xapi.md)."""

    endpoint: str
    auth: str  #: an ``Authorization`` header value, e.g. ``Basic <base64 of user:password>``


def statement_templates(course: Course) -> dict:
    """Return the templates as JSON-ready data: session verbs, one per page, one per question."""
    language = course.language
    course_ref = parent_activity(course)

    def template(verb: str, activity, in_course: bool) -> dict:
        context = Context(language=language, platform="qser-scorm", revision=course.version)
        if in_course:
            context.context_activities = ContextActivities(parent=[course_ref])
        statement = Statement(
            verb=Verb(id=VERBS[verb], display=LanguageMap({"en-US": verb})),
            object=activity,
            context=context,
        )
        data = json.loads(statement.to_json(XAPI_VERSION))
        data.pop("version")  # xAPI Data 2.4.10: the LRS sets it
        return data

    course_object = course_activity(course)
    return {
        "course": course_iri(course),
        "extensions": {"attempt": ATTEMPT_EXTENSION, "objectives": OBJECTIVES_EXTENSION},
        "cmi5": CMI5,
        "session": {verb: template(verb, course_object, False) for verb in SESSION_VERBS},
        "pages": {page.id: template("experienced", page_activity(course, page), True) for page in course.pages},
        "questions": {
            question.id: template("answered", question_activity(course, question), True)
            for question in course.assessment.questions
        },
    }


def templates_script(course: Course, embedded_lrs: EmbeddedLrs | None = None) -> bytes:
    """Return the ``xapi-templates.js`` script part: sets ``window.Qser.xapiTemplates`` (and, only when asked,
    ``window.Qser.xapiLaunch`` with the LRS settings baked in)."""
    lines = [
        "// Made by qser-scorm from the course source: the xAPI statements this course sends (docs/xapi.md).",
        "window.Qser = window.Qser || {};",
        f"window.Qser.xapiTemplates = {_json(statement_templates(course))};",
    ]
    if embedded_lrs is not None:
        launch = {"endpoint": embedded_lrs.endpoint, "auth": embedded_lrs.auth}
        lines.append(f"window.Qser.xapiLaunch = {_json(launch)};")
    return ("\n".join(lines) + "\n").encode("utf-8")


def embedded_login(endpoint: str, username: str, password: str) -> EmbeddedLrs:
    """The LRS settings to bake into a package (``render_site(course, embedded_lrs=...)``). Only
    for an author's explicit build option (docs/xapi.md); the build prints ``embedding_warning``."""
    token = base64.b64encode(f"{username}:{password}".encode("utf-8")).decode("ascii")
    return EmbeddedLrs(endpoint, f"Basic {token}")


def embedding_warning(embedded_lrs: EmbeddedLrs) -> str:
    """Return the warning the build prints when it bakes LRS credentials into a package."""
    return (
        f"warning: the LRS credentials for {embedded_lrs.endpoint} are stored in plain text in "
        f"runtime/qser.js inside the package. Anyone who can download the package (every learner, "
        "every LMS admin, anyone it is forwarded to) can read them and post or read statements "
        "with them. Use a write-only LRS account limited to this course, or let the LMS pass the "
        "LRS at launch instead."
    )


def statements_document(course: Course) -> bytes:
    """Return the readable JSON file of the course's xAPI vocabulary and statement templates."""
    templates = statement_templates(course)
    document = {
        "about": (
            f"The xAPI {XAPI_VERSION} statements the course '{course.title}' sends to a Learning "
            "Record Store. Each template is completed in the browser with the fields listed in "
            "'filledByTheRuntime'. Query the LRS by activity or registration to read a course's data."
        ),
        "course": {"activityId": templates["course"], "title": course.title, "version": course.version},
        "verbs": VERBS,
        "activityTypes": ACTIVITY_TYPES,
        "extensions": {"attempt": ATTEMPT_EXTENSION, "objectives": OBJECTIVES_EXTENSION},
        "filledByTheRuntime": FILLED_BY_RUNTIME,
        "templates": templates,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
