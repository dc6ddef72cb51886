"""Coverage-guided fuzzing (atheris/libFuzzer) of what reads hostile input (R25).

Targets, each with the only exception it may raise:
- server responses as the app parses them (``protocol.parse_*``: ProtocolError),
- batch requests as the receiver parses them (``parse_message(BatchRequest)``: ProtocolError),
- receipts and envelopes from outside (``verify_receipt``: never; ``open_envelope``: EnvelopeError),
- one-time enrolment codes typed by a user (``parse_enrolment_code``: ValueError),
- answers from an old draft or a tampered store (``forms.validate``/``export_record``/``summary_line``:
  never).

Run: ``python -m tests.fuzz.fuzz_hostile_input -max_total_time=60`` (scripts/test.sh does, when
atheris is installed). Any other exception is a crash: libFuzzer prints the input and exits 1.
"""

from __future__ import annotations

import contextlib
import json
import sys

import atheris

with atheris.instrument_imports():
    import forms
    from sync import envelope, protocol

CATALOG = forms.catalog()
FORMS = [CATALOG.get(f.id, f.version) for f in CATALOG.latest()]
FIELD_IDS = sorted({f.id for form in FORMS for f in form.all_fields()})
PARSERS = (protocol.parse_batch_response, protocol.parse_enrol_response, protocol.parse_health)
KEY = bytes(range(32))


def _json_value(fdp: atheris.FuzzedDataProvider, depth: int = 0) -> object:
    kind = fdp.ConsumeIntInRange(0, 8 if depth < 3 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return fdp.ConsumeBool()
    if kind == 2:
        return fdp.ConsumeInt(8)
    if kind == 3:
        return fdp.ConsumeFloat()
    if kind in (4, 5):
        return fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 40))
    if kind == 6:
        return [_json_value(fdp, depth + 1) for _ in range(fdp.ConsumeIntInRange(0, 4))]
    keys = FIELD_IDS if fdp.ConsumeBool() else None
    out = {}
    for _ in range(fdp.ConsumeIntInRange(0, 5)):
        key = fdp.PickValueInList(keys) if keys else fdp.ConsumeUnicodeNoSurrogates(8)
        out[key] = _json_value(fdp, depth + 1)
    return out


def _answers(fdp: atheris.FuzzedDataProvider) -> object:
    if fdp.ConsumeBool():
        return {fdp.PickValueInList(FIELD_IDS): _json_value(fdp) for _ in range(fdp.ConsumeIntInRange(0, 12))}
    return _json_value(fdp)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    target = fdp.ConsumeIntInRange(0, 5)
    if target == 0:
        raw = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 4096))
        try:
            body = json.loads(raw)
        except (ValueError, RecursionError):
            body = raw
        for parse in PARSERS:
            with contextlib.suppress(protocol.ProtocolError):
                parse(body)
        protocol.parse_error_body(body)
    elif target == 1:
        with contextlib.suppress(protocol.ProtocolError):
            protocol.parse_message(protocol.BatchRequest, _json_value(fdp))
    elif target == 2:
        envelope.verify_receipt(_json_value(fdp), KEY)
        with contextlib.suppress(envelope.EnvelopeError):
            envelope.open_envelope(_json_value(fdp), KEY)
    elif target == 3:
        with contextlib.suppress(ValueError):
            protocol.parse_enrolment_code(fdp.ConsumeUnicodeNoSurrogates(64))
    else:
        form = fdp.PickValueInList(FORMS)
        answers = _answers(fdp)
        forms.validate(form, answers, fdp.PickValueInList(["draft", "final"]))
        forms.export_record(form, answers)
        forms.summary_line(form, answers, fdp.PickValueInList(["nl", "en"]))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
