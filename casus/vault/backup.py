"""Encrypted backups: whole-vault copies under a key of their own, rotated, verified after writing.

A backup is exported (`sqlcipher_export`, in one read transaction, so it holds one committed
state) into a new SQLCipher file keyed from the passphrase with a fresh salt: it opens with the
passphrase that was valid when it was made, without the vault, and no page of it verifies in
the vault or in another backup (each page's HMAC key depends on the salt). It is written under
a temporary name and renamed into place only after it verified, so a crash or a full disk never
leaves a half backup that looks whole.

Backups live in a folder beside the vault (`<vault>.backups/`), named by UTC time only: the name
says nothing about the contents.
"""

from __future__ import annotations

import datetime as dt
import errno
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from casus.errors import BackupError, DiskFullError
from casus.vault.connection import open_keyed
from casus.vault.files import durable_replace, remove_if_present

DEFAULT_KEEP = 10
BACKUP_SUFFIX = ".backup.casus"


def default_backup_dir(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + ".backups")


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of SQLCipher's and SQLite's own checks; `problems` are safe to show."""

    cipher_ok: bool
    integrity_ok: bool
    foreign_keys_ok: bool
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.cipher_ok and self.integrity_ok and self.foreign_keys_ok


def verify_connection(connection: Any) -> VerifyReport:
    """Run `cipher_integrity_check`, `integrity_check` and `foreign_key_check` on a raw
    sqlcipher3 connection. The findings name pages, tables and row ids, never contents. A file
    too damaged for a check to finish is a finding, not an exception."""
    try:
        cipher = [row[0] for row in connection.execute("PRAGMA cipher_integrity_check").fetchall()]
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
        integrity = [line for line in integrity if line != "ok"]
        foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
    except sqlcipher3.DatabaseError:
        return VerifyReport(True, False, False, ("structuur: de kluis is te beschadigd om te controleren",))
    problems = [
        *(f"versleuteling: {line}" for line in cipher),
        *(f"structuur: {line}" for line in integrity),
        *(f"verwijzing: tabel {row[0]}, rij {row[1]} verwijst naar {row[2]}" for row in foreign),
    ]
    return VerifyReport(not cipher, not integrity, not foreign, tuple(problems))


def verify_file(path: Path, key_spec: str) -> VerifyReport:
    """Every check on a closed file (a backup, a re-keyed copy) opened with the given key."""
    connection = open_keyed(path, key_spec)
    try:
        return verify_connection(connection)
    finally:
        connection.close()


def export_into(source_connection: Any, target: Path, key_spec: str) -> None:
    """Every table, index and trigger of the open database into a new file under another key."""
    source_connection.execute(f'ATTACH DATABASE ? AS exported KEY "{key_spec}"', (str(target),))
    try:
        source_connection.execute("SELECT sqlcipher_export('exported')")
    finally:
        source_connection.execute("DETACH DATABASE exported")


class BackupStore:
    """The rotated backups of one vault."""

    def __init__(self, vault_path: Path, folder: Path | None = None, keep: int = DEFAULT_KEEP):
        self.vault_path = vault_path
        self.folder = folder or default_backup_dir(vault_path)
        self.keep = keep

    def list(self) -> list[Path]:
        """Newest first."""
        if not self.folder.is_dir():
            return []
        pattern = f"{self.vault_path.stem}-*{BACKUP_SUFFIX}"
        return sorted(self.folder.glob(pattern), reverse=True)

    def new_path(self, label: str = "") -> Path:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        tag = f"-{label}" if label else ""
        return self.folder / f"{self.vault_path.stem}-{stamp}{tag}{BACKUP_SUFFIX}"

    def write(self, source_connection: Any, key_spec: str, label: str = "") -> Path:
        """Copy the open vault (a raw sqlcipher3 connection) into a new, verified backup keyed
        with `key_spec`: a key and salt of the backup's own (casus.vault.store.Vault.backup),
        so that no page of it verifies inside the vault or inside another backup. SQLite's
        backup API copies pages under one key; `sqlcipher_export` re-encrypts them."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.new_path(label)
        partial = target.with_name(target.name + ".partial")
        try:
            export_into(source_connection, partial, key_spec)
            if not verify_file(partial, key_spec).ok:
                raise BackupError()
            durable_replace(partial, target)
        except (OSError, sqlcipher3.DatabaseError) as error:
            remove_if_present(partial)
            if _is_disk_full(error):
                raise DiskFullError() from None
            raise BackupError() from None
        except BaseException:
            remove_if_present(partial)
            raise
        self.rotate()
        return target

    def rotate(self) -> None:
        for old in self.list()[self.keep :]:
            remove_if_present(old)


def _is_disk_full(error: BaseException) -> bool:
    if isinstance(error, OSError):
        return error.errno == errno.ENOSPC
    return "full" in str(error).lower()
