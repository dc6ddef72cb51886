"""File hygiene for the receiver's data dir and its exports.

Everything the receiver keeps is for its owner only: the data dir is 0700, the database (with its
``-wal``/``-shm``), the configuration and the key files are 0600, whatever modes they had before
(an ``init`` into an existing 0755 folder, a restore, a copy by hand). Files are written through a
new temporary file that this process created exclusively (``mkstemp``), never through a name that
someone else may have planted.

The sealing private key must not be in the data dir. It is recognised by content, not by name: any
32-byte value (base64, hex, or a raw 32-byte file) whose X25519 public key is the sealing public
key, in any file up to 1 MiB anywhere below the data dir.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import nacl.public

# Files the receiver writes into its data dir that must be owner-only.
PRIVATE_NAMES = (
    "config.json",
    "receipt-signing.key",
    "dev-key.pem",
    "receiver.sqlite3",
    "receiver.sqlite3-wal",
    "receiver.sqlite3-shm",
    "receiver.sqlite3-journal",
)
SCAN_MAX_FILE = 1024 * 1024
SCAN_MAX_FILES = 10_000
_B64_32 = re.compile(rb"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{43}=")
_HEX_32 = re.compile(rb"(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])")


class FileModeError(Exception):
    """A mode could not be set; ``str()`` says which file and what to do."""


def restrict(path: Path, mode: int = 0o600) -> None:
    """Set ``mode`` on ``path`` if it exists (not following a symlink at the last component)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        raise FileModeError(f"{path} is a symbolic link; the receiver keeps only regular files there.")
    if stat.S_IMODE(st.st_mode) != mode:
        try:
            os.chmod(path, mode)
        except PermissionError:
            raise FileModeError(
                f"Cannot make {path} private (mode {mode:o}): it belongs to another user. "
                "Run the receiver as the owner of its data dir."
            ) from None


def secure_data_dir(data_dir: Path) -> None:
    """Data dir 0700; its configuration, keys and database files 0600."""
    restrict(data_dir, 0o700)
    for name in PRIVATE_NAMES:
        restrict(data_dir / name)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, readable only by its owner: through a temporary file
    created exclusively next to it (mode 0600), then renamed over ``path``."""
    with private_temp(path) as (fh, tmp):
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
        fh.close()
        os.replace(tmp, path)


@contextlib.contextmanager
def private_temp(path: Path, text: bool = False) -> Iterator[tuple[IO[bytes], Path]]:
    """A new file next to ``path`` (``.<name>.<random>.part``), created exclusively with mode 0600.
    Removed again if the block does not rename it away."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    tmp = Path(name)
    try:
        with open(fd, "wb") as fh:
            yield fh, tmp
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _candidates(data: bytes) -> Iterator[bytes]:
    if len(data) == 32:
        yield data
    for match in _B64_32.finditer(data):
        token = match.group().replace(b"-", b"+").replace(b"_", b"/")
        with contextlib.suppress(ValueError):  # not base64 after all: not a key
            yield base64.b64decode(token, validate=True)
    for match in _HEX_32.finditer(data):
        yield bytes.fromhex(match.group().decode("ascii"))


def holds_private_key(data: bytes, sealing_public_key: bytes) -> bool:
    for candidate in _candidates(data):
        if len(candidate) == 32 and bytes(nacl.public.PrivateKey(candidate).public_key) == sealing_public_key:
            return True
    return False


def find_private_key(data_dir: Path, sealing_public_key: bytes) -> Path | None:
    """The first file below ``data_dir`` that holds the private half of ``sealing_public_key``."""
    seen = 0
    for root, dirs, names in os.walk(data_dir, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            path = Path(root) / name
            seen += 1
            if seen > SCAN_MAX_FILES:
                return None
            try:
                st = os.lstat(path)
                if not stat.S_ISREG(st.st_mode) or st.st_size > SCAN_MAX_FILE:
                    continue
                data = path.read_bytes()
            except FileNotFoundError:
                continue  # removed while we looked
            except OSError as exc:
                raise FileModeError(
                    f"Cannot read {path} to check that the sealing private key is not in the data dir "
                    f"({exc.strerror}). Fix its owner or mode, or move it out of the data dir."
                ) from None
            if holds_private_key(data, sealing_public_key):
                return path
    return None
