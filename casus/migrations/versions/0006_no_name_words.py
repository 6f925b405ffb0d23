"""Words a secretary marked "geen naam" in a meeting's notes.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meeting_no_name_word",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_id", "word", name="uq_no_name_meeting_word"),
    )
    with op.batch_alter_table("meeting_no_name_word", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_no_name_word_meeting_id"), ["meeting_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("meeting_no_name_word", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_no_name_word_meeting_id"))
    op.drop_table("meeting_no_name_word")
