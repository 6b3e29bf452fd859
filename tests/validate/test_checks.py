"""One failing example per check, each built here; the good package yields no finding at all."""
from __future__ import annotations

import os
import shutil
import tempfile
import warnings
import zipfile
from pathlib import Path

import pytest

from qser_scorm.validate import CATALOGUE, UnusableInput, validate, validate_files, validate_path
from tests.conftest import REPO, SCHEMAS
from tests.validate.packages import (CMI5, MANIFEST, TINCAN, broken, broken_2004, codes, good_2004_files, good_files,
                                     write_folder, write_zip, xapi_files)


def _zip_with(tmp_path: Path, extra: list[tuple[zipfile.ZipInfo | str, bytes]], **options) -> Path:
    path = write_zip(tmp_path / "package.zip", good_files())
    with warnings.catch_warnings(), zipfile.ZipFile(path, "a", **options) as archive:
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name we add on purpose
        for info, data in extra:
            archive.writestr(info, data)
    return path


def _symlink_entry(tmp_path: Path):
    link = zipfile.ZipInfo("js/link.js")
    link.create_system, link.external_attr = 3, 0o120777 << 16
    return validate_path(_zip_with(tmp_path, [(link, b"/etc/passwd")]))


def _corrupt_entry(tmp_path: Path):
    files = {**good_files(), "data.bin": b"ORIGINAL-CONTENT" * 8}
    path = tmp_path / "corrupt.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    path.write_bytes(path.read_bytes().replace(b"ORIGINAL-CONTENT", b"TAMPERED-CONTENT"))
    return validate_path(path)


def _non_utf8_name(tmp_path: Path):
    path = _zip_with(tmp_path, [("cafX.html", b"")])
    path.write_bytes(path.read_bytes().replace(b"cafX.html", b"caf\xe9.html"))  # Latin-1, no UTF-8 flag
    return validate_path(path)


#: a misspelt LOM element inside <metadata>: only the imsmd XSD (checked by default) sees it
MISSPELT_LOM = ('<imsmd:lom xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"><imsmd:general>'
                '<imsmd:titel/></imsmd:general></imsmd:lom></metadata>')


def _large_zip(tmp_path: Path):
    files = broken('<file href="css/site.css"/>', '<file href="css/site.css"/><file href="media/film.bin"/>')
    files["media/film.bin"] = os.urandom(2 * 2**20 + 1)
    return validate_path(write_zip(tmp_path / "large.zip", files))


def _2004(old: str, new: str):
    return lambda _: validate_files(broken_2004(old, new))


def _cmi5(old: str, new: str, drop: str = ""):
    assert old in CMI5, old
    files = xapi_files("cmi5.xml", CMI5.replace(old, new))
    return lambda _: validate_files({n: d for n, d in files.items() if n != drop})


def _page(page: bytes):
    return lambda _: validate_files({**good_files(), "index.html": page})


THRESHOLD = '<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.8"/>'
MEASURE = "<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>"


MASTERY = "<adlcp:masteryscore>80</adlcp:masteryscore>"
LONG = "x" * 201

#: code -> a function of tmp_path returning the findings of a package that breaks that rule only
CASES = {
    "QS001": lambda _: validate_files({**good_files(), "../evil.html": b""}),
    "QS002": _symlink_entry,
    "QS003": _corrupt_entry,
    "QS004": lambda tmp: validate_path(_zip_with(tmp, [("index.html", b"other")])),
    "QS005": _non_utf8_name,
    "QS006": lambda tmp: validate_path(_zip_with(tmp, [("extra.js", b"")], compression=zipfile.ZIP_BZIP2)),
    "QS010": lambda _: validate_files({f"course/{n}": d for n, d in good_files().items()}),
    "QS011": lambda _: validate_files(broken("</manifest>", "<<<<<<< HEAD")),
    "QS012": lambda _: validate_files(broken('<?xml version="1.0" encoding="UTF-8"?>',
                                             '<?xml version="1.0"?><!DOCTYPE manifest>')),
    "QS013": lambda _: validate_files(good_files("<package/>")),
    "QS014": lambda _: validate_files(broken('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"', "")),
    "QS020": lambda _: validate_files({"course.crs": b"[Course]", "course.au": b"", "index.html": b""}),
    "QS101": lambda _: validate_files(broken(MASTERY, MASTERY + "<metadata/>")),
    "QS102": lambda _: validate_files(good_files(MANIFEST[:MANIFEST.index("  <resources>")] + "</manifest>")),
    "QS103": lambda _: validate_files(broken('identifier="RES-LIB" type="webcontent"', 'identifier="RES-LIB"')),
    "QS104": lambda _: validate_files(broken('identifier="ITEM-1"', 'identifier="1 ITEM"')),
    "QS105": lambda _: validate_files(broken('identifier="ITEM-1"', 'identifier="RES-1"')),
    "QS106": lambda _: validate_files(broken("<title>Quiz</title>", f"<title>{LONG}</title>")),
    "QS107": lambda _: validate_files(broken('adlcp:scormtype="asset"', 'adlcp:scormtype="Asset"')),
    "QS108": lambda _: validate_files(broken(MASTERY, MASTERY + "<adlcp:timelimitaction>exit</adlcp:timelimitaction>")),
    "QS109": _2004('adlcp:scormType="sco"', 'adlcp:scormtype="sco"'),
    "QS201": lambda _: validate_files(broken('default="ORG-1"', 'default="ORG-404"')),
    "QS202": lambda _: validate_files(broken('identifierref="RES-1"', 'identifierref="RES-404"')),
    "QS203": lambda _: validate_files(broken('<dependency identifierref="RES-LIB"/>', '<dependency identifierref="X"/>')),
    "QS204": lambda _: validate_files(broken(' adlcp:scormtype="asset"', "")),
    "QS205": lambda _: validate_files(broken('adlcp:scormtype="sco" href="index.html"', 'adlcp:scormtype="sco"')),
    "QS206": lambda _: validate_files(broken("<title>Quiz</title>", "")),
    "QS207": lambda _: validate_files(broken('identifier="RES-LIB" type="webcontent"', 'identifier="RES-LIB" type="text/css"')),
    "QS208": lambda _: validate_files(broken(MASTERY, "<adlcp:masteryscore>eighty</adlcp:masteryscore>")),
    "QS209": lambda _: validate_files(broken("<schemaversion>1.2<", "<schemaversion>2004 3rd Edition<")),
    "QS210": lambda _: validate_files(broken("<schema>ADL SCORM</schema>", "")),
    "QS211": lambda _: validate_files(broken('<file href="js/quiz.js"/>', '<file href="js/quiz.js"/><file href="a.png"/>')),
    "QS212": lambda _: validate_files({**good_files(), "notes.txt": b""}),
    "QS213": lambda _: validate_files({n: d for n, d in good_files().items() if n != "index.html"}),
    "QS214": lambda _: validate_files(broken('adlcp:scormtype="sco"', 'adlcp:scormtype="asset"')),
    "QS215": lambda _: validate_files({**broken('href="index.html">', 'href="movie.swf"><file href="movie.swf"/>'),
                                       "movie.swf": b""}),
    "QS216": lambda _: validate_files(broken('<file href="css/site.css"/>', '<file href="../site.css"/>')),
    "QS217": lambda _: validate_files(broken("</schemaversion>", "</schemaversion><adlcp:location>lom.xml</adlcp:location>")),
    "QS220": _2004("<schemaversion>2004 4th Edition<", "<schemaversion>2004 4th edition <"),
    "QS221": _2004(THRESHOLD, '<adlcp:completionThreshold minProgressMeasure="0.8"/>'),
    "QS222": _2004(MEASURE, ""),
    "QS223": _2004("</organizations>", "</organizations><imsss:sequencingCollection><imsss:sequencing ID=\"S1\"/>"
                   "</imsss:sequencingCollection>"),
    "QS224": _2004("<imsss:sequencing>", '<imsss:sequencing IDRef="SEQ-404">'),
    "QS240": _cmi5("x", "x", drop="index.html"),
    "QS241": _cmi5('moveOn="CompletedAndPassed"', 'moveOn="Completed"'),
    "QS242": _cmi5('au id="https://example.org/courses/c1/au/quiz"', 'au id="quiz"'),
    "QS243": _cmi5('au id="https://example.org/courses/c1/au/quiz"', 'au id="https://example.org/courses/c1"'),
    "QS244": _cmi5('idref="https://example.org/courses/c1/objectives/listen"', 'idref="https://example.org/o/404"'),
    "QS245": _cmi5("index.html?lang=en", "index.html?registration=1"),
    "QS250": lambda _: validate_files(xapi_files("tincan.xml", TINCAN.replace('<launch lang="en">index.html</launch>', ""))),
    "QS251": lambda _: validate_files(xapi_files("tincan.xml", TINCAN.replace(">index.html<", ">start.html<"))),
    "QS260": lambda _: validate_files({**good_files(), "js/quiz.js": b'API.LMSInitialize(""); var lrs = {endpoint: '
                                       b'"https://lrs.example.org/xapi/", auth: "Basic cXNlcjpzZWNyZXQtcGFzcw=="};'}),
    "QS270": _page(b'<!doctype html><title>q</title><script src="lms/scormdriver.js"></script>'
                   b'<script src="js/quiz.js"></script><link rel="stylesheet" href="css/site.css">'),
    "QS271": _page(good_files()["index.html"] + b'<img src="images/logo.png" alt="">'),
    "QS272": lambda _: validate_files({**good_files(), "js/quiz.js": b"document.title = 'a web page';"}),
    "QS273": lambda _: validate_files({**good_files(), "js/quiz.js": b"window.parent.API_1484_11.Initialize('');"}),
    "QS301": lambda _: validate_files(good_files(MANIFEST.replace(
        '<item identifier="ITEM-1"', '<item identifier="ITEM-0" identifierref="RES-LIB"><title>Style</title></item>'
        '<item identifier="ITEM-1"').replace('adlcp:scormtype="asset"', 'adlcp:scormtype="asset" href="css/site.css"'))),
    "QS302": lambda _: validate_files(broken('identifier="ITEM-1"', f'identifier="I{"x" * 300}"')),
    "QS303": _large_zip,
    "QS304": lambda _: validate_files(good_files(MANIFEST.replace("adlcp:", "adl:").replace("xmlns:adlcp=", "xmlns:adl="))),
    "QS401": lambda _: validate_files(broken("</metadata>", MISSPELT_LOM)),
}


def test_every_code_has_a_failing_example_and_documentation():
    assert set(CASES) == set(CATALOGUE)
    documented = (REPO / "docs" / "validate.md").read_text(encoding="utf-8")
    rows = [line.split("|") for line in documented.splitlines() if line.startswith("| `QS")]
    severities = {row[1].strip(" `"): (row[2].strip(), row[3].strip()) for row in rows}
    assert severities == {code: (rule.moodle, rule.strict) for code, rule in CATALOGUE.items()}
    assert all(row[5].strip() for row in rows)  # an example and how to fix it


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_check_reports_its_failing_example(code, tmp_path):
    findings = CASES[code](tmp_path)
    assert code in codes(findings), [(f.code, f.message) for f in findings]
    assert all(f.message and f.where and f.hint for f in findings)
    assert not any("None" in f.message for f in findings)
    errors = {f.code for f in findings if f.severity == "error"}
    assert errors <= {"QS010", "QS202", "QS213", "QS214", "QS211"} | {code}, errors  # no error piles up


def test_the_good_packages_have_no_finding_in_memory_as_zip_folder_and_against_the_xsds(tmp_path):
    assert validate_files(good_files()) == []
    assert validate_path(write_zip(tmp_path / "good.zip", good_files()), schemas=SCHEMAS) == []
    assert validate_path(write_folder(tmp_path / "folder", good_files())) == []
    for files in (good_2004_files(), xapi_files("cmi5.xml", CMI5), xapi_files("tincan.xml", TINCAN)):
        assert validate_files(files, lms="strict") == []


@pytest.mark.parametrize("files,kind", [
    (good_files(), "SCORM 1.2"), (good_2004_files(), "SCORM 2004 4th Edition"),
    (broken_2004("2004 4th Edition", "2004 3rd Edition"), "SCORM 2004 3rd Edition"),
    (broken_2004("2004 4th Edition", "CAM 1.3"), "SCORM 2004 2nd Edition"),
    (xapi_files("cmi5.xml", CMI5), "cmi5"), (xapi_files("tincan.xml", TINCAN), "Tin Can (xAPI)"),
    ({"course.crs": b"", "index.html": b""}, "AICC"),
    ({"index.html": b"<title>site</title>"}, "plain web site (HTML, no LMS descriptor)")])
def test_the_first_line_says_the_kind_of_package(files, kind, tmp_path):
    package = write_zip(tmp_path / "p.zip", files)
    assert validate(package).kind.name == kind
    from qser_scorm.validate import format_report
    assert format_report(validate(package)).splitlines()[0].startswith(f"package: {kind}")


def test_a_clean_scorm_2004_package_is_not_told_to_become_scorm_1_2():
    findings = validate_files(good_2004_files())
    assert findings == []
    broken_findings = validate_files(broken_2004("</metadata>", "</metadata><bogus/>"))
    assert not any("1.2" in f.hint for f in broken_findings)


def test_a_camel_case_scorm_type_in_scorm_1_2_is_a_sco_for_moodle_and_an_error_for_a_strict_lms():
    files = broken('adlcp:scormtype="sco"', 'adlcp:scormType="sco"')
    moodle = validate_files(files)
    assert codes(moodle) == {"QS109"} and not any(f.is_error for f in moodle)  # no QS214: Moodle tracks it
    strict = validate_files(files, lms="strict")
    assert "QS109" in {f.code for f in strict if f.is_error}


def test_strict_fails_a_package_that_only_breaks_the_xsd():
    files = broken("</metadata>", MISSPELT_LOM)
    moodle, strict = validate_files(files), validate_files(files, lms="strict")
    assert [(f.code, f.severity) for f in moodle] == [("QS401", "warning")]
    assert [(f.code, f.severity) for f in strict] == [("QS401", "error")]
    assert moodle[0].message.startswith("imsmanifest.xml does not follow the SCORM 1.2 schema: <imsmd:titel> is not")
    assert "{http" not in moodle[0].message and "wildcard" not in moodle[0].message
    assert validate_files(files, schemas=False) == []  # --no-schemas: what the XSD alone sees is gone


def test_each_2004_rule_names_the_difference_between_moodle_and_a_strict_lms():
    [finding] = validate_files(broken_2004(THRESHOLD, '<adlcp:completionThreshold minProgressMeasure="0.8"/>'))
    assert set(finding.notes) == {"Moodle", "strict LMS"}
    assert "completedByMeasure" in finding.notes["Moodle"]


@pytest.mark.parametrize("score,ok", [("0", True), ("100", True), ("80.5", True), ("150", False),
                                      ("-1", False), ("", False), ("1e2", False)])
def test_masteryscore_must_be_a_number_from_0_to_100(score, ok):
    findings = validate_files(broken(MASTERY, f"<adlcp:masteryscore>{score}</adlcp:masteryscore>"), schemas=False)
    assert ("QS208" not in codes(findings)) is ok


def test_hrefs_are_percent_decoded_and_prefixed_with_xml_base():
    files = broken('<file href="css/site.css"/>', '<file href="my%20style.css"/>')
    files["my style.css"] = files.pop("css/site.css")
    files["index.html"] = files["index.html"].replace(b"css/site.css", b"my%20style.css")
    assert validate_files(files) == []
    files = broken('<resource identifier="RES-LIB"', '<resource xml:base="css/" identifier="RES-LIB"')
    files = {n: d.replace(b'"css/site.css"', b'"site.css"') if n == "imsmanifest.xml" else d for n, d in files.items()}
    assert validate_files(files) == []


def test_a_name_differing_only_in_case_gets_a_hint():
    files = good_files()
    files["CSS/Site.css"] = files.pop("css/site.css")
    [missing] = [f for f in validate_files(files) if f.code == "QS211"]
    assert "CSS/Site.css" in missing.hint and "case-sensitive" in missing.hint


def test_a_manifest_in_a_wrapper_folder_names_the_folder_in_the_hint():
    [finding] = CASES["QS010"](None)
    assert "'course'/" in finding.hint and "badimsmanifestlocation" in finding.hint


def test_schema_files_in_any_folder_are_not_reported_as_unlisted():
    files = {**good_files(), **{n: b"<xs/>" for n in ("imscp_rootv1p1p2.xsd", "common/dataTypes.xsd", "x.dtd")}}
    assert validate_files(files) == []


@pytest.mark.parametrize("code,files", [
    ("QS212", {**good_files(), **{f"extra/{i}.txt": b"" for i in range(100)}}),
    ("QS211", broken('<file href="js/quiz.js"/>', "".join(f'<file href="gone/{i}.js"/>' for i in range(100)))),
])
def test_every_repeating_finding_is_capped_with_a_count(code, files):
    repeated = [f for f in validate_files(files) if f.code == code]
    assert len(repeated) == 21 and repeated[-1].message.startswith(f"80 more {code} findings")


def test_inline_lom_is_checked_with_a_temporary_schema_copy_that_is_removed(tmp_path, monkeypatch):
    lom = ('<imsmd:lom xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"><imsmd:general>'
           '<imsmd:bogus/></imsmd:general></imsmd:lom></metadata>')
    package = write_zip(tmp_path / "lom.zip", broken("</metadata>", lom))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    schemas = Path(shutil.copytree(SCHEMAS, tmp_path / "schemas"))  # a new folder: compiled afresh
    findings = validate_path(package, schemas=schemas)
    assert [f.code for f in findings] == ["QS401"] and "bogus" in findings[0].message
    assert not any((tmp_path / "temp").iterdir())
    assert {p.name: p.read_bytes() for p in schemas.iterdir()} == {p.name: p.read_bytes() for p in SCHEMAS.iterdir()}


def test_an_unusable_schemas_folder_is_refused(tmp_path):
    with pytest.raises(UnusableInput, match="missing imscp_rootv1p1p2.xsd"):
        validate_path(write_zip(tmp_path / "p.zip", good_files()), schemas=tmp_path)


def test_entry_names_are_normalised_as_lms_extraction_does(tmp_path):
    files = {("./" if name == "index.html" else "") + name: data for name, data in good_files().items()}
    files["js//quiz.js"] = files.pop("js/quiz.js")
    assert validate_path(write_zip(tmp_path / "p.zip", files)) == []


@pytest.mark.parametrize("measure,differs", [("0.8", False), ("0.5", True)])
def test_a_passing_score_is_reported_only_where_moodle_and_the_standard_differ(measure, differs):
    extra = f'<imsss:objective objectiveID="o2"><imsss:minNormalizedMeasure>{measure}</imsss:minNormalizedMeasure>'
    findings = validate_files(broken_2004("</imsss:primaryObjective>", "</imsss:primaryObjective>" + extra
                                          + "</imsss:objective>"))
    assert ("QS222" in codes(findings)) is differs


def test_a_malformed_launch_page_gets_findings_never_a_traceback():
    page = good_files()["index.html"] + b'<![\xc3\x98 <script src="gone.js"></script>'
    assert validate_files({**good_files(), "index.html": page}) == []  # the parser stops at "<![": no guess


def test_a_launch_page_that_redirects_is_followed_one_level():
    files = {**good_files(), "index.html": b'<meta http-equiv="refresh" content="0; url=story.html">',
             "story.html": good_files()["index.html"]}
    files = {**files, "imsmanifest.xml": files["imsmanifest.xml"].replace(
        b'<file href="index.html"/>', b'<file href="index.html"/><file href="story.html"/>')}
    assert validate_files(files) == []
    del files["story.html"]
    assert "QS270" in codes(validate_files(files))


def test_comments_and_processing_instructions_anywhere_are_no_trouble():
    files = broken("<metadata>", "<!-- made by hand --><?tool x?><metadata><!-- version -->")
    assert validate_files(files) == []
    assert validate_files(broken_2004("<metadata>", "<!-- made by hand --><metadata><!-- v -->")) == []


@pytest.mark.parametrize("old,new,code", [
    ('identifier="ITEM-1"', 'identifier="1ITEM"', "QS104"),
    ('minProgressMeasure="0.8"', 'minProgressMeasure="1.5"', "QS108"),
    ('satisfiedByMeasure="true"', 'satisfiedByMeasure="yes"', "QS401"),
    (MEASURE, "<imsss:minNormalizedMeasure>80</imsss:minNormalizedMeasure>", "QS108"),
    ("<imsss:deliveryControls", '<imsss:controlMode flow="true"/><imsss:deliveryControls', "QS401"),
    ('adlcp:scormType="sco"', 'adlcp:scormType="SCO"', "QS107"),
    ('identifier="RES-LIB" type="webcontent"', 'identifier="RES-LIB"', "QS401"),
    ('default="ORG-1"', 'default="ORG-404"', "QS201"),
    ("</adlcp:timeLimitAction>", "</adlcp:timeLimitAction><adlnav:presentation><adlnav:navigationInterface>"
     "<adlnav:hideLMSUI>next</adlnav:hideLMSUI></adlnav:navigationInterface></adlnav:presentation>", "QS401"),
])
def test_each_broken_scorm_2004_variant_gets_its_code(old, new, code):
    findings = validate_files(broken_2004(old, new))
    assert code in codes(findings), [(f.code, f.message) for f in findings]
    assert not any("1.2" in f.hint for f in findings)  # never the advice to become SCORM 1.2


def test_a_2nd_edition_schemaversion_is_recognised_as_moodle_does():
    assert validate_files(broken_2004("<schemaversion>2004 4th Edition<", "<schemaversion>CAM 1.3<")) == []
