"""The case owner's choice of how the meeting sees the unit; what a reviewed span's
replacement needs.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "unit_generalisation",
                sa.Enum(
                    "code",
                    "cluster",
                    "none",
                    name="unitgeneralisation",
                    native_enum=False,
                    create_constraint=False,
                    length=40,
                ),
                nullable=False,
                server_default="code",
            )
        )

    with op.batch_alter_table("review_span", schema=None) as batch_op:
        batch_op.add_column(sa.Column("detail", sa.String(length=80), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("review_span", schema=None) as batch_op:
        batch_op.drop_column("detail")
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_column("unit_generalisation")
