"""Packages made by the tests: a small conformant SCORM 1.2 package and ways to break it."""
from __future__ import annotations

import zipfile
from pathlib import Path

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.quiz" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd
      http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="ORG-1">
    <organization identifier="ORG-1">
      <title>Sample course</title>
      <item identifier="ITEM-1" identifierref="RES-1">
        <title>Quiz</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
      <file href="js/quiz.js"/>
      <dependency identifierref="RES-LIB"/>
    </resource>
    <resource identifier="RES-LIB" type="webcontent" adlcp:scormtype="asset">
      <file href="css/site.css"/>
    </resource>
  </resources>
</manifest>
"""


def good_files(manifest: str = MANIFEST) -> dict[str, bytes]:
    """A conformant package in memory: the manifest plus the three files it lists."""
    return {"imsmanifest.xml": manifest.encode("utf-8"), "index.html": b"<!doctype html><title>q</title>",
            "js/quiz.js": b"// quiz", "css/site.css": b"body{}"}


def broken(old: str, new: str) -> dict[str, bytes]:
    """The good package with one change to its manifest (the change must apply)."""
    assert old in MANIFEST, old
    return good_files(MANIFEST.replace(old, new, 1))


def write_zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def write_folder(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def codes(findings) -> set[str]:
    return {item.code for item in findings}
