"""Catalogues: the app loads what the build made; a rebuild never rewrites a loaded file in place.

Rewriting a .qm in place while a running Signaal has it loaded turned that window's texts back
to English (seen when a second instance or `make translations` rebuilt it). The rebuilt file
must be a new file; whoever holds the old one keeps reading all of it.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from PySide6.QtCore import QCoreApplication

from desktop import i18n
from tests.conftest import ROOT
from tests.support import catalogues


def test_rebuild_replaces_the_file_and_leaves_the_open_one_whole(tmp_path):
    shutil.copy(ROOT / "resources" / "i18n" / "signaal_nl.ts", tmp_path)
    ts = tmp_path / "signaal_nl.ts"
    first = catalogues.build(ts)
    assert first.stat().st_size > 1000
    old_bytes = first.read_bytes()
    with open(first, "rb") as held:  # what a loaded translator holds on to
        inode = os.fstat(held.fileno()).st_ino
        later = first.stat().st_mtime + 10
        os.utime(ts, (later, later))  # the source is now newer: rebuild
        again = catalogues.build(ts)
        assert again == first
        assert os.stat(again).st_ino != inode, "rebuilt in place"
        assert held.read() == old_bytes
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_make_translations_also_renames_a_new_file_into_place(tmp_path):
    """The Makefile rule writes a temporary file and moves it over the old one."""
    qm = ROOT / "resources" / "i18n" / "signaal_nl.qm"
    inode = os.stat(qm).st_ino
    ts = qm.with_suffix(".ts")
    os.utime(ts)  # newer than the catalogue: make rebuilds it
    subprocess.run(["make", "-s", "translations"], cwd=ROOT, check=True, capture_output=True, timeout=300)
    assert os.stat(qm).st_ino != inode
    assert not list(qm.parent.glob("*.tmp"))


def test_the_app_loads_the_built_catalogue_and_says_when_there_is_none(qapp, monkeypatch, tmp_path, caplog):
    try:
        i18n.set_language("nl")
        assert QCoreApplication.translate("MainWindow", "&Quit") == "&Afsluiten"
        monkeypatch.setattr(i18n, "i18n_dir", lambda: tmp_path)  # a checkout without make translations
        with caplog.at_level("WARNING"):
            i18n.set_language("nl")
        assert QCoreApplication.translate("MainWindow", "&Quit") == "&Quit"
        assert "make translations" in caplog.text
    finally:
        monkeypatch.undo()
        i18n.set_language("nl")
