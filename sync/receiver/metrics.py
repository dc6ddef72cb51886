"""Prometheus metrics (prometheus-client), served on a listener of their own.

The metrics listener is plain HTTP and separate from the API port, so it can stay on 127.0.0.1 or a
management network while the API faces the internet. Label values come from fixed sets (endpoint
paths, error codes, outcomes), never from the request, so an attacker cannot grow the series.

    signaal_receiver_envelopes_stored_total
    signaal_receiver_envelopes_duplicate_total
    signaal_receiver_rejections_total{code}          per-envelope reasons and request-level errors
    signaal_receiver_enrolments_total{outcome}       ok, code_invalid, code_used, code_expired, ...
    signaal_receiver_registrar_enrolments_total{outcome}   the same for desks (registrar codes)
    signaal_receiver_envelopes_pulled_total          envelopes handed to desks
    signaal_receiver_events_total{outcome}           triage events: stored, duplicate
    signaal_receiver_request_seconds{endpoint}       histogram of request latency
    signaal_receiver_connections_closed_total{reason} head_timeout, evicted, refused
    signaal_receiver_open_connections
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server

PREFIX = "signaal_receiver_"


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.stored = Counter(PREFIX + "envelopes_stored", "Envelopes stored (new).", registry=r)
        self.duplicates = Counter(
            PREFIX + "envelopes_duplicate", "Envelopes answered as duplicates (resends).", registry=r
        )
        self.rejections = Counter(
            PREFIX + "rejections", "Rejected envelopes and requests, by error code.", ["code"], registry=r
        )
        self.enrolments = Counter(
            PREFIX + "enrolments", "Enrolment attempts by outcome.", ["outcome"], registry=r
        )
        self.registrar_enrolments = Counter(
            PREFIX + "registrar_enrolments", "Registrar (desk) enrolment attempts by outcome.", ["outcome"],
            registry=r,
        )
        self.envelopes_pulled = Counter(
            PREFIX + "envelopes_pulled", "Envelopes handed to registrars (re-reads count again).", registry=r
        )
        self.events = Counter(
            PREFIX + "events", "Triage events received from registrars, stored or duplicate.", ["outcome"],
            registry=r,
        )
        self.latency = Histogram(
            PREFIX + "request_seconds",
            "Time from request head to response, by endpoint.",
            ["endpoint"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
            registry=r,
        )
        self.connections_closed = Counter(
            PREFIX + "connections_closed",
            "Connections closed by the receiver's guards, by reason.",
            ["reason"],
            registry=r,
        )
        self.open_connections = Gauge(PREFIX + "open_connections", "Open client connections.", registry=r)

    def closed(self, reason: str) -> None:
        self.connections_closed.labels(reason).inc()

    def track_open_connections(self, count: Callable[[], int]) -> None:
        self.open_connections.set_function(count)

    def serve(self, host: str, port: int) -> None:
        """Serve /metrics on ``host:port`` (plain HTTP) from a daemon thread."""
        start_http_server(port, addr=host, registry=self.registry)
