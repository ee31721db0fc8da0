"""Alembic migrations, and bringing a database up to date safely from several processes."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from facilitation.db import make_engine

HERE = Path(__file__).resolve().parent
# Any constant will do: it names the lock that serialises migrations on PostgreSQL.
PG_LOCK_KEY = 727_001


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@contextmanager
def _sqlite_lock(url: str) -> Iterator[None]:
    path = url.split("///", 1)[-1]
    if not path or path == ":memory:":
        yield
        return
    lock_path = Path(path + ".migrate-lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def upgrade(url: str) -> None:
    """Bring the schema to the latest revision; concurrent callers wait for each other."""
    if url.startswith("sqlite"):
        with _sqlite_lock(url):
            command.upgrade(alembic_config(url), "head")
        return
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": PG_LOCK_KEY})
            try:
                cfg = alembic_config(url)
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")
                connection.commit()
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": PG_LOCK_KEY})
                connection.commit()
    finally:
        engine.dispose()
