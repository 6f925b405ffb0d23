"""Schema versions: Alembic, from the first revision on, run when a vault is opened."""

from __future__ import annotations

from functools import cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from casus.errors import NotAVaultError, VaultFromNewerVersionError


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", "casus:migrations")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> tuple[str, frozenset[str]]:
    """Head and all known revisions: fixed for a release, so read from disk once."""
    scripts = ScriptDirectory.from_config(_config())
    head = scripts.get_current_head()
    assert head is not None
    return head, frozenset(rev.revision for rev in scripts.walk_revisions())


def head_revision() -> str:
    return _scripts()[0]


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def needs_upgrade(connection: Connection) -> bool:
    """Whether the vault is behind this version's schema.

    Refuses a vault without a schema version (not ours) and one made by a newer Casus (we would
    not know its tables, and downgrading could lose data).
    """
    current = current_revision(connection)
    if current is None:
        raise NotAVaultError()
    if current == head_revision():
        return False
    if current not in _scripts()[1]:
        raise VaultFromNewerVersionError()
    return True


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Run the migrations inside the caller's transaction (all or nothing)."""
    command.upgrade(_config(connection), revision)
