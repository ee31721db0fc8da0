"""posted attribution and ending a roundtable

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 12:30:00.000000
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Most protective last: an idea keeps the attribution it was posted under, or a stricter one.
ORDER = ("named", "affiliation", "anonymous")


# Settings as stored, by whichever version wrote them: free-form JSON.
def _settings(raw: Any) -> dict[str, Any]:
    if isinstance(raw, str):
        raw = json.loads(raw or "{}")
    return raw if isinstance(raw, dict) else {}


def upgrade() -> None:
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("attribution", sa.String(length=20), nullable=False, server_default="named")
        )
    with op.batch_alter_table("roundtable", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ended_at", sa.DateTime(), nullable=True))

    # Ideas posted before this revision were shown under their prompt's attribution as it
    # is now; they keep exactly that, so upgrading reveals nothing new.
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT prompt.id, prompt.settings, roundtable.settings FROM prompt "
            "JOIN roundtable ON roundtable.id = prompt.roundtable_id"
        )
    ).all()
    for prompt_id, prompt_settings, roundtable_settings in rows:
        chosen = _settings(prompt_settings).get("attribution") or _settings(
            roundtable_settings
        ).get("attribution")
        if chosen in ORDER and chosen != "named":
            connection.execute(
                sa.text("UPDATE idea SET attribution = :chosen WHERE prompt_id = :prompt_id"),
                {"chosen": chosen, "prompt_id": prompt_id},
            )


def downgrade() -> None:
    with op.batch_alter_table("roundtable", schema=None) as batch_op:
        batch_op.drop_column("ended_at")
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.drop_column("attribution")
