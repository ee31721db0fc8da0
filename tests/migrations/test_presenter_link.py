"""Revision 0005 on a database in use: presenter links arrive, nothing else changes, and it
goes back cleanly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from facilitation.migrations import alembic_config

ROUNDTABLE = {"title": "Resilient cities", "join_code": "ABCDEF"}


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A database at revision 0004 with an event, a roundtable and a staff member in it."""
    command.upgrade(alembic_config(database_url), "0004")
    made = create_engine(database_url)
    with made.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO event (id, slug, title, subtitle, venue, starts_on, ends_on, "
                "language, description) VALUES (1, 'w', 'Workshop', '', '', '', '', 'en', '')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO roundtable (id, event_id, title, description, scheduled_on, "
                "position, join_code, status, settings, last_seq, created_at) VALUES "
                "(1, 1, :title, '', '', 0, :join_code, 'live', '{}', 7, '2025-06-04 09:00:00')"
            ),
            ROUNDTABLE,
        )
        connection.execute(
            text(
                "INSERT INTO staff_user (id, email, name, role, created_at) VALUES "
                "(1, 'f@example.org', 'F', 'facilitator', '2025-06-04 09:00:00')"
            )
        )
    yield made
    made.dispose()


def add_link(engine: Engine, link_id: int, *, revoked: bool = False) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO presenter_link (id, roundtable_id, nonce, token_hash, created_at, "
                "created_by, revoked_at) VALUES (:id, 1, :nonce, :hash, '2025-06-04 09:00:00', "
                "1, :revoked)"
            ),
            {
                "id": link_id,
                "nonce": f"n{link_id}",
                "hash": f"{link_id:064d}",
                "revoked": "2025-06-04 10:00:00" if revoked else None,
            },
        )


def test_upgrading_adds_presenter_links_and_keeps_the_roundtables(
    engine: Engine, database_url: str
) -> None:
    command.upgrade(alembic_config(database_url), "head")
    assert "presenter_link" in inspect(engine).get_table_names()
    with engine.connect() as connection:
        row = connection.execute(text("SELECT title, join_code, last_seq FROM roundtable")).one()
    assert tuple(row) == (ROUNDTABLE["title"], ROUNDTABLE["join_code"], 7)


def test_one_live_link_per_roundtable_however_many_revoked(
    engine: Engine, database_url: str
) -> None:
    command.upgrade(alembic_config(database_url), "head")
    add_link(engine, 1, revoked=True)
    add_link(engine, 2, revoked=True)
    add_link(engine, 3)
    with pytest.raises(IntegrityError):
        add_link(engine, 4)


def test_downgrading_removes_them_and_upgrading_again_works(
    engine: Engine, database_url: str
) -> None:
    cfg = alembic_config(database_url)
    command.upgrade(cfg, "head")
    add_link(engine, 1)
    command.downgrade(cfg, "0004")
    assert "presenter_link" not in inspect(engine).get_table_names()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM roundtable")).scalar() == 1
    command.upgrade(cfg, "head")
    add_link(engine, 1)
