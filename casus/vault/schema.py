"""Schema versions: Alembic, from the first revision on, run when a vault is opened."""

from __future__ import annotations

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


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


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
    known = {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}
    if current not in known:
        raise VaultFromNewerVersionError()
    return True


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Run the migrations inside the caller's transaction (all or nothing)."""
    command.upgrade(_config(connection), revision)
