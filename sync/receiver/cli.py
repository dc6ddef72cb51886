"""``signaal-receiver``: CoMensha's operator commands.

    signaal-receiver init    [--data-dir D] [--private-key-out FILE] [--database-url URL]
    signaal-receiver serve   [--data-dir D] [--host H] [--port P] (--cert FILE --key FILE | --dev)
                             [--database-url URL] [--rate-limit N] [--enrol-rate-limit N]
                             [--trusted-proxy ADDR]... [--header-timeout S] [--max-connections N]
                             [--max-connections-per-address N] [--metrics-host H --metrics-port P]
    signaal-receiver enrol   [--data-dir D] --org NAME [--hours 24] [--cert FILE]
    signaal-receiver devices [--data-dir D]
    signaal-receiver revoke  [--data-dir D] DEVICE
    signaal-receiver export  [--data-dir D] --private-key FILE --format jsonl|csv|xlsx --out FILE
                             [--since DATE] [--labels nl|en]   (and FILE.codebook.json beside it)
    signaal-receiver backup  [--data-dir D] --out FILE
    signaal-receiver restore [--data-dir D] --from FILE [--force]

    signaal-receiver registrar add|list|revoke   (CoMensha's desks; see sync.receiver.registrar_cli)

Exit codes: 0 done; 1 could not do it (message on stderr); 2 wrong usage; 3 export finished but
some records had problems (listed at the end).
"""

from __future__ import annotations

import argparse
import os
import ssl
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from sync import protocol
from sync.handoff import HandoffError
from sync.receiver import config as cfgmod
from sync.receiver import files
from sync.receiver.backup import BackupError, backup, restore
from sync.receiver.connections import ConnectionLimits
from sync.receiver.export import FORMATS, LABEL_LANGUAGES, codebook_path, run_export
from sync.receiver.handoff_import import ImportRefused, import_handoff
from sync.receiver.registrar_cli import RegistrarCommandError, export_warning
from sync.receiver.registrar_cli import add_parser as add_registrar_parser
from sync.receiver.server import ServeOptions, parse_networks, serve
from sync.receiver.storage import StorageError, open_storage

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_PROBLEMS = 0, 1, 2, 3


class Fail(Exception):
    """A plain message for the operator; no traceback."""


def _data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir or os.environ.get("SIGNAAL_RECEIVER_DIR") or "signaal-receiver-data")


def _database_url(args: argparse.Namespace, cfg: cfgmod.ReceiverConfig) -> str | None:
    return getattr(args, "database_url", None) or cfg.database_url


def cmd_init(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    cfg, private_path = cfgmod.initialise(
        data_dir, Path(args.private_key_out) if args.private_key_out else None, args.database_url
    )
    storage = open_storage(data_dir, cfg.database_url)
    storage.close()
    print(f"Receiver initialised in {data_dir}.")
    print(f"Sealing public key (apps seal reports to it): {cfg.sealing_public_key}")
    print(f"Receipt public key (apps check receipts with it): {cfg.receipt_public_key}")
    print()
    print(f"IMPORTANT: the private key that opens reports was written to {private_path}.")
    print("  Move it now to the machine where CoMensha runs exports (offline storage, a backup copy")
    print("  in a safe). The receiver does not need it and will not start while it is in its data dir.")
    print("  Without it no report can ever be read; anyone holding it can read every report.")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    cfg = cfgmod.load(data_dir)
    stray = cfgmod.private_key_in(cfg)
    if stray:
        raise Fail(
            f"The sealing private key is still in the data dir ({stray}). Move it to the machine "
            "that runs exports, then start the receiver again. The receiver must not hold it."
        )
    if args.dev:
        if args.cert or args.key:
            raise Fail("Give either --dev or --cert and --key, not both.")
        ca, cert, key = (p.resolve() for p in cfgmod.ensure_dev_certificate(data_dir))
        print(f"Development certificate (local CA, not for production). CA for clients: {ca}", flush=True)
    else:
        if not (args.cert and args.key):
            raise Fail("Give --cert FILE and --key FILE (PEM), or --dev to make a local test certificate.")
        cert, key = Path(args.cert).resolve(), Path(args.key).resolve()
        for p in (cert, key):
            if not p.is_file():
                raise Fail(f"{p} does not exist.")
    der = cfgmod.certificate_der(cert)
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
    except (ssl.SSLError, OSError) as exc:
        raise Fail(
            f"The certificate and key cannot be used together ({exc.__class__.__name__}: "
            f"{getattr(exc, 'reason', None) or exc})."
        ) from None
    if cfg.cert_file != str(cert) or cfg.key_file != str(key):
        cfg.cert_file, cfg.key_file = str(cert), str(key)
        cfg.save()  # so 'enrol' knows which certificate the codes must point at
    fp = protocol.certificate_sha256(der)
    print(f"Certificate SHA-256: {fp}", flush=True)
    print(
        f"Serving https://{args.host}:{args.port}/v1/ (database: "
        f"{'PostgreSQL' if _database_url(args, cfg) else 'SQLite in the data dir'})",
        flush=True,
    )
    try:
        trusted = parse_networks(args.trusted_proxy or [])
    except ValueError as exc:
        raise Fail(f"--trusted-proxy: {exc}.") from None
    options = ServeOptions(
        host=args.host,
        port=args.port,
        rate_per_minute=args.rate_limit,
        enrol_per_minute=args.enrol_rate_limit,
        trusted_proxies=trusted,
        limits=ConnectionLimits(
            head_timeout=args.header_timeout,
            per_address=args.max_connections_per_address,
            total=args.max_connections,
        ),
        metrics_host=args.metrics_host,
        metrics_port=args.metrics_port,
    )
    try:
        serve(data_dir, cert, key, _database_url(args, cfg), options)
    except SystemExit as exc:  # uvicorn exits when it cannot start (e.g. the port is in use)
        if exc.code in (0, None):
            return EXIT_OK
        raise Fail(
            f"The receiver could not start on {args.host}:{args.port} (see the log line above)."
        ) from exc
    return EXIT_OK


def cmd_enrol(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    cfg = cfgmod.load(data_dir)
    organisation = args.org
    try:
        TypeAdapter(protocol.PlainText100).validate_python(organisation)
    except ValidationError:
        raise Fail(
            "The organisation name cannot be used: give 1 to 100 characters, no control characters, "
            "not starting with = + - or @."
        ) from None
    cert = Path(args.cert) if args.cert else cfg.served_certificate()
    if cert is None:
        raise Fail(
            "No certificate known yet: start 'serve' once (with --cert/--key or --dev), or give --cert "
            "FILE with the certificate the receiver serves."
        )
    der = cfgmod.certificate_der(cert)
    if args.hours <= 0 or args.hours > 24 * 30:
        raise Fail("--hours must be between 1 and 720.")
    code = protocol.make_enrolment_code(der)
    now = datetime.now(UTC)
    storage = open_storage(data_dir, _database_url(args, cfg))
    try:
        storage.add_code(
            protocol.enrolment_secret_hash(code),
            organisation,
            protocol.format_time(now),
            protocol.format_time(now + timedelta(hours=args.hours)),
        )
    finally:
        storage.close()
    if args.quiet:
        print(code)
    else:
        print(f"Enrolment code for {organisation} (single use, valid {args.hours:g} hours):")
        print()
        print(f"    {code}")
        print()
        print("Give it to the person setting up the laptop through a channel you trust (in person, phone).")
    return EXIT_OK


def cmd_devices(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    cfg = cfgmod.load(data_dir)
    storage = open_storage(data_dir, _database_url(args, cfg))
    try:
        devices = storage.list_devices()
    finally:
        storage.close()
    if not devices:
        print("No devices enrolled.")
        return EXIT_OK
    print(f"{'device':<22} {'state':<8} {'enrolled (UTC)':<20} {'organisation':<30} label")
    for d in devices:
        state = "revoked" if d.revoked else "active"
        print(f"{d.id:<22} {state:<8} {d.enrolled_at[:19]:<20} {d.organisation[:30]:<30} {d.label}")
    return EXIT_OK


def cmd_revoke(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    cfg = cfgmod.load(data_dir)
    storage = open_storage(data_dir, _database_url(args, cfg))
    try:
        result = storage.revoke_device(args.device, protocol.utc_now())
    finally:
        storage.close()
    if result == "unknown":
        raise Fail(f"No device {args.device!r}. 'signaal-receiver devices' lists them.")
    if result == "already":
        print(f"{args.device} was revoked already.")
    else:
        print(f"{args.device} revoked: its next request gets 401 'revoked'; reports it sent stay stored.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    if args.labels and args.format != "xlsx":
        raise Fail("--labels puts labels beside the codes in the xlsx format: add --format xlsx.")
    data_dir = _data_dir(args)
    cfg = cfgmod.load(data_dir)
    warning = export_warning(Path(args.private_key), data_dir)
    if warning:
        print(f"signaal-receiver: {warning}", file=sys.stderr)
    private = cfgmod.read_private_key(Path(args.private_key), cfg)
    since = None
    if args.since:
        try:
            since = protocol.format_time(_parse_since(args.since))
        except ValueError:
            raise Fail(
                "--since takes a date like 2026-01-31 or a UTC time like 2026-01-31T12:00:00Z."
            ) from None
    storage = open_storage(data_dir, _database_url(args, cfg))
    try:
        report = run_export(storage, private, Path(args.out), args.format, since=since,
                            progress=sys.stderr, labels=args.labels)
    finally:
        storage.close()
    print(f"Exported {report.written} record(s) to {args.out}; the codebook is "
          f"{codebook_path(Path(args.out))}.", file=sys.stderr)
    if report.problems:
        print(f"{len(report.problems)} record(s) had problems:", file=sys.stderr)
        for p in report.problems:
            print(f"  {p}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Store the reports of a hand-off file and write the receipts file for the device."""

    data_dir = _data_dir(args)
    cfg = cfgmod.load(data_dir)
    source = Path(args.file)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise Fail(f"Cannot read {source}: {exc.strerror}.") from None
    storage = open_storage(data_dir, _database_url(args, cfg))
    try:
        result = import_handoff(storage, cfg, data)
    except HandoffError as exc:
        raise Fail(f"{source} is not a usable hand-off file: {exc.text('en')}") from None
    except ImportRefused as exc:
        raise Fail(str(exc)) from None
    finally:
        storage.close()
    out = Path(args.receipts_out)
    with files.private_temp(out) as (raw, tmp):
        raw.write(result.receipts_file)
        raw.flush()
        os.fsync(raw.fileno())
        os.replace(tmp, out)
    print(f"Device {result.device_id}: {result.stored} stored, {result.duplicates} already here, "
          f"{result.conflicts} conflict(s), {len(result.rejected)} refused. Receipts: {out}", file=sys.stderr)
    for line in result.rejected:
        print(f"  {line}", file=sys.stderr)
    return EXIT_PROBLEMS if result.rejected or result.conflicts else EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:

    data_dir = _data_dir(args)
    cfg = cfgmod.load(data_dir)
    summary = backup(data_dir, _database_url(args, cfg), Path(args.out))
    print(
        f"Backed up the {summary.kind} database ({summary.envelopes} envelopes, {summary.devices} devices) "
        f"to {args.out}. Keep the key files ({cfgmod.CONFIG}, {cfgmod.RECEIPT_KEY}) with it: they are "
        "not in the backup."
    )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:

    data_dir = _data_dir(args)
    cfg = cfgmod.load(data_dir)
    summary = restore(data_dir, _database_url(args, cfg), Path(args.source), force=args.force)
    print(
        f"Restored {args.source} into the {summary.kind} database: {summary.envelopes} envelopes, "
        f"{summary.devices} devices."
    )
    return EXIT_OK


def _parse_since(text: str) -> datetime:
    text = text.strip()
    if len(text) == 10:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
    return protocol.parse_time(text)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("give 1 or more")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("give a number of seconds between 0 and 3600")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        help="the receiver's data dir (default: $SIGNAAL_RECEIVER_DIR or ./signaal-receiver-data)",
    )
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument(
        "--database-url", help="postgresql://… to use PostgreSQL instead of SQLite in the data dir"
    )

    parser = argparse.ArgumentParser(
        prog="signaal-receiver", description="CoMensha's reference receiver for Signaal reports."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", parents=[common, db], help="make the data dir and key pairs")
    p.add_argument(
        "--private-key-out",
        help="where to write the sealing private key (default: in the data dir, to be moved away)",
    )
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("serve", parents=[common, db], help="serve the API over HTTPS")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8443)
    p.add_argument("--cert", help="PEM certificate (chain) to serve")
    p.add_argument("--key", help="PEM private key of the certificate")
    p.add_argument(
        "--dev", action="store_true", help="make a local CA and certificate (trustme) for trying it out"
    )
    p.add_argument(
        "--rate-limit",
        type=int,
        default=protocol.DEFAULT_RATE_PER_MINUTE,
        help="requests per device per minute (0 = no limit)",
    )
    p.add_argument(
        "--enrol-rate-limit",
        type=int,
        default=30,
        help="enrolment attempts per client address per minute (0 = no limit)",
    )
    p.add_argument(
        "--trusted-proxy",
        action="append",
        metavar="ADDRESS",
        help="a reverse proxy (IP or CIDR) whose X-Forwarded-For is believed; repeatable (default: none)",
    )
    p.add_argument(
        "--header-timeout",
        type=_positive_float,
        default=10.0,
        help="seconds a connection may take to send a complete request head (also the idle limit "
        "before the first request; default 10)",
    )
    p.add_argument(
        "--max-connections-per-address",
        type=_positive_int,
        default=64,
        help="open connections per client address; idle ones are closed first (default 64)",
    )
    p.add_argument(
        "--max-connections", type=_positive_int, default=4096, help="open connections in total (default 4096)"
    )
    p.add_argument("--metrics-host", default="127.0.0.1", help="address of the metrics listener")
    p.add_argument(
        "--metrics-port", type=int, help="serve Prometheus metrics (plain HTTP) on this port (default: off)"
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("enrol", parents=[common, db], help="issue a single-use enrolment code")
    p.add_argument("--org", required=True, help="the organisation the device belongs to")
    p.add_argument(
        "--hours", type=float, default=protocol.CODE_TTL_SECONDS / 3600, help="validity (default 24)"
    )
    p.add_argument("--cert", help="the certificate the receiver serves (default: the one 'serve' last used)")
    p.add_argument("--quiet", action="store_true", help="print only the code")
    p.set_defaults(func=cmd_enrol)

    p = sub.add_parser("devices", parents=[common, db], help="list enrolled devices")
    p.set_defaults(func=cmd_devices)

    p = sub.add_parser("revoke", parents=[common, db], help="disconnect a device")
    p.add_argument("device")
    p.set_defaults(func=cmd_revoke)

    p = sub.add_parser("export", parents=[common, db], help="decrypt, check and export the reports")
    p.add_argument("--private-key", required=True, help="the sealing private key file from 'init'")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", required=True, help="the file to write")
    p.add_argument("--since", help="only envelopes received on or after this date (YYYY-MM-DD) or time")
    p.add_argument("--labels", choices=LABEL_LANGUAGES,
                   help="xlsx only: the labels in this language in a column beside every column of codes")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("backup", parents=[common, db], help="copy the database while the receiver runs")
    p.add_argument("--out", required=True, help="the backup file to write (must not exist)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("import", parents=[common, db],
                       help="store the reports of a hand-off file (USB), write receipts for the device")
    p.add_argument("file", help="the hand-off file the app wrote")
    p.add_argument("--receipts-out", required=True, help="the receipts file to give back to the device")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("restore", parents=[common, db], help="put a backup back (receiver stopped)")
    p.add_argument("--from", dest="source", required=True, help="a file written by 'backup'")
    p.add_argument("--force", action="store_true", help="replace a database that is not empty")
    p.set_defaults(func=cmd_restore)

    add_registrar_parser(sub, [common, db], _data_dir, _database_url)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    os.umask(0o077)  # whatever this process creates (database, WAL, exports) is for its owner only
    try:
        code: int = args.func(args)
        return code
    except (Fail, cfgmod.ConfigError, StorageError, BackupError, RegistrarCommandError) as exc:
        print(f"signaal-receiver: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(
            f"signaal-receiver: {exc.strerror or exc.__class__.__name__}"
            f"{': ' + str(exc.filename) if exc.filename else ''}",
            file=sys.stderr,
        )
        return EXIT_FAIL


if __name__ == "__main__":
    sys.exit(main())
