"""The desk's Qt-free core: its encrypted store, the sealing key, enrolment, ingest, the shared
triage log and its fold, linking, the inbox queries and export. No PySide6, nothing of desk.ui."""
