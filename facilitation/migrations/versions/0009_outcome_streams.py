"""outcome streams: the event's streams an outcome speaks to

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-12 14:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Outcomes recorded before speak to no stream beyond their own roundtable's.
    op.add_column(
        "outcome",
        sa.Column("stream_ids", sa.JSON(), nullable=False, server_default=sa.text("'[]'")),
    )


def downgrade() -> None:
    op.drop_column("outcome", "stream_ids")
