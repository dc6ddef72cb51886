"""Key hierarchy of the store: data key, passphrase wrap, device secret in the OS keyring.

- The database is keyed with a random 256-bit *data key* in SQLCipher raw-key mode.
- When an acceptable OS keyring exists, a random 256-bit *device secret* is kept there under
  the store id, and ``inner = SecretBox(device_secret).encrypt(data_key)``.
- ``outer = SecretBox(argon2id(NFC(passphrase), salt)).encrypt(inner or data_key)`` is what the
  key file holds, with the salt and the Argon2id cost.

Passphrases are normalised to Unicode NFC before the KDF, so the same text typed with composed or
decomposed accents (e.g. from different keyboards or operating systems) unlocks the store. Any
character is allowed (quotes, NUL, emoji); they never reach SQL: only the hex of the random data
key does.

Secret stores (``SecretStore``): ``get(name) -> str | None``, ``set(name, value)``,
``delete(name)``, plus ``backend`` (a name) and ``acceptable`` (bool). ``secrets=None`` in the
store API means :func:`choose_secret_store`: the OS keyring under the allowlist, or none. Nothing
in the app can choose another secret store; tests pass ``secrets=`` or replace
:func:`choose_secret_store` from their own fixtures (``tests/support/keyrings.py``).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import os
import re
import secrets as _secrets
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import keyring
import keyring.backends.chainer
import keyring.errors
import nacl.exceptions
import nacl.pwhash.argon2id as argon2id
import nacl.secret
import nacl.utils

from . import errors

log = logging.getLogger("signaal.store")

KEY_FILE_FORMAT = "signaal-store-key"
KEY_FILE_VERSION = 1
KEYRING_SERVICE = "Signaal"
MIN_PASSPHRASE = 10
MIN_VISIBLE = 6  # of the MIN_PASSPHRASE characters, at least this many must show
# Upper bounds on the stored KDF cost: a tampered key file must not make unlocking hang.
MAX_OPSLIMIT = 16

KDF_PROFILES: dict[str, tuple[int, int]] = {
    "moderate": (argon2id.OPSLIMIT_MODERATE, argon2id.MEMLIMIT_MODERATE),
    "interactive": (argon2id.OPSLIMIT_INTERACTIVE, argon2id.MEMLIMIT_INTERACTIVE),
    "sensitive": (argon2id.OPSLIMIT_SENSITIVE, argon2id.MEMLIMIT_SENSITIVE),
    # Tests only: the cheapest libsodium allows. Never offered to users.
    "test": (argon2id.OPSLIMIT_MIN, argon2id.MEMLIMIT_MIN),
}

# Backends that keep secrets in an OS-protected store. Everything else (fail, null, keyrings.alt
# plaintext/encrypted files, a chainer of only those) counts as "no keyring".
ALLOWED_BACKENDS = frozenset({
    "keyring.backends.Windows.WinVaultKeyring",
    "keyring.backends.macOS.Keyring",
    "keyring.backends.SecretService.Keyring",
    "keyring.backends.libsecret.Keyring",  # also the Secret Service, through libsecret
    "keyring.backends.kwallet.DBusKeyring",
    "keyring.backends.kwallet.DBusKeyringKWallet4",
})

_HEX64 = frozenset("0123456789abcdef")


# ---------------------------------------------------------------------------------------------
# Passphrases and the KDF


def normalise_passphrase(passphrase: str) -> bytes:
    """NFC-normalise and encode a passphrase for the KDF (any character allowed)."""
    if not isinstance(passphrase, str):
        raise TypeError("passphrase must be str")
    return unicodedata.normalize("NFC", passphrase).encode("utf-8", "surrogatepass")


# Characters that show nothing: control/format/unassigned/private/surrogate, combining marks on
# their own, and the "blank" letters some fonts draw as empty space.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Co", "Cs", "Mn", "Me"})
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")


def _visible(ch: str) -> bool:
    return not (ch.isspace() or ch in _BLANK_LETTERS
                or unicodedata.category(ch) in _INVISIBLE_CATEGORIES
                or unicodedata.category(ch) in ("Zs", "Zl", "Zp"))


def _counted(ch: str) -> bool:
    """Counts towards the length: visible characters and ordinary spaces between words."""
    return _visible(ch) or ch == " "


def check_passphrase(passphrase: str) -> None:
    """Raise unless ``passphrase`` is acceptable for a new store or a passphrase change.

    - :class:`errors.PassphraseTooWeak` when it has fewer than ``MIN_PASSPHRASE`` characters,
      counting visible characters and spaces (invisible characters do not count);
    - :class:`errors.PassphraseNotVisible` (a subclass of it) when it has no visible character at
      all, or fewer than ``MIN_VISIBLE``: ten spaces or ten zero-width spaces are refused.
    Any visible character is allowed, also quotes, NUL between words and emoji.
    """
    if not isinstance(passphrase, str):
        raise TypeError("passphrase must be str")
    text = unicodedata.normalize("NFC", passphrase)
    visible = sum(1 for ch in text if _visible(ch))
    if text and visible == 0:
        raise errors.PassphraseNotVisible(MIN_VISIBLE)
    if sum(1 for ch in text if _counted(ch)) < MIN_PASSPHRASE:
        raise errors.PassphraseTooWeak(MIN_PASSPHRASE)
    if visible < MIN_VISIBLE:
        raise errors.PassphraseNotVisible(MIN_VISIBLE)


def derive_wrap_key(passphrase: str, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    return argon2id.kdf(nacl.secret.SecretBox.KEY_SIZE, normalise_passphrase(passphrase), salt,
                        opslimit=opslimit, memlimit=memlimit)


_RAW_KEY_HEX = re.compile(r"[0-9a-f]{64}")


def is_raw_key_hex(value: str) -> bool:
    """``^[0-9a-f]{64}$`` as a full match (``$`` would also accept a trailing newline)."""
    return isinstance(value, str) and _RAW_KEY_HEX.fullmatch(value) is not None


# ---------------------------------------------------------------------------------------------
# Secret stores


class SecretStore(Protocol):
    backend: str
    acceptable: bool

    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...


class MemorySecretStore:
    """An in-process secret store for tests and tools (lost when the process ends)."""

    backend = "memory"
    acceptable = True

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


class KeyringSecretStore:
    """A secret store over an allowlisted ``keyring`` backend."""

    acceptable = True

    def __init__(self, backend_obj: Any, name: str) -> None:
        self._backend = backend_obj
        self.backend = name

    def get(self, name: str) -> str | None:
        value = self._backend.get_password(KEYRING_SERVICE, name)
        return value if isinstance(value, str) else None

    def set(self, name: str, value: str) -> None:
        self._backend.set_password(KEYRING_SERVICE, name, value)

    def delete(self, name: str) -> None:
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self._backend.delete_password(KEYRING_SERVICE, name)


class NoSecretStore:
    """No acceptable keyring: the store works with the passphrase alone."""

    acceptable = False

    def __init__(self, backend: str) -> None:
        self.backend = backend

    def get(self, name: str) -> str | None:
        return None

    def set(self, name: str, value: str) -> None:  # pragma: no cover - never called
        raise RuntimeError("no acceptable keyring")

    def delete(self, name: str) -> None:
        return None


def backend_name(obj: Any) -> str:
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def priority(obj: Any) -> float:
    """A keyring backend's priority (-1 when it cannot say: not usable here)."""
    try:
        return float(obj.priority)
    except Exception:  # keyring backends compute it by probing the system; any failure means unusable
        return -1.0


def allowed_backend(current: Any) -> Any | None:
    """The backend Signaal may use: ``current`` (keyring's choice) or, when that chains several,
    the first of them that is on the allowlist with priority >= 1; ``None`` when there is none."""
    chained = isinstance(current, keyring.backends.chainer.ChainerBackend)
    for cand in (list(current.backends) if chained else [current]):
        if backend_name(cand) in ALLOWED_BACKENDS and priority(cand) >= 1:
            return cand
    return None


def choose_secret_store() -> SecretStore:
    """The secret store for ``secrets=None``: an allowlisted OS keyring, or none."""
    try:
        current = keyring.get_keyring()
        chosen = allowed_backend(current)
    except Exception as exc:  # a broken keyring install must not stop the passphrase path
        log.warning("keyring unavailable: %s", type(exc).__name__)
        return NoSecretStore("unavailable")
    if chosen is None:
        return NoSecretStore(backend_name(current))
    return KeyringSecretStore(chosen, backend_name(chosen))


# ---------------------------------------------------------------------------------------------
# Files


def fsync_dir(path: Path) -> None:
    if sys.platform == "win32":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _synced_temp(path: Path, data: bytes) -> Path:
    """``data`` in a new 0600 temp file next to ``path``, synced to disk; its path."""
    tmp = path.with_name(f".{path.name}.tmp-{_secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def atomic_write(path: Path, data: bytes, *, folder_sync_optional: bool = False) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old or the new content, never neither.

    Temp file (0600) in the same folder, fsync, ``os.replace``, fsync the folder. With
    ``folder_sync_optional`` a folder that cannot be synced (some USB file systems) is accepted.
    """
    path = Path(path)
    tmp = _synced_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    try:
        fsync_dir(path.parent)
    except OSError:
        if not folder_sync_optional:
            raise


def atomic_create(path: Path, data: bytes) -> None:
    """Like :func:`atomic_write`, but fail with FileExistsError if ``path`` exists (never replace)."""
    path = Path(path)
    tmp = _synced_temp(path, data)
    try:
        os.link(tmp, path)  # atomic, and refuses to overwrite
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    fsync_dir(path.parent)


def remove_stale_temp(path: Path) -> None:
    """Remove temp files left by an interrupted :func:`atomic_write` of ``path``."""
    for stale in path.parent.glob(f".{path.name}.tmp-*"):
        with contextlib.suppress(OSError):
            stale.unlink()


# ---------------------------------------------------------------------------------------------
# The key file


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class KeyFile:
    store_id: str
    salt: bytes
    opslimit: int
    memlimit: int
    device_secret_name: str | None  # keyring entry name, or None (passphrase alone)
    wrapped: bytes                    # outer SecretBox message (nonce + ciphertext)
    created_at: str
    keyring_backend: str | None = None

    def to_bytes(self) -> bytes:
        doc = {
            "format": KEY_FILE_FORMAT,
            "version": KEY_FILE_VERSION,
            "store_id": self.store_id,
            "created_at": self.created_at,
            "kdf": {"alg": "argon2id13", "opslimit": self.opslimit, "memlimit": self.memlimit,
                    "salt": _b64(self.salt)},
            "device_secret": ({"service": KEYRING_SERVICE, "name": self.device_secret_name,
                               "backend": self.keyring_backend}
                              if self.device_secret_name else None),
            "wrapped_key": _b64(self.wrapped),
        }
        doc["checksum"] = _checksum(doc)
        return (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode("ascii")

    @classmethod
    def parse(cls, data: bytes) -> KeyFile:
        """Parse a key file; raise :class:`errors.StoreDamaged` for anything unexpected."""
        try:
            doc = json.loads(data.decode("ascii"))
            if doc.get("format") != KEY_FILE_FORMAT or doc.get("version") != KEY_FILE_VERSION:
                raise ValueError("unknown key file format")
            # Catches accidental damage (not tampering: anyone can recompute it), so a damaged key
            # file is reported as damage rather than as a wrong passphrase.
            if doc.pop("checksum", None) != _checksum(doc):
                raise ValueError("key file checksum mismatch")
            store_id = doc["store_id"]
            if not (isinstance(store_id, str) and len(store_id) == 32 and set(store_id) <= _HEX64):
                raise ValueError("bad store id")
            kdf = doc["kdf"]
            if kdf.get("alg") != "argon2id13":
                raise ValueError("unknown kdf")
            ops, mem = kdf["opslimit"], kdf["memlimit"]
            if not (isinstance(ops, int) and isinstance(mem, int)
                    and argon2id.OPSLIMIT_MIN <= ops <= MAX_OPSLIMIT
                    and argon2id.MEMLIMIT_MIN <= mem <= argon2id.MEMLIMIT_SENSITIVE):
                raise ValueError("kdf cost out of range")
            salt = _unb64(kdf["salt"])
            if len(salt) != argon2id.SALTBYTES:
                raise ValueError("bad salt")
            ds = doc["device_secret"]
            name = None
            backend = None
            if ds is not None:
                name = ds["name"]
                backend = ds.get("backend")
                if name != device_secret_name(store_id):
                    raise ValueError("bad device secret name")
            wrapped = _unb64(doc["wrapped_key"])
            expected = 32 + (nacl.secret.SecretBox.NONCE_SIZE + nacl.secret.SecretBox.MACBYTES) * (
                2 if name else 1)
            if len(wrapped) != expected:
                raise ValueError("wrapped key has the wrong size")
            created = doc.get("created_at", "")
            return cls(store_id, salt, ops, mem, name, wrapped, str(created),
                       backend if isinstance(backend, str) else None)
        except errors.StoreError:
            raise
        except Exception as exc:
            raise errors.StoreDamaged(f"key file unreadable: {type(exc).__name__}") from None


def _checksum(doc: dict[str, Any]) -> str:
    body = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode("ascii")
    return hashlib.sha256(body).hexdigest()


def device_secret_name(store_id: str) -> str:
    return f"store-{store_id}"


def wrap(payload: bytes, passphrase: str, opslimit: int, memlimit: int) -> tuple[bytes, bytes]:
    """Return (salt, outer message) for ``payload`` under a fresh salt."""
    salt = nacl.utils.random(argon2id.SALTBYTES)
    key = derive_wrap_key(passphrase, salt, opslimit, memlimit)
    return salt, bytes(nacl.secret.SecretBox(key).encrypt(payload))


def unwrap_outer(kf: KeyFile, passphrase: str) -> bytes:
    """The payload inside the outer box; :class:`errors.WrongPassphrase` if it does not open."""
    key = derive_wrap_key(passphrase, kf.salt, kf.opslimit, kf.memlimit)
    try:
        return bytes(nacl.secret.SecretBox(key).decrypt(kf.wrapped))
    except nacl.exceptions.CryptoError:
        raise errors.WrongPassphrase(0.0) from None


def seal_inner(data_key: bytes, device_secret_hex: str) -> bytes:
    return bytes(nacl.secret.SecretBox(bytes.fromhex(device_secret_hex)).encrypt(data_key))


def open_inner(inner: bytes, device_secret_hex: str | None) -> bytes:
    if not device_secret_hex or not is_raw_key_hex(device_secret_hex):
        raise errors.DeviceSecretMissing("no usable device secret in the keyring")
    try:
        return bytes(nacl.secret.SecretBox(bytes.fromhex(device_secret_hex)).decrypt(inner))
    except nacl.exceptions.CryptoError:
        raise errors.DeviceSecretMissing("device secret does not match this store") from None


def new_key() -> bytes:
    return nacl.utils.random(32)
