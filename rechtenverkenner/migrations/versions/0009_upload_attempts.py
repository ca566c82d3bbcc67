"""upload attempts: every checked file counts toward the upload limit, refused ones too

Revision ID: 0009
Revises: 0006 (re-chained after main: 0005 -> 0010 -> 0006 -> 0009)
Create Date: 2026-11-29 02:30:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "upload_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("upload_attempt", schema=None) as batch_op:
        batch_op.create_index("ix_upload_attempt_user_time", ["user_id", "created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("upload_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_upload_attempt_user_time")
    op.drop_table("upload_attempt")
