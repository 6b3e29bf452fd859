"""qser-scorm: build SCORM 1.2, SCORM 2004, cmi5 and xAPI packages from a course written in YAML and Markdown.

The public surface is what this module exports; everything else may change.
"""
from .errors import BuildError, CourseError, Problem, QserError

__version__ = "0.1.0"


def build(source="course_src", out="dist", targets=("scorm12",), *, strict=False, allow_untranslated=False,
          languages=(), paper="a4"):
    """Build the course in ``source`` into ``out``, as ``qser-scorm build`` does with the same
    options; see :func:`qser_scorm.pipeline.build`."""
    from .pipeline import build as _build

    return _build(source, out, targets, strict=strict, allow_untranslated=allow_untranslated,
                  languages=tuple(languages), paper=paper)


__all__ = ["build", "BuildError", "CourseError", "Problem", "QserError", "__version__"]
