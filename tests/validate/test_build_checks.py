"""The build checks every zip it writes with the validator, for the kind of package it is."""
from __future__ import annotations

import io
import re
import zipfile

import pytest

from qser_scorm.errors import BuildError
from qser_scorm.pipeline import _refuse_nonconformant
from qser_scorm.validate import validate
from qser_scorm.write import Artifact
from tests.conftest import COURSE_SRC
from tests.validate.packages import TINCAN, good_2004_files, xapi_files


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("name,files,kind", [
    ("c-xapi.zip", xapi_files("tincan.xml", TINCAN.replace(">index.html<", ">start.html<")), "Tin Can (xAPI)"),
    ("c-scorm2004.zip", {**good_2004_files(), "index.html": b"<script src='gone.js'></script>"}, "SCORM 2004 4th Edition"),
])
def test_a_broken_zip_of_any_kind_is_refused_as_a_bug(name, files, kind):
    with pytest.raises(BuildError, match=re.escape(f"{name} would not be a conformant {kind} package")):
        _refuse_nonconformant([Artifact(name, _zip(files))])


def test_statements_files_and_clean_zips_pass():
    _refuse_nonconformant([Artifact("c-xapi-statements.json", b"{}"),
                           Artifact("c-scorm2004.zip", _zip(good_2004_files()))])


def test_embedded_lrs_credentials_are_a_warning_naming_the_file(run_cli, tmp_path):
    result = run_cli("build", COURSE_SRC, "--out", tmp_path, "--target", "all", "--embed-lrs",
                     "https://lrs.example.org/xAPI/", "--embed-lrs-user", "course", "--embed-lrs-password", "s3cret!")
    assert result.exit_code == 0, result.output
    for package in sorted(tmp_path.glob("*.zip")):
        [found] = validate(package).findings
        assert (found.code, found.severity, found.file) == ("QS260", "warning", "runtime/qser.js")
