"""speakers' queue: raised hands and the turns they became

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 08:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "speaker_turn",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roundtable_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("called_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("lowered_at", sa.DateTime(), nullable=True),
        sa.Column("seconds", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["roundtable_id"],
            ["roundtable.id"],
            name=op.f("fk_speaker_turn_roundtable_id_roundtable"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_speaker_turn_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_turn")),
    )
    with op.batch_alter_table("speaker_turn", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_speaker_turn_roundtable_id"), ["roundtable_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("speaker_turn", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speaker_turn_roundtable_id"))
    op.drop_table("speaker_turn")
