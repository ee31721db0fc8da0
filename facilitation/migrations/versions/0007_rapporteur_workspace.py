"""the rapporteur's workspace: outcomes and shared notes

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-12 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _staff(column: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        ["staff_user.id"],
        name=op.f(f"fk_{table}_{column}_staff_user"),
        ondelete="SET NULL",
    )


def _roundtable(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["roundtable_id"],
        ["roundtable.id"],
        name=op.f(f"fk_{table}_roundtable_id_roundtable"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "outcome",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roundtable_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("due", sa.String(length=10), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("sdgs", sa.JSON(), nullable=False),
        sa.Column("source_idea_ids", sa.JSON(), nullable=False),
        sa.Column("source_theme_ids", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _roundtable("outcome"),
        _staff("created_by", "outcome"),
        _staff("updated_by", "outcome"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome")),
        sa.UniqueConstraint("roundtable_id", "client_id", name=op.f("uq_outcome_roundtable_id")),
    )
    op.create_index(op.f("ix_outcome_roundtable_id"), "outcome", ["roundtable_id"])
    op.create_table(
        "note_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roundtable_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _roundtable("note_revision"),
        _staff("staff_id", "note_revision"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note_revision")),
        sa.UniqueConstraint(
            "roundtable_id", "version", name=op.f("uq_note_revision_roundtable_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("note_revision")
    op.drop_index(op.f("ix_outcome_roundtable_id"), table_name="outcome")
    op.drop_table("outcome")
