"""The shipped Q-SER unit in English, Greek and Spanish: what a learner in Athens or Seville sees."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import lxml.html
import pytest

from qser_scorm.interface import builtin_table
from tests.conftest import REPO, SHIPPED_COURSE

#: Names that stay as they are in every language.
NAMES = ("Q-SER", "Erasmus+", "Mrs. Stella Papamichail", "JavaScript", "LMS", "LRS")


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, lxml.html.HtmlElement]:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "-m", "qser_scorm", "build", str(SHIPPED_COURSE), "--out", str(out)],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    pages = {}
    for language in ("en", "el", "es"):
        name = "qser-becoming-a-mentor-scorm12.zip" if language == "en" else f"qser-becoming-a-mentor-{language}-scorm12.zip"
        with zipfile.ZipFile(out / name) as archive:
            pages[language] = lxml.html.fromstring(archive.read("index.html"))
    return pages


def _visible_text(page) -> str:
    page = lxml.html.fromstring(lxml.html.tostring(page))
    for hidden in page.xpath("//script | //style | //template"):
        hidden.drop_tree()
    text = page.text_content()
    for name in NAMES:
        text = text.replace(name, " ")
    return text


def test_each_package_is_in_its_language(packages):
    for language, page in packages.items():
        assert page.get("lang") == language


def test_the_greek_package_shows_greek_apart_from_names(packages):
    letters = re.findall(r"[^\W\d_]", _visible_text(packages["el"]))
    greek = [letter for letter in letters if "\u0370" <= letter <= "\u03ff" or "\u1f00" <= letter <= "\u1fff"]
    assert len(greek) / len(letters) > 0.99, f"{len(letters) - len(greek)} non-Greek letters"


def test_the_spanish_package_shows_no_english_interface_text(packages):
    text = " ".join(_visible_text(packages["es"]).split())
    english, spanish = builtin_table("en"), builtin_table("es")
    shown = [english[key] for key in english if english[key] != spanish[key] and "{" not in english[key]
             and re.search(rf"(?<!\w){re.escape(english[key])}(?!\w)", text)]
    assert shown == []
    assert "Siguiente" in text and "Resumen" in text
