"""Read the workshop PDFs back with pypdf: text, document catalog, structure tags."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

#: An agenda row as its text comes out of the PDF: "0:05–0:13 8 Becoming a".
AGENDA_ROW = re.compile(r"^(\d+):(\d\d)–(\d+):(\d\d) (\d+) ", re.MULTILINE)


@dataclass
class Pdf:
    path: Path
    reader: PdfReader

    @property
    def pages(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]

    @property
    def words(self) -> str:
        """The whole text with every run of white space as one space (lines wrap anywhere)."""
        return " ".join(" ".join(self.pages).split())

    @property
    def catalog(self):
        return self.reader.trailer["/Root"]

    def tags(self) -> list[tuple[str, str | None]]:
        """Every structure element in reading order: its type and its alt text."""
        found: list[tuple[str, str | None]] = []

        def walk(node) -> None:
            node = node.get_object()
            if not isinstance(node, dict):
                return
            if "/S" in node:
                found.append((str(node["/S"]), node.get("/Alt")))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                if hasattr(kid, "get_object"):
                    walk(kid)

        walk(self.catalog["/StructTreeRoot"])
        return found

    def fonts(self) -> set[str]:
        return {str(font.get_object()["/BaseFont"]).split("+")[-1]
                for page in self.reader.pages for font in page["/Resources"]["/Font"].values()}


def read_pdf(path: Path) -> Pdf:
    return Pdf(path, PdfReader(path))


def words(text: str) -> str:
    """``text`` as it reads in :attr:`Pdf.words`: white space runs as one space."""
    return " ".join(text.split())
