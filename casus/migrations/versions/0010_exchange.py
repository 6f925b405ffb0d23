"""What travels between the parties' vaults: case cards received for the meeting (an agenda
item is a case or a card), the meeting's advice on the vault's own cases with its follow-ups,
and other parties' figures for the report.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "received_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.String(length=40), nullable=False),
        sa.Column("from_party", sa.String(length=200), nullable=False),
        sa.Column("signing_key", sa.LargeBinary(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("advised_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("card_id"),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.alter_column("case_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("received_card_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_agenda_item_received_card_id"), ["received_card_id"])
        batch_op.create_foreign_key(
            "fk_agenda_item_received_card", "received_card", ["received_card_id"], ["id"], ondelete="RESTRICT"
        )
        batch_op.create_unique_constraint("uq_agenda_meeting_card", ["meeting_id", "received_card_id"])
        batch_op.create_check_constraint(
            "ck_agenda_case_or_card", "(case_id IS NULL) <> (received_card_id IS NULL)"
        )
    with op.batch_alter_table("case_card", schema=None) as batch_op:
        batch_op.add_column(sa.Column("advice_id", sa.String(length=40), nullable=True))
        batch_op.create_unique_constraint("uq_case_card_advice_id", ["advice_id"])
    op.create_table(
        "meeting_advice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("from_party", sa.String(length=200), nullable=False),
        sa.Column("discussed_on", sa.Date(), nullable=False),
        sa.Column("discussion", sa.Text(), nullable=False),
        sa.Column("advice", sa.Text(), nullable=False),
        sa.Column("agreements", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting_advice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_advice_case_id"), ["case_id"], unique=False)
    op.create_table(
        "follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("advice_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["advice_id"], ["meeting_advice.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_up_advice_id"), ["advice_id"], unique=False)
    op.create_table(
        "figures_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.String(length=40), nullable=False),
        sa.Column("from_party", sa.String(length=200), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("figures", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("card_id"),
    )
    with op.batch_alter_table("figures_card", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_figures_card_from_party"), ["from_party"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("figures_card", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_figures_card_from_party"))
    op.drop_table("figures_card")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_advice_id"))
    op.drop_table("follow_up")
    with op.batch_alter_table("meeting_advice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_advice_case_id"))
    op.drop_table("meeting_advice")
    with op.batch_alter_table("case_card", schema=None) as batch_op:
        batch_op.drop_constraint("uq_case_card_advice_id", type_="unique")
        batch_op.drop_column("advice_id")
    op.execute("DELETE FROM agenda_item WHERE case_id IS NULL")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_constraint("ck_agenda_case_or_card", type_="check")
        batch_op.drop_constraint("uq_agenda_meeting_card", type_="unique")
        batch_op.drop_constraint("fk_agenda_item_received_card", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_agenda_item_received_card_id"))
        batch_op.drop_column("received_card_id")
        batch_op.alter_column("case_id", existing_type=sa.Integer(), nullable=False)
    op.drop_table("received_card")
