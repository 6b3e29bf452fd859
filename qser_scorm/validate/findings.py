"""What the validator reports: :class:`Finding` records and the catalogue of their codes.

Severity follows consequence (docs/validate.md, "LMS profiles") and the LMS profile:
under ``--lms moodle`` (the default) an error breaks import or tracking in Moodle and the big
LMSs, a warning departs from the standard in a way they tolerate; under ``--lms strict`` every
rule of the standards and their XSDs is an error (the producers' CI mode). Each code has one
fixed severity per profile, so scripts may filter on codes alone.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from qser_scorm.errors import Problem, QserError

ERROR = "error"
WARNING = "warning"
PROFILES = ("moodle", "strict")
#: who each note speaks for, in the order they are printed
AUDIENCES = {"moodle": "Moodle", "app": "Moodle app", "strict": "strict LMS"}


@dataclass(frozen=True)
class Rule:
    """One code of the catalogue: its severity per profile, a summary and notes per LMS."""

    moodle: str  #: severity under --lms moodle
    summary: str
    strict: str = ERROR  #: severity under --lms strict
    notes: dict[str, str] = field(default_factory=dict)  #: audience (see AUDIENCES) -> what it does

    def severity(self, profile: str) -> str:
        return self.strict if profile == "strict" else self.moodle


def _rule(severity: str, summary: str, strict_severity: str = ERROR, /, **notes: str) -> Rule:
    return Rule(severity, summary, strict_severity, notes)


_W, _E = WARNING, ERROR

#: code -> rule. Codes are stable: never renumber, only add.
#: QS0xx container, QS01x descriptor file, QS1xx schema rules, QS2xx rules the schemas miss
#: (QS22x SCORM 2004, QS24x cmi5, QS25x Tin Can, QS26x credentials, QS27x launch pages),
#: QS3xx Moodle behaviour, QS4xx official XSD files.
CATALOGUE: dict[str, Rule] = {
    "QS001": _rule(_E, "unsafe entry name (absolute path, '..', backslash, drive letter, NUL)",
                   app="refuses backslash paths outright"),
    "QS002": _rule(_E, "entry is a symbolic link"),
    "QS003": _rule(_E, "entry cannot be extracted (corrupt, encrypted or unknown compression)"),
    "QS004": _rule(_E, "two entries with the same name"),
    "QS005": _rule(_W, "non-ASCII entry name not marked as UTF-8", _W),
    "QS006": _rule(_W, "compression other than stored or deflate", _W),
    "QS010": _rule(_E, "no package descriptor (imsmanifest.xml, cmi5.xml, tincan.xml) at the root"),
    "QS011": _rule(_E, "descriptor is not well-formed XML"),
    "QS012": _rule(_E, "descriptor has a DOCTYPE or entity declarations"),
    "QS013": _rule(_E, "root element is not the descriptor's (<manifest>, <courseStructure>, <tincan>)"),
    "QS014": _rule(_W, "manifest is in no IMS CP namespace",
                   moodle="ignores namespaces (it matches prefixes literally)",
                   strict="rejects the manifest or validates it against nothing"),
    "QS020": _rule(_W, "AICC package: its files are not checked", _W,
                   moodle="imports AICC packages", app="cannot play AICC packages"),
    "QS101": _rule(_W, "element or attribute not allowed here by the schema",
                   moodle="does not validate the manifest", strict="rejects the manifest at upload"),
    "QS102": _rule(_E, "<organizations> or <resources> missing"),
    "QS103": _rule(_W, "required attribute missing", moodle="fills in a default",
                   strict="rejects the manifest at upload"),
    "QS104": _rule(_W, "identifier is not a valid XML ID", moodle="stores any string",
                   strict="rejects the manifest at upload"),
    "QS105": _rule(_W, "identifier used twice", moodle="keeps the last element with that identifier"),
    "QS106": _rule(_W, "value longer than the schema allows", moodle="may truncate it"),
    "QS107": _rule(_W, "adlcp:scormtype / adlcp:scormType is not 'sco' or 'asset'",
                   moodle="compares the value literally: anything but 'sco' is an asset"),
    "QS108": _rule(_W, "value outside the schema's vocabulary or format", moodle="passes the value on unchecked"),
    "QS109": _rule(_W, "adlcp:scormType spelled as in the other SCORM version",
                   moodle="reads attribute names case-insensitively, so the SCO is tracked",
                   strict="ignores the attribute: the resource becomes an asset and nothing is tracked"),
    "QS201": _rule(_E, "organizations@default names no organization"),
    "QS202": _rule(_E, "item@identifierref names no resource"),
    "QS203": _rule(_W, "dependency@identifierref names no resource", moodle="ignores dependencies"),
    "QS204": _rule(_W, "resource has no adlcp:scormtype / adlcp:scormType",
                   moodle="treats the resource as an asset (no tracking)"),
    "QS205": _rule(_E, "launched resource has no href"),
    "QS206": _rule(_W, "organization or item has no title", moodle="shows an empty entry in the table of contents"),
    "QS207": _rule(_W, "resource type is not 'webcontent'", moodle="ignores the type"),
    "QS208": _rule(_E, "adlcp:masteryscore is not a number from 0 to 100"),
    "QS209": _rule(_E, "SCORM 1.2 namespaces with a SCORM 2004 schemaversion"),
    "QS210": _rule(_W, "schema/schemaversion missing or not 'ADL SCORM' / '1.2'",
                   moodle="plays a manifest without a known schemaversion as SCORM 1.2"),
    "QS211": _rule(_W, "file listed in the manifest but absent", moodle="imports the package; the page breaks"),
    "QS212": _rule(_W, "file present but listed by no resource", moodle="extracts every file of the zip",
                   strict="may copy only the listed files"),
    "QS213": _rule(_E, "launch file absent from the package"),
    "QS214": _rule(_E, "no launchable SCO in the default organization"),
    "QS215": _rule(_E, "SCO launch file is not an HTML page"),
    "QS216": _rule(_W, "href points outside the package",
                   app="plays the downloaded package offline: files outside it are missing"),
    "QS217": _rule(_W, "metadata file named by adlcp:location is absent", moodle="ignores external metadata"),
    "QS220": _rule(_E, "SCORM 2004 manifest whose schemaversion Moodle does not recognise"),
    "QS221": _rule(_W, "adlcp:completionThreshold that Moodle and the standard read differently", _W,
                   moodle="uses minProgressMeasure (1.0 when absent) and ignores completedByMeasure",
                   strict="uses minProgressMeasure only when completedByMeasure is true"),
    "QS222": _rule(_W, "objective whose passing score Moodle and the standard read differently", _W,
                   moodle="hands the SCO the minNormalizedMeasure of its last objective that has one "
                   "(1.0 when none has), whether or not satisfiedByMeasure is set",
                   strict="uses minNormalizedMeasure only on the primary objective with satisfiedByMeasure"),
    "QS223": _rule(_W, "sequencing that Moodle does not follow", _W,
                   moodle="follows flow navigation only; it ignores sequencing collections, IDRef and "
                   "global objectives", strict="runs the sequencing as written"),
    "QS224": _rule(_W, "imsss:sequencing IDRef that names no shared sequencing"),
    "QS240": _rule(_E, "cmi5 AU whose url names a file absent from the package"),
    "QS241": _rule(_W, "cmi5 moveOn and masteryScore that do not fit together", _W),
    "QS242": _rule(_E, "cmi5 or Tin Can id that is not an absolute IRI"),
    "QS243": _rule(_E, "cmi5 id used twice"),
    "QS244": _rule(_W, "cmi5 objective reference that names no objective"),
    "QS245": _rule(_W, "cmi5 AU url with a query parameter the LMS adds at launch", _W),
    "QS250": _rule(_E, "tincan.xml lists no activity with a launch file"),
    "QS251": _rule(_E, "Tin Can launch file absent from the package"),
    "QS260": _rule(_W, "LRS credentials stored in the package", _W,
                   moodle="serves every package file to every enrolled learner"),
    "QS270": _rule(_E, "launch page loads a script, style sheet or frame absent from the package"),
    "QS271": _rule(_W, "launch page or its style sheet refers to a file absent from the package", _W),
    "QS272": _rule(_W, "launch page never looks for the SCORM API", _W,
                   moodle="shows the page, and records nothing but 'attempted'"),
    "QS273": _rule(_E, "launch page looks only for the API of the other SCORM version"),
    "QS301": _rule(_W, "first item of the default organization is not a SCO", _W),
    "QS302": _rule(_E, "identifier longer than 255 characters"),
    "QS304": _rule(_E, "manifest names Moodle cannot read: a prefix on the CP elements, or not adlcp: on the SCO marker",
                   _W, moodle="matches element and attribute names with their literal prefix (it is not "
                   "namespace-aware)", strict="reads namespaces, whatever the prefix"),
    "QS303": _rule(_W, "package larger than Moodle's default upload limit", _W,
                   moodle="refuses uploads over the PHP limit (upload_max_filesize, 2 MB in a default "
                   "PHP) unless the site admin raised it", app="downloads the whole package before it starts"),
    "QS401": _rule(_W, "official XSD reports a violation", moodle="does not validate the manifest",
                   strict="rejects the package at upload"),
}


@dataclass(frozen=True)
class Finding(Problem):
    """A located problem in a package (file, line, message, hint, severity, code), in the shape of
    every problem qser-scorm reports; ``file`` is a zip entry or a descriptor such as imsmanifest.xml."""

    def __post_init__(self) -> None:
        rule = CATALOGUE.get(self.code)
        if rule is None:
            raise ValueError(f"unknown finding code {self.code!r}")
        if self.severity not in (rule.moodle, rule.strict):
            raise ValueError(f"{self.code} is never a {self.severity}")

    @property
    def where(self) -> str:
        """``file:line``, or the file alone."""
        return f"{self.file}:{self.line}" if self.line else self.file

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def notes(self) -> dict[str, str]:
        """What Moodle, the Moodle app and a strict LMS do with it, where that is known."""
        return {AUDIENCES[who]: text for who, text in CATALOGUE[self.code].notes.items()}

    def graded(self, profile: str) -> "Finding":
        return replace(self, severity=CATALOGUE[self.code].severity(profile))


#: a place in a file: (file, line or None)
Place = tuple[str, "int | None"]


def finding(code: str, message: str, where: str | Place, hint: str = "") -> Finding:
    """Make a :class:`Finding` with the ``--lms moodle`` severity of its code."""
    file, line = (where, None) if isinstance(where, str) else where
    return Finding(file, line, message, hint, CATALOGUE[code].moodle, code)


class UnusableInput(QserError):
    """The input cannot be checked at all (not a zip, too big, a zip bomb...): exit code 2."""

    exit_code = 2


def printable(name: str) -> str:
    """A name safe to print anywhere: undecodable bytes and control characters escaped."""
    escaped = name.encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in escaped)


REPEATS_SHOWN = 20  # findings of one code beyond this are summed up in one finding


def cap_repeats(findings: list[Finding]) -> list[Finding]:
    """Keep the first REPEATS_SHOWN findings of each code and sum up the rest in one finding each."""
    kept, seen, hidden = [], Counter(), Counter()
    for item in findings:
        seen[item.code] += 1
        if seen[item.code] <= REPEATS_SHOWN:
            kept.append(item)
        else:
            hidden[item.code] += 1
    for code, count in hidden.items():
        last = [item for item in kept if item.code == code][-1]  # the sum-up sorts right after it
        kept.append(replace(last, message=f"{count:,} more {code} findings like the ones above "
                            f"({CATALOGUE[code].summary})", hint=last.hint))
    return kept
