"""Start Signaal Desk: ``desk.app.main(argv)`` (``signaal-desk`` and ``python -m desk``).

The desk keeps its files in its own data folder (``--data-dir``, ``SIGNAAL_DESK_DATA_DIR``, or
the per-user folder of "Signaal Desk"), never in the field app's.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desk.core.store import default_data_dir
from desk.ui.window import DeskWindow
from desktop import i18n
from desktop.app import load_style, setup_logging
from desktop.core import paths


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="signaal-desk",
                                description="Signaal Desk: CoMensha's registrar workstation")
    p.add_argument("--data-dir", help="where the desk keeps its encrypted store")
    p.add_argument("--lang", choices=i18n.LANGUAGES, default=None,
                   help="the interface language (default: the one chosen last time, else Dutch)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    data_dir = Path(args.data_dir).expanduser().resolve() if args.data_dir else default_data_dir()
    paths.ensure_private_dir(data_dir)
    setup_logging(data_dir)
    logging.getLogger("signaal.desk").info("Signaal Desk starting")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("Signaal Desk")
    load_style(app)
    window = DeskWindow(data_dir, lang=args.lang)
    window.show()
    return int(app.exec())
