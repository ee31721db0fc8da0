"""Themes: named groups of a prompt's ideas, made by hand or accepted from suggestions."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitation.models import Idea, IdeaStatus, Prompt, Theme
from facilitation.services.actors import Actor, Right, require
from facilitation.services.errors import InvalidInputError, NotFoundError
from facilitation.services.events import (
    IdeaUpdated,
    RoomChange,
    ThemeCreated,
    ThemeDeleted,
    ThemeUpdated,
    Written,
    lock_roundtable,
    record,
    theme_tallies,
)
from facilitation.services.ideas import changed_idea, idea_in
from facilitation.services.prompts import prompt_in
from facilitation.services.shapes import SeenIdea, ThemeView
from facilitation.services.suggestions import Suggestions, suggest
from facilitation.services.text import clean_line
from facilitation.services.views import idea_view, theme_view

THEME_NAME_MAX = 120


def theme_in(session: Session, roundtable_id: int, theme_id: int) -> Theme:
    theme = session.get(Theme, theme_id)
    if theme is None or theme.prompt.roundtable_id != roundtable_id:
        raise NotFoundError("theme")
    return theme


def _assignable(
    session: Session, prompt: Prompt, roundtable_id: int, idea_ids: list[int]
) -> list[Idea]:
    chosen = []
    for idea_id in dict.fromkeys(idea_ids):
        idea = idea_in(session, roundtable_id, idea_id)
        if idea.prompt_id != prompt.id:
            raise InvalidInputError("bad_theme", "A theme groups ideas of its own prompt.")
        chosen.append(idea)
    return chosen


def create_theme(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    prompt_id: int,
    name: str,
    idea_ids: list[int] | None = None,
) -> Written[ThemeView]:
    """A new theme, optionally with ideas in it already (an accepted suggestion)."""
    require(actor, Right.RUN_PROMPTS)
    clean = clean_line(name, field="theme name", max_length=THEME_NAME_MAX)
    roundtable = lock_roundtable(session, roundtable_id)
    prompt = prompt_in(session, roundtable.id, prompt_id)
    ideas = _assignable(session, prompt, roundtable.id, idea_ids or [])
    left = [idea.theme_id for idea in ideas if idea.vote_count]
    last = session.scalar(select(func.max(Theme.position)).where(Theme.prompt_id == prompt.id))
    theme = Theme(prompt=prompt, name=clean, position=(last or 0) + 1)
    session.add(theme)
    session.flush()
    for idea in ideas:
        idea.theme_id = theme.id
    session.flush()
    changes: list[RoomChange] = [ThemeCreated.of(theme)]
    changes += [IdeaUpdated.of(idea) for idea in ideas]
    changes += theme_tallies(session, *left)  # ideas taken from another theme take support along
    return Written(theme_view(theme), record(session, roundtable, changes, actor=actor))


def rename_theme(
    session: Session, *, actor: Actor | None, roundtable_id: int, theme_id: int, name: str
) -> Written[ThemeView]:
    require(actor, Right.RUN_PROMPTS)
    clean = clean_line(name, field="theme name", max_length=THEME_NAME_MAX)
    roundtable = lock_roundtable(session, roundtable_id)
    theme = theme_in(session, roundtable.id, theme_id)
    if theme.name == clean:
        session.commit()
        return Written(theme_view(theme), [])
    theme.name = clean
    session.flush()
    return Written(
        theme_view(theme), record(session, roundtable, [ThemeUpdated.of(theme)], actor=actor)
    )


def delete_theme(
    session: Session, *, actor: Actor | None, roundtable_id: int, theme_id: int
) -> Written[ThemeView]:
    """Remove a theme; its ideas stay, ungrouped, and votes on it go back to their voters."""
    require(actor, Right.RUN_PROMPTS)
    roundtable = lock_roundtable(session, roundtable_id)
    theme = theme_in(session, roundtable.id, theme_id)
    view = theme_view(theme)
    members = session.scalars(select(Idea).where(Idea.theme_id == theme.id)).all()
    for idea in members:
        idea.theme_id = None
    session.delete(theme)
    session.flush()
    changes: list[RoomChange] = [ThemeDeleted(theme=view)]
    changes += [IdeaUpdated.of(idea) for idea in members]
    return Written(view, record(session, roundtable, changes, actor=actor))


def assign_idea(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    idea_id: int,
    theme_id: int | None,
) -> Written[SeenIdea]:
    """Put an idea into a theme, or take it out of any (None)."""
    require(actor, Right.RUN_PROMPTS)
    lock_roundtable(session, roundtable_id)
    idea = idea_in(session, roundtable_id, idea_id)
    if theme_id is not None:
        theme = theme_in(session, roundtable_id, theme_id)
        if theme.prompt_id != idea.prompt_id:
            raise InvalidInputError("bad_theme", "A theme groups ideas of its own prompt.")
    if idea.theme_id == theme_id:
        session.commit()
        return Written(idea_view(idea), [])
    moved = (idea.theme_id, theme_id) if idea.vote_count else ()
    idea.theme_id = theme_id
    return changed_idea(session, idea, actor, themes=moved)


def suggest_themes(
    session: Session, *, actor: Actor | None, roundtable_id: int, prompt_id: int
) -> Suggestions:
    """Groups of similar ideas not yet in a theme, for the facilitator to accept, edit or reject."""
    require(actor, Right.RUN_PROMPTS)
    prompt = prompt_in(session, roundtable_id, prompt_id)
    visible = [
        idea
        for idea in prompt.ideas
        if idea.status == IdeaStatus.VISIBLE and idea.parent_id is None
    ]
    loose = [(idea.id, idea.text) for idea in visible if idea.theme_id is None]
    return suggest(loose, themed=len(visible) - len(loose))
