"""Runtime hook: let ``Signaal.exe --selftest`` / ``--version`` print on Windows.

The Windows build is a GUI program (no console window for field workers), so Python starts with
``sys.stdout = None`` and print() writes nowhere. For the command-line flags an administrator
runs from a terminal, attach to that terminal's console. Started from Explorer there is no
parent console; then nothing changes (the exit status still tells). Output redirected to a file
or pipe already has valid handles and is left alone. No effect on macOS and Linux.
"""

import sys

_CLI_FLAGS = ("--selftest", "--version", "--help", "-h")

if sys.platform == "win32" and sys.stdout is None and any(a in _CLI_FLAGS for a in sys.argv[1:]):
    import ctypes

    _ATTACH_PARENT_PROCESS = -1
    if ctypes.windll.kernel32.AttachConsole(_ATTACH_PARENT_PROCESS):
        sys.stdout = open("CONOUT$", "w", encoding="utf-8", buffering=1)  # noqa: SIM115 (lives as long as the process)
        sys.stderr = sys.stdout
