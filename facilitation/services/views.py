"""The views clients see: ideas, prompts and the roundtable snapshot, in the shapes of shapes.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, union
from sqlalchemy.orm import InstrumentedAttribute, Session, object_session, selectinload

from facilitation.models import (
    Attribution,
    Idea,
    IdeaStatus,
    Membership,
    Phase,
    Prompt,
    PromptKind,
    PromptStatus,
    Roundtable,
    Theme,
    ThemeVote,
    Vote,
)
from facilitation.services.actors import Actor
from facilitation.services.queue import queue_view
from facilitation.services.results import (
    add_answered,
    answer_view,
    current_answers,
    is_answered,
    my_responses,
)
from facilitation.services.shapes import (
    IdeaView,
    OpinionCounts,
    OriginView,
    PromptView,
    RedactedIdea,
    RoundtableView,
    SeenIdea,
    Snapshot,
    ThemeView,
    TimerView,
)
from facilitation.services.statement_results import (
    counts_of,
    idea_counts,
    is_statement,
    my_opinions,
    no_opinions,
    statements_results,
)


@dataclass(frozen=True)
class Viewer:
    """Whose eyes a view is for: staff, one participant, or every participant at once."""

    staff: bool = False
    participant_id: int | None = None

    @classmethod
    def of(cls, actor: Actor | None) -> Viewer:
        if actor is not None and actor.is_staff:
            return STAFF
        return cls(participant_id=actor.participant_id if actor else None)


STAFF = Viewer(staff=True)
EVERYONE = Viewer()


def attribution_of(prompt: Prompt) -> str:
    """The attribution new ideas are posted under: the prompt's own, or its roundtable's, or
    named."""
    chosen = prompt.settings.get("attribution") or prompt.roundtable.settings.get("attribution")
    return str(chosen or Attribution.NAMED)


# From the most open to the most protective.
PROTECTION = (Attribution.NAMED, Attribution.AFFILIATION, Attribution.ANONYMOUS)


def stricter(*attributions: str) -> str:
    """The most protective of the attributions given."""
    return str(max(attributions, key=lambda a: PROTECTION.index(Attribution(a))))


def credited_as(idea: Idea) -> str:
    """How an idea's author is shown now: never more than the attribution it was posted under,
    and no more than its prompt allows now (a more protective switch applies at once)."""
    return stricter(idea.attribution or Attribution.NAMED, attribution_of(idea.prompt))


def tallies_hidden(prompt: Prompt) -> bool:
    return bool(prompt.settings.get("hide_tallies")) and (
        prompt.status == PromptStatus.OPEN and prompt.phase != Phase.RESULTS
    )


def ideas_hidden(prompt: Prompt) -> bool:
    return bool(prompt.settings.get("private")) and not prompt.settings.get("revealed")


def may_post(prompt: Prompt) -> bool:
    """Whether participants may add ideas now: the prompt is open and its phase takes them."""
    if prompt.status != PromptStatus.OPEN:
        return False
    if prompt.phase in (None, Phase.COLLECT):
        return True
    return prompt.phase in (Phase.GROUP, Phase.VOTE) and bool(prompt.settings.get("late_ideas"))


def may_vote(prompt: Prompt) -> bool:
    return prompt.status == PromptStatus.OPEN and prompt.phase in (None, Phase.VOTE)


REACTIONS = ("👍", "💡", "❤️", "👏", "🤔")


def _redacted(idea: Idea, status: str) -> RedactedIdea:
    return {
        "id": idea.id,
        "prompt_id": idea.prompt_id,
        "parent_id": idea.parent_id,
        "hidden": True,
        "status": status,
        "text": None,
        "author": None,
        "affiliation": None,
        "votes": None,
        "created_at": idea.created_at.isoformat() + "Z",
    }


def reaction_counts(idea: Idea) -> dict[str, int]:
    counts = dict.fromkeys(REACTIONS, 0)
    for reaction in idea.reactions:
        counts[reaction.emoji] = counts.get(reaction.emoji, 0) + 1
    return {emoji: n for emoji, n in counts.items() if n}


def my_reactions(idea: Idea, participant_id: int) -> list[str]:
    """The emoji one participant has put on an idea, in the fixed order of REACTIONS."""
    chosen = {r.emoji for r in idea.reactions if r.participant_id == participant_id}
    return [emoji for emoji in REACTIONS if emoji in chosen]


def origin_view(stored: dict[str, Any]) -> OriginView:
    return {
        "stream": stored.get("stream"),
        "roundtable": str(stored.get("roundtable", "")),
        "roundtable_id": int(stored.get("roundtable_id", 0)),
        "kind": str(stored.get("kind", "idea")),
    }


def idea_view(
    idea: Idea, viewer: Viewer = STAFF, *, counts: dict[int, OpinionCounts] | None = None
) -> SeenIdea:
    """An idea as the viewer may see it: moderation, private brainstorm, attribution, tallies."""
    prompt = idea.prompt
    mine = viewer.participant_id is not None and idea.participant_id == viewer.participant_id
    if not viewer.staff:
        if idea.status in (IdeaStatus.HIDDEN, IdeaStatus.DELETED, IdeaStatus.MERGED):
            gone = _redacted(idea, idea.status)
            gone["merged_into"] = idea.merged_into_id
            return gone
        if not mine and (idea.status == IdeaStatus.PENDING or ideas_hidden(prompt)):
            return _redacted(idea, "pending" if idea.status == IdeaStatus.PENDING else "private")
    author = idea.author
    attribution = credited_as(idea)
    view: IdeaView = {
        "id": idea.id,
        "prompt_id": idea.prompt_id,
        "parent_id": idea.parent_id,
        "theme_id": idea.theme_id,
        "status": idea.status,
        "text": idea.text,
        "edited": idea.edited,
        "author": author.name if author and attribution == Attribution.NAMED else None,
        "affiliation": (author.affiliation or None)
        if author and attribution != Attribution.ANONYMOUS
        else None,
        "attribution": attribution,
        "votes": None if not viewer.staff and tallies_hidden(prompt) else idea.vote_count,
        "reactions": reaction_counts(idea),
        "merged_into": idea.merged_into_id,
        "created_at": idea.created_at.isoformat() + "Z",
    }
    if viewer.staff:
        view["author_id"] = idea.participant_id
    if idea.origin:
        view["origin"] = origin_view(idea.origin)
    if prompt.kind == PromptKind.QUESTIONS and idea.parent_id is None:
        view["answered"] = idea.answered
    if is_statement(idea):
        hidden = not viewer.staff and tallies_hidden(prompt)
        if hidden:
            view["opinions"] = None
        elif counts is not None:
            view["opinions"] = counts.get(idea.id, no_opinions())
        else:
            view["opinions"] = idea_counts(idea)
    if viewer.participant_id is not None:
        view["my_reactions"] = my_reactions(idea, viewer.participant_id)
    if mine:
        view["mine"] = True
    return view


def theme_supports(session: Session | None, prompt_id: int) -> dict[int, int]:
    """Each theme's support: the people who voted for the theme or for an idea in it, each
    counted once per theme however many of those votes they cast."""
    if session is None:
        return {}
    theme_voters = select(ThemeVote.theme_id, ThemeVote.participant_id).where(
        ThemeVote.prompt_id == prompt_id
    )
    idea_voters = (
        select(Idea.theme_id, Vote.participant_id)
        .join(Idea, Idea.id == Vote.idea_id)
        .where(Vote.prompt_id == prompt_id, Idea.theme_id.is_not(None))
    )
    voters = union(theme_voters, idea_voters).subquery()  # UNION keeps each pair once
    rows = session.execute(
        select(voters.c.theme_id, func.count()).group_by(voters.c.theme_id)
    ).all()
    return {int(theme_id): int(count) for theme_id, count in rows}


def support_of(theme: Theme) -> int:
    return theme_supports(object_session(theme), theme.prompt_id).get(theme.id, 0)


def theme_view(theme: Theme, viewer: Viewer = STAFF, *, support: int | None = None) -> ThemeView:
    """A theme with its own votes and its support (see theme_supports), which ranks it."""
    hidden = not viewer.staff and tallies_hidden(theme.prompt)
    if support is None:
        support = support_of(theme)
    return {
        "id": theme.id,
        "prompt_id": theme.prompt_id,
        "name": theme.name,
        "position": theme.position,
        "votes": None if hidden else theme.vote_count,
        "support": None if hidden else support,
    }


def timer_view(prompt: Prompt) -> TimerView | None:
    if prompt.timer_ends_at is None:
        return None
    return {
        "ends_at": prompt.timer_ends_at.isoformat() + "Z",
        "seconds": prompt.timer_seconds,
        "advance": prompt.timer_advance,
    }


def prompt_view(prompt: Prompt, viewer: Viewer = STAFF) -> PromptView:
    """A prompt with its ideas and themes, as the viewer may see them."""
    settings = prompt.settings
    session = object_session(prompt)
    supports = theme_supports(session, prompt.id) if prompt.themes else {}
    # A statements prompt's opinions are read once here, for all its statements.
    opinions_from = session if prompt.kind == PromptKind.STATEMENTS else None
    counts = counts_of(opinions_from, prompt.id) if opinions_from is not None else None
    view: PromptView = {
        "id": prompt.id,
        "roundtable_id": prompt.roundtable_id,
        "text": prompt.text,
        "kind": prompt.kind,
        "status": prompt.status,
        "votes_per_participant": prompt.votes_per_participant,
        "position": prompt.position,
        "phase": prompt.phase,
        "private": bool(settings.get("private")),
        "revealed": bool(settings.get("revealed")),
        "hide_tallies": bool(settings.get("hide_tallies")),
        "late_ideas": bool(settings.get("late_ideas")),
        "attribution": attribution_of(prompt),
        "attribution_override": settings.get("attribution"),
        "timer": timer_view(prompt),
        "timer_seconds": prompt.timer_seconds,
        "premoderate": bool(settings.get("premoderate")),
        "can_post": may_post(prompt),
        "can_vote": may_vote(prompt),
        # What participants are kept from now, so that no page works it out again.
        "ideas_hidden": ideas_hidden(prompt),
        "tallies_hidden": tallies_hidden(prompt),
        "opened_at": prompt.opened_at.isoformat() + "Z" if prompt.opened_at else None,
        "ideas": [idea_view(idea, viewer, counts=counts) for idea in prompt.ideas],
        "themes": [
            theme_view(theme, viewer, support=supports.get(theme.id, 0)) for theme in prompt.themes
        ],
    }
    hidden = not viewer.staff and tallies_hidden(prompt)
    if is_answered(prompt):
        add_answered(
            view, prompt, staff=viewer.staff, hidden=hidden, answers=current_answers(prompt)
        )
    if opinions_from is not None:
        view["participant_statements"] = bool(settings.get("participant_statements"))
        results = statements_results(opinions_from, prompt)
        view["responses"] = results["voters"]
        view["results"] = None if hidden else results
    return view


def roundtable_view(roundtable: Roundtable) -> RoundtableView:
    return {
        "id": roundtable.id,
        "title": roundtable.title,
        "status": roundtable.status,
        "join_code": roundtable.join_code,
        "description": roundtable.description,
        "stream": roundtable.stream.title if roundtable.stream else None,
        "attribution": roundtable.settings.get("attribution") or Attribution.NAMED.value,
        "focus_prompt_id": roundtable.settings.get("focus_prompt_id"),
        "spotlight_idea_id": roundtable.settings.get("spotlight_idea_id"),
        "ended_at": roundtable.ended_at.isoformat() + "Z" if roundtable.ended_at else None,
    }


def participant_count(session: Session, roundtable_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Membership)
            .where(Membership.roundtable_id == roundtable_id)
        )
        or 0
    )


def my_votes(session: Session, roundtable_id: int, participant_id: int) -> dict[int, list[int]]:
    """The ideas a participant has voted for, by prompt."""
    return _ballots(session, roundtable_id, participant_id, Vote, Vote.idea_id)


def my_theme_votes(
    session: Session, roundtable_id: int, participant_id: int
) -> dict[int, list[int]]:
    """The themes a participant has voted for, by prompt."""
    return _ballots(session, roundtable_id, participant_id, ThemeVote, ThemeVote.theme_id)


def _ballots(
    session: Session,
    roundtable_id: int,
    participant_id: int,
    ballot: type[Vote] | type[ThemeVote],
    chosen: InstrumentedAttribute[int],
) -> dict[int, list[int]]:
    """What one participant chose with one kind of vote, by prompt, in the order cast."""
    rows = session.execute(
        select(ballot.prompt_id, chosen)
        .join(Prompt, Prompt.id == ballot.prompt_id)
        .where(Prompt.roundtable_id == roundtable_id, ballot.participant_id == participant_id)
        .order_by(ballot.id)
    ).all()
    choices: dict[int, list[int]] = {}
    for prompt_id, choice in rows:
        choices.setdefault(prompt_id, []).append(choice)
    return choices


def prompts_with_ideas(session: Session, roundtable_id: int) -> list[Prompt]:
    """A roundtable's prompts in order, with their ideas, authors, reactions and themes."""
    ideas = selectinload(Prompt.ideas)
    return list(
        session.scalars(
            select(Prompt)
            .where(Prompt.roundtable_id == roundtable_id)
            .order_by(Prompt.position, Prompt.id)
            .options(
                ideas.selectinload(Idea.author),
                ideas.selectinload(Idea.reactions),
                selectinload(Prompt.themes),
            )
        ).all()
    )


def snapshot(session: Session, roundtable: Roundtable, viewer: Viewer) -> Snapshot:
    """The whole state of a roundtable as the viewer may see it, with a participant's votes."""
    prompts = prompts_with_ideas(session, roundtable.id)
    participant_id = viewer.participant_id
    mine = my_votes(session, roundtable.id, participant_id) if participant_id else {}
    themes = my_theme_votes(session, roundtable.id, participant_id) if participant_id else {}
    answered = my_responses(session, roundtable.id, participant_id) if participant_id else {}
    stances = my_opinions(session, roundtable.id, participant_id) if participant_id else {}
    prompt_views = []
    for prompt in prompts:
        view = prompt_view(prompt, viewer)
        if participant_id is not None:
            view["my_votes"] = mine.get(prompt.id, [])
            view["my_theme_votes"] = themes.get(prompt.id, [])
            if is_answered(prompt):
                answer = answered.get(prompt.id)
                view["my_response"] = None if answer is None else answer_view(prompt, answer)
            if prompt.kind == PromptKind.STATEMENTS:
                view["my_opinions"] = stances.get(prompt.id, {})
        prompt_views.append(view)
    return {
        "roundtable": roundtable_view(roundtable),
        "prompts": prompt_views,
        "participants": participant_count(session, roundtable.id),
        "queue": queue_view(
            session, roundtable, staff=viewer.staff, participant_id=viewer.participant_id
        ),
    }
