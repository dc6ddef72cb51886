"""What an operator watches: Prometheus metrics on their own listener, and JSON log lines that
never hold ciphertext, tokens or enrolment codes."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import nacl.public
import nacl.signing
import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from sync import errors, protocol
from sync.registrar import OutgoingEvent, RegistrarClient, enrol_registrar, event_signature_message
from tests.support.receiver import EnrolledDevice, free_port, running_receiver


def _scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    r = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=10)
    assert r.status_code == 200
    out = {}
    for family in text_string_to_metric_families(r.text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def test_metrics_count_what_happened_and_logs_hold_no_secrets(tmp_path: Path) -> None:
    port = free_port()
    with running_receiver(tmp_path, serve_args=["--metrics-port", str(port)]) as rx:
        code = rx.enrol("Org M")
        key = nacl.signing.SigningKey.generate()
        s = rx.session()
        public = base64.b64encode(bytes(key.verify_key)).decode()
        body = {"code": code, "label": "L", "device_public_key": public}
        enrolled = s.post(rx.url + "/v1/enrol", json=body, timeout=10)
        assert enrolled.status_code == 201
        again = s.post(rx.url + "/v1/enrol", json=body, timeout=10)
        assert again.status_code == 403
        doc = enrolled.json()
        dev = EnrolledDevice(doc["device_id"], doc["token"], key, doc)
        envs = [rx.seal(dev, {"n": i}) for i in range(3)]
        bad = envs[0].model_dump() | {"id": protocol.new_envelope_id()}  # signature no longer fits
        assert rx.post_batch(dev, envs).status_code == 200
        assert rx.post_batch(dev, [*envs[:2], bad]).status_code == 200
        assert s.post(rx.url + "/v1/envelopes", json={"envelopes": []}, timeout=10).status_code == 401

        m = _scrape(port)
        assert m[("signaal_receiver_envelopes_stored_total", ())] == 3
        assert m[("signaal_receiver_envelopes_duplicate_total", ())] == 2
        assert m[("signaal_receiver_rejections_total", (("code", "bad_signature"),))] == 1
        assert m[("signaal_receiver_rejections_total", (("code", "unauthorized"),))] == 1
        assert m[("signaal_receiver_enrolments_total", (("outcome", "ok"),))] == 1
        assert m[("signaal_receiver_enrolments_total", (("outcome", "code_used"),))] == 1
        count = m[("signaal_receiver_request_seconds_count", (("endpoint", "/v1/envelopes"),))]
        assert count == 3
        # The API port does not serve the metrics.
        assert s.get(rx.url + "/metrics", timeout=10).status_code == 404

        log = rx.log_path.read_text()
        for secret in (code, code.replace("-", ""), dev.token, envs[0].sealed[:40], envs[0].signature):
            assert secret not in log
        lines = [json.loads(line) for line in log.splitlines()]  # every line is JSON
        assert any(x.get("event") == "request" and x.get("device") == dev.device_id for x in lines)


def test_registrar_endpoints_are_counted_and_logged_without_payloads(tmp_path: Path) -> None:
    port = free_port()
    with running_receiver(tmp_path, serve_args=["--metrics-port", str(port)]) as rx:
        dev = rx.enrol_device("Laptop R")
        envs = [rx.seal(dev, {"n": i}) for i in range(3)]
        assert rx.post_batch(dev, envs).status_code == 200
        code = rx.registrar_code("Team M")
        key = nacl.signing.SigningKey.generate()
        creds = enrol_registrar(rx.url, code, bytes(key.verify_key), "Desk M")
        with pytest.raises(errors.EnrolmentRefused):
            enrol_registrar(rx.url, code, bytes(key.verify_key), "Desk M")
        box = nacl.public.SealedBox(nacl.public.PublicKey(rx.sealing_public_key))
        sealed = box.encrypt(b'{"note": "synthetic"}')
        signature = key.sign(event_signature_message("ab" * 16, sealed)).signature
        event = OutgoingEvent("ab" * 16, sealed, signature)
        with RegistrarClient(creds) as client:
            assert len(client.pull_envelopes(0, 2).items) == 2
            assert len(client.pull_envelopes(2).items) == 1
            client.push_events([event])
            client.push_events([event])
        s = rx.session()
        refused = s.get(rx.url + "/v1/registrar/events", headers=dev.headers, timeout=10)
        assert refused.status_code == 403

        m = _scrape(port)
        assert m[("signaal_receiver_registrar_enrolments_total", (("outcome", "ok"),))] == 1
        assert m[("signaal_receiver_registrar_enrolments_total", (("outcome", "code_used"),))] == 1
        assert m[("signaal_receiver_envelopes_pulled_total", ())] == 3
        assert m[("signaal_receiver_events_total", (("outcome", "stored"),))] == 1
        assert m[("signaal_receiver_events_total", (("outcome", "duplicate"),))] == 1
        assert m[("signaal_receiver_rejections_total", (("code", "not_registrar"),))] == 1
        assert m[("signaal_receiver_request_seconds_count", (("endpoint", "/v1/registrar/envelopes"),))] == 2

        log = rx.log_path.read_text()
        secrets_ = (code, code.replace("-", ""), creds.token, dev.token, envs[0].sealed[:40],
                    base64.b64encode(sealed).decode()[:40], "synthetic")
        for secret in secrets_:
            assert secret not in log
        lines = [json.loads(line) for line in log.splitlines()]
        assert any(x.get("endpoint") == "/v1/registrar/events" and x.get("registrar") == creds.registrar_id
                   for x in lines)
        assert any(x.get("endpoint") == "/v1/registrar/events" and x.get("status") == 403
                   and x.get("device") == dev.device_id for x in lines)
