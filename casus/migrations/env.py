"""Alembic environment: runs only on a connection handed over by casus.vault.schema.

There is no offline mode and no URL: a vault can only be migrated while it is open with its key.
"""

from alembic import context

from casus.model import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds the table inside the transaction.
    render_as_batch=True,
    # The caller owns the transaction: the whole upgrade commits or rolls back as one.
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
