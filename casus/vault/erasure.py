"""Erasing a destroyed case from one SQLCipher file: the vault itself, each of its backups, and
a backup being restored (issue 15). One set of statements for all three, in plain SQL over a
DB-API connection, because a backup may be at an older schema revision than the vault: a
statement about a table or column the file does not have is skipped.

What goes: the case's texts, reference and incident date; its people (when no other case has
them), reviews, case cards, agenda items with their notes and actions, the meeting's advice
and follow-ups, notes on interventions and advice, and every audit line about the case. What
stays is what the figures of earlier periods count (received, channel, category, grounds,
unit, outcome, intervention and advice types and statuses), under a random reference, and
one audit line that a case was destroyed, without its id. `secure_delete` is on, and the file
is vacuumed afterwards, so no freed page keeps the old content.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from casus.errors import BackupError
from casus.vault.backup import BackupStore, verify_connection
from casus.vault.connection import open_keyed
from casus.vault.files import durable_copy, durable_replace, fsync_dir, remove_if_present
from casus.vault.kdf import derive_key, sqlcipher_key_spec

ERASED_PREFIX = "VERNIETIGD-"
DONE = "klaar"  # a ledger line "<id> klaar": that destruction reached every backup
# (table, column that must exist, statement); "?" is the case's internal id.
_STATEMENTS: tuple[tuple[str, str, str], ...] = (
    ("review_span", "review_id",
     "DELETE FROM review_span WHERE review_id IN (SELECT id FROM review WHERE case_id = ?)"),
    ("review", "case_id", "DELETE FROM review WHERE case_id = ?"),
    ("action", "agenda_item_id",
     "DELETE FROM action WHERE agenda_item_id IN (SELECT id FROM agenda_item WHERE case_id = ?)"),
    ("agenda_item", "case_id", "DELETE FROM agenda_item WHERE case_id = ?"),
    ("follow_up", "advice_id",
     "DELETE FROM follow_up WHERE advice_id IN (SELECT id FROM meeting_advice WHERE case_id = ?)"),
    ("meeting_advice", "case_id", "DELETE FROM meeting_advice WHERE case_id = ?"),
    ("case_card", "case_id", "DELETE FROM case_card WHERE case_id = ?"),
    ("intervention", "note", "UPDATE intervention SET note = '', deciding_role = NULL WHERE case_id = ?"),
    ("repair_advice", "rationale", "UPDATE repair_advice SET rationale = '' WHERE case_id = ?"),
    ("audit_event", "entity_id", "DELETE FROM audit_event WHERE entity = 'case' AND entity_id = ?"),
)  # fmt: skip


def _columns(connection: Any, table: str) -> set[str]:
    return {row[1] for row in connection.execute(f"PRAGMA table_info({table})").fetchall()}


def erase_case(connection: Any, case_id: int, actor: str, at: dt.datetime | None = None) -> bool:
    """Erases the case inside the connection's current transaction (the caller commits);
    whether the file has the case at all (not: a backup older than the case)."""
    row = connection.execute("SELECT status, reference FROM case_file WHERE id = ?", (case_id,)).fetchone()
    if row is None:
        return False
    if row[0] == "destroyed" and str(row[1]).startswith(ERASED_PREFIX):
        return True  # erased before (a backup rewritten at the time): nothing left to erase
    when = (at or dt.datetime.now(dt.UTC).replace(tzinfo=None)).isoformat(sep=" ")
    for table, column, statement in _STATEMENTS:
        if column in _columns(connection, table):
            connection.execute(statement, (case_id,))
    involved = connection.execute("SELECT person_id FROM involvement WHERE case_id = ?", (case_id,))
    people = [r[0] for r in involved.fetchall()]
    connection.execute("DELETE FROM involvement WHERE case_id = ?", (case_id,))
    for person_id in people:
        connection.execute(
            "DELETE FROM person WHERE id = ? AND id NOT IN (SELECT person_id FROM involvement)", (person_id,)
        )
    cleared = ["facts = ''", "question = ''", "prior_advice = ''", "incident_date = NULL",
               "retention_date = NULL", "status = 'destroyed'", "reference = ?"]  # fmt: skip
    reference = f"{ERASED_PREFIX}{secrets.token_hex(6).upper()}"  # unique, and says nothing
    connection.execute(f"UPDATE case_file SET {', '.join(cleared)} WHERE id = ?", (reference, case_id))
    if "payload" in _columns(connection, "identifier_index"):
        connection.execute("DELETE FROM identifier_index")  # built again from what is left
    connection.execute(
        "INSERT INTO audit_event (at, actor, action, entity, entity_id, fields) "
        "VALUES (?, ?, 'destroy', 'case', NULL, '[]')",
        (when, actor),
    )
    if "case_id" in _columns(connection, "destruction"):
        connection.execute("INSERT INTO destruction (case_id, destroyed_at) VALUES (?, ?)", (case_id, when))
    return True


def compact(connection: Any) -> None:
    """Rewrites the file without its free pages (outside any transaction)."""
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("PRAGMA temp_store = MEMORY")  # VACUUM's working copy never in a temp file
    connection.execute("VACUUM")


# -- the ledger beside the vault, and the backups ------------------------------------------------

LEDGER_SUFFIX = ".vernietigd"
_SALT_BYTES = 16


def ledger_path(vault_path: Path) -> Path:
    """Beside the vault: the internal ids of destroyed cases and when, nothing else, so that a
    restore of an older backup (made with whatever passphrase) can destroy them again."""
    return vault_path.with_name(vault_path.name + LEDGER_SUFFIX)


def _ledger_lines(vault_path: Path) -> list[list[str]]:
    try:
        lines = ledger_path(vault_path).read_text("ascii").splitlines()
    except (FileNotFoundError, UnicodeDecodeError):
        return []
    return [line.split() for line in lines if line.split() and line.split()[0].isdigit()]


def read_ledger(vault_path: Path) -> list[int]:
    """Every case destroyed, or about to be: a restore destroys them all again."""
    return list(dict.fromkeys(int(words[0]) for words in _ledger_lines(vault_path)))


def pending_in_ledger(vault_path: Path) -> list[int]:
    """Destructions begun and not finished (a crash, a kill, a full disk between the vault and
    the last backup): the next open finishes them, with the passphrase it was given."""
    done = {int(words[0]) for words in _ledger_lines(vault_path) if words[1:] == [DONE]}
    return [case_id for case_id in read_ledger(vault_path) if case_id not in done]


def add_to_ledger(vault_path: Path, case_id: int, at: dt.datetime) -> None:
    """Before anything is erased, so a destruction that is interrupted is one the next open
    knows to finish: the ledger is a log of intent first, of completion (`mark_done`) after."""
    _append(vault_path, f"{case_id} {at:%Y-%m-%dT%H:%M:%S}")


def mark_done(vault_path: Path, case_id: int) -> None:
    """The case is gone from the vault and from every backup."""
    _append(vault_path, f"{case_id} {DONE}")


def _append(vault_path: Path, line: str) -> None:
    path = ledger_path(vault_path)
    with open(path, "a", encoding="ascii") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    fsync_dir(path.parent)


@dataclass(frozen=True)
class BackupsErased:
    """What happened to the backups: file names only (they say when, never what)."""

    rewritten: tuple[str, ...]
    removed: tuple[str, ...]  # made with another passphrase: they cannot be opened to erase
    untouched: tuple[str, ...]  # older than the case: it was never in them


def erase_in_file(path: Path, key_spec: str, case_ids: list[int], actor: str) -> tuple[list[int], bool]:
    """Erases the cases from one SQLCipher file, through a verified copy put in its place;
    returns those that were in it, and whether the file changed (a file with nothing left to
    erase is left as it was)."""
    partial = path.with_name(path.name + ".partial")
    durable_copy(path, partial)
    connection = open_keyed(partial, key_spec)
    try:
        connection.execute("PRAGMA secure_delete = ON")
        connection.execute("BEGIN IMMEDIATE")
        changes = connection.total_changes
        found = [case_id for case_id in case_ids if erase_case(connection, case_id, actor)]
        connection.execute("COMMIT")
        erased = connection.total_changes != changes
        if erased:
            compact(connection)
            ok = verify_connection(connection).ok
    finally:
        connection.close()
    if not erased:
        remove_if_present(partial)
        return found, False
    if not ok:
        remove_if_present(partial)
        raise BackupError()
    durable_replace(partial, path)
    return found, True


def keep_in_ledger(vault_path: Path, case_ids: list[int]) -> None:
    """After a restore: only the destroyed cases the restored vault holds stay in the ledger.
    The others were made after that backup; their ids will be given to new cases, which a
    later restore must not destroy."""
    path = ledger_path(vault_path)
    kept = [line for line in path.read_text("ascii").splitlines() if line.split() and
            line.split()[0].isdigit() and int(line.split()[0]) in case_ids]  # fmt: skip
    partial = path.with_name(path.name + ".partial")
    partial.write_text("".join(line + "\n" for line in kept), "ascii")
    durable_replace(partial, path)


def erase_from_backups(store: BackupStore, passphrase: str, case_ids: list[int], actor: str) -> BackupsErased:
    rewritten, removed, untouched = [], [], []
    for backup in store.list():
        with open(backup, "rb") as handle:
            salt = handle.read(_SALT_BYTES)  # a backup's own salt, in the clear at its start
        key_spec = sqlcipher_key_spec(derive_key(passphrase, salt), salt)
        if not _opens(backup, key_spec):
            remove_if_present(backup)
            removed.append(backup.name)
        elif erase_in_file(backup, key_spec, case_ids, actor)[1]:
            rewritten.append(backup.name)
        else:
            untouched.append(backup.name)
    if removed:
        fsync_dir(store.folder)
    return BackupsErased(tuple(rewritten), tuple(removed), tuple(untouched))


def _opens(path: Path, key_spec: str) -> bool:
    connection = open_keyed(path, key_spec, exclusive=False)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        connection.close()
