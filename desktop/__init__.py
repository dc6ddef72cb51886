"""Signaal desktop application: Qt UI, encrypted local store, key handling, workers."""

# A constant, not importlib.metadata: that lookup cost ~17 ms of start-up. pyproject.toml holds
# the same number; tests/test_skeleton.py and --selftest fail when the two drift apart.
__version__ = "0.1.0"
