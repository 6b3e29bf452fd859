"""``qser-scorm preview``: the course served on loopback inside a strict SCORM 1.2 test LMS."""
