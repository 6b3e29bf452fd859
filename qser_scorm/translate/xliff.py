"""XLIFF 2.0 (OASIS) export and import of a PO catalog, for translation agencies and CAT tools.

One ``<unit>`` per PO entry: its ``name`` is the entry's msgctxt (the unit key; ids must be
NMTOKENs, keys are not), ``<source>``/``<target>`` the texts, notes the PO's references and
comments. A fuzzy entry is ``state="translated"`` with ``subState="qser:fuzzy"``; an empty one
``state="initial"``. Import writes the targets back into the PO entries of the same key and
source text, so an export followed by an import gives the same PO bytes.
"""
from __future__ import annotations

import re

import polib
from lxml import etree

from .catalog import entries

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
_FUZZY = "qser:fuzzy"


class XliffError(ValueError):
    """The file is not an XLIFF 2.0 document this tool can import; the message says why."""


def export_xliff(catalog: polib.POFile, source_language: str, target_language: str, original: str) -> bytes:
    root = etree.Element(f"{{{XLIFF}}}xliff", nsmap={None: XLIFF}, version="2.0",
                         srcLang=source_language, trgLang=target_language)
    file = etree.SubElement(root, f"{{{XLIFF}}}file", id="f1", original=original)
    for number, entry in enumerate(entries(catalog).values(), start=1):
        unit = etree.SubElement(file, f"{{{XLIFF}}}unit", id=f"u{number}", name=entry.msgctxt)
        notes = [("location", f"{path}:{line}") for path, line in entry.occurrences]
        notes += [("description", entry.comment)] if entry.comment else []
        notes += [("translator", entry.tcomment)] if entry.tcomment else []
        if notes:
            holder = etree.SubElement(unit, f"{{{XLIFF}}}notes")
            for category, text in notes:
                etree.SubElement(holder, f"{{{XLIFF}}}note", category=category).text = text
        segment = etree.SubElement(unit, f"{{{XLIFF}}}segment",
                                   state="translated" if entry.msgstr else "initial")
        if entry.fuzzy and entry.msgstr:
            segment.set("subState", _FUZZY)
        etree.SubElement(segment, f"{{{XLIFF}}}source").text = entry.msgid
        if entry.msgstr:
            etree.SubElement(segment, f"{{{XLIFF}}}target").text = entry.msgstr
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def target_language(data: bytes, source_language: str) -> str:
    """The language the file translates into, checked: it names the PO file to write."""
    root = _parse(data)
    language = root.get("trgLang") or ""
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", language):
        raise XliffError(f"the <xliff> element's trgLang {language!r} is not a language code such as el or es")
    if root.get("srcLang") != source_language:
        raise XliffError(f"the file translates from {root.get('srcLang')!r}, the course is written in {source_language!r}")
    return language


def import_xliff(data: bytes, catalog: polib.POFile) -> tuple[int, list[str]]:
    """Write the file's targets into ``catalog``; return how many changed and what was skipped."""
    root = _parse(data)
    current = entries(catalog)
    changed, skipped = 0, []
    for unit in root.iter(f"{{{XLIFF}}}unit"):
        key = unit.get("name", "")
        segment = unit.find(f"{{{XLIFF}}}segment")
        entry = current.get(key)
        if segment is None or entry is None:
            skipped.append(f"{key or unit.get('id')}: no such entry in the PO file")
            continue
        source = segment.findtext(f"{{{XLIFF}}}source") or ""
        if source != entry.msgid:
            skipped.append(f"{key}: its source text differs from the PO file's (extract again, then export)")
            continue
        target = segment.findtext(f"{{{XLIFF}}}target") or ""
        fuzzy = segment.get("subState") == _FUZZY or segment.get("state") == "initial"
        flags = sorted(set(entry.flags) - {"fuzzy"} | ({"fuzzy"} if fuzzy and target else set()))
        if target != entry.msgstr or flags != sorted(entry.flags):
            entry.msgstr, entry.flags = target, flags
            if not fuzzy:
                entry.previous_msgid = None
            changed += 1
    return changed, skipped


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise XliffError(f"not well-formed XML (line {error.lineno}): {error.msg}") from None
    if root.tag != f"{{{XLIFF}}}xliff" or root.get("version") != "2.0":
        raise XliffError("not an XLIFF 2.0 document (the root must be <xliff version=\"2.0\"> in "
                         f"the namespace {XLIFF})")
    return root
