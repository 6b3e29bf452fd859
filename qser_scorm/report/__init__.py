"""``qser-scorm report``: learner, question, objective and reflection reports, one model from any source.

Stages: a source is read into the report model (``model``): xAPI and cmi5 statements by ``read``
(a file or an LRS, streamed) and ``aggregate``; Moodle by ``moodle.exports`` (its downloads) or
``moodle.webservice`` (its REST web services) and ``moodle.tracks``, with the answer key of
``answers`` (the course source or the package). The model is written by ``html``, ``csv`` and
``xlsx`` (over ``tables``); ``qser_scorm.commands.report`` is the CLI. Every learner and answer
knows its language (the package played), so the writers can compare languages (``--by-language``).
"""
