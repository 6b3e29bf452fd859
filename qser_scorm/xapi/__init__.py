"""xAPI for qser-scorm: the course's activities and statement templates, made with tincan.

See docs/xapi.md for the statements a package sends and how a package finds its LRS.
"""
from .activities import course_iri
from .lrs import LrsError, TimedRemoteLRS
from .templates import (
    TEMPLATES_FILE,
    EmbeddedLrs,
    embedded_login,
    embedding_warning,
    statement_templates,
    statements_document,
    templates_script,
)

__all__ = [
    "TEMPLATES_FILE",
    "EmbeddedLrs",
    "LrsError",
    "TimedRemoteLRS",
    "course_iri",
    "embedded_login",
    "embedding_warning",
    "statement_templates",
    "statements_document",
    "templates_script",
]
