"""tincan's RemoteLRS as qser wraps it: batches reach Ralph, a silent LRS times out, errors are clear."""
from __future__ import annotations

import socket
import time
import uuid

import pytest

from qser_scorm.xapi import LrsError, TimedRemoteLRS

from .posting import post_in_batches
from .runs import page_statements


def test_statements_posted_in_batches_all_arrive_once(lrs, course):
    registration = str(uuid.uuid4())
    client = TimedRemoteLRS(endpoint=lrs.endpoint, username=lrs.username, password=lrs.password)
    statements = page_statements(course, registration, 120)

    assert post_in_batches(client, statements, batch_size=50) == 3
    stored = lrs.statements(registration=registration)
    assert sorted(s["id"] for s in stored) == sorted(str(s.id) for s in statements)
    # A resend (the answer to the first send was lost) is accepted and stores nothing new.
    assert post_in_batches(client, statements[:10]) == 1
    assert len(lrs.statements(registration=registration)) == 120


def test_a_wrong_password_is_reported_with_the_lrs_answer(lrs, course):
    client = TimedRemoteLRS(endpoint=lrs.endpoint, username=lrs.username, password="wrong")
    with pytest.raises(LrsError, match="HTTP 401"):
        post_in_batches(client, page_statements(course, str(uuid.uuid4()), 1))


def test_an_lrs_that_never_answers_times_out_instead_of_hanging(course):
    with socket.socket() as silent:  # accepts connections (backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        client = TimedRemoteLRS(endpoint=f"http://127.0.0.1:{port}/xAPI/", username="u", password="p", timeout=0.5)
        started = time.monotonic()
        with pytest.raises(LrsError, match="did not answer"):
            post_in_batches(client, page_statements(course, str(uuid.uuid4()), 1))
        assert time.monotonic() - started < 3
