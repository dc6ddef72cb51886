"""Widgets and windows. They call store operations through desktop.worker, never SQL or HTTP."""
