"""Interrupted work is finished or undone at the next open, and what it left is removed.

A restore puts a backup in place of the vault in steps that can each be killed. It first
copies the current vault aside (so nothing is lost), stages the backup beside the vault,
and then writes an intent file: from that moment the restore is decided and is completed by
whoever comes next; before it, the old vault with every commit is what stands, and the
staged copy is removed. The intent is written only once the staged copy is complete and
durable, and removed only after the rename, so at every moment either the old vault or the
restored one opens.

A passphrase change writes the re-keyed copy beside the vault and renames it over the vault
once verified: a leftover copy means the rename never happened, and the old passphrase holds.
A backup interrupted while it was written leaves a `.partial` copy. Each of these is removed
at the next open, which says so in one line (`Vault.recovered`).
"""

from __future__ import annotations

import os
from pathlib import Path

from casus.vault.files import durable_replace, fsync_dir, remove_if_present, sidecar
from casus.vocabulary.dutch import counted

RESTORE_STAGED = ".restore"
RESTORE_INTENT = ".restore-intent"
REKEYED = ".rekey"
_INTENT_TEXT = b"casus: herstel van een reservekopie besloten\n"
# SQLite's companions of a database file.
_COMPANIONS = ("-journal", "-wal", "-shm")


def write_intent(vault_path: Path) -> None:
    """The restore is decided: the staged copy is complete and durable."""
    intent = sidecar(vault_path, RESTORE_INTENT)
    with open(intent, "wb") as handle:
        handle.write(_INTENT_TEXT)
        handle.flush()
        os.fsync(handle.fileno())
    fsync_dir(vault_path.parent)


def complete_restore(vault_path: Path) -> None:
    """Put the staged copy in place (if it is still beside the vault) and end the intent.

    The vault's own journal or log goes first: it belongs to the file being replaced and
    would be applied to the restored one."""
    staged = sidecar(vault_path, RESTORE_STAGED)
    if staged.exists():
        for companion in _COMPANIONS:
            remove_if_present(sidecar(vault_path, companion))
        durable_replace(staged, vault_path)
    remove_if_present(sidecar(vault_path, RESTORE_INTENT))
    fsync_dir(vault_path.parent)


def recover(vault_path: Path, backup_folder: Path) -> list[str]:
    """Finish or undo what an interrupted operation left; one Dutch line for each."""
    said: list[str] = []
    if sidecar(vault_path, RESTORE_INTENT).exists():
        complete_restore(vault_path)
        said.append("Een onderbroken herstel van een reservekopie is afgemaakt.")
    staged = sidecar(vault_path, RESTORE_STAGED)
    staged_leftovers = [staged, sidecar(staged, ".partial"), *(sidecar(staged, c) for c in _COMPANIONS)]
    if any(p.exists() for p in staged_leftovers):
        for path in staged_leftovers:
            remove_if_present(path)
        said.append("Een onderbroken herstel is ongedaan gemaakt: de kluis is zoals hij was.")
    rekeyed = sidecar(vault_path, REKEYED)
    rekey_leftovers = [rekeyed, *(sidecar(rekeyed, c) for c in _COMPANIONS)]
    if any(p.exists() for p in rekey_leftovers):
        for path in rekey_leftovers:
            remove_if_present(path)
        said.append("Een onderbroken wachtwoordwijziging is opgeruimd: het oude wachtwoord geldt nog.")
    removed = _interrupted_backups(backup_folder)
    if removed:
        said.append(f"Resten van een onderbroken reservekopie opgeruimd ({counted(removed, 'bestand')}).")
    if said:
        fsync_dir(vault_path.parent)
    return said


def _interrupted_backups(folder: Path) -> int:
    """A backup's `.partial` copy with its companions, and an empty journal or log beside a
    finished backup (left by a killed check). A non-empty log beside a copy kept before a
    restore is part of that copy and stays."""
    if not folder.is_dir():
        return 0
    removed = 0
    for path in folder.iterdir():
        name = path.name
        partial = ".partial" in name
        empty_companion = name.endswith(_COMPANIONS) and path.is_file() and path.stat().st_size == 0
        if path.is_file() and (partial or empty_companion):
            remove_if_present(path)
            removed += 1
    return removed
