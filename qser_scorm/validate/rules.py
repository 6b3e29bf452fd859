"""The rules the SCORM schemas miss (1.2 and 2004 alike): version, references, files, launch and
Moodle's behaviour. The XSDs check neither IDREFs, nor schemaversion, nor the files of the zip.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from lxml import etree

from qser_scorm.validate.findings import Finding, finding, printable
from qser_scorm.validate.manifest import SCORM_2004_SCHEMAVERSION, Manifest, dangling, schemaversion, where
from qser_scorm.vocab import MANIFEST, XML

HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".xht")
DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
#: the schemaversion values from which Moodle plays a package as SCORM 2004, exactly as written
#: (mod/scorm/datamodels/scormlib.php: /^(1\.2)$|^(CAM )?(1\.3)$/ and /^2004 (3rd|4th) Edition$/)
MOODLE_2004_VERSIONS = ("CAM 1.3", "1.3", "2004 3rd Edition", "2004 4th Edition")
SCORM_TYPES = ("sco", "asset")


@dataclass(frozen=True)
class Href:
    """A manifest href resolved against xml:base, as a package path (None when external)."""

    path: str | None
    escapes: bool = False  #: points above the package root


def resolve(href: str, *bases: str) -> Href:
    """Prefix an href with its xml:base values, drop query and fragment, decode %XX (e.g. %20).

    The bases are concatenated, as LMSs do (Moodle joins xml:base and href as strings).
    """
    try:
        parts = urlsplit("".join(bases) + href)
    except ValueError:  # e.g. "http://[::1" (an unclosed IPv6 host): no file of the package
        return Href(None)
    if parts.scheme or parts.netloc:
        return Href(None)  # content on a web server, outside the package
    path = unquote(parts.path)
    if path.startswith("/"):
        return Href(None, escapes=True)
    normal = posixpath.normpath(path)
    if normal == ".." or normal.startswith("../"):
        return Href(None, escapes=True)
    return Href(normal)


def check_rules(manifest: Manifest, names: set[str]) -> list[Finding]:
    """Every rule the schemas cannot express, given the files present in the package."""
    resources = {r.get("identifier"): r for r in manifest.iter("resource")}
    findings = _check_version(manifest) + _check_prefixes(manifest, resources)
    findings += _check_references(manifest, resources)
    findings += _check_resources(manifest, resources)
    findings += _check_files(manifest, resources, names)
    findings += _check_launch(manifest, resources)
    return findings


def _check_version(manifest: Manifest) -> list[Finding]:
    metadata = manifest.children(manifest.root, "metadata")
    schema = _child_text(manifest, metadata[0], "schema") if metadata else None
    version = schemaversion(manifest.root)
    anchor = metadata[0] if metadata else manifest.root
    findings = []
    if manifest.dialect.version == "2004":
        if version not in MOODLE_2004_VERSIONS:
            close = [v for v in MOODLE_2004_VERSIONS if version and v.lower() == " ".join(version.split()).lower()]
            shown = f"is {printable(version)!r}" if version is not None else "is missing"
            findings.append(finding(
                "QS220", f"the manifest uses the SCORM 2004 namespaces but its schemaversion {shown}; Moodle then "
                "plays it as SCORM 1.2, and a SCORM 2004 SCO finds no API_1484_11 (nothing is tracked)",
                where(anchor), f"write <schemaversion>{close[0] if close else '2004 4th Edition'}</schemaversion> "
                "exactly (no spaces around it; '2004 3rd Edition' for a 3rd Edition package)"))
        version_ok = True
    elif version is not None and SCORM_2004_SCHEMAVERSION.search(version):
        return [finding("QS209", f"the manifest uses the SCORM 1.2 namespaces but its schemaversion is "
                        f"{printable(version)!r}: LMSs then load the SCORM 2004 runtime, and a SCORM 1.2 SCO finds "
                        "no API object (no tracking)", where(anchor),
                        "if the SCO calls LMSInitialize (SCORM 1.2), write <schemaversion>1.2</schemaversion>; if "
                        "it calls API_1484_11, use the SCORM 2004 namespaces (docs/validate.md)")]
    else:
        version_ok = version is not None and version.strip() == "1.2"
    if schema != "ADL SCORM" or not version_ok:
        said = [f"<{name}> {printable(text)!r}" if text is not None else f"no <{name}>"
                for name, text in (("schema", schema), ("schemaversion", version))]
        findings.append(finding(
            "QS210", f"the manifest metadata has {' and '.join(said)}, not 'ADL SCORM' and "
            f"'{'1.2' if manifest.dialect.version == '1.2' else '2004 4th Edition'}'; LMSs detect the SCORM "
            "version from them", where(anchor),
            "start the manifest with <metadata><schema>ADL SCORM</schema><schemaversion>"
            f"{'1.2' if manifest.dialect.version == '1.2' else '2004 4th Edition'}</schemaversion></metadata>"))
    return findings


def _check_prefixes(manifest: Manifest, resources: dict) -> list[Finding]:
    """Moodle's manifest parser upper-cases names with their prefix and matches MANIFEST,
    ADLCP:SCORMTYPE... literally (mod/scorm/datamodels/scormlib.php), so other prefixes hide them."""
    if manifest.root.prefix:
        return [finding("QS304", f"the manifest's elements carry the prefix {printable(manifest.root.prefix)!r} "
                        f"(<{printable(manifest.root.prefix)}:manifest>); Moodle finds no course in it", where(manifest.root),
                        f"declare the IMS CP namespace as the default: <manifest xmlns=\"{manifest.cp}\">")]
    for resource in resources.values():
        if manifest.scorm_type(resource) is not None:
            prefixes = [prefix for prefix, uri in resource.nsmap.items() if uri == manifest.dialect.adlcp]
            if "adlcp" not in prefixes:
                return [finding(
                    "QS304", f"the ADL namespace has the prefix {printable(prefixes[0] if prefixes else '')!r}, not "
                    "'adlcp'; Moodle reads only adlcp:scormtype literally, so it sees no SCO and tracks nothing",
                    where(resource), f"declare xmlns:adlcp=\"{manifest.dialect.adlcp}\" and write adlcp:"
                    f"{manifest.dialect.scorm_type}")]
    return []


def _child_text(manifest: Manifest, element: etree._Element, local: str) -> str | None:
    found = manifest.children(element, local)
    return (found[0].text or "").strip() if found else None


def _check_references(manifest: Manifest, resources: dict) -> list[Finding]:
    findings = []
    for organizations in manifest.iter("organizations"):
        default = organizations.get("default")
        organization_ids = {o.get("identifier") for o in manifest.children(organizations, "organization")}
        if default is not None and default not in organization_ids:
            findings.append(finding(
                "QS201", f"organizations@default is {printable(default)!r}, but no organization has that "
                "identifier; LMSs then find no course structure", where(organizations),
                f"set default to one of: {', '.join(sorted(map(printable, filter(None, organization_ids)))) or '(none)'}"))
    for item, ref in dangling(manifest.iter("item"), "identifierref", set(resources)):
        findings.append(finding(
            "QS202", f"item {printable(item.get('identifier', ''))!r} points at resource {printable(ref)!r}, "
            "which does not exist; the LMS cannot launch it", where(item),
            "point identifierref at a <resource identifier> of this manifest"))
    for dependency, ref in dangling(manifest.iter("dependency"), "identifierref", set(resources)):
        findings.append(finding(
            "QS203", f"dependency on resource {printable(ref)!r}, which does not exist", where(dependency),
            "point identifierref at a <resource identifier>, or remove the <dependency>"))
    for titled in manifest.iter("organization") + manifest.iter("item"):
        if not _child_text(manifest, titled, "title"):
            findings.append(finding(
                "QS206", f"<{etree.QName(titled).localname}> {printable(titled.get('identifier', ''))!r} has no "
                "title; LMSs show an empty entry in the table of contents", where(titled),
                "add a <title> as its first child"))
    for score in manifest.root.iter(manifest.adlcp("masteryscore")):
        text = (score.text or "").strip()
        if not DECIMAL.fullmatch(text) or not 0 <= float(text) <= 100:
            findings.append(finding(
                "QS208", f"adlcp:masteryscore is {printable(text)!r}, not a number from 0 to 100; LMSs compare "
                "the learner's score with it to set passed/failed", where(score),
                "write the pass mark as a percentage, e.g. <adlcp:masteryscore>80</adlcp:masteryscore>"))
    return findings


def _launched(manifest: Manifest) -> set[str]:
    return {item.get("identifierref") for item in manifest.iter("item") if item.get("identifierref")}


def _check_resources(manifest: Manifest, resources: dict) -> list[Finding]:
    findings, launched, dialect = [], _launched(manifest), manifest.dialect
    spelled = f"adlcp:{dialect.scorm_type}"
    for identifier, resource in resources.items():
        shown = printable(identifier or "")
        value = manifest.scorm_type(resource)
        if value is None:
            findings.append(finding(
                "QS204", f"resource {shown!r} has no {spelled}; LMSs treat it as an asset (no tracking)",
                where(resource), f"add {spelled}=\"sco\" (talks to the LMS) or \"asset\""))
        elif resource.get(manifest.adlcp(dialect.scorm_type)) is None:
            findings.append(finding(
                "QS109", f"resource {shown!r} has adlcp:{dialect.other_scorm_type}, the spelling of SCORM "
                f"{'2004' if dialect.version == '1.2' else '1.2'}; this SCORM {dialect.version} manifest needs "
                f"{spelled}", where(resource), f"write {spelled}=\"{printable(value)}\""))
        if value is not None and value not in SCORM_TYPES:
            hint = (f"write {spelled}=\"{value.strip().lower()}\" (lower case)" if value.strip().lower() in SCORM_TYPES
                    else "use \"sco\" (it talks to the LMS) or \"asset\"")
            findings.append(finding("QS107", f"{spelled} is {printable(value)!r}, not 'sco' or 'asset'; "
                                    "LMSs compare it literally", where(resource), hint))
        kind = resource.get("type")
        if kind is not None and kind != "webcontent":
            findings.append(finding("QS207", f"resource {shown!r} has type {printable(kind)!r}, not 'webcontent'",
                                    where(resource), "write type=\"webcontent\" (the only type SCORM defines)"))
        if identifier in launched and not resource.get("href"):
            findings.append(finding(
                "QS205", f"resource {shown!r} is launched by an item but has no href", where(resource),
                "add href=\"<launch file>\" to the resource"))
    return findings


def _bases(manifest: Manifest, resource: etree._Element) -> tuple[str, ...]:
    resources = resource.getparent()
    return tuple(e.get(f"{{{XML}}}base", "") for e in (manifest.root, resources, resource))


def _check_files(manifest: Manifest, resources: dict, names: set[str]) -> list[Finding]:
    findings, launched, listed = [], _launched(manifest), set()
    by_lower_case = {name.lower(): name for name in names}

    def check(code: str, element: etree._Element, href: str, bases: tuple[str, ...], what: str) -> None:
        target = resolve(href, *bases)
        if target.escapes:
            findings.append(finding("QS216", f"{what} {printable(href)!r} points outside the package",
                                    where(element), "use a path relative to the package root"))
        if target.path is None:
            return
        listed.add(target.path)
        if target.path not in names:
            near = by_lower_case.get(target.path.lower())
            hint = (f"the package has {printable(near)!r}: names are case-sensitive on LMS servers" if near
                    else "add the file to the package, or fix the path")
            findings.append(finding(code, f"{what} {printable(href)!r} is not in the package", where(element), hint))

    for identifier, resource in resources.items():
        bases, href = _bases(manifest, resource), resource.get("href")
        if href:
            check("QS213" if identifier in launched else "QS211", resource, href, bases, "launch file")
        launch_path = resolve(href, *bases).path if href else None
        for file in manifest.children(resource, "file"):
            file_href = file.get("href")
            if file_href and (launch_path is None or resolve(file_href, *bases).path != launch_path):
                check("QS211", file, file_href, bases, "listed file")
    for location in manifest.root.iter(manifest.adlcp("location")):
        check("QS217", location, (location.text or "").strip(), (), "metadata file")
    return findings + _unlisted(names - listed)


def _unlisted(names: set[str]) -> list[Finding]:
    # The manifest and the schema files are control files, not content (CAM 2.3.1; SCORM 2004's
    # LOM schemas sit in common/, extend/, unique/ and vocab/ folders).
    content = sorted(n for n in names if n != MANIFEST and not n.lower().endswith((".xsd", ".dtd")))
    hint = "add a <file href> for it to the resource that uses it (some LMSs copy only listed files)"
    return [finding("QS212", f"{printable(name)!r} is listed by no resource", printable(name), hint)
            for name in content]


def _default_organization(manifest: Manifest) -> etree._Element | None:
    containers = manifest.children(manifest.root, "organizations")
    organizations = manifest.children(containers[0], "organization") if containers else []
    default = containers[0].get("default") if containers else None
    named = [o for o in organizations if o.get("identifier") == default]
    return named[0] if named else (organizations[0] if organizations and default is None else None)


def sco_launch_pages(manifest: Manifest) -> list[str]:
    """The package paths of the pages the SCOs of the manifest launch."""
    resources = {r.get("identifier"): r for r in manifest.iter("resource")}
    launched = [resources[ref] for ref in _launched(manifest) if ref in resources]
    hrefs = [resolve(r.get("href"), *_bases(manifest, r)).path for r in launched
             if manifest.scorm_type(r) == "sco" and r.get("href")]
    return sorted(path for path in hrefs if path)


def _check_launch(manifest: Manifest, resources: dict) -> list[Finding]:
    findings = []
    organization = _default_organization(manifest)
    leaves = [item for item in organization.iter(manifest.tag("item")) if item.get("identifierref")] \
        if organization is not None else []
    launchable = [(item, resources[item.get("identifierref")]) for item in leaves
                  if item.get("identifierref") in resources]
    scos = [(item, r) for item, r in launchable if manifest.scorm_type(r) == "sco" and r.get("href")]
    if not scos:
        findings.append(finding(
            "QS214", "the default organization has no item that launches a SCO (a resource with "
            f"adlcp:{manifest.dialect.scorm_type}=\"sco\" and an href); the LMS cannot track anything",
            where(organization if organization is not None else manifest.root),
            f"add an <item identifierref=...> pointing at a resource with adlcp:{manifest.dialect.scorm_type}="
            "\"sco\" and href"))
    elif manifest.scorm_type(launchable[0][1]) != "sco":
        findings.append(finding(
            "QS301", f"the first item, {printable(launchable[0][0].get('identifier', ''))!r}, is not a SCO; Moodle "
            "launches it first, so nothing is tracked until the learner opens a SCO", where(launchable[0][0]),
            "put the item of the SCO first in the default organization"))
    for _, resource in scos:
        path = resolve(resource.get("href")).path
        if path is not None and not path.lower().endswith(HTML_EXTENSIONS):
            findings.append(finding(
                "QS215", f"SCO {printable(resource.get('identifier', ''))!r} launches {printable(path)!r}, not an "
                "HTML page; only a page's JavaScript can talk to the LMS", where(resource),
                "launch an .html page that loads the content and calls the SCORM API"))
    return findings
