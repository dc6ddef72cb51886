"""Signaal desktop application: Qt UI, encrypted local store, key handling, workers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("signaal")
except PackageNotFoundError:  # frozen builds carry no dist-info unless copied; fall back
    __version__ = "0.1.0"
