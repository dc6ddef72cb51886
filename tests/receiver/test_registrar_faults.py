"""The desk's client and the event log when things go wrong: the receiver dies after committing
events (the retry is answered as duplicate, with the original seqs, nothing twice), and a server
that sends a page out of order (the client refuses it instead of moving its cursor)."""

from __future__ import annotations

import json
import secrets

import nacl.public
import pytest

from sync import errors
from sync.registrar import OutgoingEvent, RegistrarClient, event_signature_message
from tests.support.receiver import running_receiver


def _events(rx, key, n):
    box = nacl.public.SealedBox(nacl.public.PublicKey(rx.sealing_public_key))
    out = []
    for i in range(n):
        eid = secrets.token_hex(16)
        sealed = box.encrypt(json.dumps({"n": i}).encode())
        out.append(OutgoingEvent(eid, sealed, key.sign(event_signature_message(eid, sealed)).signature))
    return out


def test_a_crash_after_commit_loses_no_event_and_stores_none_twice(tmp_path):
    with running_receiver(tmp_path) as rx:
        creds, key = rx.enrol_registrar("Team Crash")
        first = _events(rx, key, 3)
        with RegistrarClient(creds) as client:
            assert [r.seq for r in client.push_events(first)] == [1, 2, 3]
        rx.restart(fault="crash_after_events")
        batch = _events(rx, key, 4)
        with RegistrarClient(creds) as client, pytest.raises(errors.SyncError) as lost:
            client.push_events(batch)  # committed, but the answer never comes
        assert lost.value.retryable
        assert rx.wait_exit() == 86
        rx.restart()
        with RegistrarClient(creds) as client:
            again = client.push_events(batch)
            assert [(r.status, r.seq) for r in again] == [("duplicate", s) for s in (4, 5, 6, 7)]
            log = client.pull_events(0)
        assert [e.id for e in log.items] == [e.id for e in first + batch]
        assert [e.seq for e in log.items] == list(range(1, 8))


def test_the_client_refuses_a_page_out_of_order(tmp_path):
    with running_receiver(tmp_path) as rx:
        dev = rx.enrol_device("Laptop")
        assert rx.post_batch(dev, [rx.seal(dev, {"n": i}) for i in range(3)]).status_code == 200
        creds, key = rx.enrol_registrar("Team Order")
        with RegistrarClient(creds) as client:
            client.push_events(_events(rx, key, 2))
            assert [i.seq for i in client.pull_envelopes(0).items] == [1, 2, 3]
        rx.restart(fault="registrar_pages_backwards")
        with RegistrarClient(creds) as client:
            with pytest.raises(errors.BadResponse):
                client.pull_envelopes(0)
            with pytest.raises(errors.BadResponse):
                client.pull_events(0)
            assert client.pull_envelopes(0, 1).next_after == 1  # one item cannot be out of order
