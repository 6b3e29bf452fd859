"""Packages made by the tests: a small conformant SCORM 1.2 package and ways to break it."""
from __future__ import annotations

import zipfile
from pathlib import Path

#: the resources of both example manifests; marker: the SCO marker as the SCORM version spells it
RESOURCES = """  <resources>
    <resource identifier="RES-1" type="webcontent" adlcp:{marker}="sco" href="index.html">
      <file href="index.html"/>
      <file href="js/quiz.js"/>
      <dependency identifierref="RES-LIB"/>
    </resource>
    <resource identifier="RES-LIB" type="webcontent" adlcp:{marker}="asset">
      <file href="css/site.css"/>
    </resource>
  </resources>
</manifest>
"""

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
""" + RESOURCES.format(marker="scormtype")


#: a launch page that loads its script and style sheet; the script looks for the SCORM 1.2 API
LAUNCH_PAGE = (b'<!doctype html><title>q</title><link rel="stylesheet" href="css/site.css">'
               b'<script src="js/quiz.js"></script>')


def good_files(manifest: str = MANIFEST) -> dict[str, bytes]:
    """A conformant package in memory: the manifest plus the three files it lists."""
    return {"imsmanifest.xml": manifest.encode("utf-8"), "index.html": LAUNCH_PAGE,
            "js/quiz.js": b"var api = window.parent.API; api.LMSInitialize('');", "css/site.css": b"body{}"}


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


MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.quiz2004" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd
      http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd
      http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="ORG-1">
    <organization identifier="ORG-1">
      <title>Sample course</title>
      <item identifier="ITEM-1" identifierref="RES-1">
        <title>Quiz</title>
        <adlcp:timeLimitAction>continue,no message</adlcp:timeLimitAction>
        <adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.8"/>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="PRIMARY-OBJ" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
""" + RESOURCES.format(marker="scormType")


def good_2004_files(manifest: str = MANIFEST_2004) -> dict[str, bytes]:
    """A clean SCORM 2004 4th Edition package whose script looks for API_1484_11."""
    return {**good_files(), "imsmanifest.xml": manifest.encode("utf-8"),
            "js/quiz.js": b"var api = window.parent.API_1484_11; api.Initialize('');"}


def broken_2004(old: str, new: str) -> dict[str, bytes]:
    assert old in MANIFEST_2004, old
    return good_2004_files(MANIFEST_2004.replace(old, new, 1))


CMI5 = """<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.org/courses/c1">
    <title><langstring lang="en-US">Course</langstring></title>
    <description><langstring lang="en-US">A quiz.</langstring></description>
  </course>
  <objectives>
    <objective id="https://example.org/courses/c1/objectives/listen">
      <title><langstring lang="en-US">Listen</langstring></title>
      <description><langstring lang="en-US">Listen first.</langstring></description>
    </objective>
  </objectives>
  <au id="https://example.org/courses/c1/au/quiz" moveOn="CompletedAndPassed" masteryScore="0.8">
    <title><langstring lang="en-US">Quiz</langstring></title>
    <description><langstring lang="en-US">Five questions.</langstring></description>
    <objectives><objective idref="https://example.org/courses/c1/objectives/listen"/></objectives>
    <url>index.html?lang=en</url>
  </au>
</courseStructure>
"""

TINCAN = """<?xml version="1.0" encoding="utf-8"?>
<tincan xmlns="http://projecttincan.com/tincan.xsd">
  <activities>
    <activity id="https://example.org/courses/c1" type="http://adlnet.gov/expapi/activities/course">
      <name lang="en">Course</name>
      <launch lang="en">index.html</launch>
    </activity>
  </activities>
</tincan>
"""


def xapi_files(descriptor: str, text: str) -> dict[str, bytes]:
    """A cmi5 or Tin Can package: the descriptor and the site of the SCORM example, no manifest."""
    files = {name: data for name, data in good_files().items() if name != "imsmanifest.xml"}
    return {**files, descriptor: text.encode("utf-8")}


def codes(findings) -> set[str]:
    return {item.code for item in findings}
