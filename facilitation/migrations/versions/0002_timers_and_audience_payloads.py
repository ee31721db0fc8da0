"""timers and audience payloads

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 00:13:58.589947
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("prompt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("timer_seconds", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("timer_advance", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index(
            batch_op.f("ix_prompt_timer_ends_at"), ["timer_ends_at"], unique=False
        )

    with op.batch_alter_table("room_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("public_payload", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("room_event", schema=None) as batch_op:
        batch_op.drop_column("public_payload")

    with op.batch_alter_table("prompt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_prompt_timer_ends_at"))
        batch_op.drop_column("timer_advance")
        batch_op.drop_column("timer_seconds")
