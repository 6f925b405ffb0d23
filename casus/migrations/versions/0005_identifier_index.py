"""The vault-wide gate's indices, kept in the vault with the generation they were built from.

`generation` is raised by triggers on every insert, delete and relevant update of a person,
a case (its reference and incident date) or a unit, whichever code path writes: the kept
indices are valid exactly while their `built_generation` equals it. A later migration that
rebuilds `person`, `case_file` or `org_unit` (a batch_alter_table on SQLite copies the table and drops its
triggers) must create these triggers again; tests/test_identifier_index.py checks that the
head schema has them.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BUMP = "UPDATE identifier_index SET generation = generation + 1;"
TRIGGERS = {
    "person_identifiers_inserted": "AFTER INSERT ON person",
    "person_identifiers_deleted": "AFTER DELETE ON person",
    "person_identifiers_updated": "AFTER UPDATE OF name, email, phone, employee_number ON person",
    "case_identifiers_inserted": "AFTER INSERT ON case_file",
    "case_identifiers_deleted": "AFTER DELETE ON case_file",
    "case_identifiers_updated": "AFTER UPDATE OF reference, incident_date ON case_file",
    "unit_identifiers_inserted": "AFTER INSERT ON org_unit",
    "unit_identifiers_deleted": "AFTER DELETE ON org_unit",
    "unit_identifiers_updated": "AFTER UPDATE ON org_unit",
}


def upgrade() -> None:
    op.create_table(
        "identifier_index",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("built_generation", sa.Integer(), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), server_default="", nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO identifier_index (id, generation, fingerprint) VALUES (1, 0, '')")
    for name, event in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {event} BEGIN {_BUMP} END")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("identifier_index")
