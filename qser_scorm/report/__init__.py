"""``qser-scorm report``: learner, question and reflection reports from xAPI statements.

Stages, one module each: ``read`` (statements from a file or an LRS, streamed) -> ``aggregate``
(figures per learner and question) -> ``html`` and ``csv`` (the files) -> ``command`` (the CLI).
"""
