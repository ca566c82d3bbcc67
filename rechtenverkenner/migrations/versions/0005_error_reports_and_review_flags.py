"""error reports and review flags

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 08:29:01.794706
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "review_flag",
        sa.Column("right_id", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("right_id"),
    )
    op.create_table(
        "error_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("right_id", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("message", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("closed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["closed_by"],
            ["user_account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("error_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_error_report_right_id"), ["right_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("error_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_error_report_right_id"))

    op.drop_table("error_report")
    op.drop_table("review_flag")
