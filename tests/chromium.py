"""Debian's Chromium for every browser test: one browser per test session, a fresh context per test.

A pytest plugin (listed in tests/conftest.py): Playwright's sync API allows one instance per
process, so the browser fixture must live in one place that every test folder shares.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

#: Debian's old headless shell of Chromium (package chromium-headless-shell): the same Blink and V8
#: as the full browser, and what Playwright itself runs headless, at about a third less CPU than
#: the full browser's headless mode. QSER_CHROMIUM names another build (e.g. /usr/bin/chromium).
CHROMIUM = os.environ.get("QSER_CHROMIUM", "/usr/bin/chromium-headless-shell")
#: RECIPES.md: Debian's Chromium as root works headless with Playwright's own --no-sandbox; the
#: other flags stop it from calling hosts this machine cannot reach.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing() -> str:
    """Why the browser tests cannot run here, or "" when they can (tests/conftest.py asks)."""
    installed = Path(CHROMIUM).exists()
    return "" if installed else f"no Chromium at {CHROMIUM}: scripts/test installs Debian's chromium-headless-shell"


@pytest.fixture(scope="session")
def browser():
    """Chromium, once per session: tests that use it (or ``context``, ``page``...) are marked ``browser``."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@contextmanager
def fresh_context(browser, width: int = 1024, height: int = 768):
    """A new browser context (no storage, cookie or page of another test) with a viewport of this size."""
    fresh = browser.new_context(viewport={"width": width, "height": height})
    # Fail fast: every step of a course this size takes milliseconds.
    fresh.set_default_timeout(5_000)
    yield fresh
    fresh.close()


@pytest.fixture
def context(browser):
    with fresh_context(browser) as fresh:
        yield fresh
