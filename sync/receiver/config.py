"""The receiver's data dir: configuration, key files and (for ``serve --dev``) a local CA.

Layout::

    <data dir>/config.json             public keys, database URL, the certificate being served
    <data dir>/receipt-signing.key     Ed25519 seed (hex) that signs receipts; mode 0600
    <data dir>/receiver.sqlite3        the SQLite database (when no PostgreSQL URL is set)
    <data dir>/dev-ca.pem, dev-cert.pem, dev-key.pem   made by ``serve --dev``

The sealing private key is *not* part of it: ``init`` writes it to a file that the operator moves
to the machine that runs exports, and ``serve`` refuses to start while that key is anywhere in the
data dir (recognised by content, whatever the file is called). Every command makes the data dir
0700 and its private files 0600 again (files.py).
"""

from __future__ import annotations

import base64
import json
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nacl.exceptions
import nacl.public
import nacl.signing

from sync.receiver import files

CONFIG = "config.json"
RECEIPT_KEY = "receipt-signing.key"
PRIVATE_KEY_DEFAULT = "sealing-private.key"
DEV_CA = "dev-ca.pem"
DEV_CERT = "dev-cert.pem"
DEV_KEY = "dev-key.pem"
PRIVATE_KEY_KIND = "signaal-sealing-private-key-v1"


class ConfigError(Exception):
    """Something the operator must fix; ``str()`` says what and how."""


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


@dataclass
class ReceiverConfig:
    data_dir: Path
    sealing_public_key: str
    receipt_public_key: str
    database_url: str | None = None
    cert_file: str | None = None
    key_file: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def sealing_public_key_bytes(self) -> bytes:
        return base64.b64decode(self.sealing_public_key)

    @property
    def receipt_public_key_bytes(self) -> bytes:
        return base64.b64decode(self.receipt_public_key)

    def save(self) -> None:
        doc = {
            "version": 1,
            "sealing_public_key": self.sealing_public_key,
            "receipt_public_key": self.receipt_public_key,
            "database_url": self.database_url,
            "cert_file": self.cert_file,
            "key_file": self.key_file,
            **self.extra,
        }
        write_private(self.data_dir / CONFIG, json.dumps(doc, indent=2).encode() + b"\n")

    def receipt_signing_key(self) -> nacl.signing.SigningKey:
        path = self.data_dir / RECEIPT_KEY
        try:
            seed = bytes.fromhex(path.read_text(encoding="ascii").strip())
            key = nacl.signing.SigningKey(seed)
        except (OSError, ValueError, UnicodeError) as exc:
            raise ConfigError(
                f"Cannot read the receipt signing key {path}: {exc.__class__.__name__}."
            ) from None
        if _b64(bytes(key.verify_key)) != self.receipt_public_key:
            raise ConfigError(f"The receipt signing key {path} does not belong to this receiver's config.")
        return key

    def served_certificate(self) -> Path | None:
        if self.cert_file:
            return Path(self.cert_file)
        dev = self.data_dir / DEV_CERT
        return dev if dev.exists() else None


def write_private(path: Path, data: bytes) -> None:
    """Write a file readable only by its owner, atomically (see files.write_private)."""
    files.write_private(path, data)


def secure(data_dir: Path) -> None:
    """Data dir 0700, configuration, keys and database 0600, whatever they were before."""
    try:
        files.secure_data_dir(data_dir)
    except files.FileModeError as exc:
        raise ConfigError(str(exc)) from None


def private_key_in(cfg: ReceiverConfig) -> Path | None:
    """A file anywhere below the data dir that holds the sealing private key (by content)."""
    try:
        return files.find_private_key(cfg.data_dir, cfg.sealing_public_key_bytes)
    except files.FileModeError as exc:
        raise ConfigError(str(exc)) from None


def initialise(
    data_dir: Path, private_key_out: Path | None = None, database_url: str | None = None
) -> tuple[ReceiverConfig, Path]:
    """Make the data dir and both key pairs. Returns the config and where the sealing private
    key was written."""
    data_dir = Path(data_dir)
    if (data_dir / CONFIG).exists():
        raise ConfigError(f"{data_dir} already holds a receiver. Use another --data-dir, or keep this one.")
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    secure(data_dir)  # also when the folder existed before with another mode
    out = Path(private_key_out) if private_key_out else data_dir / PRIVATE_KEY_DEFAULT
    if out.exists():
        raise ConfigError(f"{out} exists already; choose another --private-key-out.")
    sealing = nacl.public.PrivateKey.generate()
    receipt = nacl.signing.SigningKey.generate()
    write_private(
        out,
        json.dumps(
            {
                "kind": PRIVATE_KEY_KIND,
                "private_key": _b64(bytes(sealing)),
                "public_key": _b64(bytes(sealing.public_key)),
            },
            indent=2,
        ).encode()
        + b"\n",
    )
    write_private(data_dir / RECEIPT_KEY, bytes(receipt).hex().encode() + b"\n")
    cfg = ReceiverConfig(
        data_dir=data_dir,
        sealing_public_key=_b64(bytes(sealing.public_key)),
        receipt_public_key=_b64(bytes(receipt.verify_key)),
        database_url=database_url,
    )
    cfg.save()
    return cfg, out


def load(data_dir: Path) -> ReceiverConfig:
    data_dir = Path(data_dir)
    path = data_dir / CONFIG
    if path.exists():
        secure(data_dir)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"No receiver in {data_dir}. Run 'signaal-receiver init --data-dir {data_dir}' first."
        ) from None
    except (OSError, ValueError) as exc:
        raise ConfigError(f"Cannot read {path}: {exc.__class__.__name__}.") from None
    if not isinstance(doc, dict) or doc.get("version") != 1:
        raise ConfigError(f"{path} is not a receiver configuration this version understands.")
    known = {"version", "sealing_public_key", "receipt_public_key", "database_url", "cert_file", "key_file"}
    try:
        return ReceiverConfig(
            data_dir=data_dir,
            sealing_public_key=doc["sealing_public_key"],
            receipt_public_key=doc["receipt_public_key"],
            database_url=doc.get("database_url"),
            cert_file=doc.get("cert_file"),
            key_file=doc.get("key_file"),
            extra={k: v for k, v in doc.items() if k not in known},
        )
    except KeyError as exc:
        raise ConfigError(f"{path} lacks {exc.args[0]}.") from None


def read_private_key(path: Path, cfg: ReceiverConfig | None = None) -> bytes:
    """The raw X25519 sealing private key from the file ``init`` wrote."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        if doc.get("kind") != PRIVATE_KEY_KIND:
            raise ValueError
        key = nacl.public.PrivateKey(base64.b64decode(doc["private_key"], validate=True))
    except FileNotFoundError:
        raise ConfigError(f"No private key file at {path}.") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, nacl.exceptions.CryptoError):
        raise ConfigError(f"{path} is not a Signaal sealing private key file.") from None
    if cfg is not None and _b64(bytes(key.public_key)) != cfg.sealing_public_key:
        raise ConfigError(
            f"The private key in {path} does not belong to this receiver: its public key "
            "differs from the one the apps seal to."
        )
    return bytes(key)


def ensure_dev_certificate(
    data_dir: Path, hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")
) -> tuple[Path, Path, Path]:
    """A local CA and a server certificate from it (trustme), kept in the data dir so the
    fingerprint, and so the enrolment codes, stay valid across restarts."""
    ca_path, cert_path, key_path = data_dir / DEV_CA, data_dir / DEV_CERT, data_dir / DEV_KEY
    if not (ca_path.exists() and cert_path.exists() and key_path.exists()):
        import trustme  # only for --dev

        ca = trustme.CA(organization_name="Signaal receiver dev CA")
        cert = ca.issue_cert(*hosts)
        write_private(ca_path, ca.cert_pem.bytes())
        write_private(key_path, cert.private_key_pem.bytes())
        write_private(cert_path, b"".join(blob.bytes() for blob in cert.cert_chain_pems))
    return ca_path, cert_path, key_path


def certificate_der(cert_file: Path) -> bytes:
    """DER of the first (leaf) certificate in a PEM file."""
    try:
        text = Path(cert_file).read_text(encoding="ascii")
        begin = text.index("-----BEGIN CERTIFICATE-----")
        end = text.index("-----END CERTIFICATE-----", begin) + len("-----END CERTIFICATE-----")
        return ssl.PEM_cert_to_DER_cert(text[begin:end])
    except (OSError, ValueError, UnicodeError):
        raise ConfigError(f"{cert_file} is not a PEM certificate.") from None
