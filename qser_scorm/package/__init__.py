"""Package stage: turn the rendered site into a file for one target (SCORM 1.2, xAPI, ...)."""
