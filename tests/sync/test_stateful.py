"""R24: a Hypothesis state machine over create / finalise / sync / fault / crash.

Against the real receiver (TLS, through the fault proxy) and the real store. After every step:
every finalised report is at the server or in the outbox, never both 'sent' and queued, never
twice at the server, and a report marked 'sent' is at the server. At the end of each example the
network heals and everything is delivered exactly once.
"""

from __future__ import annotations

import contextlib
import itertools
import threading

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from forms import MINIMISATION_RULE
from tests.support.faultproxy import FaultProxy
from tests.support.outbox import FORMS, real_store, seal, synthetic_answers
from tests.support.receiver import running_receiver
from tests.sync.helpers import App, assert_delivered_exactly_once, assert_never_both, enrolled_app

TIMEOUT = (1.0, 0.6)
MODES = ("pass", "cut_after_request", "reset_mid_body", "stall", "refuse")


class Crash(BaseException):
    """The process dies here (not an Exception: nothing may catch it on the way out)."""


class CrashingStore:
    """The real store, dying at the n-th mark_sent, before or after it commits."""

    def __init__(self, store, at: int, after_commit: bool) -> None:
        self._store, self._at, self._after = store, at, after_commit
        self.calls = 0

    def __getattr__(self, name):
        return getattr(self._store, name)

    def mark_sent(self, record_id, receipt):
        self.calls += 1
        if self.calls == self._at and not self._after:
            raise Crash()
        self._store.mark_sent(record_id, receipt)
        if self.calls == self._at:
            raise Crash()


@pytest.mark.slow
def test_sync_invariant_under_any_sequence(tmp_path):
    (tmp_path / "rx").mkdir()
    counter = itertools.count()
    stats: list[tuple[int, int]] = []
    failed_runs: list[int] = []
    with running_receiver(tmp_path / "rx", rate_limit=0) as rx, \
            FaultProxy(("127.0.0.1", rx.port), cut_delay=0.2) as proxy:
        base = enrolled_app(rx, tmp_path, 0, name="enrolment")
        base.store.close()

        class SyncMachine(RuleBasedStateMachine):
            def __init__(self) -> None:
                super().__init__()
                proxy.set_mode("pass", drop_existing=True)
                d = tmp_path / f"app{next(counter)}"
                self.app = App(d, real_store(d), base.device, base.enrolment, {})
                self.drafts: list[tuple[str, str, dict]] = []
                self.engine = self.app.engine(proxy.url, TIMEOUT, batch_size=3)
                self.n = 0

            def scope(self) -> set[str]:
                return set(self.app.made) | {d[0] for d in self.drafts}

            @initialize(count=st.integers(3, 12))
            def some_reports_queued(self, count):
                self.create(count, True)

            @rule(count=st.integers(1, 6), final=st.booleans())
            def create(self, count, final):
                for _ in range(count):
                    form_id = FORMS[self.n % 3]
                    answers = synthetic_answers(form_id, self.n % 7)
                    self.n += 1
                    rec = self.app.store.create_draft(form_id, 1, answers)
                    self.drafts.append((rec.id, form_id, answers))
                    if final:
                        self._finalise(len(self.drafts) - 1)

            def _finalise(self, i):
                rid, form_id, answers = self.drafts.pop(i)
                env = seal(rid, form_id, answers, self.app.enrolment.sealing_public_key, self.app.device)
                self.app.store.finalise(rid, answers, "", env, sealed_rule=MINIMISATION_RULE)
                self.app.made[rid] = (form_id, answers)

            @rule(data=st.data())
            def finalise(self, data):
                k = data.draw(st.integers(1, max(1, len(self.drafts))))
                for _ in range(min(k, len(self.drafts))):
                    self._finalise(data.draw(st.integers(0, len(self.drafts) - 1)))

            @rule(start=st.sampled_from((None, *MODES)), switch_to=st.sampled_from((None, *MODES)),
                  after=st.floats(0.0, 0.03))
            def sync(self, start, switch_to, after):
                if start is not None:
                    proxy.set_mode(start)
                timer = None
                if switch_to is not None:   # the network changes while the run is under way
                    timer = threading.Timer(after, proxy.set_mode, args=(switch_to,))
                    timer.start()
                try:
                    if self.engine.run_once().error is not None:
                        failed_runs.append(1)
                finally:
                    if timer is not None:
                        timer.cancel()
                        timer.join()

            @rule(mode=st.sampled_from(MODES), drop=st.booleans())
            def fault(self, mode, drop):
                proxy.set_mode(mode, drop_existing=drop)

            @rule()
            def crash(self):
                self.app.reopen()
                self.engine = self.app.engine(proxy.url, TIMEOUT, batch_size=3)

            @rule(at=st.integers(1, 6), after_commit=st.booleans())
            def crash_during_sync(self, at, after_commit):
                store = CrashingStore(self.app.store, at, after_commit)
                engine = type(self.engine)(store, self.engine.client, self.app.enrolment.receipt_public_key,
                                           batch_size=3)
                with contextlib.suppress(Crash):
                    engine.run_once()
                self.crash()

            @invariant()
            def never_lost_never_twice(self):
                assert_never_both(rx, self.app, self.scope())

            def teardown(self):
                try:
                    proxy.set_mode("pass", drop_existing=True)
                    for _ in range(5):
                        if self.app.store.outbox_count() == 0:
                            break
                        self.engine.run_once()
                    assert_delivered_exactly_once(rx, self.app, self.scope())
                    stats.append((len(self.app.made), len(self.drafts)))
                    for rid, _, _ in self.drafts:
                        assert self.app.store.get(rid).state == "draft"
                finally:
                    self.app.store.close()

        run_state_machine_as_test(SyncMachine, settings=settings(
            max_examples=25, stateful_step_count=20, deadline=None, derandomize=True,
            suppress_health_check=list(HealthCheck)))
        delivered = sum(m for m, _ in stats)
        print(f"state machine: {len(stats)} examples, {delivered} reports delivered, "
              f"{proxy.cuts} connections cut by the proxy, {len(failed_runs)} failed runs")
        assert delivered >= 45 and failed_runs, (stats, failed_runs)
