"""Fixtures shared by the sync tests."""

from __future__ import annotations

import nacl.signing
import pytest

from sync import envelope as envelope_mod


class Keys:
    def __init__(self) -> None:
        self.sealing_private, self.sealing_public = envelope_mod.new_sealing_keypair()
        self.device = nacl.signing.SigningKey.generate()


@pytest.fixture
def keys() -> Keys:
    return Keys()
