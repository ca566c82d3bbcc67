"""LPDC: a right's end date (an ended right is left out of search) and the position of each LPDC feed

Revision ID: 0007
Revises: 0009
Create Date: 2026-11-29 02:40:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("right") as batch:
        batch.add_column(sa.Column("end_date", sa.Date(), nullable=True))
    # search leaves ended rights out on every request: the few ended rows are found through this index, not by
    # reading all rights
    op.create_index("ix_right_end_date", "right", ["end_date"])
    op.create_table(
        "lpdc_feed",
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("page", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("high_water", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("url"),
    )


def downgrade() -> None:
    op.drop_table("lpdc_feed")
    op.drop_index("ix_right_end_date", table_name="right")
    with op.batch_alter_table("right") as batch:
        batch.drop_column("end_date")
