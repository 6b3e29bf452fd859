"""Translations of a course: gettext PO catalogs per language, XLIFF 2.0 for CAT tools."""
