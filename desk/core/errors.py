"""Errors of the desk that a registrar may see, each with a plain sentence in Dutch and English."""

from __future__ import annotations

from signaal_common.errors import UserError


class DeskError(UserError):
    code = "desk_error"
    nl = "Er ging iets mis in Signaal Desk."
    en = "Something went wrong in Signaal Desk."

    def __init__(self, detail: str = "") -> None:
        self.detail = detail
        super().__init__(f"{self.en} ({detail})" if detail else self.en)


class KeyFileUnreadable(DeskError):
    code = "key_file_unreadable"
    nl = ("Dit is geen sleutelbestand van Signaal. Kies het bestand dat 'signaal-receiver init' "
          "schreef (sealing-private.key).")
    en = ("This is not a Signaal key file. Choose the file 'signaal-receiver init' wrote "
          "(sealing-private.key).")


class KeyMissing(DeskError):
    code = "sealing_key_missing"
    nl = "De desk heeft de privésleutel van CoMensha nog niet. Importeer eerst het sleutelbestand."
    en = "The desk does not have CoMensha's private key yet. Import the key file first."


class KeyMismatch(DeskError):
    code = "sealing_key_mismatch"
    nl = ("Deze ontvanger verzegelt meldingen voor een andere sleutel dan de sleutel in deze desk. "
          "Controleer het adres en het sleutelbestand.")
    en = ("This receiver seals reports for another key than the one in this desk. Check the address "
          "and the key file.")


class NotEnrolled(DeskError):
    code = "not_enrolled"
    nl = "Deze desk is nog niet aangemeld bij de ontvanger. Meld hem aan met een eenmalige code."
    en = "This desk is not enrolled with the receiver yet. Enrol it with a one-time code."


class BadTransition(DeskError):
    code = "bad_transition"
    nl = "Deze stap past niet bij de huidige status van de melding."
    en = "This step does not fit the report's current state."


class NoSuchReport(DeskError):
    code = "no_such_report"
    nl = "Deze melding staat niet in de desk."
    en = "This report is not in the desk."


class BadInput(DeskError):
    code = "bad_input"
    nl = "Deze invoer is niet geldig."
    en = "This input is not valid."
