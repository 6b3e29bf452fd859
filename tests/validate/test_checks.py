"""One failing example per check, each built here; the good package yields no finding at all."""
from __future__ import annotations

import shutil
import tempfile
import warnings
import zipfile
from pathlib import Path

import pytest

from qser_scorm.validate import CATALOGUE, UnusableInput, validate_files, validate_path
from tests.conftest import REPO, SCHEMAS
from tests.validate.packages import MANIFEST, broken, codes, good_files, write_folder, write_zip


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


def _schemas(tmp_path: Path):
    path = write_zip(tmp_path / "p.zip", broken(MASTERY, MASTERY + "<adlcp:timelimitaction>exit</adlcp:timelimitaction>"))
    return validate_path(path, schemas_dir=SCHEMAS)


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
    "QS101": lambda _: validate_files(broken(MASTERY, MASTERY + "<metadata/>")),
    "QS102": lambda _: validate_files(good_files(MANIFEST[:MANIFEST.index("  <resources>")] + "</manifest>")),
    "QS103": lambda _: validate_files(broken('identifier="RES-LIB" type="webcontent"', 'identifier="RES-LIB"')),
    "QS104": lambda _: validate_files(broken('identifier="ITEM-1"', 'identifier="1 ITEM"')),
    "QS105": lambda _: validate_files(broken('identifier="ITEM-1"', 'identifier="RES-1"')),
    "QS106": lambda _: validate_files(broken("<title>Quiz</title>", f"<title>{LONG}</title>")),
    "QS107": lambda _: validate_files(broken('adlcp:scormtype="asset"', 'adlcp:scormtype="Asset"')),
    "QS108": lambda _: validate_files(broken(MASTERY, MASTERY + "<adlcp:timelimitaction>exit</adlcp:timelimitaction>")),
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
    "QS211": lambda _: validate_files({n: d for n, d in good_files().items() if n != "css/site.css"}),
    "QS212": lambda _: validate_files({**good_files(), "notes.txt": b""}),
    "QS213": lambda _: validate_files({n: d for n, d in good_files().items() if n != "index.html"}),
    "QS214": lambda _: validate_files(broken('adlcp:scormtype="sco"', 'adlcp:scormtype="asset"')),
    "QS215": lambda _: validate_files({**broken('href="index.html">', 'href="movie.swf"><file href="movie.swf"/>'),
                                       "movie.swf": b""}),
    "QS216": lambda _: validate_files(broken('<file href="css/site.css"/>', '<file href="../site.css"/>')),
    "QS217": lambda _: validate_files(broken("</schemaversion>", "</schemaversion><adlcp:location>lom.xml</adlcp:location>")),
    "QS301": lambda _: validate_files(good_files(MANIFEST.replace(
        '<item identifier="ITEM-1"', '<item identifier="ITEM-0" identifierref="RES-LIB"><title>Style</title></item>'
        '<item identifier="ITEM-1"').replace('adlcp:scormtype="asset"', 'adlcp:scormtype="asset" href="css/site.css"'))),
    "QS302": lambda _: validate_files(broken('identifier="ITEM-1"', f'identifier="I{"x" * 300}"')),
    "QS401": _schemas,
}


def test_every_code_has_a_failing_example_and_documentation():
    assert set(CASES) == set(CATALOGUE)
    documented = (REPO / "docs" / "validate.md").read_text(encoding="utf-8")
    assert all(f"`{code}`" in documented for code in CATALOGUE)


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_check_reports_its_failing_example(code, tmp_path):
    findings = CASES[code](tmp_path)
    assert code in codes(findings), [(f.code, f.message) for f in findings]
    assert all(f.message and f.where and f.hint for f in findings)
    errors = {f.code for f in findings if f.severity == "error"}
    assert errors <= {"QS010", "QS202", "QS213", "QS214", "QS211"} | {code}, errors  # no error piles up


def test_the_good_package_has_no_finding_in_memory_as_zip_folder_and_against_the_xsds(tmp_path):
    assert validate_files(good_files()) == []
    assert validate_path(write_zip(tmp_path / "good.zip", good_files()), schemas_dir=SCHEMAS) == []
    assert validate_path(write_folder(tmp_path / "folder", good_files())) == []


@pytest.mark.parametrize("score,ok", [("0", True), ("100", True), ("80.5", True), ("150", False),
                                      ("-1", False), ("", False), ("1e2", False)])
def test_masteryscore_must_be_a_number_from_0_to_100(score, ok):
    findings = validate_files(broken(MASTERY, f"<adlcp:masteryscore>{score}</adlcp:masteryscore>"))
    assert ("QS208" not in codes(findings)) is ok


def test_hrefs_are_percent_decoded_and_prefixed_with_xml_base():
    files = broken('<file href="css/site.css"/>', '<file href="my%20style.css"/>')
    files["my style.css"] = files.pop("css/site.css")
    assert validate_files(files) == []
    files = broken('<resource identifier="RES-LIB"', '<resource xml:base="css/" identifier="RES-LIB"')
    files = {n: d.replace(b'"css/site.css"', b'"site.css"') for n, d in files.items()}
    assert validate_files(files) == []


def test_a_name_differing_only_in_case_gets_a_hint():
    files = good_files()
    files["CSS/Site.css"] = files.pop("css/site.css")
    [missing] = [f for f in validate_files(files) if f.code == "QS211"]
    assert "CSS/Site.css" in missing.hint and "case-sensitive" in missing.hint


def test_a_manifest_in_a_wrapper_folder_names_the_folder_in_the_hint():
    [finding] = CASES["QS010"](None)
    assert "'course'/" in finding.hint and "badimsmanifestlocation" in finding.hint


def test_schema_files_at_the_root_are_not_reported_as_unlisted():
    files = {**good_files(), **{n: b"<xs/>" for n in ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd")}}
    assert validate_files(files) == []


def test_many_unlisted_files_are_summed_up():
    files = {**good_files(), **{f"extra/{i}.txt": b"" for i in range(100)}}
    unlisted = [f for f in validate_files(files) if f.code == "QS212"]
    assert len(unlisted) == 21 and "80 more files" in unlisted[-1].message


def test_inline_lom_is_checked_with_a_temporary_schema_copy_that_is_removed(tmp_path, monkeypatch):
    lom = ('<imsmd:lom xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"><imsmd:general>'
           '<imsmd:bogus/></imsmd:general></imsmd:lom></metadata>')
    package = write_zip(tmp_path / "lom.zip", broken("</metadata>", lom))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    schemas = Path(shutil.copytree(SCHEMAS, tmp_path / "schemas"))  # a new folder: compiled afresh
    findings = validate_path(package, schemas_dir=schemas)
    assert [f.code for f in findings] == ["QS401"] and "bogus" in findings[0].message
    assert not any((tmp_path / "temp").iterdir())
    assert {p.name: p.read_bytes() for p in schemas.iterdir()} == {p.name: p.read_bytes() for p in SCHEMAS.iterdir()}


def test_an_unusable_schemas_folder_is_refused(tmp_path):
    with pytest.raises(UnusableInput, match="missing imscp_rootv1p1p2.xsd"):
        validate_path(write_zip(tmp_path / "p.zip", good_files()), schemas_dir=tmp_path)


def test_entry_names_are_normalised_as_lms_extraction_does(tmp_path):
    files = {("./" if name == "index.html" else "") + name: data for name, data in good_files().items()}
    files["js//quiz.js"] = files.pop("js/quiz.js")
    assert validate_path(write_zip(tmp_path / "p.zip", files)) == []
