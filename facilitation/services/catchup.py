"""Catching up: the logged events after a sequence number, as the viewer may see them now.

The log keeps what each audience was told at the time. Replaying that would hand a
latecomer the text of an idea hidden since, the wording from before an edit, or a name
from before the room went anonymous. So every idea in a replayed event is shown as it is
now, through the same view as a snapshot; the events themselves all still arrive, in
order, so that the client's sequence stays gap-free.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from facilitation.models import Idea, Prompt, RoomEvent, Theme
from facilitation.services.shapes import ReplayedEvent as Event
from facilitation.services.views import Viewer, idea_view, tallies_hidden

# Fields of a replayed idea kept as they were logged, unless the idea is now redacted.
AS_LOGGED = ("votes", "reactions", "theme_id", "merged_into")


def events_since(
    session: Session, roundtable_id: int, since_seq: int, *, limit: int, viewer: Viewer
) -> list[Event] | None:
    """The events after `since_seq` in order, each as the viewer may see it now; None when
    more than `limit` are missing."""
    rows = session.scalars(
        select(RoomEvent)
        .where(RoomEvent.roundtable_id == roundtable_id, RoomEvent.seq > since_seq)
        .order_by(RoomEvent.seq)
        .limit(limit + 1)
    ).all()
    if len(rows) > limit:
        return None
    stored = [
        {**(row.payload if viewer.staff else row.public_payload or row.payload), "type": row.type}
        for row in rows
    ]
    return _Now(session, stored, viewer).replay(stored)


class _Now:
    """The present state of everything the replayed events mention, loaded at once."""

    def __init__(self, session: Session, events: list[Event], viewer: Viewer) -> None:
        self.viewer = viewer
        idea_ids, theme_ids = _mentioned(events)
        self.ideas = {
            idea.id: idea
            for idea in session.scalars(
                select(Idea)
                .where(Idea.id.in_(idea_ids))
                .options(
                    selectinload(Idea.author),
                    selectinload(Idea.reactions),
                    selectinload(Idea.prompt).selectinload(Prompt.roundtable),
                )
            )
        }
        self.themes = {
            theme.id: theme
            for theme in session.scalars(
                select(Theme).where(Theme.id.in_(theme_ids)).options(selectinload(Theme.prompt))
            )
        }

    def replay(self, events: list[Event]) -> list[Event]:
        return [self.now(event) for event in events]

    def now(self, event: Event) -> Event:
        if isinstance(event.get("idea"), dict):
            return {**event, "idea": self.idea(event["idea"])}
        if isinstance(event.get("prompt"), dict) and "ideas" in event["prompt"]:
            prompt = event["prompt"]
            return {**event, "prompt": {**prompt, "ideas": [self.idea(i) for i in prompt["ideas"]]}}
        if event["type"] == "vote.tally":
            return self.tally(event)
        return event

    def idea(self, logged: Mapping[str, Any]) -> Mapping[str, object]:
        current = self.ideas.get(logged["id"])
        if current is None:  # gone from the database altogether: nothing of it may remain
            return {**logged, "text": None, "author": None, "affiliation": None, "hidden": True}
        view = idea_view(current, self.viewer)
        if view.get("hidden"):
            return view
        # Tallies, reactions and grouping are news of their own, replayed in order by later
        # events; only what the idea says and who it names must be as it is now.
        return {**view, **{key: logged[key] for key in AS_LOGGED if key in logged}}

    def tally(self, event: Event) -> Event:
        """A past total, unless the viewer may not see that total now."""
        if self.viewer.staff:
            return event
        if event.get("theme_id") is not None:
            theme = self.themes.get(event["theme_id"])
            if theme is None or tallies_hidden(theme.prompt):
                return {**event, "votes": None, "support": None}
            return event
        idea = self.ideas.get(event.get("idea_id", -1))
        if idea is None or idea_view(idea, self.viewer)["votes"] is None:
            return {**event, "votes": None}
        return event


def _mentioned(events: list[Event]) -> tuple[set[int], set[int]]:
    ideas: set[int] = set()
    themes: set[int] = set()
    for event in events:
        if isinstance(event.get("idea"), dict):
            ideas.add(event["idea"]["id"])
        prompt = event.get("prompt")
        if isinstance(prompt, dict):
            ideas.update(idea["id"] for idea in prompt.get("ideas", []))
        if event.get("type") == "vote.tally":
            if event.get("theme_id") is not None:
                themes.add(event["theme_id"])
            elif event.get("idea_id") is not None:
                ideas.add(event["idea_id"])
    return ideas, themes
