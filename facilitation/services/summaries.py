"""The session summary: one model of what a roundtable produced, for every export format."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitation.models import IdeaStatus, Prompt, Roundtable, Vote
from facilitation.services.actors import Actor, Right, require
from facilitation.services.roundtables import get_roundtable
from facilitation.services.views import (
    STAFF,
    attribution_of,
    idea_view,
    participant_count,
    prompts_with_ideas,
)


@dataclass(frozen=True)
class IdeaSummary:
    id: int
    text: str
    author: str | None
    affiliation: str | None
    votes: int
    rank: int
    theme: str | None = None
    replies: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThemeSummary:
    id: int
    name: str
    votes: int
    idea_ids: tuple[int, ...]


@dataclass(frozen=True)
class PromptSummary:
    id: int
    text: str
    kind: str
    status: str
    phase: str | None
    attribution: str
    ideas: list[IdeaSummary]
    contributors: int
    voters: int
    votes_cast: int
    themes: tuple[ThemeSummary, ...] = ()


@dataclass(frozen=True)
class Summary:
    roundtable_id: int
    title: str
    event: str
    stream: str | None
    description: str
    status: str
    participants: int
    idea_count: int
    prompts: list[PromptSummary]
    generated_at: datetime


def _ranked(prompt: Prompt) -> list[IdeaSummary]:
    """The prompt's ideas in the room, most votes first; ties keep arrival order and share a rank.

    Hidden, withdrawn, merged and unapproved ideas are left out; replies travel with the
    idea they build on.
    """
    shown = [i for i in prompt.ideas if i.status == IdeaStatus.VISIBLE]
    replies: dict[int, list[str]] = {}
    for idea in shown:
        if idea.parent_id is not None:
            replies.setdefault(idea.parent_id, []).append(idea.text)
    theme_names = {theme.id: theme.name for theme in prompt.themes}
    ideas = [idea for idea in shown if idea.parent_id is None]
    ordered = sorted(ideas, key=lambda idea: (-idea.vote_count, idea.id))
    ranked: list[IdeaSummary] = []
    for index, idea in enumerate(ordered):
        tied = ranked and ranked[-1].votes == idea.vote_count
        named = idea_view(idea, STAFF)  # the prompt's attribution decides what a report names
        ranked.append(
            IdeaSummary(
                id=idea.id,
                text=idea.text,
                author=named["author"],
                affiliation=named["affiliation"],
                votes=idea.vote_count,
                rank=ranked[-1].rank if tied else index + 1,
                theme=theme_names.get(idea.theme_id) if idea.theme_id else None,
                replies=tuple(replies.get(idea.id, ())),
            )
        )
    return ranked


def _voters(session: Session, prompt_id: int) -> tuple[int, int]:

    row = session.execute(
        select(func.count(func.distinct(Vote.participant_id)), func.count(Vote.id)).where(
            Vote.prompt_id == prompt_id
        )
    ).one()
    return int(row[0]), int(row[1])


def build_summary(
    session: Session, *, actor: Actor | None, roundtable_id: int, now: datetime
) -> Summary:
    """What the roundtable produced: its prompts, their ideas ranked by votes, and counts."""
    require(actor, Right.EXPORT)
    roundtable: Roundtable = get_roundtable(session, roundtable_id)
    prompts = prompts_with_ideas(session, roundtable.id)
    summaries = []
    for prompt in prompts:
        voters, votes_cast = _voters(session, prompt.id)
        summaries.append(
            PromptSummary(
                id=prompt.id,
                text=prompt.text,
                kind=prompt.kind,
                status=prompt.status,
                phase=prompt.phase,
                attribution=attribution_of(prompt),
                ideas=_ranked(prompt),
                contributors=len({i.participant_id for i in prompt.ideas if i.participant_id}),
                voters=voters,
                votes_cast=votes_cast,
                themes=tuple(
                    ThemeSummary(
                        id=theme.id,
                        name=theme.name,
                        votes=theme.vote_count,
                        idea_ids=tuple(i.id for i in prompt.ideas if i.theme_id == theme.id),
                    )
                    for theme in sorted(prompt.themes, key=lambda t: (-t.vote_count, t.position))
                ),
            )
        )
    return Summary(
        roundtable_id=roundtable.id,
        title=roundtable.title,
        event=roundtable.event.title,
        stream=roundtable.stream.title if roundtable.stream else None,
        description=roundtable.description,
        status=roundtable.status,
        participants=participant_count(session, roundtable.id),
        idea_count=sum(len(p.ideas) for p in summaries),
        prompts=summaries,
        generated_at=now,
    )
