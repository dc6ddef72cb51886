"""``signaal-receiver registrar add|list|revoke``: the operator's side of CoMensha's desks, and the
warning the CLI export gives when the sealing private key sits on the receiver host.

    signaal-receiver registrar add    [--data-dir D] --name NAME [--hours 24] [--cert FILE] [--quiet]
    signaal-receiver registrar list   [--data-dir D]
    signaal-receiver registrar revoke [--data-dir D] REGISTRAR

A registrar code looks like a device enrolment code (same format, expiry and certificate hint) but
lives in its own table: it enrols a desk, never a device, and a device code never enrols a desk.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from sync import protocol
from sync.receiver import config as cfgmod
from sync.receiver.storage import Storage, open_storage


class RegistrarCommandError(Exception):
    """A plain message for the operator; no traceback."""


DataDir = Callable[[argparse.Namespace], Path]
DatabaseUrl = Callable[[argparse.Namespace, cfgmod.ReceiverConfig], "str | None"]


def key_on_receiver_host(key_file: Path, data_dir: Path) -> str | None:
    """Why the sealing private key ``key_file`` counts as sitting on the receiver host, or None.

    The rule: the key is on the receiver host when it is inside the receiver's data dir, on the
    same filesystem as the data dir (the disk that holds the receiver's configuration, its receipt
    key and, with SQLite, its database), or on the host's root filesystem. A key on another mount
    (a USB stick, an encrypted volume mounted only while exporting) is not flagged. The desk
    (``signaal-desk``) is the place to decrypt: the receiver host never needs the key there.
    """
    try:
        key = key_file.resolve()
        data = data_dir.resolve()
    except OSError:
        return None
    if key.is_relative_to(data):
        return "it is inside the receiver's data dir"
    try:
        device = os.stat(key).st_dev
        if device == os.stat(data).st_dev:
            return "it is on the same disk as the receiver's data dir"
        if device == os.stat(Path(key.anchor)).st_dev:
            return "it is on this machine's system disk"
    except OSError:
        return None
    return None


def export_warning(key_file: Path, data_dir: Path) -> str | None:
    """The stderr warning for ``export``, or None."""
    why = key_on_receiver_host(key_file, data_dir)
    if why is None:
        return None
    return (
        f"Warning: the sealing private key {key_file} is on the receiver host ({why}). Anyone who "
        "takes over this machine can then read every report. Decrypt on CoMensha's desk instead "
        "(signaal-desk: it pulls the sealed reports and opens them on the registrar's workstation), "
        "and keep the key file off this machine."
    )


def _open(
    args: argparse.Namespace, data_dir: DataDir, database_url: DatabaseUrl
) -> tuple[cfgmod.ReceiverConfig, Storage]:
    path = data_dir(args)
    cfg = cfgmod.load(path)
    return cfg, open_storage(path, database_url(args, cfg))


def cmd_add(args: argparse.Namespace, data_dir: DataDir, database_url: DatabaseUrl) -> int:
    name = args.name
    try:
        TypeAdapter(protocol.PlainText100).validate_python(name)
    except ValidationError:
        raise RegistrarCommandError(
            "The registrar name cannot be used: give 1 to 100 characters, no control characters, "
            "not starting with = + - or @."
        ) from None
    if args.hours <= 0 or args.hours > 24 * 30:
        raise RegistrarCommandError("--hours must be between 1 and 720.")
    cfg = cfgmod.load(data_dir(args))
    cert = Path(args.cert) if args.cert else cfg.served_certificate()
    if cert is None:
        raise RegistrarCommandError(
            "No certificate known yet: start 'serve' once (with --cert/--key or --dev), or give --cert "
            "FILE with the certificate the receiver serves."
        )
    code = protocol.make_enrolment_code(cfgmod.certificate_der(cert))
    now = datetime.now(UTC)
    storage = open_storage(data_dir(args), database_url(args, cfg))
    try:
        storage.add_registrar_code(
            protocol.enrolment_secret_hash(code),
            name,
            protocol.format_time(now),
            protocol.format_time(now + timedelta(hours=args.hours)),
        )
    finally:
        storage.close()
    if args.quiet:
        print(code)
    else:
        print(f"Registrar code for {name} (single use, valid {args.hours:g} hours):")
        print()
        print(f"    {code}")
        print()
        print("Type it into signaal-desk on the registrar's workstation. Give it through a channel you")
        print("trust (in person, phone): whoever redeems it can read the sealed reports' metadata.")
    return 0


def cmd_list(args: argparse.Namespace, data_dir: DataDir, database_url: DatabaseUrl) -> int:
    _, storage = _open(args, data_dir, database_url)
    try:
        registrars = storage.list_registrars()
    finally:
        storage.close()
    if not registrars:
        print("No registrars enrolled.")
        return 0
    print(f"{'registrar':<22} {'state':<8} {'enrolled (UTC)':<20} {'name':<30} workstation")
    for r in registrars:
        state = "revoked" if r.revoked else "active"
        print(f"{r.id:<22} {state:<8} {r.enrolled_at[:19]:<20} {r.name[:30]:<30} {r.label}")
    return 0


def cmd_revoke(args: argparse.Namespace, data_dir: DataDir, database_url: DatabaseUrl) -> int:
    _, storage = _open(args, data_dir, database_url)
    try:
        result = storage.revoke_registrar(args.registrar, protocol.utc_now())
    finally:
        storage.close()
    if result == "unknown":
        raise RegistrarCommandError(
            f"No registrar {args.registrar!r}. 'signaal-receiver registrar list' lists them."
        )
    if result == "already":
        print(f"{args.registrar} was revoked already.")
    else:
        print(
            f"{args.registrar} revoked: its next request gets 401 'revoked'; the events it wrote stay "
            "in the log."
        )
    return 0


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
    data_dir: DataDir,
    database_url: DatabaseUrl,
) -> None:
    """Add ``registrar add|list|revoke`` to the CLI; ``data_dir`` and ``database_url`` are the
    CLI's own resolvers (so the options mean the same as everywhere else)."""
    p = sub.add_parser(
        "registrar", parents=parents, help="manage CoMensha's desks (registrars): add, list, revoke"
    )
    commands = p.add_subparsers(dest="registrar_command", required=True, metavar="{add,list,revoke}")
    # The same options after the action ('registrar add --data-dir D'), without a default that
    # would overwrite one given before it ('registrar --data-dir D add').
    late = argparse.ArgumentParser(add_help=False)
    for parent in parents:
        for action in parent._actions:
            late.add_argument(
                *action.option_strings, dest=action.dest, help=action.help, default=argparse.SUPPRESS
            )
    parents = [late]

    def bind(
        command: Callable[[argparse.Namespace, DataDir, DatabaseUrl], int],
    ) -> Callable[[argparse.Namespace], int]:
        return lambda args: command(args, data_dir, database_url)

    q = commands.add_parser("add", parents=parents, help="issue a single-use registrar code for a desk")
    q.add_argument("--name", required=True, help="the registrar (person or team) the desk belongs to")
    q.add_argument(
        "--hours", type=float, default=protocol.CODE_TTL_SECONDS / 3600, help="validity (default 24)"
    )
    q.add_argument("--cert", help="the certificate the receiver serves (default: the one 'serve' last used)")
    q.add_argument("--quiet", action="store_true", help="print only the code")
    q.set_defaults(func=bind(cmd_add))

    q = commands.add_parser("list", parents=parents, help="list enrolled desks")
    q.set_defaults(func=bind(cmd_list))

    q = commands.add_parser("revoke", parents=parents, help="disconnect a desk")
    q.add_argument("registrar", help="the registrar id (reg_…) from 'registrar list'")
    q.set_defaults(func=bind(cmd_revoke))
