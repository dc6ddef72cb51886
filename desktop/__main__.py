"""``signaal`` command line: start the app, print the version, or run the self-test."""

from __future__ import annotations

import argparse
import sys

from desktop import __version__
from desktop.core import paths


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="signaal",
        description="Signaal: record signals of human trafficking offline, sealed for CoMensha.",
    )
    parser.add_argument("--version", action="version", version=f"Signaal {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for the encrypted store (default: the platform's user data folder)",
    )
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="check codec, cipher settings, keyring, forms, translations and Qt without a window; "
        "exit 0 when all pass",
    )
    parser.add_argument("--lang", choices=["nl", "en"], help="user interface language for this run")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    # Each mode imports only its own module: --selftest reports a library missing from a broken
    # bundle as a FAIL line instead of dying on the window's imports, and --version/--help need
    # neither.
    if args.selftest:
        from desktop import selftest

        return selftest.main()
    from desktop import app

    return app.main(args)


if __name__ == "__main__":
    sys.exit(main())
