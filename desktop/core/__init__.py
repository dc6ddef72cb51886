"""The Qt-free core of the field app: the encrypted store, paths, credentials and enrolment,
sealing, receipts, retention, the spool for locked sending, and the named operations the UI runs.

Nothing here imports PySide6 or the Qt side of ``desktop`` (an import-linter contract checks it).
The Qt side (``desktop.ui``, the workers, the app shell) calls into the core through operations
that return results or raise typed errors.
"""
