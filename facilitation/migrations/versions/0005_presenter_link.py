"""presenter link

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

LIVE = sa.text("revoked_at IS NULL")


def upgrade() -> None:
    op.create_table(
        "presenter_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roundtable_id", sa.Integer(), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["roundtable_id"],
            ["roundtable.id"],
            name=op.f("fk_presenter_link_roundtable_id_roundtable"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["staff_user.id"],
            name=op.f("fk_presenter_link_created_by_staff_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_presenter_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_presenter_link_token_hash")),
    )
    # Each roundtable has at most one live link: a second one is refused by the database.
    op.create_index(
        "uq_presenter_link_live",
        "presenter_link",
        ["roundtable_id"],
        unique=True,
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )


def downgrade() -> None:
    op.drop_index("uq_presenter_link_live", table_name="presenter_link")
    op.drop_table("presenter_link")
