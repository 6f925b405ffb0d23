"""One SQLCipher connection per open vault, through SQLAlchemy's pysqlcipher dialect.

Choices, and why:
- WAL journal with `locking_mode=EXCLUSIVE` and `synchronous=FULL`: every commit is durable once
  it returns (one fsync), a killed process is recovered from the (encrypted) WAL on the next
  open, and in exclusive mode SQLite keeps its WAL index in memory instead of a `-shm` file. At
  rest, after a clean close, the vault is one file again.
- One connection (StaticPool) shared by the process, guarded by the vault's lock: the exclusive
  lock belongs to that connection, and a desktop app's few writers are simpler serialised than
  coordinated.
- `secure_delete` overwrites deleted content; `temp_store=MEMORY` keeps sorts and temporary
  tables off the disk; `foreign_keys` lets the schema protect references.
- SQLCipher's own log is silenced: it writes to stderr, which is nobody's business.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.pool import StaticPool

PAGE_SIZE = 4096

# Run on every new connection, after the dialect's `PRAGMA key`; the key has been verified by
# then (casus.vault.store.check_key_and_pages).
_CONNECTION_PRAGMAS = (
    "PRAGMA cipher_log_level = NONE",
    "PRAGMA locking_mode = EXCLUSIVE",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = FULL",
    "PRAGMA journal_mode = WAL",
)


def _configure(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _CONNECTION_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def make_engine(path: Path, key_spec: str) -> Engine:
    """An engine for the vault at `path`. Nothing touches the file until the first query.

    The key travels as the URL's password: the dialect sends it as `PRAGMA key` (quoted since
    SQLAlchemy 2.0.50) on the raw driver cursor, and SQLAlchemy masks passwords in every
    rendering of the URL, so it appears in no message.
    """
    url = URL.create("sqlite+pysqlcipher", password=key_spec, database=str(path))
    engine = create_engine(
        url,
        poolclass=StaticPool,
        # Statement parameters are case data: keep them out of every exception message.
        hide_parameters=True,
        # Waiting is pointless: the exclusive lock is held for a whole session.
        connect_args={"check_same_thread": False, "timeout": 0.2},
    )
    event.listen(engine, "connect", _configure)
    return engine
