"""The demo's finished roundtable: a recorded session played through the product's own rules.

Joining, ideas, replies, reactions, votes, themes, outcomes and notes go through the same use
cases as in a live room, so the demo's summary and report are what a real session gives; only
the clock is set afterwards, to the afternoon the session took place.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitation.models import Idea, Membership, Prompt, Roundtable, Vote
from facilitation.services import ideas, lifecycle, notes, outcomes, prompts, roundtables, themes
from facilitation.services import votes as ballots
from facilitation.services.actors import Actor
from facilitation.services.errors import InvalidInputError
from facilitation.services.outcomes import NewOutcome


class _Session:
    """One recorded session being played into a roundtable."""

    def __init__(self, db: Session, roundtable: Roundtable, facilitator: Actor) -> None:
        self.db = db
        self.roundtable = roundtable
        self.facilitator = facilitator
        self.people: dict[str, Actor] = {}
        self.ideas: dict[str, int] = {}
        self.themes: dict[str, int] = {}
        self.moments: dict[int, datetime] = {}

    def act(self, call: Any, **fields: Any) -> Any:
        return call(self.db, roundtable_id=self.roundtable.id, **fields).answer

    def join(self, person: dict[str, Any]) -> None:
        joined = roundtables.join_roundtable(
            self.db,
            actor=None,
            join_code=self.roundtable.join_code,
            name=person["name"],
            affiliation=person.get("affiliation"),
        )
        assert joined.participant is not None
        self.people[person["key"]] = Actor.participant(joined.participant.id)

    def prompt(self, spec: dict[str, Any], start: datetime) -> None:
        existing = {p.text: p for p in self.roundtable.prompts}
        found = existing.get(spec["text"])
        prompt_id = (
            found.id
            if found is not None
            else self.act(prompts.create_prompt, actor=self.facilitator, text=spec["text"])["id"]
        )
        self.act(prompts.open_prompt, actor=self.facilitator, prompt_id=prompt_id)
        for item in spec.get("ideas", []):
            self.post(prompt_id, item, start)
        for item in spec.get("replies", []):
            self.post(prompt_id, item, start, parent=self.ideas[item["to"]])
        for reaction in spec.get("reactions", []):
            for who in reaction["by"]:
                self.act(
                    ideas.react,
                    actor=self.people[who],
                    idea_id=self.ideas[reaction["idea"]],
                    emoji=reaction["emoji"],
                )
        for theme in spec.get("themes", []):
            made = self.act(
                themes.create_theme,
                actor=self.facilitator,
                prompt_id=prompt_id,
                name=theme["name"],
                idea_ids=[self.ideas[key] for key in theme["ideas"]],
            )
            self.themes[theme["name"]] = made["id"]
        for key, voters in spec.get("votes", {}).items():
            for who in voters:
                self.act(ballots.cast_vote, actor=self.people[who], idea_id=self.ideas[key])
        self.act(prompts.close_prompt, actor=self.facilitator, prompt_id=prompt_id)
        opened, closed = (start + timedelta(minutes=m) for m in spec["minutes"])
        prompt = self.db.get(Prompt, prompt_id)
        assert prompt is not None
        prompt.opened_at, prompt.closed_at = opened, closed

    def post(
        self, prompt_id: int, item: dict[str, Any], start: datetime, parent: int | None = None
    ) -> None:
        made = self.act(
            ideas.create_idea,
            actor=self.people[item["by"]],
            prompt_id=prompt_id,
            text=item["text"],
            client_id=f"demo-{item.get('key') or len(self.moments)}",
            parent_id=parent,
        )
        if "key" in item:
            self.ideas[item["key"]] = made["id"]
        self.moments[made["id"]] = start + timedelta(minutes=item["at"])


def play_session(
    db: Session, data: dict[str, Any], *, facilitator: Actor, rapporteur: Actor
) -> bool:
    """Play the recorded session into its roundtable; False if the roundtable already has
    ideas (it was played before, or someone used it), which is left as it is."""
    slug = data["roundtable"]
    roundtable = db.scalar(select(Roundtable).where(Roundtable.slug == slug))
    if roundtable is None:
        raise InvalidInputError("bad_demo", f"The agenda has no roundtable {slug!r}.")
    used = db.scalar(
        select(Idea.id).join(Prompt).where(Prompt.roundtable_id == roundtable.id).limit(1)
    )
    if used is not None:
        return False
    start = datetime.fromisoformat(data["starts_at"])
    played = _Session(db, roundtable, facilitator)
    for person in data["participants"]:
        played.join(person)
    for spec in data["prompts"]:
        played.prompt(spec, start)
    played.act(
        outcomes.add_outcomes,
        actor=rapporteur,
        wanted=[
            NewOutcome(
                kind=o["kind"],
                text=o["text"],
                owner=o.get("owner"),
                due=o.get("due"),
                status=o.get("status"),
                sdgs=tuple(o.get("sdgs", ())),
                source_idea_ids=tuple(played.ideas[key] for key in o.get("ideas", ())),
                source_theme_ids=tuple(played.themes[name] for name in o.get("themes", ())),
            )
            for o in data["outcomes"]
        ],
    )
    if data.get("notes"):
        played.act(notes.save_notes, actor=rapporteur, text=data["notes"], base_version=0)
    played.act(
        lifecycle.end_roundtable, actor=facilitator, now=datetime.fromisoformat(data["ends_at"])
    )
    _set_clock(db, played, start, datetime.fromisoformat(data["ends_at"]))
    db.commit()
    return True


def _set_clock(db: Session, played: _Session, start: datetime, end: datetime) -> None:
    """Dates as the session had them: people joined at the start, each idea at its minute,
    votes by the close of their prompt, the roundtable ended at its end."""
    roundtable = played.roundtable
    for membership in db.scalars(
        select(Membership).where(Membership.roundtable_id == roundtable.id)
    ):
        membership.joined_at = start
    for idea_id, moment in played.moments.items():
        idea = db.get(Idea, idea_id)
        assert idea is not None
        idea.created_at = moment
    for prompt in roundtable.prompts:
        closed = prompt.closed_at or end
        for vote in db.scalars(select(Vote).where(Vote.prompt_id == prompt.id)):
            vote.created_at = closed - timedelta(minutes=3)
    roundtable.ended_at = end
