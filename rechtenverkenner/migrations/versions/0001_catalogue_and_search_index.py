"""catalogue and search index

Revision ID: 0001
Revises:
Create Date: 2026-11-28 06:56:53.138956
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "catalog_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("loaded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "right",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("linked_concept", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("sort_key", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("product_type", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("conditional", sa.Boolean(), nullable=False),
        sa.Column("municipality", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
        sa.Column("source_url", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("last_reviewed", sa.Date(), nullable=False),
        sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("document", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("right", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_right_linked_concept"), ["linked_concept"], unique=False)
        batch_op.create_index(batch_op.f("ix_right_municipality"), ["municipality"], unique=False)
        batch_op.create_index(batch_op.f("ix_right_sort_key"), ["sort_key"], unique=False)

    op.create_table(
        "search_vocabulary",
        sa.Column("term", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("df", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term"),
    )
    op.create_table(
        "right_facet",
        sa.Column("right_id", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("facet", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["right_id"],
            ["right.id"],
        ),
        sa.PrimaryKeyConstraint("right_id", "facet", "value"),
    )
    with op.batch_alter_table("right_facet", schema=None) as batch_op:
        batch_op.create_index("ix_right_facet_value", ["facet", "value", "right_id"], unique=False)

    op.create_table(
        "right_scope",
        sa.Column("scope", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("right_id", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["right_id"],
            ["right.id"],
        ),
        sa.PrimaryKeyConstraint("scope", "right_id"),
    )
    op.create_table(
        "search_term",
        sa.Column("term", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("right_id", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["right_id"],
            ["right.id"],
        ),
        sa.PrimaryKeyConstraint("term", "right_id"),
    )
    with op.batch_alter_table("search_term", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_term_right_id"), ["right_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("search_term", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_term_right_id"))

    op.drop_table("search_term")
    op.drop_table("right_scope")
    with op.batch_alter_table("right_facet", schema=None) as batch_op:
        batch_op.drop_index("ix_right_facet_value")

    op.drop_table("right_facet")
    op.drop_table("search_vocabulary")
    with op.batch_alter_table("right", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_right_sort_key"))
        batch_op.drop_index(batch_op.f("ix_right_municipality"))
        batch_op.drop_index(batch_op.f("ix_right_linked_concept"))

    op.drop_table("right")
    op.drop_table("catalog_state")
