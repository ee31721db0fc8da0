"""The engine, the session factory and the typed declarative base."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLITE_BUSY_TIMEOUT_MS = 5000


class Base(DeclarativeBase):
    """Base class of every table."""

    metadata = MetaData(naming_convention=NAMING)


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for the URL; SQLite gets WAL, a busy timeout and foreign keys."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 5})
        event.listen(engine, "connect", _tune_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


class Database:
    """One engine and its sessions; writers are serialised in-process.

    Under gevent or eventlet a SQLite writer that waits on the file lock blocks
    the whole process, so writes queue on a (monkey-patched) lock instead.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = threading.RLock()

    def is_reachable(self) -> bool:
        """Whether the database answers at all: what the health check reports."""
        try:
            with self.session() as session:
                session.execute(text("SELECT 1"))
        except Exception:
            return False
        return True

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; it is closed (and rolled back if left open) on exit."""
        session = self.sessions()
        try:
            yield session
        finally:
            session.close()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session for one write use case, serialised with the process's other writers."""
        with self._writer, self.session() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
