"""docs/protocol.md's worked examples are real: they verify and open with the keys it names."""

from __future__ import annotations

import base64
import json
import re

import nacl.public
import nacl.signing

from sync import envelope, protocol
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
