"""The party a vault belongs to, its own keys, the key cards of the other parties, and the
case cards it made (card id to case, kept here only).

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "own_party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "party",
            sa.Enum(
                "discriminatie_nl",
                "integrity_bureau",
                "diversity_bureau",
                "hr",
                name="party",
                native_enum=False,
                length=40,
                create_constraint=False,
            ),
            nullable=True,
        ),
        sa.Column("age_identity", sa.Text(), nullable=False),
        sa.Column("signing_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "known_party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("signing_key", sa.LargeBinary(), nullable=False),
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("known_party", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_known_party_name"), ["name"], unique=False)
    op.create_table(
        "case_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.String(length=40), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("to_party", sa.String(length=200), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("card_id"),
    )
    with op.batch_alter_table("case_card", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_card_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_card", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_card_case_id"))
    op.drop_table("case_card")
    with op.batch_alter_table("known_party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_known_party_name"))
    op.drop_table("known_party")
    op.drop_table("own_party")
