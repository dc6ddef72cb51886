"""The one user-facing error hierarchy.

Every error that may reach a person derives from :class:`UserError`: it has a stable ``code`` (for
programs: the UI chooses what to show or do by code, never by class name or message words) and
``text(lang)``, one or two plain sentences in Dutch (``"nl"``, the default) or English (``"en"``)
saying what happened and what to do next. Texts never contain answers, names, passphrases,
tokens, keys or tracebacks.

Anything else that reaches the UI is a bug and goes to the crash dialog.
"""

from __future__ import annotations


class UserError(Exception):
    """Base of every error meant for the user.

    Attributes:
        code: a stable machine-readable name, e.g. ``wrong_passphrase`` or ``code_used``.
        nl: the message in Dutch.
        en: the message in English.
    """

    code: str = "error"
    nl: str = "Er ging iets mis."
    en: str = "Something went wrong."

    def text(self, lang: str = "nl") -> str:
        """The sentence for the user in ``lang`` ("en" gives English; anything else Dutch)."""
        return self.en if lang == "en" else self.nl


def is_user_error(exc: BaseException) -> bool:
    """True for an error meant for the user (shown as it is); False for a bug (crash dialog)."""
    return isinstance(exc, UserError)
