"""The desk's Qt side: windows, the inbox model and views, the report, triage and export panels.
Store, crypto and network work runs on the worker thread (desktop.worker), never here."""
