"""Revision 0006 on a database in use: votes lose their unused weight, keep everything else,
and get it back (as 1) on the way down."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, inspect, text

from facilitation.migrations import alembic_config

VOTE = "SELECT id, prompt_id, idea_id, participant_id, created_at FROM vote"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A database at revision 0005 with one vote in it, and what it takes to hold one."""
    command.upgrade(alembic_config(database_url), "0005")
    made = create_engine(database_url)
    rows = [
        "INSERT INTO event (id, slug, title, subtitle, venue, starts_on, ends_on, language, "
        "description) VALUES (1, 'w', 'Workshop', '', '', '', '', 'en', '')",
        "INSERT INTO roundtable (id, event_id, title, description, scheduled_on, position, "
        "join_code, status, settings, last_seq, created_at) VALUES (1, 1, 'Cities', '', '', 0, "
        "'ABCDEF', 'live', '{}', 0, '2025-06-04 09:00:00')",
        "INSERT INTO participant (id, event_id, name, affiliation, created_at) VALUES "
        "(1, 1, 'Alice', '', '2025-06-04 09:00:00')",
        "INSERT INTO prompt (id, roundtable_id, text, kind, status, votes_per_participant, "
        "position, settings, created_at) VALUES (1, 1, 'What first?', 'ideas', 'open', 3, 1, "
        "'{}', '2025-06-04 09:00:00')",
        "INSERT INTO idea (id, prompt_id, participant_id, text, client_id, status, vote_count, "
        "created_at) VALUES (1, 1, 1, 'Shade trees', 'a1', 'visible', 1, '2025-06-04 09:00:00')",
        "INSERT INTO vote (id, prompt_id, idea_id, participant_id, weight, created_at) VALUES "
        "(1, 1, 1, 1, 1, '2025-06-04 09:05:00')",
    ]
    with made.begin() as connection:
        for row in rows:
            connection.execute(text(row))
    yield made
    made.dispose()


def vote_columns(engine: Engine) -> set[str]:
    return {column["name"] for column in inspect(engine).get_columns("vote")}


def test_upgrading_drops_the_weight_and_keeps_the_votes(engine: Engine, database_url: str) -> None:
    with engine.connect() as connection:
        before = connection.execute(text(VOTE)).all()
    command.upgrade(alembic_config(database_url), "head")
    assert "weight" not in vote_columns(engine)
    with engine.connect() as connection:
        assert connection.execute(text(VOTE)).all() == before


def test_downgrading_gives_every_vote_a_weight_of_one(engine: Engine, database_url: str) -> None:
    cfg = alembic_config(database_url)
    command.upgrade(cfg, "head")
    command.downgrade(cfg, "0005")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT weight FROM vote")).scalars().all() == [1]
    command.upgrade(cfg, "head")
    assert "weight" not in vote_columns(engine)
