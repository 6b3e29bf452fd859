"""Every distinct part of the seed text reaches a page the learner sees."""
from __future__ import annotations

import re
import zipfile

import lxml.html
import pytest

import qser_scorm
from tests.conftest import COURSE_SRC, REPO

SEED = REPO / "docs" / "source" / "becoming-a-mentor.txt"  # docs/source/README.md
_MARKUP = re.compile(r"^(#+\s*|-\s+|\d+\.\s+)|\*\*")
#: The seed's evident typos, corrected in the course without changing its meaning
#: (docs/source/README.md): the learner sees the right-hand text.
CORRECTIONS = {
    "Have you ever through that": "Have you ever thought that",
    "Have this created issues": "Has this created issues",
    "This training material aim to provide": "This training material aims to provide",
    "becoming multiplier mentors and deal with": "becoming multiplier mentors and dealing with",
    "Q-SER project prerequisites that you have completed": "Q-SER project requires that you have completed",
    "it allows an organisation adopt": "it allows an organisation to adopt",
    "have a hand-on approach": "have a hands-on approach",
    "the obstacles he / she will be faced": "the obstacles he / she will face",
    "The mentor gives advices,": "The mentor gives advice,",
    "The need of up-skilling": "The need for up-skilling",
    "belonging in sensitive target groups": "belonging to sensitive target groups",
    "(i.e. In our case": "(i.e. in our case",
}


def _normalise(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def seed_parts() -> list[str]:
    """The seed's lines without Markdown markup, each once (the seed repeats one section).

    A lone label such as "Learning objectives:" is left out: its values, on the next lines, are
    parts of their own.
    """
    parts = []
    seed = SEED.read_text(encoding="utf-8")
    for typo, correction in CORRECTIONS.items():
        assert typo in seed, f"the correction of {typo!r} no longer applies"
        seed = seed.replace(typo, correction)
    for line in seed.splitlines():
        text = _normalise(_MARKUP.sub("", line.strip()))
        lone_label = text.endswith(":") and len(text.split()) <= 2
        if text and not lone_label and text not in parts:
            parts.append(text)
    return parts


@pytest.fixture(scope="module")
def learner_text(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("dist")
    (zip_path,) = qser_scorm.build(COURSE_SRC, out).written
    with zipfile.ZipFile(zip_path) as archive:
        page = lxml.html.fromstring(archive.read("index.html"))
    for hidden in page.xpath("//script | //style | //template"):
        hidden.drop_tree()
    return _normalise(page.text_content())


def _loose(text: str) -> str:
    """Case and dash-insensitive form: the seed titles one section "Mentors – Mentees" and
    "Mentors and mentees"; the course shows it once."""
    return " ".join(text.casefold().replace(" and ", " ").replace("–", " ").split())


@pytest.mark.parametrize("part", seed_parts())
def test_seed_part_is_shown(part, learner_text):
    label, _, value = part.partition(": ")
    if value and len(label.split()) <= 2:  # "Author: Mrs. ..." is shown as a labelled fact
        part = value
    assert _loose(part) in _loose(learner_text)


def test_the_repeated_section_is_shown_once(learner_text):
    assert learner_text.count("A mentor should be able to use the working environment") == 1
