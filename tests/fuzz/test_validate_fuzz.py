"""Random damage to a package never makes the validator crash: findings or UnusableInput only."""
from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qser_scorm.validate import Finding, UnusableInput, format_report, validate
from tests.fuzz import EXAMPLES as FUZZ_EXAMPLES
from tests.validate.packages import LAUNCH_PAGE, MANIFEST, good_files

EXAMPLES = FUZZ_EXAMPLES // 2
NOISE = st.one_of(st.text(max_size=12), st.sampled_from([
    "<", ">", "&", '"', "<!DOCTYPE x>", "<![CDATA[", "]]>", "http://[::1", "%zz", "../", "/", "\\", "\x00",
    "\ud800", "<!--c-->", "<?pi x?>", "<adlcp:masteryscore>", "</item>", "<item identifier='X'>", 'identifierref="', "xml:base=\"/\"",
    "<resource identifier='R' type='webcontent' adlcp:scormtype='sco' href='?#'/>"]))


def _check_output(report) -> None:
    assert all(isinstance(f, Finding) for f in report.findings)
    format_report(report).encode("utf-8")
    json.loads(format_report(report, json=True))


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(MANIFEST)), st.integers(0, 40), NOISE), min_size=1, max_size=4))
def test_a_damaged_manifest_gives_findings_never_an_exception(edits):
    text = MANIFEST
    for at, cut, noise in edits:
        text = text[:at] + noise + text[at + cut:]
    _check_output(validate({**good_files(), "imsmanifest.xml": text.encode("utf-8", "surrogatepass")}))


PAGE_NOISE = st.one_of(st.text(max_size=12), st.sampled_from([
    "<script src='", "<![", "<!--", "-->", "<style>", "url(", "@import '", "<base href='", "<frame src='", "'>",
    "%zz", "../", "//", "\\", "\x00", "\ud800", "javascript:", "data:,", "#"]))


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(LAUNCH_PAGE)), st.integers(0, 20), PAGE_NOISE), min_size=1, max_size=4))
def test_a_damaged_launch_page_gives_findings_never_an_exception(edits):
    page = LAUNCH_PAGE.decode("ascii")
    for at, cut, noise in edits:
        page = page[:at] + noise + page[at + cut:]
    _check_output(validate({**good_files(), "index.html": page.encode("utf-8", "surrogatepass")}))


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=8)), min_size=1, max_size=4))
def test_a_damaged_zip_gives_findings_or_unusable_input(edits):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in good_files().items():
            archive.writestr(name, data)
    data = bytearray(buffer.getvalue())
    for at, noise in edits:
        at %= len(data)
        data[at:at + len(noise)] = noise
    with tempfile.TemporaryDirectory(prefix="qser-fuzz-") as folder:
        path = Path(folder, "damaged.zip")
        path.write_bytes(bytes(data))
        try:
            _check_output(validate(path))
        except UnusableInput as exc:
            assert exc.message
