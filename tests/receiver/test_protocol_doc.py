"""docs/protocol.md's worked examples are real: they verify and open with the keys it names; the
registrar endpoints, their error codes and limits are all documented."""

from __future__ import annotations

import base64
import json
import re

import nacl.public
import nacl.signing

from sync import envelope, protocol, registrar_protocol
from sync.receiver.registrar_api import REGISTRAR_RATE_PER_MINUTE
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")


def _json_block(starts_with: str) -> dict:
    for block in re.findall(r"```json\n(.*?)```", DOC, flags=re.S):
        if block.lstrip().startswith(starts_with):
            return json.loads(block)
    raise AssertionError(f"no JSON block starting with {starts_with!r}")


def test_envelope_example_verifies_and_opens():
    env = protocol.Envelope.model_validate(_json_block('{\n  "id"'))
    device = nacl.signing.SigningKey(bytes(range(32)))
    assert base64.b64encode(bytes(device.verify_key)).decode() in DOC
    assert envelope.verify_envelope(env, bytes(device.verify_key))
    sealing = nacl.public.PrivateKey(bytes(range(32, 64)))
    assert base64.b64encode(bytes(sealing.public_key)).decode() in DOC
    payload = envelope.open_envelope(env, bytes(sealing))
    assert envelope.canonical_json(payload).decode() in DOC
    message = envelope.envelope_message(env.id, env.form_id, env.form_version, env.created_at, env.sha256)
    assert message.decode().replace("\n", "\\n") in DOC


def test_receipt_example_verifies():
    receipt = protocol.Receipt.model_validate(_json_block('{\n  "envelope_id"'))
    key = nacl.signing.SigningKey(bytes(range(64, 96)))
    assert base64.b64encode(bytes(key.verify_key)).decode() in DOC
    assert envelope.verify_receipt(receipt, bytes(key.verify_key))


def test_code_example_parses():
    secret, hint = protocol.parse_enrolment_code("7K3M-Q8ZR-2D5T-X9HB-23ZT-G86F")
    assert secret == "7K3MQ8ZR2D5TX9HB" and len(hint) == 6


def test_documented_limits_match_the_code():
    assert f"{protocol.MAX_BODY_BYTES}" in DOC and f"{protocol.MAX_SEALED_B64:,}" in DOC
    assert f'max_batch_envelopes": {protocol.MAX_BATCH_ENVELOPES}' in DOC
    assert f"{protocol.DEFAULT_RATE_PER_MINUTE} requests per device per minute" in DOC


# -- registrars (CoMensha's desks) -----------------------------------------------------------------
REGISTRAR_API = (ROOT / "sync" / "receiver" / "registrar_api.py").read_text(encoding="utf-8")


def test_event_example_verifies_and_opens():
    request = registrar_protocol.EventsRequest.model_validate(_json_block('{\n  "events"'))
    (event,) = request.events
    registrar = nacl.signing.SigningKey(bytes(range(96, 128)))
    assert base64.b64encode(bytes(registrar.verify_key)).decode() in DOC
    sealed = base64.b64decode(event.sealed)
    registrar.verify_key.verify(
        registrar_protocol.event_signature_message(event.id, sealed), base64.b64decode(event.signature)
    )
    sealing = nacl.public.PrivateKey(bytes(range(32, 64)))
    plaintext = nacl.public.SealedBox(sealing).decrypt(sealed).decode()
    assert f"`{plaintext}`" in DOC


def test_registrar_answers_in_the_doc_have_the_fields_of_the_models():
    enrol = _json_block('{\n  "registrar_id"')
    assert set(enrol) == set(registrar_protocol.RegistrarEnrolResponse.model_fields)
    results = re.search(r'```json\n(\{"results": \[\n  \{"id".*?)```', DOC, flags=re.S)
    assert results is not None
    for result in json.loads(results.group(1))["results"]:
        registrar_protocol.EventResultBody.model_validate(result)
    for model in (registrar_protocol.PulledEnvelopeItem, registrar_protocol.PulledEventItem):
        for field in model.model_fields:
            assert f'"{field}"' in DOC, (model.__name__, field)


def test_registrar_endpoints_error_codes_and_limits_are_documented():
    for path in registrar_protocol.PATHS:
        assert f"`POST {path}`" in DOC or f"`GET {path}?after=SEQ&limit=N`" in DOC, path
    codes = set(re.findall(r'ApiError\(\s*\d{3},\s*"([a-z_]+)"', REGISTRAR_API))
    assert {"not_registrar", "revoked", "too_many_events", "code_invalid", "invalid_request"} <= codes
    codes |= set(re.findall(r'"(code_[a-z]+)"', REGISTRAR_API))  # the refusals chosen by the store
    for code in codes:
        assert f"`{code}`" in DOC, code
    for reason in set(re.findall(r'"([a-z_]+): ', REGISTRAR_API)):
        assert f"`{reason}:`" in DOC, reason
    assert f"{registrar_protocol.MAX_EVENT_SEALED_BYTES:,} bytes" in DOC
    assert f"1 to {registrar_protocol.MAX_EVENTS_PER_CALL} events" in DOC
    assert f"(1–{registrar_protocol.MAX_PAGE_ITEMS}, default {registrar_protocol.MAX_PAGE_ITEMS})" in DOC
    assert f"{REGISTRAR_RATE_PER_MINUTE} requests per minute" in DOC
