"""The report's own words in the course language: ``report/texts/<language>.json``."""
from __future__ import annotations

import json
from importlib import resources

from qser_scorm.interface import primary_subtag


class ReportTexts:
    """The page's own words in the course language (``report/texts/<language>.json``), English
    where there is no table for it."""

    def __init__(self, language: str):
        self.lang = primary_subtag(language)
        folder = resources.files("qser_scorm.report").joinpath("texts")
        if not folder.joinpath(f"{self.lang}.json").is_file():
            self.lang = "en"
        self._texts = json.loads(folder.joinpath(f"{self.lang}.json").read_text(encoding="utf-8"))

    def __call__(self, key: str, **values) -> str:
        return self._texts[key].format(**values)

    def template(self, key: str) -> str:
        """The text with its ``{placeholders}``, to fill in later."""
        return self._texts[key]
