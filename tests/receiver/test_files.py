"""What another local user could see or plant: the data dir is 0700 and the database, its WAL and
the key files are 0600 whatever they were before; an export never writes decrypted reports into a
file someone else prepared; the sealing private key is found in the data dir by its content."""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
from pathlib import Path

import nacl.public

import forms
from tests.forms.test_validate import complete
from tests.support.receiver import Receiver, run_cli


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_into_an_existing_open_folder_makes_it_private(tmp_path: Path) -> None:
    d = tmp_path / "open"
    d.mkdir(mode=0o755)
    os.chmod(d, 0o755)  # noqa: S103 - the loose mode the receiver must repair
    proc = run_cli("init", "--data-dir", str(d), "--private-key-out", str(tmp_path / "priv.key"))
    assert proc.returncode == 0, proc.stderr
    assert _mode(d) == 0o700
    for name in ("config.json", "receipt-signing.key", "receiver.sqlite3"):
        assert _mode(d / name) == 0o600, name
    assert _mode(tmp_path / "priv.key") == 0o600


def test_modes_are_repaired_and_the_wal_is_private_while_serving(tmp_path: Path) -> None:
    rx = Receiver(tmp_path)
    d = rx.data_dir
    # Someone (a restore, a copy by hand, a loose umask) opened everything up.
    os.chmod(d, 0o755)  # noqa: S103 - the loose mode the receiver must repair
    for name in ("config.json", "receipt-signing.key", "receiver.sqlite3"):
        os.chmod(d / name, 0o644)
    rx.env = {}
    rx.start()
    try:
        dev = rx.enrol_device()
        r = rx.post_batch(dev, [rx.seal(dev, {"q": "x"})])
        assert r.status_code == 200
        assert _mode(d) == 0o700
        for name in ("config.json", "receipt-signing.key", "receiver.sqlite3", "dev-key.pem"):
            assert _mode(d / name) == 0o600, name
        for name in ("receiver.sqlite3-wal", "receiver.sqlite3-shm"):
            assert (d / name).exists() and _mode(d / name) == 0o600, name
    finally:
        rx.kill()


def test_export_does_not_use_a_planted_part_file(tmp_path: Path) -> None:
    rx = Receiver(tmp_path / "rx")
    rx.start()
    try:
        dev = rx.enrol_device()
        env = rx.seal(dev, complete(forms.catalog().get("coa", 1)), form_id="coa", form_version=1)
        assert rx.post_batch(dev, [env]).status_code == 200
    finally:
        rx.kill()
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    out = out_dir / "reports.jsonl"
    planted = out_dir / "reports.jsonl.part"
    # Another local user prepares a world-readable file where the old export wrote its temp file,
    # and a world-readable file under the output name itself.
    for path in (planted, out):
        path.write_text("planted\n")
        os.chmod(path, 0o666)  # noqa: S103 - what an attacker would plant
    proc = rx.cli(
        "export", "--private-key", str(rx.sealing_private_key), "--format", "jsonl", "--out", str(out)
    )
    assert proc.returncode == 0, proc.stderr
    assert planted.read_text() == "planted\n" and _mode(planted) == 0o666, "the planted file is not used"
    assert _mode(out) == 0o600, "the export is readable by its owner only"
    assert json.loads(out.read_text().splitlines()[0])["envelope_id"] == env.id
    # the codebook is written beside every export (forms.codebook)
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "reports.jsonl", "reports.jsonl.codebook.json", "reports.jsonl.part"], (
        "no temporary files are left behind"
    )


def _key_doc(path: Path) -> dict[str, str]:
    doc: dict[str, str] = json.loads(path.read_text())
    return doc


def test_serve_refuses_the_sealing_key_by_content_anywhere_in_the_data_dir(tmp_path: Path) -> None:
    rx = Receiver(tmp_path)  # the private key is written outside the data dir
    d, priv = rx.data_dir, rx.sealing_private_key
    raw_b64 = _key_doc(priv)["private_key"]
    raw = base64.b64decode(raw_b64)

    def serve() -> subprocess.CompletedProcess[str]:
        return run_cli("serve", "--data-dir", str(d), "--dev", "--port", str(rx.port))

    sub = d / "old" / "keys"
    sub.mkdir(parents=True)
    cases = {
        sub / "notes.txt": f"copied from the init output: {raw_b64}\n".encode(),
        d / "k.hex": raw.hex().encode(),
        sub / "raw.bin": raw,
        d / "renamed.json": priv.read_bytes(),
    }
    for path, content in cases.items():
        path.write_bytes(content)
        proc = serve()
        assert proc.returncode == 1, (path, proc.stderr)
        assert "private key" in proc.stderr and path.name in proc.stderr and "Traceback" not in proc.stderr
        assert raw_b64 not in proc.stderr + proc.stdout
        path.unlink()
    # Another receiver's key, or the public key, does not stop it.
    other = nacl.public.PrivateKey.generate()
    (sub / "other.txt").write_text(base64.b64encode(bytes(other)).decode())
    (d / "public.txt").write_text(base64.b64encode(rx.sealing_public_key).decode())
    rx.start()
    try:
        assert rx.healthy()
    finally:
        rx.kill()
