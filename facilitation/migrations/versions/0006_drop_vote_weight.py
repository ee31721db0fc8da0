"""drop vote weight

Every vote counts once: the weight column was always 1 and nothing read it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-10 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.drop_column("weight")


def downgrade() -> None:
    # Back as revision 0001 made it: every existing vote counted once.
    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.add_column(sa.Column("weight", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.alter_column("weight", existing_type=sa.Integer(), server_default=None)
