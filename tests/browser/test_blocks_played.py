"""Content blocks played in Chromium inside the test LMS (scorm-again): a check question in a
content page answers at once and is recorded as an interaction of weight 0, never in the score,
in SCORM 1.2 and 2004; axe finds nothing on a page with every kind of block, at desktop and
phone size, before and after Check."""
from __future__ import annotations

import shutil

import pytest

from qser_scorm.course.load import load_course
from tests.conftest import COURSE_SRC, REPO

from .conftest import served
from .learner import CourseLearner, run_course
from .lms import TestLms
from .scorm2004_lms import lms2004, server2004  # noqa: F401

#: The check question of the Q-SER page on mentors and mentees (course_src/pages/mentors-mentees.md).
SEED_CHECK = "check-mentors-mentees-1"


def check(learner: CourseLearner, check_id: str, value: str):
    """Go to the page of ``check_id``, choose ``value`` and press Check; return the question box."""
    box = learner.frame.locator(f"#{check_id}")
    learner.go_to(box.locator("xpath=ancestor::section").get_attribute("id"))
    learner.frame.locator(f"#{check_id}-{value}").check()
    learner.press(box.locator(".qser-check-button"))
    return box


def interactions_set(session, prefix: str) -> dict[str, dict[str, str]]:
    """The interactions the SCO set, by index: {field: value} (interactions are write-only)."""
    found: dict[str, dict[str, str]] = {}
    for call in session.calls(session.SET):
        element, value = call["args"][0], call["args"][1]
        if element.startswith(prefix) and not element.endswith("_count"):
            index, field = element[len(prefix):].split(".", 1)
            found.setdefault(index, {})[field] = value
    return found


def test_a_wrong_check_shows_feedback_and_is_recorded_with_weight_0_never_in_the_score(lms, course):
    session = lms.launch().ready()
    learner = CourseLearner(session.page, session.sco, course)
    box = check(learner, SEED_CHECK, "2")  # "Judging and comparing the mentee"

    assert box.locator(".qser-verdict").inner_text() == "Not correct"
    assert box.locator('[data-when="wrong"]').is_visible() and not box.locator('[data-when="correct"]').is_visible()
    assert box.locator('[data-option="0"] .qser-key').is_visible()  # the right answer, in words
    (recorded,) = interactions_set(session, "cmi.interactions.").values()
    assert recorded["id"] == SEED_CHECK and recorded["type"] == "choice"
    assert (recorded["weighting"], recorded["result"]) == ("0", "wrong")

    stored = run_course(session, course)  # then the whole assessment, right
    assert (stored["core"]["lesson_status"], float(stored["core"]["score"]["raw"])) == ("passed", 100)
    ids = [i["id"] for i in stored["interactions"].values()]
    assert ids == [SEED_CHECK, *(q.id for q in course.assessment.questions)]


def test_a_check_is_an_interaction_in_scorm_2004_too(lms2004, course):
    session = lms2004.launch().ready()
    learner = CourseLearner(session.page, session.sco, course)
    box = check(learner, SEED_CHECK, "0")

    assert box.locator(".qser-verdict").inner_text() == "Correct"
    assert box.locator('[data-when="correct"]').is_visible()
    (recorded,) = interactions_set(session, "cmi.interactions.").values()
    assert recorded["id"] == SEED_CHECK and recorded["result"] == "correct" and recorded["weighting"] == "0"
    assert recorded["description"].startswith("What should the relationship")
    assert "cmi.score.raw" not in dict(session.sets())  # a check never makes a score


def test_check_with_nothing_chosen_asks_for_an_answer_and_records_nothing(lms, course):
    session = lms.launch().ready()
    learner = CourseLearner(session.page, session.sco, course)
    box = learner.frame.locator(f"#{SEED_CHECK}")
    learner.go_to(box.locator("xpath=ancestor::section").get_attribute("id"))
    learner.press(box.locator(".qser-check-button"))
    assert box.locator(".qser-verdict").inner_text() == "Choose an answer first."
    assert interactions_set(session, "cmi.interactions.") == {}


def test_a_checked_answer_survives_leaving_and_coming_back_and_is_not_recorded_twice(lms, course):
    first = lms.launch().ready()
    check(CourseLearner(first.page, first.sco, course), SEED_CHECK, "0")
    first.leave()
    first.wait_finished()

    second = lms.relaunch(first).ready()
    box = second.sco.locator(f"#{SEED_CHECK}")
    assert box.locator(f"#{SEED_CHECK}-0").is_checked()
    assert box.locator(".qser-verdict").inner_text() == "Correct"
    assert interactions_set(second, "cmi.interactions.") == {}


EVERY_BLOCK = """Blocks of every kind.

::: note
A note without a title.
:::

::: tip Before the first meeting
Read the job description.
:::

::: warning
Never share a mentee's personal data.
:::

::: example A first week
Day one: a tour of the office.
:::

::: details The full procedure
1. Ask
2. Listen
:::

![The circular cycle of mentoring](media/cycle.png "The cycle of mentoring"){width=50}

![](media/line.png){.decorative}

| Role | Task |
| --- | --- |
| Mentor | Listens |

Table: Who does what

> Mentoring is a two-way street.
>
> — A municipal mentor

```check
type: multiple
prompt: Which are qualities of a mentor?
options:
  - text: Listening
    correct: true
    feedback: Listening comes first.
  - text: Judging
  - text: Patience
    correct: true
```

```check
type: true-false
prompt: The mentee sets goals with the mentor.
answer: true
```
"""


@pytest.fixture(scope="module")
def blocks_site(tmp_path_factory):
    """The Q-SER course with a first page that holds every kind of block, served in the test
    LMS: the server, the mastery score, the course model."""
    folder = tmp_path_factory.mktemp("blocks") / "course_src"
    shutil.copytree(COURSE_SRC, folder)
    (folder / "media").mkdir()
    image = REPO / "docs" / "images" / "rtl-arabic.png"  # any real PNG
    for name in ("cycle.png", "line.png"):
        shutil.copy(image, folder / "media" / name)
    (folder / "pages" / "blocks.md").write_text(EVERY_BLOCK, encoding="utf-8")
    course_yaml = folder / "course.yaml"
    text = course_yaml.read_text(encoding="utf-8").replace("pages:\n", "pages:\n  - id: blocks\n    title: Every block\n", 1)
    course_yaml.write_text(text, encoding="utf-8")
    with served(folder, tmp_path_factory.mktemp("blocks-build")) as (server, mastery):
        yield server, mastery, load_course(folder)


@pytest.mark.parametrize("width, height", [(1280, 800), (320, 640)])
def test_axe_finds_nothing_on_a_page_of_every_block_before_and_after_check(blocks_site, context, width, height):
    server, mastery, course = blocks_site
    test_lms = TestLms(server, context, mastery)
    session = test_lms.launch().ready()
    session.page.set_viewport_size({"width": width, "height": height})
    learner = CourseLearner(session.page, session.sco, course)
    learner.go_to("page-blocks")
    found = {}

    def audit(state: str) -> None:
        violations = session.axe_violations()
        if violations:
            found[state] = violations

    audit("first shown")
    learner.press(session.sco.locator("#page-blocks .qser-details summary"))
    assert session.sco.locator("#page-blocks .qser-details ol").is_visible()
    audit("details open")
    for value in ("0", "1"):
        learner.frame.locator(f"#check-blocks-1-{value}").check()
    learner.press(session.sco.locator("#check-blocks-1 .qser-check-button"))
    learner.frame.locator("#check-blocks-2-true").check()
    learner.press(session.sco.locator("#check-blocks-2 .qser-check-button"))
    assert session.sco.locator("#check-blocks-1 .qser-verdict").inner_text() == "Not correct"
    assert session.sco.locator("#check-blocks-2 .qser-verdict").inner_text() == "Correct"
    audit("after Check")
    assert found == {}
    assert test_lms.page_errors == []
