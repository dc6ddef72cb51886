"""A real receiver over TLS with a few synthetic field reports, for scripts/desk-walk.sh.

Run from the repository root with PYTHONPATH=. (it uses tests/support). Writes to OUT:
``url``, ``code`` (a one-time registrar code), ``key`` (the path of CoMensha's key file) and
``ca.pem``; then serves until killed. Everything lives in a temporary folder: synthetic data only.
"""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from tests.desk.test_end_to_end import _field_device
from tests.support.receiver import running_receiver


def _stop(_signum: int, _frame: object) -> None:
    raise SystemExit(0)   # so the receiver is stopped and the folder removed (the walk ends with TERM)


def main(out: Path) -> None:
    signal.signal(signal.SIGTERM, _stop)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="desk-walk-rx-"))
    try:
        with running_receiver(work / "rx") as rx:
            senders = (("COA Zevenaar", "coa", 3), ("NLA Utrecht", "nla", 2),
                       ("Ziekenhuis Zwolle", "zorg", 2))
            for org, form_id, n in senders:
                _field_device(rx, work / f"dev-{form_id}", org, form_id, n)
            (out / "url").write_text(rx.url)
            (out / "code").write_text(rx.registrar_code("Walk Registrar"))
            (out / "key").write_text(str(rx.sealing_private_key))
            shutil.copy(rx.ca_pem, out / "ca.pem")
            (out / "ready").write_text("ok")
            while True:
                time.sleep(3600)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
