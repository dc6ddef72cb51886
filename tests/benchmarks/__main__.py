"""Run every benchmark: ``python -m tests.benchmarks [name ...]``.

Each ``bench_*.py`` module here has a ``main()`` that prints JSON lines through
``tests.benchmarks.common.emit``. Pass names (e.g. ``store``) to run a subset.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import tempfile

import tests.benchmarks as pkg

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


def main(argv: list[str]) -> int:
    names = sorted(m.name for m in pkgutil.iter_modules(pkg.__path__) if m.name.startswith("bench_"))
    wanted = [f"bench_{a}" if not a.startswith("bench_") else a for a in argv]
    failed = 0
    for name in names:
        if wanted and name not in wanted:
            continue
        with tempfile.TemporaryDirectory(prefix="signaal-bench-") as home:
            os.environ["HOME"] = home  # never the real home or data dir
            os.environ["SIGNAAL_DATA_DIR"] = os.path.join(home, "data")
            try:
                importlib.import_module(f"tests.benchmarks.{name}").main()
            except Exception as exc:  # a broken benchmark must not hide the others
                failed += 1
                print(f'{{"figure": "{name}", "error": {str(exc)!r:.200}}}'.replace("'", '"'), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
