"""User interface language: Qt translators for Signaal's own texts and Qt's standard buttons.

Source strings are English in the code (``self.tr`` / ``translate``); ``resources/i18n/signaal_nl.ts``
and ``signaal_en.ts`` hold the translations, built to ``.qm`` by ``make translations`` (a build
step: the app only loads them). Form texts
do not come from here: they are in the form definitions (``Text.nl`` / ``Text.en``).

Installing a translator makes Qt send ``QEvent.LanguageChange`` to every widget; widgets answer
with ``retranslate()``, so a switch needs no restart.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.core import paths

if TYPE_CHECKING:  # forms (pydantic) is not loaded with the first screen
    from forms.model_base import Text

log = logging.getLogger(__name__)

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

_current = DEFAULT_LANGUAGE
_translators: list[QTranslator] = []


def i18n_dir() -> Path:
    return paths.resource_dir() / "i18n"


def current_language() -> str:
    return _current


def language_names() -> dict[str, str]:
    """Each language named in itself, so a user can always find their own."""
    return {"nl": "Nederlands", "en": "English"}


def catalogue(lang: str) -> Path:
    """The compiled catalogue of ``lang``: built by ``make translations`` from its .ts, shipped
    as is in the frozen app."""
    return i18n_dir() / f"signaal_{lang}.qm"


def set_language(lang: str) -> str:
    """Install the translators for ``lang`` ("nl" or "en") and return the language in use."""
    global _current
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    app = QCoreApplication.instance()
    for translator in _translators:
        if app is not None:
            QCoreApplication.removeTranslator(translator)
    _translators.clear()
    own = QTranslator()
    if own.load(str(catalogue(lang))):
        _translators.append(own)
    else:
        log.warning("no %s catalogue (make translations); texts stay in the source language", lang)
    qt_base = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_base.load(QLocale(lang), "qtbase", "_", qt_dir):
        _translators.append(qt_base)
    _current = lang
    if lang == "nl":
        QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    if app is not None:
        for translator in _translators:
            QCoreApplication.installTranslator(translator)
    return lang


def text(value: Text | str | None, lang: str | None = None) -> str:
    """A form definition's ``Text`` (Dutch and English) in ``lang``, by default the current language."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang or _current)
