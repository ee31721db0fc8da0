"""Fixtures shared by the suite: a fresh app and database per test, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from flask import Flask
from sqlalchemy import create_engine, text

from facilitation import create_app
from facilitation.config import Limits
from facilitation.db import Database
from facilitation.migrations import upgrade
from facilitation.services import staff
from facilitation.throttle import Throttles

IN_CI = os.environ.get("CI", "").lower() == "true"
POSTGRES_URL = os.environ.get(
    "FACILITATION_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("FACILITATION_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2 with its cheapest parameters: the suite hashes hundreds of passwords."""
    monkeypatch.setattr(staff, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def unavailable(reason: str) -> None:
    """Skip on a machine that lacks a component; in CI the component is required."""
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def postgres_reachable() -> bool:
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 2})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL to a fresh, empty schema on the PostgreSQL server, dropped afterwards."""
    if not postgres_reachable():
        unavailable(f"PostgreSQL is not reachable at {POSTGRES_URL}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'roundtable.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The core tests run on both databases."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'roundtable.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    upgrade(database_url)
    db = Database(database_url)
    yield db
    db.dispose()


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    upgrade(database_url)
    flask_app = create_app(
        {
            "database_url": database_url,
            "secret_key": "test-secret-" + uuid.uuid4().hex,
            "async_mode": "threading",
            "instance_path": tmp_path / "instance",
            "TESTING": True,
        }
    )
    yield flask_app
    flask_app.extensions["facilitation"].db.dispose()


@dataclass
class StaffMember:
    email: str
    role: str
    token: str
    password: str = "a-long-password"

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
def make_staff(app: Flask) -> Callable[[str], StaffMember]:
    """A staff account of the given role, with an API token."""
    counter = iter(range(1_000))

    def make(role: str = "facilitator") -> StaffMember:
        email = f"{role}{next(counter)}@example.org"
        with app.extensions["facilitation"].db.writing() as db:
            staff.create_staff(
                db, email=email, name=role.title(), role=role, password="a-long-password"
            )
            token = staff.issue_token(db, email=email)
        return StaffMember(email, role, token)

    return make


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def limit(app: Flask, clock: Clock) -> Any:
    """Set this app's limits (the rest stay at their defaults), on a clock the test turns."""

    def set_limits(**per_minute: int) -> None:
        app.extensions["facilitation"].throttles = Throttles(Limits(**per_minute), clock)

    return set_limits


def acked(ack: Any) -> dict[str, Any]:
    """The fields of a successful ack, failing the test with the error otherwise."""
    assert isinstance(ack, dict), ack
    assert ack.get("ok") is True, ack
    return ack
