"""review dates may be absent (never checked against the source); the log of catalogue changes

Revision ID: 0010
Revises: 0005
Create Date: 2026-11-29 02:30:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("right", schema=None) as batch_op:
        batch_op.alter_column("last_reviewed", existing_type=sa.Date(), nullable=True)
    op.create_table(
        "right_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("right_id", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("municipality", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
        sa.Column("scopes", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("changed_fields", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("right_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_right_change_changed_at"), ["changed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_right_change_municipality"), ["municipality"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("right_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_right_change_municipality"))
        batch_op.drop_index(batch_op.f("ix_right_change_changed_at"))
    op.drop_table("right_change")
    with op.batch_alter_table("right", schema=None) as batch_op:
        batch_op.alter_column("last_reviewed", existing_type=sa.Date(), nullable=False)
