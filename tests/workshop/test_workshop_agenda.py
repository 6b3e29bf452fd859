"""The default agenda when course.yaml has no `workshop:` section: it fills the duration exactly."""
from __future__ import annotations

import re

import pytest

from qser_scorm.course.load import load_course
from qser_scorm.workshop import workshop_texts
from qser_scorm.workshop.agenda import DEFAULT_MINUTES, agenda


def _without_workshop(src, duration: int | None):
    path = src / "course.yaml"
    text = path.read_text(encoding="utf-8").split("\nworkshop:\n")[0] + "\n"
    text = re.sub(r"duration_minutes: \d+\n", f"duration_minutes: {duration}\n" if duration else "", text)
    path.write_text(text, encoding="utf-8")
    course = load_course(src)
    assert course.workshop is None
    return course


@pytest.mark.parametrize("duration", [1, 4, 17, 45, 60, 90, 480])
def test_the_default_split_adds_up_to_the_duration_and_covers_every_page(course, duration):
    loaded = _without_workshop(course, duration)
    segments = agenda(loaded, workshop_texts(loaded))
    assert sum(s.minutes for s in segments) == duration and all(s.minutes > 0 for s in segments)
    assert [s.start for s in segments] == [sum(s.minutes for s in segments[:i]) for i in range(len(segments))]
    assert [p.id for s in segments for p in s.pages] == [p.id for p in loaded.pages]
    assert sum(s.knowledge_check for s in segments) == 1
    assert [q.id for s in segments for q in s.questions] == ["r-most-important-trait", "r-skill-to-work-on"]


def test_an_hour_gives_every_part_its_own_segment_welcome_first(course):
    loaded = _without_workshop(course, 60)
    segments = agenda(loaded, workshop_texts(loaded))
    titles = [s.title for s in segments]
    assert titles == ["Welcome and the aims of the unit", *(p.title for p in loaded.pages), "Discussion",
                      "Knowledge check", "Summary and close"]
    longest = max(segments[1:-3], key=lambda s: s.minutes)
    assert longest.pages[0].id == "impact-circular-model"  # the longest page gets the most time


def test_without_a_duration_the_session_is_an_hour(course):
    loaded = _without_workshop(course, None)
    assert sum(s.minutes for s in agenda(loaded, workshop_texts(loaded))) == DEFAULT_MINUTES == 60
