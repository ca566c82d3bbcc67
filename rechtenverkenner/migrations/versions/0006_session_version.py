"""session version on accounts: signing out, a password reset or disabling an account ends every session

Revision ID: 0006
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0010"  # the chain: 0005 → 0010 → 0006 → 0009 → 0007 (the order the branches landed)
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_version", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("session_version")
