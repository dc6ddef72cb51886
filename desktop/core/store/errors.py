"""Errors of the encrypted store, each with a plain sentence for the user.

Every error the UI may show derives from :class:`StoreError` and has ``.text(lang)`` returning
one or two sentences in Dutch (``"nl"``) or English (``"en"``) that say what happened and what to
do next. ``str(err)`` is the English text plus, for developers, a short technical detail that
never contains answers, passphrases or keys.
"""

from __future__ import annotations

from signaal_common.errors import UserError


class StoreError(UserError):
    """Base class of every error the store raises on purpose."""

    code = "store_error"
    nl: str = "Er ging iets mis met de beveiligde opslag."
    en: str = "Something went wrong with the secure store."

    def __init__(self, detail: str = "") -> None:
        self.detail = detail
        super().__init__(self._message())

    def _message(self) -> str:
        text = self.text("en")
        return f"{text} ({self.detail})" if self.detail else text

    def _fields(self) -> dict[str, object]:
        return {}

    def text(self, lang: str = "nl") -> str:
        """The plain sentence for the user in ``lang`` ("nl" or "en"; anything else gives Dutch)."""
        template = self.en if lang == "en" else self.nl
        return template.format(**self._fields())


class CodecMissing(StoreError):
    code = "codec_missing"
    nl = ("Signaal kan de versleutelde opslag niet gebruiken: de versleutelingsbibliotheek ontbreekt. "
          "Er is niets aangemaakt of geopend. Installeer Signaal opnieuw of neem contact op met uw "
          "beheerder.")
    en = ("Signaal cannot use its encrypted store: the encryption library is missing. Nothing was created "
          "or opened. Reinstall Signaal or contact your administrator.")


class NoStore(StoreError):
    code = "no_store"
    nl = "Er is op deze computer nog geen opslag van Signaal. Maak eerst een nieuwe opslag aan."
    en = "There is no Signaal store on this computer yet. Create a new store first."


class StoreExists(StoreError):
    code = "store_exists"
    nl = ("Er staat al een opslag van Signaal in deze map. Die wordt nooit overschreven: open hem met "
          "uw wachtwoordzin.")
    en = ("A Signaal store already exists in this folder. It is never overwritten: open it with your "
          "passphrase.")


class PassphraseTooWeak(StoreError):
    code = "passphrase_too_weak"
    nl = ("Kies een wachtwoordzin van minstens {minimum} tekens, bijvoorbeeld een paar woorden die "
          "alleen u kent.")
    en = "Choose a passphrase of at least {minimum} characters, for example a few words only you know."

    def __init__(self, minimum: int, detail: str = "") -> None:
        self.minimum = minimum
        super().__init__(detail)

    def _fields(self) -> dict[str, object]:
        return {"minimum": self.minimum}


class PassphraseNotVisible(PassphraseTooWeak):
    """Only spaces or invisible characters (zero-width spaces, control characters, blank letters)."""
    code = "passphrase_not_visible"
    nl = ("Een wachtwoordzin mag niet alleen uit spaties of onzichtbare tekens bestaan. Gebruik "
          "minstens {minimum} zichtbare tekens: letters, cijfers of leestekens.")
    en = ("A passphrase cannot consist of spaces or invisible characters alone. Use at least {minimum} "
          "visible characters: letters, digits or punctuation.")


class _Waiting(StoreError):
    def __init__(self, retry_after: float, detail: str = "") -> None:
        self.retry_after = max(0.0, float(retry_after))
        super().__init__(detail)

    def _fields(self) -> dict[str, object]:
        seconds = int(self.retry_after + 0.999)
        return {"seconds": seconds}

    def text(self, lang: str = "nl") -> str:
        base = super().text(lang)
        if self.retry_after <= 0:
            return base
        if lang == "en":
            return f"{base} You can try again in {self._fields()['seconds']} seconds."
        return f"{base} U kunt het over {self._fields()['seconds']} seconden opnieuw proberen."


class WrongPassphrase(_Waiting):
    """The passphrase does not unlock the key file. ``retry_after``: seconds before the next try."""
    code = "wrong_passphrase"

    nl = "De wachtwoordzin klopt niet. Controleer hoofdletters en toetsenbordindeling en probeer het opnieuw."
    en = "The passphrase is not correct. Check capitals and keyboard layout, then try again."


class UnlockThrottled(_Waiting):
    """Too many wrong passphrases: wait ``retry_after`` seconds (survives restarts)."""
    code = "unlock_throttled"

    nl = "Er is te vaak een verkeerde wachtwoordzin ingevoerd. Wacht even voordat u het opnieuw probeert."
    en = "A wrong passphrase was entered too often. Please wait before you try again."


class StoreDamaged(StoreError):
    code = "store_damaged"
    nl = ("De opslag is beschadigd of gewijzigd buiten Signaal om en wordt niet geopend. Er is niets "
          "aangepast. Zet niets terug en verwijder niets; neem contact op met uw beheerder.")
    en = ("The store is damaged or was changed outside Signaal, so it was not opened. Nothing was "
          "changed. Do not restore or delete anything; contact your administrator.")


class DeviceSecretMissing(StoreError):
    code = "device_secret_missing"
    nl = ("De wachtwoordzin klopt, maar het apparaatgeheim van deze opslag staat niet in de sleutelbos "
          "van dit gebruikersaccount (is de map gekopieerd naar een ander account of een andere computer?). "
          "Open Signaal op het account waar de opslag is aangemaakt, of neem contact op met uw beheerder.")
    en = ("The passphrase is correct, but this store's device secret is not in this user account's "
          "keyring (was the folder copied to another account or computer?). Open Signaal on the account "
          "where the store was created, or contact your administrator.")


class KeyringUnavailable(DeviceSecretMissing):
    """The store needs its device secret, but no acceptable keyring answers (locked, not running)."""
    code = "keyring_unavailable"

    nl = ("De wachtwoordzin klopt, maar deze opslag heeft ook de sleutelbos van dit account nodig en die "
          "is niet bereikbaar (vergrendeld of niet gestart). Ontgrendel of start de sleutelbos en probeer "
          "het opnieuw; lukt dat niet, neem dan contact op met uw beheerder.")
    en = ("The passphrase is correct, but this store also needs this account's keyring, which cannot be "
          "reached (locked or not running). Unlock or start the keyring and try again; if that does not "
          "help, contact your administrator.")


class StoreFromFuture(StoreError):
    code = "store_from_future"
    nl = ("Deze opslag is gemaakt door een nieuwere versie van Signaal (schema {found}; deze versie kent "
          "tot en met {supported}). Er is niets veranderd. Installeer de nieuwste versie van Signaal.")
    en = ("This store was made by a newer version of Signaal (schema {found}; this version knows up to "
          "{supported}). Nothing was changed. Install the latest version of Signaal.")

    def __init__(self, found: int, supported: int, detail: str = "") -> None:
        self.found = found
        self.supported = supported
        super().__init__(detail)

    def _fields(self) -> dict[str, object]:
        return {"found": self.found, "supported": self.supported}


class NotEditable(StoreError):
    code = "not_editable"
    nl = ("Deze melding kan niet meer worden gewijzigd (status: {state}). Moet er iets bij, maak dan "
          "een nieuwe melding.")
    en = ("This report can no longer be changed (state: {state}). If something needs adding, make a "
          "new report.")

    def __init__(self, record_id: str, state: str, detail: str = "") -> None:
        self.record_id = record_id
        self.state = state
        super().__init__(detail)

    def _fields(self) -> dict[str, object]:
        return {"state": self.state}


class RecordNotFound(StoreError, KeyError):
    code = "record_not_found"
    nl = "Deze melding bestaat niet (meer) in de opslag."
    en = "This report does not exist (any more) in the store."

    def __init__(self, record_id: str) -> None:
        self.record_id = record_id
        super().__init__(f"record {record_id}")

    def __str__(self) -> str:
        return self._message()


class StoreClosed(StoreError):
    code = "store_closed"
    nl = "De opslag is vergrendeld. Ontgrendel hem met uw wachtwoordzin."
    en = "The store is locked. Unlock it with your passphrase."


class ConfirmationRequired(StoreError):
    code = "confirmation_required"
    nl = "De opslag is niet verwijderd: de bevestiging ontbreekt of klopt niet."
    en = "The store was not deleted: the confirmation is missing or does not match."


class WritesMissing(StoreError):
    """The database is behind its high-water mark: acknowledged writes are not in it (R31).

    ``missing``: saved changes that are gone (at least: writes recorded in the audit log count one
    per entry, as that is how they are recognised); ``audit_missing``: audit entries cut off the end;
    ``audit_rewritten``: the last marked audit entry was replaced; ``mark_damaged``: the mark file
    itself is unreadable; ``autosave_missing``: the last autosave of a draft is gone.
    ``copy_name``: the folder (inside the data folder) where the damaged files were copied before
    anything else happened. The UI offers to open anyway:
    ``Store.open(..., accept_loss=True)``.
    """
    code = "writes_missing"
    nl = ("De opslag is beschadigd: {what_nl} Er is niets gewijzigd; een kopie van de beschadigde "
          "bestanden staat in de map ‘{copy_name}’ in uw gegevensmap. U kunt doorgaan met wat er nog "
          "is, of eerst contact opnemen met uw beheerder.")
    en = ("The store is damaged: {what_en} Nothing was changed; a copy of the damaged files is in the "
          "folder ‘{copy_name}’ in your data folder. You can go on with what is still there, or "
          "contact your administrator first.")

    def __init__(self, missing: int, audit_missing: int, *, audit_rewritten: bool = False,
                 mark_damaged: bool = False, autosave_missing: bool = False, copy_name: str = "",
                 detail: str = "") -> None:
        self.missing = missing
        self.audit_missing = audit_missing
        self.audit_rewritten = audit_rewritten
        self.mark_damaged = mark_damaged
        self.autosave_missing = autosave_missing
        self.copy_name = copy_name
        super().__init__(detail)

    def _fields(self) -> dict[str, object]:
        nl: list[str] = []
        en: list[str] = []
        if self.missing:
            nl.append(f"{self.missing} opgeslagen wijziging(en) ontbreken (concepten of meldingen die "
                      "al waren bewaard).")
            en.append(f"{self.missing} saved change(s) are missing (drafts or reports that had been "
                      "saved).")
        if self.autosave_missing:
            nl.append("De laatst automatisch opgeslagen wijzigingen van een concept ontbreken.")
            en.append("The most recent automatically saved changes to a draft are missing.")
        if self.audit_missing:
            nl.append(f"De laatste {self.audit_missing} regel(s) van het logboek ontbreken.")
            en.append(f"The last {self.audit_missing} entry(ies) of the audit log are missing.")
        if self.audit_rewritten:
            nl.append("Het logboek is gewijzigd.")
            en.append("The audit log was changed.")
        if self.mark_damaged:
            nl.append("Signaal kan niet meer nagaan of er opgeslagen wijzigingen ontbreken.")
            en.append("Signaal can no longer check whether saved changes are missing.")
        return {"what_nl": " ".join(nl), "what_en": " ".join(en), "copy_name": self.copy_name}


class StoreBusy(StoreError):
    """The store is open in another Signaal window or process, so it cannot be re-keyed now."""
    code = "store_busy"
    nl = ("De wachtwoordzin is niet gewijzigd: Signaal heeft de opslag nog ergens anders open. Sluit "
          "andere vensters van Signaal en probeer het opnieuw. Uw oude wachtwoordzin blijft geldig.")
    en = ("The passphrase was not changed: Signaal still has the store open elsewhere. Close other "
          "Signaal windows and try again. Your old passphrase stays valid.")


class BackupWrongPassphrase(StoreError):
    """The backup passphrase does not open this backup file."""
    code = "backup_wrong_passphrase"
    nl = ("De wachtwoordzin van de back-up klopt niet. Dit is de wachtwoordzin die u koos toen u de "
          "back-up maakte, niet die van Signaal zelf. Probeer het opnieuw.")
    en = ("The backup passphrase is not correct. It is the passphrase you chose when you made the "
          "backup, not the one of Signaal itself. Please try again.")


class BackupDamaged(StoreError):
    """Not a Signaal backup, a newer format, or changed or cut off (e.g. an interrupted copy)."""
    code = "backup_damaged"
    nl = ("Dit bestand is geen bruikbare back-up van Signaal: het is beschadigd, onvolledig of geen "
          "back-up. Er is niets teruggezet of gewijzigd. Gebruik een andere back-up.")
    en = ("This file is not a usable Signaal backup: it is damaged, incomplete or not a backup. Nothing "
          "was restored or changed. Use another backup.")


class RestoreWouldReplace(StoreError):
    """A store is already there; restoring would replace it. The UI asks, then restores with
    ``replace=True``. ``existing_newer``: True/False if known, None if the store there was not
    open to compare. Times are aware datetimes or None; counts are numbers of reports."""
    code = "restore_would_replace"
    nl = ("Er staat al een opslag van Signaal op deze computer{newer_nl}. Terugzetten vervangt die "
          "opslag door de back-up ({backup_count} melding(en), gemaakt {backup_at}); de huidige opslag "
          "wordt niet gewist maar apart bewaard in uw gegevensmap. Wilt u de back-up terugzetten?")
    en = ("There is already a Signaal store on this computer{newer_en}. Restoring replaces it with the "
          "backup ({backup_count} report(s), made {backup_at}); the current store is not deleted but "
          "kept aside in your data folder. Do you want to restore the backup?")

    def __init__(self, existing_newer: bool | None, existing_last: object, backup_made_at: object,
                 backup_count: int, existing_count: int | None, detail: str = "") -> None:
        self.existing_newer = existing_newer
        self.existing_last = existing_last
        self.backup_made_at = backup_made_at
        self.backup_count = backup_count
        self.existing_count = existing_count
        super().__init__(detail)

    @staticmethod
    def _when(value: object) -> str:
        fmt = getattr(value, "astimezone", None)
        return fmt().strftime("%d-%m-%Y %H:%M") if callable(fmt) else "?"

    def _fields(self) -> dict[str, object]:
        newer_nl = newer_en = ""
        if self.existing_newer:
            newer_nl = (f" met nieuwere gegevens dan de back-up ({self.existing_count} melding(en), "
                        f"laatst gewijzigd {self._when(self.existing_last)})")
            newer_en = (f" with newer data than the backup ({self.existing_count} report(s), last "
                        f"changed {self._when(self.existing_last)})")
        elif self.existing_newer is None:
            newer_nl = " (Signaal kan niet nagaan of die nieuwer is dan de back-up)"
            newer_en = " (Signaal cannot tell whether it is newer than the backup)"
        return {"newer_nl": newer_nl, "newer_en": newer_en, "backup_count": self.backup_count,
                "backup_at": self._when(self.backup_made_at)}
