"""versions and uploads

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 08:22:14.622008
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "right_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("right_id", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("document", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("published_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("right_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_right_version_right_id"), ["right_id"], unique=False)

    op.create_table(
        "upload",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("right_id", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("document", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("base_revision", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("right", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:

    with op.batch_alter_table("right", schema=None) as batch_op:
        batch_op.drop_column("revision")

    op.drop_table("upload")
    with op.batch_alter_table("right_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_right_version_right_id"))

    op.drop_table("right_version")
