"""Errors of the sync client and engine, meant for the person at the screen.

Every error carries a plain sentence in Dutch and English that says what happened and what to do
next (``err.text("nl")`` / ``err.text("en")``, or ``err.nl`` / ``err.en``). Messages never contain
tracebacks, tokens, answers or raw server pages: a server's reason is reduced to one printable line
of bounded length before it is shown.

``retryable`` tells the engine whether trying again later (with backoff) can help. A
``CertificateMismatch`` is retryable because a captive portal that intercepts TLS looks the same
as a machine in the middle, and goes away when the network changes; the UI still shows it.
"""

from __future__ import annotations

import unicodedata

from signaal_common.errors import UserError

REASON_MAX = 200


def plain_reason(text: object, limit: int = REASON_MAX) -> str:
    """A server-supplied reason made safe to show: one line, printable, at most ``limit`` chars."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    out = []
    for ch in text:
        if ch in "\r\n\t":
            out.append(" ")
        elif unicodedata.category(ch)[0] == "C":
            continue
        else:
            out.append(ch)
    line = " ".join("".join(out).split())
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return line


class SyncError(UserError):
    """Base of every error the sync client and engine report.

    Attributes:
        code: stable name (for a server's refusal: the receiver's own error code).
        nl: the message in Dutch.
        en: the message in English.
        retryable: whether a later attempt (with backoff) may succeed.
    """

    code = "sync_error"
    retryable = True
    nl = "Verzenden is niet gelukt. Signaal probeert het later opnieuw."
    en = "Sending did not work. Signaal will try again later."

    def __init__(self, nl: str | None = None, en: str | None = None) -> None:
        if nl is not None:
            self.nl = nl
        if en is not None:
            self.en = en
        super().__init__(self.en)

    def __str__(self) -> str:
        return self.en


class Unreachable(SyncError):
    """No answer: no network, connection refused or cut, timeout, 408 or 5xx."""

    code = "unreachable"
    nl = ("De server van CoMensha is nu niet bereikbaar. Uw meldingen blijven veilig in de wachtrij; "
          "Signaal verstuurt ze zodra er verbinding is.")
    en = ("CoMensha's server cannot be reached right now. Your reports stay safe in the queue; "
          "Signaal sends them as soon as there is a connection.")


class BadResponse(SyncError):
    """An answer that does not count: captive portal page, redirect, wrong content type,
    truncated or unparsable body, or receipts that do not verify."""

    code = "bad_response"
    nl = ("Er kwam een onverwacht antwoord terug (bijvoorbeeld een inlogpagina van een wifi-netwerk). "
          "Er is niets als verzonden gemarkeerd. Log zo nodig in op het netwerk; Signaal probeert het "
          "later opnieuw.")
    en = ("An unexpected answer came back (for example a Wi-Fi login page). Nothing was marked as "
          "sent. Sign in to the network if needed; Signaal will try again later.")


class CertificateMismatch(SyncError):
    """The server did not prove it is CoMensha's (pin or CA check failed, or the enrolment
    code's fingerprint hint does not match): possibly a machine in the middle."""

    code = "certificate_mismatch"
    nl = ("De server kon niet bewijzen dat hij van CoMensha is. Er is niets verstuurd. Gebruik een "
          "ander netwerk en neem contact op met CoMensha als dit blijft gebeuren.")
    en = ("The server could not prove that it belongs to CoMensha. Nothing was sent. Use another "
          "network and contact CoMensha if this keeps happening.")


class InsecureConnection(SyncError):
    """The TLS handshake failed for another reason than identity, e.g. only TLS < 1.2 offered."""

    code = "insecure_connection"
    nl = ("Er kon geen veilige verbinding met de server worden gemaakt. Er is niets verstuurd. "
          "Neem contact op met CoMensha als dit blijft gebeuren.")
    en = ("A secure connection to the server could not be made. Nothing was sent. Contact "
          "CoMensha if this keeps happening.")


class Unauthorized(SyncError):
    """401: the device token is unknown or the device was revoked. Needs a new enrolment."""

    retryable = False

    def __init__(self, revoked: bool = False) -> None:
        self.revoked = revoked
        self.code = "revoked" if revoked else "unauthorized"
        if revoked:
            nl = ("Dit apparaat is bij CoMensha ingetrokken. Uw meldingen blijven in de wachtrij. "
                  "Meld het apparaat opnieuw aan met een nieuwe code van CoMensha.")
            en = ("This device has been revoked by CoMensha. Your reports stay in the queue. "
                  "Enrol the device again with a new code from CoMensha.")
        else:
            nl = ("De server herkent dit apparaat niet (meer). Uw meldingen blijven in de wachtrij. "
                  "Meld het apparaat opnieuw aan met een nieuwe code van CoMensha.")
            en = ("The server does not recognise this device (any more). Your reports stay in the "
                  "queue. Enrol the device again with a new code from CoMensha.")
        super().__init__(nl, en)


class RateLimited(SyncError):
    """429: the server asks to wait ``retry_after`` seconds."""

    code = "rate_limited"
    def __init__(self, retry_after: float) -> None:
        self.retry_after = float(retry_after)
        secs = max(1, round(self.retry_after))
        super().__init__(
            f"De server is even druk. Signaal probeert het over {secs} seconden opnieuw.",
            f"The server is busy. Signaal will try again in {secs} seconds.",
        )


class NotAccepted(SyncError):
    """Another 4xx: the server refused the request and said why. Not retried on its own.

    ``code`` is the receiver's error code from the body (docs/protocol.md, "Errors and limits"),
    ``refused`` when the body named none.
    """

    retryable = False

    def __init__(self, status: int, reason: str = "", code: str = "") -> None:
        self.status = int(status)
        self.code = code or "refused"
        self.reason = plain_reason(reason)
        why = f" ({self.reason})" if self.reason else ""
        super().__init__(
            f"De server heeft het verzoek geweigerd{why}. Neem contact op met CoMensha als dit "
            "blijft gebeuren.",
            f"The server refused the request{why}. Contact CoMensha if this keeps happening.",
        )


_ENROLMENT_REFUSALS: dict[str, tuple[str, str]] = {
    "code_invalid": (
        "CoMensha kent deze aanmeldcode niet. Controleer de code, of vraag CoMensha om een nieuwe.",
        "CoMensha does not know this enrolment code. Check the code, or ask CoMensha for a new one."),
    "code_used": (
        "Deze aanmeldcode is al gebruikt; een code werkt maar één keer. Vraag CoMensha om een nieuwe.",
        "This enrolment code has already been used; a code works only once. Ask CoMensha for a new one."),
    "code_expired": (
        "Deze aanmeldcode is verlopen. Vraag CoMensha om een nieuwe.",
        "This enrolment code has expired. Ask CoMensha for a new one."),
}


class EnrolmentRefused(NotAccepted):
    """The receiver refused an enrolment code: ``code`` is ``code_invalid`` (unknown or mistyped),
    ``code_used`` (single use: used before) or ``code_expired``."""

    CODES = tuple(_ENROLMENT_REFUSALS)

    def __init__(self, status: int, code: str) -> None:
        super().__init__(status, "", code)
        self.nl, self.en = _ENROLMENT_REFUSALS[code]


class EnrolmentCodeInvalid(SyncError):
    """The enrolment code could not be read (typo, wrong format)."""

    code = "code_unreadable"
    retryable = False
    nl = "De aanmeldcode klopt niet. Controleer de code en typ hem opnieuw over."
    en = "The enrolment code is not valid. Check the code and type it again."


__all__ = [
    "BadResponse",
    "CertificateMismatch",
    "EnrolmentCodeInvalid",
    "EnrolmentRefused",
    "InsecureConnection",
    "NotAccepted",
    "RateLimited",
    "SyncError",
    "Unauthorized",
    "Unreachable",
    "plain_reason",
]
