"""Revisions 0007 and 0008 on a database in use: the rapporteur's outcomes and notes arrive,
ideas learn where a carried one came from, nothing else changes, and both go back cleanly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from facilitation.db import Base
from facilitation.migrations import alembic_config

IDEA = "SELECT id, prompt_id, participant_id, text, client_id, status, vote_count FROM idea"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A database at revision 0006 with a roundtable, a prompt and an idea in it."""
    command.upgrade(alembic_config(database_url), "0006")
    made = create_engine(database_url)
    rows = [
        "INSERT INTO event (id, slug, title, subtitle, venue, starts_on, ends_on, language, "
        "description) VALUES (1, 'w', 'Workshop', '', '', '', '', 'en', '')",
        "INSERT INTO roundtable (id, event_id, title, description, scheduled_on, position, "
        "join_code, status, settings, last_seq, created_at) VALUES (1, 1, 'Cities', '', '', 0, "
        "'ABCDEF', 'live', '{}', 0, '2025-06-04 09:00:00')",
        "INSERT INTO prompt (id, roundtable_id, text, kind, status, votes_per_participant, "
        "position, settings, created_at) VALUES (1, 1, 'What first?', 'ideas', 'open', 3, 1, "
        "'{}', '2025-06-04 09:00:00')",
        "INSERT INTO participant (id, event_id, name, affiliation, created_at) VALUES "
        "(1, 1, 'Alice', '', '2025-06-04 09:00:00')",
        "INSERT INTO idea (id, prompt_id, participant_id, text, client_id, status, vote_count, "
        "created_at) VALUES (1, 1, 1, 'Shade trees', 'a1', 'visible', 1, "
        "'2025-06-04 09:00:00')",
        "INSERT INTO vote (id, prompt_id, idea_id, participant_id, created_at) VALUES "
        "(1, 1, 1, 1, '2025-06-04 09:05:00')",
    ]
    with made.begin() as connection:
        for row in rows:
            connection.execute(text(row))
    yield made
    made.dispose()


def test_upgrading_adds_the_workspace_and_keeps_the_ideas(
    engine: Engine, database_url: str
) -> None:
    with engine.connect() as connection:
        before = connection.execute(text(IDEA)).all()
    command.upgrade(alembic_config(database_url), "head")
    tables = set(inspect(engine).get_table_names())
    assert {"outcome", "note_revision"} <= tables
    assert "origin" in {c["name"] for c in inspect(engine).get_columns("idea")}
    with engine.begin() as connection:
        assert connection.execute(text(IDEA)).all() == before
        connection.execute(
            text(
                "INSERT INTO note_revision (roundtable_id, version, text, created_at) "
                "VALUES (1, 1, 'Notes', '2025-06-04 10:00:00')"
            )
        )
    # One version number per roundtable's notes: a second save of version 1 is refused.
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO note_revision (roundtable_id, version, text, created_at) "
                "VALUES (1, 1, 'Other', '2025-06-04 10:00:01')"
            )
        )


def test_the_migrated_schema_is_the_models_schema(engine: Engine, database_url: str) -> None:
    command.upgrade(alembic_config(database_url), "head")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_downgrading_removes_them_and_keeps_the_ideas(engine: Engine, database_url: str) -> None:
    cfg = alembic_config(database_url)
    command.upgrade(cfg, "head")
    command.downgrade(cfg, "0006")
    assert not {"outcome", "note_revision"} & set(inspect(engine).get_table_names())
    assert "origin" not in {c["name"] for c in inspect(engine).get_columns("idea")}
    with engine.connect() as connection:
        assert [row.text for row in connection.execute(text(IDEA))] == ["Shade trees"]
        # The votes on the ideas survive the way down (a copied idea table would cascade).
        assert connection.execute(text("SELECT idea_id FROM vote")).scalars().all() == [1]
