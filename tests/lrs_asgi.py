"""The ASGI entry point the tests run Ralph (ralph-malph 5.1.0) with, inside ``.venv-ralph``.

It patches two upstream bugs of Ralph's filesystem LRS backend before the app is imported, and
lets any loopback page post statements (the test servers pick random ports, so no fixed origin
list can name them in advance).
"""
import re

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

# Bug 1: the backend writes in CREATE mode, so every write after the first answers 500
# ("already exists and overwrite is not allowed"). Statements are appended to one file.
FSLRSBackend.default_operation_type = BaseOperationType.APPEND


def _compare_as_text(filter_adder):
    """Bug 2: ``?verb=`` and ``?activity=`` arrive as pydantic IRI objects and are compared with
    the stored strings, so they never match. Compare their text instead."""

    def add_filter(filters, iri, *rest):
        return filter_adder(filters, str(iri) if iri is not None else None, *rest)

    return staticmethod(add_filter)


FSLRSBackend._add_filter_by_verb = _compare_as_text(FSLRSBackend._add_filter_by_verb)
FSLRSBackend._add_filter_by_activity = _compare_as_text(FSLRSBackend._add_filter_by_activity)

from fastapi.middleware.cors import CORSMiddleware  # noqa: E402 - after the patches
from ralph.api import app  # noqa: E402

# xAPI 1.0.3 Communication 1.3 (CORS): a package served from another loopback port posts here.
app.add_middleware(
    CORSMiddleware,
    allow_origin_regex=re.escape("http://127.0.0.1:") + r"\d+",
    allow_methods=["GET", "POST", "PUT"],
    allow_headers=["Authorization", "Content-Type", "X-Experience-API-Version"],
)
