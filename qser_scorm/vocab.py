"""Names the standards fix, each in one place: the build writes them, the validator reads them."""

#: SCORM 1.2 CAM 2.3: the manifest's name, at the package root (lower case).
MANIFEST = "imsmanifest.xml"
#: The Tin Can package descriptor at the package root, and its namespace.
TINCAN_XML = "tincan.xml"
TINCAN_NS = "http://projecttincan.com/tincan.xsd"

#: Namespaces of a SCORM 1.2 manifest: IMS Content Packaging 1.1.2, the ADL extensions, IMS
#: metadata (LOM) 1.2.1 (note imsglobal, not imsproject), XML Schema instances, and xml:*.
IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"

#: The page every package launches: the one SCO of the SCORM package, the Tin Can launch file.
LAUNCH_FILE = "index.html"
#: The runtime as one script and one stylesheet (render/site.py), loaded by the launch file.
SCRIPT_FILE = "runtime/qser.js"
STYLE_FILE = "runtime/qser.css"

#: Namespaces of a SCORM 2004 4th Edition manifest (CAM 3): IMS Content Packaging 1.1.4, the ADL
#: content packaging, sequencing and navigation extensions, IMS Simple Sequencing 1.0, IEEE LOM.
#: Moodle's manifest parser is not namespace-aware: it needs exactly these prefixes.
SCORM2004_NAMESPACES = {
    "imscp": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
    "lom": "http://ltsc.ieee.org/xsd/LOM",
}
#: CAM 3.4.1.2 metadata/schemaversion; Moodle plays a package as 2004 only with this exact text.
SCORM2004_VERSION = "2004 4th Edition"
