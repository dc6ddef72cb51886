"""Passphrases of only spaces or invisible characters are refused, with a plain sentence (issue 16)."""

from __future__ import annotations

import pytest

from desktop.core.store import Store, errors, keys

from .conftest import PASS

INVISIBLE = [
    " " * 10,                       # spaces
    "\u200b" * 10,                  # zero-width spaces
    "\u200b \u200c \u200d \ufeff " * 3,  # a mix of zero-width characters and spaces
    "\x00" * 10,                    # NUL
    "\t\n\r\u00a0\u2003" * 3,       # tabs, newlines, no-break and em spaces
    "\u3164" * 12,                  # Hangul filler: a "letter" that draws as blank
    "\u2800" * 12,                  # braille blank
    "\u0301" * 12,                  # combining accents with nothing to sit on
    "a" + " " * 12,                 # one visible character padded with spaces
]


@pytest.mark.parametrize("passphrase", INVISIBLE)
def test_invisible_passphrases_are_refused_at_create(data_dir, secrets, passphrase):
    with pytest.raises(errors.PassphraseNotVisible) as ei:
        Store.create(data_dir, passphrase, secrets=secrets, kdf="test")
    err = ei.value
    assert isinstance(err, errors.PassphraseTooWeak)  # callers that catch the old error still do
    assert err.code == "passphrase_not_visible"
    assert "zichtbare tekens" in err.text("nl") and "visible characters" in err.text("en")
    assert str(keys.MIN_VISIBLE) in err.text("nl")
    assert not Store.exists(data_dir)


@pytest.mark.parametrize("passphrase", INVISIBLE[:3])
def test_invisible_passphrases_are_refused_at_change(data_dir, secrets, passphrase):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    with pytest.raises(errors.PassphraseNotVisible):
        s.change_passphrase(PASS, passphrase)
    s.close()
    Store.open(data_dir, PASS, secrets=secrets).close()  # the old passphrase still opens it


def test_invisible_characters_do_not_count_towards_the_length():
    with pytest.raises(errors.PassphraseTooWeak) as ei:
        keys.check_passphrase("abcdefg\u200b\u200b\u200b\u200b\u200b")
    assert ei.value.code == "passphrase_too_weak"
    assert "10" in ei.value.text("nl")


@pytest.mark.parametrize("passphrase", [
    "correct horse battery staple",
    "tien tekens",
    "'; DROP TABLE records; --",
    "nul\x00tussen\x00woorden",
    "éééééééééé",
    "e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301",  # decomposed accents
    "🐦🐦🐦🐦🐦🐦🐦🐦🐦🐦",
    "мой пароль длинный",
])
def test_ordinary_passphrases_are_accepted(passphrase):
    keys.check_passphrase(passphrase)
