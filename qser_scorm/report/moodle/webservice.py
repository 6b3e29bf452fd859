"""Read a SCORM activity's learners, attempts, tracks and grades live from Moodle's REST web
services (JSON), into the same :class:`~.tracks.Enrolment` records as the downloads.

The token travels in the POST body, never in a URL, so no proxy or server log sees it, and no
message here ever shows it. TLS certificates are verified (requests' default); plain http is
accepted only for a Moodle on this machine.

The calls, in order (Moodle 4.5 function names): the caller and the functions its token may call
(``core_webservice_get_site_info``); the course (``core_course_get_courses_by_field``); the
activity (``mod_scorm_get_scorms_by_courses``) and its SCO (``mod_scorm_get_scorm_scoes``); the
learners with their groups (``core_enrol_get_enrolled_users``, a page at a time); per learner the
Moodle attempts (``mod_scorm_get_scorm_attempt_count``) and each attempt's track
(``mod_scorm_get_scorm_sco_tracks``); the grades (``gradereport_user_get_grade_items``).
"""
from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from datetime import datetime, timezone
from urllib.parse import urlsplit

import requests

from qser_scorm.errors import QserError

from ..model import UNKNOWN_TIME
from .tracks import LESSON_STATUSES, Attempt, Enrolment, Interaction

#: Every function the report calls: the external service behind the token must include them.
FUNCTIONS = ("core_webservice_get_site_info", "core_course_get_courses_by_field", "mod_scorm_get_scorms_by_courses",
             "mod_scorm_get_scorm_scoes", "core_enrol_get_enrolled_users", "mod_scorm_get_scorm_attempt_count",
             "mod_scorm_get_scorm_sco_tracks", "gradereport_user_get_grade_items")
#: Learners asked for per core_enrol_get_enrolled_users call (its limitfrom / limitnumber options).
PAGE_SIZE = 100
#: ``cmi.interactions_12.student_response``: Moodle's storage form of cmi.interactions.12.student_response.
_INTERACTION = re.compile(r"cmi\.interactions_(\d+)\.(id|student_response|result)$")
_TIME = re.compile(r"(\d+):(\d\d):(\d\d(?:\.\d+)?)$")  # CMITimespan HHHH:MM:SS.SS (RTE 3.4.2)


class MoodleError(QserError):
    """Moodle could not be read: unreachable, refused the token, or lacks a function (exit code 2
    for what the coordinator must fix in the options or in Moodle, 1 for the network)."""

    exit_code = 2


class MoodleUnreachable(MoodleError):
    exit_code = 1


class MoodleClient:
    """Calls Moodle's REST server with one token; every answer checked for Moodle's exceptions,
    which it sends with HTTP 200."""

    def __init__(self, url: str, token: str, timeout: float = 30.0):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise MoodleError(f"{url!r} is not an http(s) address of a Moodle site.\n"
                              "Give the site's address, e.g. --moodle https://moodle.example.org")
        if parts.scheme == "http" and not _is_loopback(parts.hostname):
            raise MoodleError(f"{url} is plain http: the token would cross the network unencrypted.\n"
                              "Use the site's https:// address (http is accepted only for a Moodle on this machine).")
        self.site = parts._replace(query="", fragment="").geturl().rstrip("/")
        self._endpoint = self.site + "/webservice/rest/server.php"
        self._token = token
        self._timeout = timeout
        self._session = requests.Session()

    def call(self, function: str, **params) -> dict | list:
        data = {"wstoken": self._token, "wsfunction": function, "moodlewsrestformat": "json", **_form(params)}
        try:
            response = self._session.post(self._endpoint, data=data, timeout=self._timeout)
        except requests.Timeout:
            raise MoodleUnreachable(f"Moodle at {self.site} did not answer within {self._timeout:g} s.\n"
                                    "Try again later, or allow more time with --timeout.") from None
        except requests.exceptions.SSLError:
            raise MoodleUnreachable(f"Moodle at {self.site} did not show a valid TLS certificate.\n"
                                    "Check the address; ask the site's administrator to fix the certificate.") from None
        except requests.RequestException as error:
            reason = type(error.__cause__ or error).__name__
            raise MoodleUnreachable(f"Cannot connect to Moodle at {self.site} ({reason}).\n"
                                    "Check the address given to --moodle and the network.") from None
        if response.status_code == 403:
            raise MoodleError(f"Moodle at {self.site} refused web service calls (HTTP 403): web services or "
                              "the REST protocol are disabled.\nAsk the administrator to enable them "
                              "(Site administration > Server > Web services > Overview).")
        if response.status_code != 200:
            raise MoodleError(f"{self.site} has no Moodle web services (HTTP {response.status_code} for "
                              "/webservice/rest/server.php).\nCheck the address given to --moodle.")
        try:
            answer = response.json()
        except ValueError:
            raise MoodleError(f"{self.site} did not answer as Moodle's REST server does (not JSON).\n"
                              "Check the address given to --moodle.") from None
        if isinstance(answer, dict) and "exception" in answer:
            raise MoodleError(_exception_message(self.site, function, answer))
        return answer


def read_moodle(client: MoodleClient, cmid: int, course_shortname: str | None,
                progress: Callable[[int], None] | None = None,
                on_learners: Callable[[int], None] | None = None) -> tuple[list[Enrolment], str, int, float | None]:
    """Read the activity of course module ``cmid``; return its learners (with groups, attempts,
    tracks and grades), its name, the number of attempts read and the SCO's mastery score."""
    site = client.call("core_webservice_get_site_info")
    allowed = {f.get("name") for f in site.get("functions", [])}
    missing = [name for name in FUNCTIONS if name not in allowed]
    if missing:
        raise MoodleError(f"The token's web service may not call {', '.join(missing)}.\nAsk the administrator to add "
                          "them to the service (Site administration > Server > Web services > External services > "
                          "Functions); docs/report.md lists them all.")
    scorm = _activity(client, cmid, course_shortname)
    sco = next((s for s in client.call("mod_scorm_get_scorm_scoes", scormid=scorm["id"])["scoes"]
                if s.get("scormtype") == "sco"), None)
    if sco is None:
        raise MoodleError(f"The SCORM activity {cmid} has no SCO: its package did not import.\n"
                          "Upload the package again in the activity's settings.")
    mastery = next((_float(e["value"]) for e in sco.get("extradata", []) if e.get("element") == "masteryscore"), None)
    users = _enrolled(client, scorm["course"])
    if on_learners:
        on_learners(len(users))
    enrolments: dict[int, Enrolment] = {}
    attempts_read = 0
    for user in users:
        enrolment = enrolments[user["id"]] = Enrolment(
            name=user.get("fullname", ""), email=str(user.get("email", "")).lower(),
            group=", ".join(sorted((g["name"] for g in user.get("groups", [])), key=str.casefold)))
        count = client.call("mod_scorm_get_scorm_attempt_count", scormid=scorm["id"], userid=user["id"])
        for number in range(1, int(count.get("attemptscount", 0)) + 1):
            tracks = client.call("mod_scorm_get_scorm_sco_tracks", scoid=sco["id"], userid=user["id"], attempt=number)
            enrolment.attempts[number] = _attempt(number, tracks["data"]["tracks"])
            attempts_read += 1
        if progress:
            progress(1)
    for grades in client.call("gradereport_user_get_grade_items", courseid=scorm["course"])["usergrades"]:
        enrolment = enrolments.get(grades.get("userid"))
        item = next((i for i in grades.get("gradeitems", []) if i.get("cmid") == cmid), None)
        if enrolment is not None and item is not None:
            enrolment.graded, enrolment.grade = True, _float(item.get("graderaw"))
    return list(enrolments.values()), scorm.get("name", ""), attempts_read, mastery


def _activity(client: MoodleClient, cmid: int, course_shortname: str | None) -> dict:
    if course_shortname:
        courses = client.call("core_course_get_courses_by_field", field="shortname", value=course_shortname)["courses"]
        if not courses:
            raise MoodleError(f"Moodle at {client.site} has no course with the short name {course_shortname!r}.\n"
                              "Check --moodle-course: the course's short name, as in its settings.")
        scorms = client.call("mod_scorm_get_scorms_by_courses", courseids=[courses[0]["id"]])["scorms"]
    else:  # Moodle answers with the activities of the courses the caller is enrolled in
        scorms = client.call("mod_scorm_get_scorms_by_courses")["scorms"]
    scorm = next((s for s in scorms if s.get("coursemodule") == cmid), None)
    if scorm is None:
        where = f"in the course {course_shortname}" if course_shortname else "in the courses you are enrolled in"
        raise MoodleError(f"No SCORM activity with the course module id {cmid} {where}.\nCheck --cmid: the number "
                          "after id= in the activity's address (mod/scorm/view.php?id=N); for a course you "
                          "are not enrolled in (a site administrator), add --moodle-course SHORTNAME.")
    return scorm


def _enrolled(client: MoodleClient, course_id: int) -> list[dict]:
    """The course's learners (who may save a SCORM track), a page of PAGE_SIZE at a time."""
    users: list[dict] = []
    while True:
        page = client.call("core_enrol_get_enrolled_users", courseid=course_id, options=[
            {"name": "withcapability", "value": "mod/scorm:savetrack"},
            {"name": "userfields", "value": "id,fullname,firstname,lastname,email,idnumber,institution,department,"
                                            "groups,roles"},
            {"name": "limitfrom", "value": len(users)}, {"name": "limitnumber", "value": PAGE_SIZE}])
        users.extend(page)
        if len(page) < PAGE_SIZE:
            return users


def _attempt(number: int, tracks: list[dict]) -> Attempt:
    """An attempt from its flat list of ``{element, value}`` (sorted by Moodle as strings)."""
    values = {track["element"]: track["value"] for track in tracks}
    slots: dict[int, dict[str, str]] = {}
    for element, value in values.items():
        match = _INTERACTION.match(element)
        if match:
            slots.setdefault(int(match.group(1)), {})[match.group(2)] = str(value)
    status = LESSON_STATUSES.get(str(values.get("cmi.core.lesson_status", values.get("status", ""))))
    modified = _float(values.get("timemodified"))
    return Attempt(
        number=number,
        score=_float(values.get("cmi.core.score.raw")) if status in ("passed", "failed", "completed") else None,
        status=status,
        last_access=datetime.fromtimestamp(modified, timezone.utc) if modified else UNKNOWN_TIME,
        seconds=_seconds(str(values.get("cmi.core.total_time", ""))),
        interactions=[Interaction(slot.get("id", ""), slot.get("student_response", ""), slot.get("result"))
                      for _, slot in sorted(slots.items())],
        # RTE 3.4.4: the multilingual package saves the learner's choice of language here.
        language=str(values.get("cmi.student_preference.language", "")))


def _exception_message(site: str, function: str, answer: dict) -> str:
    code, message = answer.get("errorcode", ""), answer.get("message", "")
    if code == "invalidtoken":
        return (f"Moodle at {site} refused the token ({message}).\nCheck the token file (or QSER_MOODLE_TOKEN): "
                "a token of the report's web service, from Site administration > Server > Web services > Manage tokens.")
    if code == "accessexception":
        return (f"Moodle at {site} does not let this token call {function} ({message}).\nAsk the administrator to "
                "add the function to the token's external service, and you to its authorised users.")
    if code in ("nopermissions", "requireloginerror") or "capability" in code:
        return (f"Moodle at {site} refused {function}: {message} ({code}).\nThe token's user lacks a capability: "
                "it needs mod/scorm:viewreport, moodle/course:viewparticipants and moodle/grade:viewall in the course.")
    return f"Moodle at {site} answered {function} with an error: {message} ({code}).\nCheck --cmid and --moodle-course."


def _form(params: dict) -> dict:
    """PHP's form encoding of lists and dicts: ``courseids[0]=4``, ``options[0][name]=...``."""
    flat: dict[str, str] = {}

    def add(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                add(f"{prefix}[{key}]", item)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                add(f"{prefix}[{index}]", item)
        else:
            flat[prefix] = str(value)

    for name, value in params.items():
        add(name, value)
    return flat


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _float(value) -> float | None:
    try:
        return round(float(value), 2)
    except (TypeError, ValueError):
        return None


def _seconds(timespan: str) -> float | None:
    match = _TIME.match(timespan)
    if not match:
        return None
    hours, minutes, seconds = match.groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)
