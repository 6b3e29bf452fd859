"""What the launch pages load: every local reference of each launched HTML page, and one level
further (the scripts and style sheets it links, the pages of its frames), read with a real HTML
parser (the standard library's ``html.parser``, which never fetches anything).

A script, style sheet or frame of a launch page that is not in the package is an error (the
page cannot run its LMS code); any other missing file is a warning. A SCORM launch page whose
scripts never name the SCORM API cannot report to the LMS. LRS credentials written into any
file read here are a warning naming the file.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from qser_scorm.validate.archive import Inventory
from qser_scorm.validate.findings import Finding, finding, printable

#: what a page loads, by how much the page needs it (QS270 for the first three, QS271 for "file")
SCRIPT, STYLE, FRAME, FILE = "script", "style sheet", "frame", "file"
_SRC_TAGS = {"script": SCRIPT, "iframe": FRAME, "frame": FRAME, "img": FILE, "source": FILE, "audio": FILE,
             "video": FILE, "embed": FILE, "track": FILE, "input": FILE}
_REFRESH = re.compile(r"url\s*=\s*(\S.*)$", re.I)  # <meta http-equiv="refresh" content="0; url=story.html">
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
#: the names a SCO's script uses to find and start the API: SCORM 1.2 RTE 3.3 (window.API,
#: LMSInitialize) and SCORM 2004 RTE 3.1 (window.API_1484_11, Initialize)
SCORM_API = re.compile(r"\b(API_1484_11|API|LMSInitialize|Initialize)\b")
API_OF = {"1.2": re.compile(r"\b(API|LMSInitialize)\b"), "2004": re.compile(r"\bAPI_1484_11\b")}
#: an HTTP Basic token or a password written as a value: LRS credentials in plain text
CREDENTIALS = re.compile(r"""Basic\s+[A-Za-z0-9+/]{12,}={0,2}|["']?password["']?\s*[:=]\s*["'][^"'\s]{3,}["']""",
                         re.I)
MAX_PAGES = 20  # launch pages checked per package (multi-SCO packages repeat one template)


@dataclass
class Reference:
    url: str
    role: str
    line: int


class _Page(HTMLParser):
    """The local references and inline script text of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[Reference] = []
        self.scripts: list[str] = []  #: inline scripts and event handler attributes
        self.base = ""  #: <base href>, which every relative reference is resolved against
        self._in = ""  #: "script" or "style" while inside one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        if tag == "base" and values.get("href"):
            self.base = values["href"]
        elif tag in _SRC_TAGS and values.get("src"):
            self.references.append(Reference(values["src"], _SRC_TAGS[tag], line))
        elif tag == "link" and values.get("href"):
            rel = values.get("rel", "").lower().split()
            self.references.append(Reference(values["href"], STYLE if "stylesheet" in rel else FILE, line))
        elif tag in ("a", "area") and values.get("href"):
            self.references.append(Reference(values["href"], FILE, line))
        elif tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = _REFRESH.search(values.get("content", ""))  # a redirect: the page it opens counts as a frame
            if target:
                self.references.append(Reference(target.group(1).strip("'\" "), FRAME, line))
        elif tag == "object" and values.get("data"):
            self.references.append(Reference(values["data"], FILE, line))
        if values.get("poster"):
            self.references.append(Reference(values["poster"], FILE, line))
        if values.get("style"):
            self.references += [Reference(url, FILE, line) for url, _ in _css_references(values["style"])]
        self.scripts += [value for name, value in values.items() if name.startswith("on")]
        self._in = tag if tag in ("script", "style") else ""

    def handle_endtag(self, tag: str) -> None:
        self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            line = self.getpos()[0]
            self.references += [Reference(url, STYLE if imported else FILE, line)
                                for url, imported in _css_references(data)]


def _css_references(text: str) -> list[tuple[str, bool]]:
    """(url, is an @import) for each url() and @import of a style sheet."""
    return [(m.group(2) or m.group(4), m.group(4) is not None) for m in _CSS_URL.finditer(text)]


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def local_path(url: str, page: str, base: str = "") -> str | None:
    """The package path a page's reference names; None when it is not a file of the package
    (another host, a data: URL, a fragment, a value a script fills in)."""
    url = url.strip()
    if not url or url.startswith("#") or any(c in url for c in "{}$'\"+<>`\\") or url.startswith("//"):
        return None
    try:
        parts = urlsplit(base + url if base and not urlsplit(url).scheme else url)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page), path)
    return posixpath.normpath(joined)


@dataclass
class PageCheck:
    """The findings about the launch pages, and the text of every file read for them."""

    findings: list[Finding] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  #: file -> text read (page, script, style)


def check_launch_pages(inventory: Inventory, pages: list[str], scorm: str | None) -> list[Finding]:
    """QS270/QS271 for missing references, QS260 for credentials in any file read; for a SCORM
    package (``scorm`` is its version, "1.2" or "2004"), QS272 for a page that never names the
    API and QS273 for one that names only the other version's."""
    check = PageCheck()
    for page in sorted(set(pages))[:MAX_PAGES]:
        if not page.lower().endswith((".html", ".htm", ".xhtml", ".xht")):
            continue
        parsed = _read_page(inventory, page, check)
        if parsed is None:
            continue
        script_texts = list(parsed.scripts)
        for reference, path in _present_references(inventory, page, parsed, check, launch=True):
            if reference.role == SCRIPT:
                script_texts.append(_text(inventory, path, check))
            elif reference.role == STYLE:
                _check_style_sheet(inventory, path, check)
            elif reference.role == FRAME and path.lower().endswith((".html", ".htm")):
                frame = _read_page(inventory, path, check)
                if frame is not None:
                    script_texts += frame.scripts
                    script_texts += [_text(inventory, p, check) for r, p in
                                     _present_references(inventory, path, frame, check, launch=False)
                                     if r.role == SCRIPT]
        if scorm is None:
            continue
        if not any(SCORM_API.search(text) for text in script_texts):
            check.findings.append(finding(
                "QS272", f"the launch page {printable(page)!r} and the scripts it loads never name the SCORM API "
                "(API, API_1484_11, LMSInitialize or Initialize): this package will not report to the LMS",
                page, "load the SCORM wrapper script your authoring tool publishes (often missing when the "
                "course was published for the web instead of for an LMS), or publish it again for SCORM"))
        elif not any(API_OF[scorm].search(text) for text in script_texts):
            other = "2004" if scorm == "1.2" else "1.2"
            check.findings.append(finding(
                "QS273", f"the launch page {printable(page)!r} and its scripts look only for the SCORM {other} API "
                f"({'API_1484_11' if other == '2004' else 'API, LMSInitialize'}), but the manifest declares SCORM "
                f"{scorm}: the LMS offers the other API, and nothing is tracked", page,
                f"publish the course again for SCORM {scorm}, or use the SCORM {other} manifest your authoring tool "
                "writes with it"))
    for file, text in check.texts.items():
        if CREDENTIALS.search(text):
            check.findings.append(finding(
                "QS260", f"{printable(file)!r} holds what looks like LRS credentials in plain text; every learner "
                "who opens the course can read them and send or read statements with them", file,
                "let the LMS pass the LRS at launch, or use a write-only LRS account limited to this course"))
    return check.findings


def _read_page(inventory: Inventory, page: str, check: PageCheck) -> _Page | None:
    text = _text(inventory, page, check)
    if not text:
        return None
    parsed = _Page()
    try:
        parsed.feed(text)
        parsed.close()
    except AssertionError:  # html.parser gives up on some malformed declarations ("<![x"): keep what it read
        pass
    return parsed


def _text(inventory: Inventory, name: str, check: PageCheck) -> str:
    if name not in check.texts:
        data = inventory.read(name)
        check.texts[name] = _decode(data) if data is not None else ""
    return check.texts[name]


def _present_references(inventory: Inventory, page: str, parsed: _Page, check: PageCheck,
                        launch: bool) -> list[tuple[Reference, str]]:
    """The page's references found in the package; a finding for each one that is not."""
    present, by_lower_case = [], None
    for reference in parsed.references:
        path = local_path(reference.url, page, parsed.base)
        if path is None:
            continue
        if path in inventory.names:
            present.append((reference, path))
            continue
        if path == "." or any(name.startswith(path + "/") for name in inventory.names):
            continue  # a folder: its index page is the server's business
        if by_lower_case is None:
            by_lower_case = {name.lower(): name for name in inventory.names}
        near = by_lower_case.get(path.lower())
        hint = (f"the package has {printable(near)!r}: names are case-sensitive on LMS servers" if near
                else f"add {printable(path)!r} to the package, or remove the reference")
        needed = launch and reference.role in (SCRIPT, STYLE, FRAME)
        consequence = ("the page cannot run as published (LMS tracking code often lives there)" if needed
                       else "learners see a broken link or a missing image")
        what = f"the launch page {printable(page)!r}" if launch else f"{printable(page)!r}"
        check.findings.append(finding(
            "QS270" if needed else "QS271",
            f"{what} loads the {reference.role} {printable(reference.url)!r}, which is not in the package; "
            f"{consequence}", (page, reference.line), hint))
    return present


def _check_style_sheet(inventory: Inventory, sheet: str, check: PageCheck) -> None:
    text = _text(inventory, sheet, check)
    for url, _ in _css_references(text):
        path = local_path(url, sheet)
        if path is not None and path not in inventory.names:
            check.findings.append(finding(
                "QS271", f"the style sheet {printable(sheet)!r} refers to {printable(url)!r}, which is not in the "
                "package; learners see a missing image or font", sheet,
                f"add {printable(path)!r} to the package, or remove the reference"))
