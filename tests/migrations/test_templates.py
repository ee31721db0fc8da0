"""Revision 0013 on a database in use: saved templates arrive, one name per event, and the
revision goes back cleanly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from facilitation.migrations import alembic_config

EVENT = (
    "INSERT INTO event (id, slug, title, subtitle, venue, starts_on, ends_on, language, "
    "description) VALUES (:id, :slug, 'Workshop', '', '', '', '', 'en', '')"
)
TEMPLATE = (
    "INSERT INTO roundtable_template (event_id, name, description, prompts, created_at) "
    "VALUES (:event_id, :name, '', '[{\"text\": \"What first?\"}]', '2025-06-04 09:00:00')"
)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A database at revision 0012 with two events in it."""
    command.upgrade(alembic_config(database_url), "0012")
    made = create_engine(database_url)
    with made.begin() as connection:
        connection.execute(text(EVENT), [{"id": 1, "slug": "a"}, {"id": 2, "slug": "b"}])
    yield made
    made.dispose()


def test_templates_arrive_with_one_name_per_event(engine: Engine, database_url: str) -> None:
    command.upgrade(alembic_config(database_url), "head")
    assert "roundtable_template" in inspect(engine).get_table_names()
    with engine.begin() as connection:
        connection.execute(text(TEMPLATE), [{"event_id": 1, "name": "Ours"}])
        connection.execute(text(TEMPLATE), [{"event_id": 2, "name": "Ours"}])
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text(TEMPLATE), [{"event_id": 1, "name": "Ours"}])


def test_downgrading_removes_the_templates_and_keeps_the_events(
    engine: Engine, database_url: str
) -> None:
    cfg = alembic_config(database_url)
    command.upgrade(cfg, "head")
    with engine.begin() as connection:
        connection.execute(text(TEMPLATE), [{"event_id": 1, "name": "Ours"}])
    command.downgrade(cfg, "0012")
    assert "roundtable_template" not in inspect(engine).get_table_names()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT slug FROM event ORDER BY id")).scalars().all() == [
            "a",
            "b",
        ]
