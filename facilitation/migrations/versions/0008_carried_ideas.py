"""carried ideas: where an idea brought in from another roundtable came from

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-12 12:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both databases (SQLite has dropped columns in place since 3.35): a batch
# copy of the idea table would drop the old table, and with it, by cascade, every vote.


def upgrade() -> None:
    op.add_column("idea", sa.Column("origin", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("idea", "origin")
