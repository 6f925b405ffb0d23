"""Typed errors of the core, each with a Dutch message for the person at the keyboard.

Every error here is safe to show, print or log: the messages and attributes carry field names,
limits, line numbers and file paths the user chose, never a value typed into a case. That is
what lets the CLI print `str(error)` and the UI show it without a second thought. Callers that
catch a driver error (SQLCipher, JSON) raise one of these *from None*, so that a traceback
cannot drag the original message (which may quote data) along.
"""

from __future__ import annotations


class CasusError(Exception):
    """Base of every error the core raises on purpose; `str()` is the Dutch message."""

    message = "Er ging iets mis."

    def __init__(self, message: str | None = None) -> None:
        self.user_message = message or self.message
        super().__init__(self.user_message)


# --- vault -------------------------------------------------------------------------------------


class VaultError(CasusError):
    message = "De kluis kon niet worden gebruikt."


class VaultNotFoundError(VaultError):
    message = "Het kluisbestand bestaat niet."


class VaultExistsError(VaultError):
    message = "Er staat op deze plek al een bestand; kies een andere naam voor de nieuwe kluis."


class WrongPassphraseError(VaultError):
    message = "De wachtwoordzin klopt niet."


class NotAVaultError(VaultError):
    message = "Dit bestand is geen Casus-kluis."


class DamagedVaultError(VaultError):
    message = (
        "De kluis is beschadigd of er is aan geknoeid. Er is niets gewijzigd. "
        "Zet een reservekopie terug (casus restore)."
    )


class VaultInUseError(VaultError):
    message = (
        "Deze kluis is al geopend, in een ander venster of op een andere computer. Sluit hem daar eerst."
    )


class VaultClosedError(VaultError):
    message = "De kluis is vergrendeld. Ontgrendel hem eerst."


class VaultFromNewerVersionError(VaultError):
    message = "Deze kluis is gemaakt met een nieuwere versie van Casus. Werk Casus eerst bij."


class BackupError(VaultError):
    message = "De reservekopie kon niet worden gemaakt of teruggezet."


class DiskFullError(VaultError):
    message = "De schijf is vol. Er is niets gewijzigd; maak ruimte vrij en probeer het opnieuw."


# --- passphrase ---------------------------------------------------------------------------------


class WeakPassphraseError(CasusError):
    """The passphrase policy refused a new passphrase; `reasons` lists every Dutch reason."""

    message = "Deze wachtwoordzin is niet sterk genoeg."

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__(" ".join([self.message, *reasons]))


# --- input --------------------------------------------------------------------------------------


class ValidationError(CasusError):
    """One field failed validation. `field` is the code name, `label` its Dutch name."""

    message = "De invoer is niet geldig."

    def __init__(self, field: str, label: str, reason: str) -> None:
        self.field = field
        self.label = label
        self.reason = reason
        super().__init__(f"{label}: {reason}")


class OutputNotWrittenError(CasusError):
    """An export could not be written; the target is untouched and no partial file is left."""

    message = "Het bestand is niet geschreven."

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"{self.message} {reason}")


class NotFoundError(CasusError):
    message = "Het gevraagde item bestaat niet (meer)."


class ImportRejectedError(CasusError):
    """An import file was refused as a whole; nothing was written."""

    message = "Het importbestand is geweigerd; er is niets ingelezen."

    def __init__(self, line: int | None, reason: str) -> None:
        self.line = line
        self.reason = reason
        where = f"regel {line}: " if line is not None else ""
        super().__init__(f"{self.message} {where}{reason}")
