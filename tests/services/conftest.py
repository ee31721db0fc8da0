"""A roundtable with a facilitator, ready for domain tests on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from facilitation.db import Database
from facilitation.services import prompts, roundtables, staff
from facilitation.services.actors import Actor


@dataclass
class Table:
    session: Session
    roundtable_id: int
    join_code: str
    facilitator: Actor

    def join(self, name: str, affiliation: str | None = None) -> Actor:
        joined = roundtables.join_roundtable(
            self.session, actor=None, join_code=self.join_code, name=name, affiliation=affiliation
        )
        assert joined.participant is not None
        return Actor.participant(joined.participant.id)

    def open_prompt(self, text: str = "What should cities try first?", budget: int = 3) -> int:
        view, _ = prompts.create_prompt(
            self.session,
            actor=self.facilitator,
            roundtable_id=self.roundtable_id,
            text=text,
            votes_per_participant=budget,
        )
        prompts.open_prompt(
            self.session,
            actor=self.facilitator,
            roundtable_id=self.roundtable_id,
            prompt_id=view["id"],
        )
        return int(view["id"])


def staff_actor(session: Session, role: str, email: str | None = None) -> Actor:
    member = staff.create_staff(
        session, email=email or f"{role}@example.org", name=role.title(), role=role
    )
    return Actor.staff(member.id, member.role)


@pytest.fixture
def session(database: Database) -> Iterator[Session]:
    with database.writing() as db:
        yield db


@pytest.fixture
def table(session: Session) -> Table:
    facilitator = staff_actor(session, "facilitator")
    roundtable = roundtables.create_roundtable(session, actor=facilitator, title="Resilient cities")
    return Table(session, roundtable.id, roundtable.join_code, facilitator)
