"""The multilingual Tin Can package with Ralph as the LRS: the statements say in which language the
learner took the course (xAPI Data 2.4.6 context.language), and keep the activity ids."""
from __future__ import annotations

import uuid

from tests.browser.conftest import build_package
from tests.browser.server import LmsServer
from tests.conftest import SHIPPED_COURSE

from .conftest import XapiLaunch
from .runs import ADL, wait_for_statements


def test_after_the_switch_to_greek_the_statements_carry_greek(tmp_path, context, lrs):
    package = build_package(SHIPPED_COURSE, tmp_path, "xapi", "--multilingual")
    with LmsServer(package) as server:
        launch = XapiLaunch(server, context, lrs, str(uuid.uuid4()), [])
        page = launch.open()
        page.locator("#qser-languages button[lang='el']").click()
        page.locator("#qser-next").click()  # the first course page: "experienced"
        statements = wait_for_statements(lrs, launch.registration, 2)
        assert launch.errors == []
    languages = {s["verb"]["id"].removeprefix(ADL): s["context"]["language"] for s in statements}
    assert languages == {"initialized": "en", "experienced": "el"}
    experienced = next(s for s in statements if s["verb"]["id"] == ADL + "experienced")
    assert experienced["object"]["id"].endswith("/opening")
    assert set(experienced["object"]["definition"]["name"]) == {"en", "el", "es"}
