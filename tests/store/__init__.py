"""Tests of the encrypted store (desktop/store)."""
