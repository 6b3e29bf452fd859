"""Round trips through tincan: a statement read by tincan and written back must say the same.

tincan rewrites two formats on the way (timestamps as ``+00:00`` with microseconds, durations
with two-digit fields, numbers as floats); :func:`normalised` puts both sides in one form.
"""
from __future__ import annotations

import json
import re
from datetime import datetime

from tincan import Statement

from qser_scorm.xapi.vocab import XAPI_VERSION

_DURATION = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$")
#: Properties the LRS adds; tincan would keep them, but the templates never have them.
LRS_PROPERTIES = ("stored", "authority", "version")


def normalised(value, key: str = ""):
    if isinstance(value, dict):
        return {k: normalised(v, k) for k, v in value.items() if k not in LRS_PROPERTIES}
    if isinstance(value, list):
        return [normalised(v) for v in value]
    if key == "timestamp":
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    if key == "duration":
        hours, minutes, seconds = _DURATION.match(value).groups()
        return round(int(hours or 0) * 3600 + int(minutes or 0) * 60 + float(seconds or 0), 2)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value


def through_tincan(statement: dict) -> dict:
    """The statement as tincan reads and writes it back (xAPI 1.0.3)."""
    return json.loads(Statement.from_json(json.dumps(statement)).to_json(XAPI_VERSION))


def round_trips(statement: dict) -> bool:
    return normalised(through_tincan(statement)) == normalised(statement)
