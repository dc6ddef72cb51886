"""A stale catalogue is rebuilt beside the old one and renamed over it.

Rewriting a .qm in place while a running Signaal has it loaded turned that window's texts back
to English (seen when a second instance or `make translations` rebuilt it). The rebuilt file
must be a new file; whoever holds the old one keeps reading all of it.
"""

from __future__ import annotations

import os
import shutil

import pytest

from desktop import i18n
from tests.conftest import ROOT


@pytest.mark.parametrize("catalogue", ["signaal"])
def test_rebuild_replaces_the_file_and_leaves_the_open_one_whole(tmp_path, monkeypatch, catalogue):
    shutil.copy(ROOT / "resources" / "i18n" / f"{catalogue}_nl.ts", tmp_path)
    monkeypatch.setattr(i18n, "i18n_dir", lambda: tmp_path)
    first = i18n.ensure_qm("nl", catalogue)
    assert first is not None and first.stat().st_size > 1000
    old_bytes = first.read_bytes()
    with open(first, "rb") as held:  # what a loaded translator holds on to
        inode = os.fstat(held.fileno()).st_ino
        ts = tmp_path / f"{catalogue}_nl.ts"
        later = first.stat().st_mtime + 10
        os.utime(ts, (later, later))  # the source is now newer: rebuild
        again = i18n.ensure_qm("nl", catalogue)
        assert again == first
        assert os.stat(again).st_ino != inode, "rebuilt in place"
        assert held.read() == old_bytes
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
