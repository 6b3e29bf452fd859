"""What the validator reports: :class:`Finding` records and the catalogue of their codes.

Severity follows consequence (docs/validate.md, "How findings are graded"): an error breaks
import or tracking in real LMSs; a warning departs from SCORM 1.2 in a way the big LMSs
tolerate. Each code has one fixed severity, so scripts may filter on codes alone.
"""
from __future__ import annotations

from dataclasses import dataclass

from qser_scorm.errors import QserError

ERROR = "error"
WARNING = "warning"

#: code -> (severity, one-line summary). Codes are stable: never renumber, only add.
#: QS0xx container, QS01x manifest file, QS1xx schema rules, QS2xx rules the schemas miss,
#: QS3xx Moodle behaviour, QS4xx official XSD files (--schemas).
CATALOGUE: dict[str, tuple[str, str]] = {
    "QS001": (ERROR, "unsafe entry name (absolute path, '..', backslash, drive letter, NUL)"),
    "QS002": (ERROR, "entry is a symbolic link"),
    "QS003": (ERROR, "entry cannot be extracted (corrupt, encrypted or unknown compression)"),
    "QS004": (ERROR, "two entries with the same name"),
    "QS005": (WARNING, "non-ASCII entry name not marked as UTF-8"),
    "QS006": (WARNING, "compression other than stored or deflate"),
    "QS010": (ERROR, "imsmanifest.xml is not at the package root"),
    "QS011": (ERROR, "imsmanifest.xml is not well-formed XML"),
    "QS012": (ERROR, "imsmanifest.xml has a DOCTYPE or entity declarations"),
    "QS013": (ERROR, "root element is not an IMS CP 1.1.2 <manifest>"),
    "QS014": (WARNING, "manifest is not in the IMS CP 1.1.2 namespace"),
    "QS101": (WARNING, "element or attribute not allowed here by the schema"),
    "QS102": (ERROR, "<organizations> or <resources> missing"),
    "QS103": (WARNING, "required attribute missing"),
    "QS104": (WARNING, "identifier is not a valid XML ID"),
    "QS105": (WARNING, "identifier used twice"),
    "QS106": (WARNING, "value longer than the schema allows"),
    "QS107": (WARNING, "adlcp:scormtype is not 'sco' or 'asset'"),
    "QS108": (WARNING, "value outside the schema's vocabulary or format"),
    "QS201": (ERROR, "organizations@default names no organization"),
    "QS202": (ERROR, "item@identifierref names no resource"),
    "QS203": (WARNING, "dependency@identifierref names no resource"),
    "QS204": (WARNING, "resource has no adlcp:scormtype"),
    "QS205": (ERROR, "launched resource has no href"),
    "QS206": (WARNING, "organization or item has no title"),
    "QS207": (WARNING, "resource type is not 'webcontent'"),
    "QS208": (ERROR, "adlcp:masteryscore is not a number from 0 to 100"),
    "QS209": (ERROR, "schemaversion declares SCORM 2004"),
    "QS210": (WARNING, "schema/schemaversion missing or not 'ADL SCORM' / '1.2'"),
    "QS211": (WARNING, "file listed in the manifest but absent"),
    "QS212": (WARNING, "file present but listed by no resource"),
    "QS213": (ERROR, "launch file absent from the package"),
    "QS214": (ERROR, "no launchable SCO in the default organization"),
    "QS215": (ERROR, "SCO launch file is not an HTML page"),
    "QS216": (WARNING, "href points outside the package"),
    "QS217": (WARNING, "metadata file named by adlcp:location is absent"),
    "QS301": (WARNING, "first item of the default organization is not a SCO"),
    "QS302": (ERROR, "identifier longer than 255 characters"),
    "QS401": (WARNING, "official XSD reports a violation"),
}


@dataclass(frozen=True)
class Finding:
    """One problem found in a package, with where it is and how to fix it."""

    code: str  #: stable code from :data:`CATALOGUE`
    severity: str  #: "error" or "warning"
    message: str
    where: str  #: zip entry, or "imsmanifest.xml:LINE"
    hint: str = ""  #: how to fix it

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:
            raise ValueError(f"unknown finding code {self.code!r}")
        if self.severity != CATALOGUE[self.code][0]:
            raise ValueError(f"{self.code} is an {CATALOGUE[self.code][0]}, not a {self.severity}")

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def finding(code: str, message: str, where: str, hint: str = "") -> Finding:
    """Make a :class:`Finding` whose severity comes from the catalogue."""
    return Finding(code, CATALOGUE[code][0], message, where, hint)


class UnusableInput(QserError):
    """The input cannot be checked at all (not a zip, too big, a zip bomb...): exit code 2."""

    exit_code = 2


def printable(name: str) -> str:
    """A name safe to print anywhere: undecodable bytes and control characters escaped."""
    escaped = name.encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in escaped)
