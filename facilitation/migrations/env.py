"""Alembic's environment: the models' metadata, online migrations only."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from facilitation import models  # noqa: F401  (registers the tables)
from facilitation.db import Base, make_engine

config = context.config


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


given = config.attributes.get("connection")
if given is not None:
    run(given)
else:
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        run(connection)
    engine.dispose()
