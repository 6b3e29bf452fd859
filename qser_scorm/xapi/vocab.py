"""The xAPI vocabulary of qser-scorm: verbs, activity types, interaction types and IRIs.

One home for these names (the runtime receives them inside the statement templates, so it
never spells an IRI itself). Spec: xAPI 1.0.3, Data 2.4.3 (verbs), 2.4.4.1 (activity
definitions, interaction types and response patterns); verbs from the ADL vocabulary.
"""
from __future__ import annotations

from ..contract import SCORM12_INTERACTION_TYPES, XAPI_VERSION  # noqa: F401  (XAPI_VERSION: for importers)

#: Used when the course sets no ``xapi_base_iri``: ``.example`` is reserved (RFC 2606), so these
#: IRIs are unique per course id but never resolve. Set a base under your own domain instead.
DEFAULT_BASE_IRI = "https://qser.example/xapi/"

_ADL_VERBS = "http://adlnet.gov/expapi/verbs/"

#: Every verb a qser package sends, by its English display name.
VERBS = {
    name: _ADL_VERBS + name
    for name in (
        "initialized",  # a session starts for a new registration (the LMS sends "launched")
        "resumed",  # a session starts for a registration begun earlier
        "experienced",  # a course page was shown
        "answered",  # a question of a submitted assessment attempt
        "passed",
        "failed",
        "completed",  # the course, once per registration
        "suspended",  # a session ends with the course unfinished
        "terminated",  # a session ends with the course finished
    )
}

_ADL_ACTIVITIES = "http://adlnet.gov/expapi/activities/"
ACTIVITY_TYPES = {
    "course": _ADL_ACTIVITIES + "course",
    "page": _ADL_ACTIVITIES + "lesson",
    "question": _ADL_ACTIVITIES + "cmi.interaction",
}

#: Author question type -> xAPI interactionType (Data 2.4.4.1): SCORM's interaction types, which
#: xAPI took over, plus long-fill-in (which SCORM 1.2 lacks) for reflections.
INTERACTION_TYPES = {**SCORM12_INTERACTION_TYPES, "reflection": "long-fill-in"}

#: Context extension carrying the assessment attempt number (1-based) on answered/passed/failed.
ATTEMPT_EXTENSION = "https://qser.example/xapi/extensions/attempt"

#: Result extension on passed/failed/completed: per learning objective of the course, its id, its
#: score (scaled, raw 0-100, min, max; none without scored questions) and success by the pass mark.
OBJECTIVES_EXTENSION = "https://qser.example/xapi/extensions/objectives"

#: cmi5 (spec 9.6.2, 9.6.3): the category activities and context extensions of the cmi5 tracker.
_CMI5 = "https://w3id.org/xapi/cmi5/"
CMI5 = {
    "categories": {
        "cmi5": _CMI5 + "context/categories/cmi5",  # on every "cmi5 defined" statement (9.6.2.1)
        "moveon": _CMI5 + "context/categories/moveon",  # on passed, failed, completed (9.6.2.2)
    },
    "extensions": {
        "sessionid": _CMI5 + "context/extensions/sessionid",  # set by the LMS in the context template
        "masteryscore": _CMI5 + "context/extensions/masteryscore",  # on passed/failed judged by it
        "launchmode": _CMI5 + "context/extensions/launchmode",  # these two: in the LMS's "launched"
        "moveon": _CMI5 + "context/extensions/moveon",
    },
}


def base_iri(course_id: str, configured: str = "") -> str:
    """Return the course's activity IRI: ``configured`` if the author set one, else the default.

    All other activity IRIs of the course hang below it (``<base>/pages/<id>``,
    ``<base>/questions/<id>``); they stay stable as long as the course id and base do.
    """
    return configured.rstrip("/") if configured else DEFAULT_BASE_IRI + course_id
