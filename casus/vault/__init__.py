"""The encrypted vault: one SQLCipher 4 file, Argon2id key, backups, migrations."""

from casus.vault.backup import BackupStore, VerifyReport
from casus.vault.passphrase_policy import PassphraseAssessment, assess_passphrase
from casus.vault.store import Vault, restore_backup

__all__ = [
    "BackupStore",
    "PassphraseAssessment",
    "Vault",
    "VerifyReport",
    "assess_passphrase",
    "restore_backup",
]
