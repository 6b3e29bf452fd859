"""Validation against the official XSD files: the copies shipped in ``qser_scorm/schemas/`` by
default, or those of ``--schemas DIR``.

How (``qser_scorm/schemas/*/PROVENANCE.md`` has the why): one in-memory wrapper schema imports
every namespace of the package kind from its file, since imscp alone rejects every adlcp element
(SCORM 1.2, strict wildcards) or accepts them unchecked (SCORM 2004, lax wildcards). The
published SCORM 1.2 imsmd schema does not compile in libxml2 (non-deterministic ##any
wildcards), so a manifest with inline LOM is checked against a validation-only copy with
##other, written to a temporary folder only while the schema compiles. The XSD files
themselves are never changed.
"""
from __future__ import annotations

import functools
import re
import shutil
import tempfile
from pathlib import Path

from lxml import etree

import qser_scorm
from qser_scorm.validate.findings import Finding, UnusableInput, finding, printable
from qser_scorm.validate.manifest import ADLCP_2004, ADLNAV, ADLSEQ, IMSCP_2004, IMSSS, LOM_2004, where
from qser_scorm.vocab import ADLCP, IMSCP, IMSMD

SHIPPED = Path(qser_scorm.__file__).parent / "schemas"
CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"

#: package kind -> (subfolder of SHIPPED, {namespace: file}, (optional namespace, its file))
SETS: dict[str, tuple[str, dict[str, str], tuple[str, str] | None]] = {
    "scorm12": ("scorm12", {IMSCP: "imscp_rootv1p1p2.xsd", ADLCP: "adlcp_rootv1p2.xsd"},
                (IMSMD, "imsmd_rootv1p2p1.xsd")),
    "scorm2004": ("scorm2004", {IMSCP_2004: "imscp_v1p1.xsd", ADLCP_2004: "adlcp_v1p3.xsd", ADLSEQ: "adlseq_v1p3.xsd",
                                ADLNAV: "adlnav_v1p3.xsd", IMSSS: "imsss_v1p0.xsd"}, (LOM_2004, "lom/lom.xsd")),
    "cmi5": ("cmi5", {CMI5: "CourseStructure.xsd"}, None),
}
_IMPORTED_BY_SCORM12 = ("ims_xml.xsd",)  # imscp and imsmd import it by a relative path
STANDARD = {"scorm12": "SCORM 1.2", "scorm2004": "SCORM 2004", "cmi5": "cmi5"}


def schemas_folder(kind: str, override: Path | None) -> Path:
    return override if override is not None else SHIPPED / SETS[kind][0]


def check_against_xsd(root: etree._Element, kind: str, schemas_dir: Path) -> list[Finding]:
    """QS401 findings, each a plain sentence, for what libxml2 reports against the kind's XSDs."""
    optional = SETS[kind][2]
    with_optional = optional is not None and any(
        etree.QName(e).namespace == optional[0] for e in root.iter(etree.Element))
    schema = _compiled(kind, schemas_dir.resolve(), with_optional)
    if schema.validate(root.getroottree()):
        return []
    file = where(root)[0]
    hint = (f"fix it as the message says; the rules are those of the official {STANDARD[kind]} schema "
            f"files (shipped in qser_scorm/schemas/{SETS[kind][0]})")
    return [finding("QS401", f"{file} does not follow the {STANDARD[kind]} schema: {plain(error.message)}",
                    (file, error.line), hint) for error in schema.error_log]


@functools.lru_cache(maxsize=8)
def _compiled(kind: str, schemas_dir: Path, with_optional: bool) -> etree.XMLSchema:
    _, files, optional = SETS[kind]
    needed = dict(files)
    if with_optional and optional:
        needed[optional[0]] = optional[1]
    absent = [name for name in needed.values() if not (schemas_dir / name).is_file()]
    if absent:
        raise UnusableInput(f"schema folder {printable(str(schemas_dir))}: missing {', '.join(absent)}, which "
                            f"{STANDARD[kind]} packages need")
    locations = {namespace: schemas_dir / name for namespace, name in needed.items()}
    try:
        if not (kind == "scorm12" and with_optional):
            return _wrapper(locations)
        with tempfile.TemporaryDirectory(prefix="qser-xsd-") as tmp:
            for name in _IMPORTED_BY_SCORM12:
                shutil.copy(schemas_dir / name, tmp)
            lom = Path(tmp, optional[1])
            text = (schemas_dir / optional[1]).read_text(encoding="utf-8")
            lom.write_text(text.replace('namespace="##any"', 'namespace="##other"'), encoding="utf-8")
            return _wrapper({**locations, IMSMD: lom})
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError, UnicodeDecodeError) as exc:
        raise UnusableInput(f"schema folder {printable(str(schemas_dir))}: the XSD files do not compile "
                            f"({printable(str(exc))})") from None


def _wrapper(locations: dict[str, Path]) -> etree.XMLSchema:
    """One schema importing each namespace from its file."""
    schema = etree.Element("{http://www.w3.org/2001/XMLSchema}schema")
    for namespace, path in locations.items():
        etree.SubElement(schema, "{http://www.w3.org/2001/XMLSchema}import",
                         namespace=namespace, schemaLocation=path.as_uri())
    return etree.XMLSchema(schema)


# --- libxml2's messages as sentences an LMS admin can act on ----------------------------------

#: the prefixes packages conventionally give each namespace (the CP namespaces get none)
PREFIXES = {IMSCP: "", IMSCP_2004: "", ADLCP: "adlcp:", ADLCP_2004: "adlcp:", ADLSEQ: "adlseq:",
            ADLNAV: "adlnav:", IMSSS: "imsss:", IMSMD: "imsmd:", LOM_2004: "lom:", CMI5: "",
            "http://www.w3.org/XML/1998/namespace": "xml:"}
_WILDCARD = re.compile(r"##other\{[^}]*\}\*")  # libxml2's name for an xs:any namespace="##other"
_QUALIFIED = re.compile(r"\{([A-Za-z][\w+.-]*:[^}\s]*)\}(\w[\w.-]*)")  # {namespace URI}name
_SENTENCES = (
    (re.compile(r"Element '([^']+)': This element is not expected\. Expected is (?:one of )?\( ?(.+?) ?\)\.?$"),
     "<{0}> is not allowed at this place; the schema expects {1} here"),
    (re.compile(r"Element '([^']+)': This element is not expected\.?$"),
     "<{0}> is not allowed at this place (misplaced, or one too many)"),
    (re.compile(r"Element '([^']+)': No matching global (?:element )?declaration available, but demanded by "
                r"the strict wildcard\.?$"),
     "<{0}> is not an element the schema defines (a misspelt name, or an extension whose schema the package "
     "does not declare)"),
    (re.compile(r"Element '([^']+)', attribute '([^']+)': The attribute '[^']+' is not allowed\.?$"),
     "attribute {1} is not allowed on <{0}>"),
    (re.compile(r"Element '([^']+)': The attribute '([^']+)' is required but missing\.?$"),
     "<{0}> lacks the required attribute {1}"),
    (re.compile(r"Element '([^']+)': Missing child element\(s\)\. Expected is (?:one of )?\( ?(.+?) ?\)\.?$"),
     "<{0}> lacks a required child: {1}"),
    (re.compile(r"Element '([^']+)'(?:, attribute '([^']+)')?: \[facet 'enumeration'\] The value '(.*)' is not an "
                r"element of the set \{(.*)\}\.?$", re.S),
     "{2!r} is not an allowed value of {where}; use one of {3}"),
    (re.compile(r"Element '([^']+)'(?:, attribute '([^']+)')?: \[facet '(?:max|min)(?:In|Ex)clusive'\] The value "
                r"'(.*)' is (.*?)\.?$", re.S),
     "the value {2!r} of {where} is out of range: it is {3}"),
    (re.compile(r"Element '([^']+)'(?:, attribute '([^']+)')?: '(.*)' is not a valid value of the (?:atomic|union|"
                r"list) type '([^']+)'\.?$", re.S),
     "the value {2!r} of {where} is not a valid {3}"),
    (re.compile(r"Element '([^']+)'(?:, attribute '([^']+)')?: \[facet '(\w+)'\] (.*?)\.?$", re.S),
     "the value of {where} breaks the schema's {2} rule ({3})"),
)


def plain(message: str) -> str:
    """A libxml2 validity message as a sentence with the usual prefixes instead of {namespace}."""
    text = _WILDCARD.sub("##other", message.strip())
    text = _QUALIFIED.sub(lambda m: PREFIXES.get(m.group(1), "") + m.group(2), text)
    text = printable(text)
    for pattern, sentence in _SENTENCES:
        match = pattern.match(text)
        if match:
            groups = [g if g is not None else "" for g in match.groups()]
            spot = f"{groups[1]} on <{groups[0]}>" if len(groups) > 1 and groups[1] else f"<{groups[0]}>"
            if "Expected is" in pattern.pattern:
                groups[1] = " or ".join("an element of another namespace" if name.strip() == "##other"
                                        else f"<{name.strip()}>" for name in groups[1].split(","))
            return sentence.format(*groups, where=spot).replace("xs:", "").replace("xsd:", "")
    return f"the schema check reports: {text}"
