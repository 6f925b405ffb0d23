"""The case owner's duties (issue 15): the vault's own settings (retention periods, feedback
terms), the ledger of destroyed cases (internal ids only), when the melder was told, and the
Woo ground chosen for a reviewed span.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "vault_setting",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "destruction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("destroyed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("destruction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_destruction_case_id"), ["case_id"], unique=False)
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.add_column(sa.Column("receipt_told_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("outcome_told_on", sa.Date(), nullable=True))
    with op.batch_alter_table("review_span", schema=None) as batch_op:
        batch_op.add_column(sa.Column("woo_ground", sa.String(length=12), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("review_span", schema=None) as batch_op:
        batch_op.drop_column("woo_ground")
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_column("outcome_told_on")
        batch_op.drop_column("receipt_told_on")
    with op.batch_alter_table("destruction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_destruction_case_id"))
    op.drop_table("destruction")
    op.drop_table("vault_setting")
