"""One SQLCipher connection per open vault, through SQLAlchemy's pysqlcipher dialect.

Choices, and why:
- A rollback journal (`journal_mode=DELETE`) with `locking_mode=EXCLUSIVE` and
  `synchronous=FULL`: when a commit returns, the transaction is in the main file, whose every
  page SQLCipher authenticates (HMAC). A write-ahead log was measured beside it (0.3 ms a
  commit, 0.75 ms with a checkpoint after each, 0.65 ms for the journal, on the reference
  machine) and rejected: SQLite takes a WAL frame whose checksum fails for the end of the log,
  so one flipped byte in a log a killed writer left silently dropped every later commit, and a
  vault killed before its first checkpoint was a one-page main file beside its log. With the
  journal, a kill leaves at most an uncommitted transaction, which the next open rolls back;
  nothing committed lives outside the verified file. In exclusive mode the journal file stays
  while the vault is open (emptied after each commit) and goes at close: at rest the vault is
  one file. A vault made by an older version in WAL mode is converted at its next open.
- One connection (StaticPool) shared by the process, guarded by the vault's lock: the exclusive
  lock belongs to that connection, and a desktop app's few writers are simpler serialised than
  coordinated. It is the connection `open` verified the key on (see `make_engine`).
- `secure_delete` overwrites deleted content; `temp_store=MEMORY` keeps sorts and temporary
  tables off the disk; `foreign_keys` lets the schema protect references.
- SQLCipher's own log is silenced: it writes to stderr, which is nobody's business.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

PAGE_SIZE = 4096

# Run on every new connection, after `open_keyed` set the key; the key has been verified by
# then (casus.vault.store.check_key_and_pages).
_CONNECTION_PRAGMAS = (
    "PRAGMA cipher_log_level = NONE",
    "PRAGMA locking_mode = EXCLUSIVE",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = FULL",
    "PRAGMA journal_mode = DELETE",
    # A transaction's pages stay in memory until its commit, so its journal is written once,
    # in one segment (casus.vault.journal checks a journal before it is played back).
    "PRAGMA cache_spill = OFF",
)


def _configure(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _CONNECTION_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def open_keyed(path: Path, key_spec: str, *, exclusive: bool = True) -> Any:
    """A raw SQLCipher connection with the key set first, before anything reads the file.

    Exclusive locking keeps other processes out for as long as the vault is open; a new file
    being written by the backup API must not be exclusive, or SQLite keeps its rollback
    journal beside it after the copy.
    """
    connection = sqlcipher3.connect(str(path), check_same_thread=False, timeout=0.2)
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f'PRAGMA key = "{key_spec}"')
    if exclusive:
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
    return connection


def make_engine(path: Path, key_spec: str, verified_connection: Any = None) -> Engine:
    """An engine over one SQLCipher connection.

    SQLAlchemy's pysqlite dialect drives the sqlcipher3 module (same DB-API, SQLCipher inside),
    and the connection comes from our own `open_keyed`: so the key is set by us, first, and
    never travels in a URL, and the connection whose key `open` just verified is adopted as it
    is instead of opening the file a second time.
    """
    adopt = [verified_connection] if verified_connection is not None else []

    def connect() -> Any:
        return adopt.pop() if adopt else open_keyed(path, key_spec)

    engine = create_engine(
        "sqlite+pysqlite://",
        module=sqlcipher3.dbapi2,
        creator=connect,
        poolclass=StaticPool,
        # Statement parameters are case data: keep them out of every exception message.
        hide_parameters=True,
    )
    event.listen(engine, "connect", _configure)
    return engine
