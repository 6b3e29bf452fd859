"""`qser-scorm build --multilingual`: one package per target holding every language of the course,
the source language's shown at launch and each other language's waiting in a <template> of the
launch page, with the same element and question ids in every language."""
from __future__ import annotations

import json
import zipfile

import lxml.etree
import lxml.html
import pytest

from qser_scorm.validate import validate
from tests.conftest import SHIPPED_COURSE

NAME = "qser-becoming-a-mentor-multilingual-{}.zip"
TARGETS = ("scorm12", "scorm2004", "xapi", "cmi5")


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    from click.testing import CliRunner

    from qser_scorm.__main__ import cli

    out = tmp_path_factory.mktemp("dist")
    for target in TARGETS:
        result = CliRunner().invoke(cli, ["build", str(SHIPPED_COURSE), "--out", str(out), "--multilingual",
                                          "--target", target], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return out


def _files(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _contents(page: lxml.html.HtmlElement) -> dict[str, lxml.html.HtmlElement]:
    """Each language's content: the body as shown (the source language) and each <template>."""
    body = lxml.html.fromstring(lxml.html.tostring(page.body))
    templates = body.xpath("template")
    for template in templates:
        body.remove(template)
    return {page.get("lang"): body, **{t.get("lang"): t for t in templates}}


def test_one_zip_per_target_and_no_package_per_language(dist):
    names = sorted(p.name for p in dist.iterdir())
    assert names == sorted([*(NAME.format(t) for t in TARGETS), "qser-becoming-a-mentor-multilingual-xapi-statements.json"])


@pytest.mark.parametrize("target", TARGETS)
def test_each_passes_the_validator_as_a_strict_lms_would(dist, target):
    report = validate(_files(dist / NAME.format(target)), lms="strict")
    assert [f for f in report.findings if f.is_error] == []


def test_the_launch_page_holds_every_language_the_source_shown(dist):
    page = lxml.html.fromstring(_files(dist / NAME.format("scorm12"))["index.html"])
    assert (page.get("lang"), page.get("dir")) == ("en", "ltr")
    contents = _contents(page)
    assert list(contents) == ["en", "el", "es"]
    for language, content in contents.items():
        data = json.loads(content.xpath("string(.//script[@id='qser-course'])"))
        assert data["language"] == language and data["languages"] == ["en", "el", "es"]
    assert contents["el"].get("id") == "qser-content-el" and contents["el"].get("dir") == "ltr"
    assert contents["el"].findtext(".//h1").strip() == "Πώς να γίνετε μέντορας στο Q-SER"
    assert contents["es"].xpath("string(.//*[@id='qser-next'])").strip() == "Siguiente"


def test_every_language_has_the_same_element_and_question_ids(dist):
    contents = _contents(lxml.html.fromstring(_files(dist / NAME.format("scorm12"))["index.html"]))
    ids = {language: content.xpath(".//*/@id") for language, content in contents.items()}
    assert ids["el"] == ids["es"] == ids["en"]
    data = {language: json.loads(content.xpath("string(.//script[@id='qser-course'])"))
            for language, content in contents.items()}
    shape = {language: [(q["id"], q["type"], q.get("ids"), q.get("objective")) for q in d["questions"]]
             for language, d in data.items()}
    assert shape["el"] == shape["es"] == shape["en"]
    assert data["el"]["objectives"] == data["en"]["objectives"]


def test_the_cover_offers_each_language_in_its_own_name(dist):
    contents = _contents(lxml.html.fromstring(_files(dist / NAME.format("scorm12"))["index.html"]))
    for language, content in contents.items():
        group = content.xpath(".//*[@id='qser-languages']")[0]
        buttons = group.xpath(".//button")
        assert [(b.get("lang"), b.text_content()) for b in buttons] == [
            ("en", "English"), ("el", "Ελληνικά"), ("es", "Español")]
        assert [b.get("aria-pressed") for b in buttons] == [str(b.get("lang") == language).lower() for b in buttons]
    label = {"en": "Language", "el": "Γλώσσα", "es": "Idioma"}
    for language, content in contents.items():
        assert content.xpath("string(.//*[@id='qser-languages-label'])") == label[language]


def test_each_language_prints_its_own_handout(dist):
    files = _files(dist / NAME.format("scorm12"))
    contents = _contents(lxml.html.fromstring(files["index.html"]))
    links = {language: content.xpath(".//p[@class='qser-print-link']/a/@href")[0] for language, content in contents.items()}
    assert links == {"en": "handout.html", "el": "handout-el.html", "es": "handout-es.html"}
    for language, href in links.items():
        assert lxml.html.fromstring(files[href]).get("lang") == language


@pytest.mark.parametrize("target, lom", [("scorm12", "imsmd_rootv1p2p1"), ("scorm2004", "lom/v1p0")])
def test_the_manifest_describes_the_package_in_every_language(dist, target, lom):
    manifest = lxml.etree.fromstring(_files(dist / NAME.format(target))["imsmanifest.xml"])
    general = manifest.xpath("//*[local-name()='general']")[0]
    assert general.xpath("*[local-name()='language']/text()") == ["en", "el", "es"]
    title = general.xpath("*[local-name()='title']/*")
    languages = [t.get("{http://www.w3.org/XML/1998/namespace}lang") or t.get("language") for t in title]
    assert languages == ["en", "el", "es"]
    assert title[1].text == "Πώς να γίνετε μέντορας στο Q-SER"
    # The LMS keys its tracks on these: the same as the one-language package's.
    assert manifest.xpath("//@identifier") == ["qser-becoming-a-mentor", "qser-becoming-a-mentor-org",
                                               "qser-becoming-a-mentor-item", "qser-becoming-a-mentor-sco"]


def test_the_xapi_and_cmi5_descriptors_name_the_course_in_every_language(dist):
    tincan = lxml.etree.fromstring(_files(dist / NAME.format("xapi"))["tincan.xml"])
    assert [n.get("lang") for n in tincan.xpath("//*[local-name()='name']")] == ["en", "el", "es"]
    cmi5 = lxml.etree.fromstring(_files(dist / NAME.format("cmi5"))["cmi5.xml"])
    titles = cmi5.xpath("//*[local-name()='au']/*[local-name()='title']/*")
    assert [t.get("lang") for t in titles] == ["en", "el", "es"]



def test_a_course_in_one_language_is_no_multilingual_package(course, run_cli, tmp_path):
    result = run_cli("build", course, "--out", tmp_path / "dist", "--multilingual")
    assert result.exit_code == 2
    assert "course.yaml:" in result.output and "--multilingual needs a course in two or more languages" in result.output
    assert not (tmp_path / "dist").exists()
