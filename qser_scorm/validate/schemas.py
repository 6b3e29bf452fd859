"""Optional validation against the official SCORM 1.2 XSD files (``--schemas DIR``).

How: imscp alone rejects every adlcp:* item, so
an in-memory wrapper schema imports imscp and adlcp together. The published imsmd schema does
not compile in libxml2 (non-deterministic ##any wildcards), so a manifest with inline LOM is
checked against a validation-only copy with ##other, written to a temporary folder only while
the schema compiles. The files in DIR are never changed.
"""
from __future__ import annotations

import functools
import shutil
import tempfile
from pathlib import Path

from lxml import etree

from qser_scorm.vocab import MANIFEST
from qser_scorm.validate.findings import Finding, UnusableInput, finding, printable
from qser_scorm.vocab import ADLCP, IMSCP, IMSMD

REQUIRED = ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "ims_xml.xsd")
IMSMD_FILE = "imsmd_rootv1p2p1.xsd"
SHOWN = 50  # XSD messages beyond this are summed up in one finding


def check_against_xsd(root: etree._Element, schemas_dir: Path) -> list[Finding]:
    """QS401 findings for each violation libxml2 reports against the XSD files in schemas_dir."""
    with_lom = any(etree.QName(e).namespace == IMSMD for e in root.iter(etree.Element))
    schema = _compiled(schemas_dir.resolve(), with_lom)
    if schema.validate(root.getroottree()):
        return []
    hint = "see the element named in the message and the SCORM 1.2 CAM; most LMSs tolerate this"
    errors = list(schema.error_log)
    findings = [finding("QS401", f"XSD: {printable(error.message)}", f"{MANIFEST}:{error.line}", hint)
                for error in errors[:SHOWN]]
    if len(errors) > SHOWN:
        findings.append(finding("QS401", f"XSD: {len(errors) - SHOWN} more violations", MANIFEST, hint))
    return findings


@functools.lru_cache(maxsize=4)
def _compiled(schemas_dir: Path, with_lom: bool) -> etree.XMLSchema:
    needed = REQUIRED + ((IMSMD_FILE,) if with_lom else ())
    absent = [name for name in needed if not (schemas_dir / name).is_file()]
    if absent:
        raise UnusableInput(f"--schemas {printable(str(schemas_dir))}: missing {', '.join(absent)}")
    locations = {IMSCP: schemas_dir / REQUIRED[0], ADLCP: schemas_dir / REQUIRED[1]}
    try:
        if not with_lom:
            return _wrapper(locations)
        with tempfile.TemporaryDirectory(prefix="qser-xsd-") as tmp:
            shutil.copy(schemas_dir / "ims_xml.xsd", tmp)
            lom = Path(tmp, IMSMD_FILE)
            text = (schemas_dir / IMSMD_FILE).read_text(encoding="utf-8")
            lom.write_text(text.replace('namespace="##any"', 'namespace="##other"'), encoding="utf-8")
            return _wrapper({**locations, IMSMD: lom})
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError, UnicodeDecodeError) as exc:
        raise UnusableInput(f"--schemas {printable(str(schemas_dir))}: the XSD files do not compile ({exc})") from None


def _wrapper(locations: dict[str, Path]) -> etree.XMLSchema:
    """One schema importing each namespace from its file."""
    schema = etree.Element("{http://www.w3.org/2001/XMLSchema}schema")
    for namespace, path in locations.items():
        etree.SubElement(schema, "{http://www.w3.org/2001/XMLSchema}import",
                         namespace=namespace, schemaLocation=path.as_uri())
    return etree.XMLSchema(schema)
