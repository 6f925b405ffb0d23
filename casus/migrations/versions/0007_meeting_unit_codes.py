"""The unit codes a meeting has shown, kept so that every view of it shows the same ones.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meeting_unit_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("unit_key", sa.String(length=300), nullable=False),
        sa.Column("team_key", sa.String(length=300), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_id", "unit_key", "team_key", name="uq_meeting_unit_code"),
    )
    with op.batch_alter_table("meeting_unit_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_unit_code_meeting_id"), ["meeting_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("meeting_unit_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_unit_code_meeting_id"))
    op.drop_table("meeting_unit_code")
