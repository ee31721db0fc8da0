"""Prompts: written ahead by the facilitator, opened for ideas and votes, configured, closed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitation.models import (
    Attribution,
    Idea,
    IdeaStatus,
    Phase,
    Prompt,
    PromptKind,
    PromptStatus,
    Roundtable,
    RoundtableStatus,
    utcnow,
)
from facilitation.services.actors import Actor, Right, require
from facilitation.services.answers import ALL_SETUP_FIELDS, check_setup
from facilitation.services.errors import ConflictError, InvalidInputError, NotFoundError
from facilitation.services.events import (
    PromptCreated,
    PromptDeleted,
    PromptUpdated,
    RoomChange,
    RoundtableUpdated,
    Written,
    lock_roundtable,
    record,
)
from facilitation.services.shapes import PromptRef, PromptView
from facilitation.services.text import PROMPT_MAX, clean_text
from facilitation.services.views import prompt_view, roundtable_view

DEFAULT_VOTES_PER_PARTICIPANT = 3
MAX_VOTES_PER_PARTICIPANT = 20
# What the facilitator switches on or off for one prompt; each is kept in its settings when on.
SWITCHES = ("private", "hide_tallies", "late_ideas", "premoderate", "participant_statements")


def prompt_in(session: Session, roundtable_id: int, prompt_id: int) -> Prompt:
    """The prompt, if it belongs to this roundtable; otherwise it does not exist for the caller."""
    prompt = session.get(Prompt, prompt_id)
    if prompt is None or prompt.roundtable_id != roundtable_id:
        raise NotFoundError("prompt")
    return prompt


def check_attribution(value: str | None) -> str | None:
    if value is not None and value not in set(Attribution):
        choices = ", ".join(a.value for a in Attribution)
        raise InvalidInputError("bad_attribution", f"Attribution must be one of: {choices}.")
    return value


def check_switches(names: Iterable[str], *also: str) -> None:
    """Refuse a setting that is not one of the SWITCHES (nor one of `also`)."""
    unknown = set(names) - {*SWITCHES, *also}
    if unknown:
        raise InvalidInputError("bad_request", f"Unknown settings: {', '.join(sorted(unknown))}.")


def check_phase(value: str) -> Phase:
    if value not in set(Phase):
        choices = ", ".join(p.value for p in Phase)
        raise InvalidInputError("bad_phase", f"Phase must be one of: {choices}.")
    return Phase(value)


@dataclass(frozen=True)
class PromptPlan:
    """A prompt checked by the rules of `prompt.create`, not yet in any roundtable: what a
    template or an agenda file holds, or what the facilitator just sent."""

    text: str
    kind: str
    votes_per_participant: int
    phases: bool
    settings: dict[str, object]
    timer_seconds: int | None = None
    # A statements prompt's statements, put to the room by staff: credited to nobody.
    statements: tuple[str, ...] = ()

    def draft(self, roundtable: Roundtable, position: int) -> Prompt:
        """The draft prompt this plan makes at `position` in the roundtable's list."""
        return Prompt(
            roundtable=roundtable,
            text=self.text,
            kind=self.kind,
            status=PromptStatus.DRAFT,
            phase=Phase.COLLECT if self.phases else None,
            votes_per_participant=self.votes_per_participant,
            position=position,
            settings=dict(self.settings),
            timer_seconds=self.timer_seconds,
            ideas=[
                Idea(
                    participant_id=None,
                    client_id=f"statement-{number}",
                    text=text,
                    status=IdeaStatus.VISIBLE,
                    attribution=Attribution.ANONYMOUS,
                )
                for number, text in enumerate(self.statements, start=1)
            ],
        )


def plan_prompt(
    *,
    text: str,
    kind: str = PromptKind.IDEAS,
    votes_per_participant: int = DEFAULT_VOTES_PER_PARTICIPANT,
    phases: bool = False,
    attribution: str | None = None,
    setup: dict[str, object] | None = None,
    timer_seconds: int | None = None,
    **switches: bool,
) -> PromptPlan:
    """Check a prompt's wording, kind, setup, budget, phases, attribution and switches.
    `setup` holds what an answered kind is set up with (answers.SETUP_FIELDS); the timer's
    length, if given, is checked by whoever read it (services/prompt_specs.py)."""
    if kind not in set(PromptKind):
        choices = ", ".join(k.value for k in PromptKind)
        raise InvalidInputError("bad_kind", f"Prompt kind must be one of: {choices}.")
    check_switches(switches)
    checked_setup = check_setup(kind, setup or {})
    if phases and kind != PromptKind.IDEAS:
        raise InvalidInputError("bad_request", "Phases are for brainstorms.")
    if not 1 <= votes_per_participant <= MAX_VOTES_PER_PARTICIPANT:
        raise InvalidInputError(
            "bad_budget",
            f"Votes per participant must be between 1 and {MAX_VOTES_PER_PARTICIPANT}.",
        )
    clean = clean_text(text, field="prompt", max_length=PROMPT_MAX)
    check_attribution(attribution)
    settings: dict[str, object] = {name: True for name in SWITCHES if switches.get(name)}
    settings.update(checked_setup)
    if attribution:
        settings["attribution"] = attribution
    return PromptPlan(clean, kind, votes_per_participant, phases, settings, timer_seconds)


def next_position(session: Session, roundtable: Roundtable) -> int:
    """The position after the last of the roundtable's prompts."""
    last = session.scalar(
        select(func.max(Prompt.position)).where(Prompt.roundtable_id == roundtable.id)
    )
    return (last or 0) + 1


def create_prompt(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    text: str,
    kind: str = PromptKind.IDEAS,
    votes_per_participant: int = DEFAULT_VOTES_PER_PARTICIPANT,
    phases: bool = False,
    attribution: str | None = None,
    setup: dict[str, object] | None = None,
    **switches: bool,
) -> Written[PromptView]:
    """A draft prompt at the end of the roundtable's list, with any of the SWITCHES on.
    `setup` holds what an answered kind is set up with (answers.SETUP_FIELDS)."""
    require(actor, Right.RUN_PROMPTS)
    plan = plan_prompt(
        text=text,
        kind=kind,
        votes_per_participant=votes_per_participant,
        phases=phases,
        attribution=attribution,
        setup=setup,
        **switches,
    )
    roundtable = lock_roundtable(session, roundtable_id)
    prompt = plan.draft(roundtable, next_position(session, roundtable))
    session.add(prompt)
    session.flush()
    return Written(
        prompt_view(prompt), record(session, roundtable, [PromptCreated.of(prompt)], actor=actor)
    )


def running(
    session: Session, actor: Actor | None, roundtable_id: int, prompt_id: int
) -> tuple[Roundtable, Prompt]:
    """A prompt that the actor may run, with its roundtable locked for the change."""
    require(actor, Right.RUN_PROMPTS)
    roundtable = lock_roundtable(session, roundtable_id)
    return roundtable, prompt_in(session, roundtable.id, prompt_id)


def updated(
    session: Session,
    roundtable: Roundtable,
    prompt: Prompt,
    actor: Actor | None,
    *,
    changed: bool = True,
    also: list[RoomChange] | None = None,
) -> Written[PromptView]:
    """Log the prompt's new state (if it changed) and answer with the staff's view of it."""
    if not changed:
        session.commit()
        return Written(prompt_view(prompt), [])
    session.flush()
    session.refresh(prompt)
    changes = [PromptUpdated.of(prompt), *(also or [])]
    return Written(prompt_view(prompt), record(session, roundtable, changes, actor=actor))


def set_status(prompt: Prompt, roundtable: Roundtable, status: PromptStatus) -> bool:
    """Move the prompt to `status`; returns whether anything changed."""
    if prompt.status == status:
        return False
    if status == PromptStatus.OPEN and roundtable.status == RoundtableStatus.CLOSED:
        raise ConflictError("roundtable_closed", "This roundtable has ended; reopen it first.")
    prompt.status = status
    if status == PromptStatus.OPEN:
        prompt.opened_at = utcnow()
        roundtable.status = RoundtableStatus.LIVE
    else:
        prompt.closed_at = utcnow()
        prompt.timer_ends_at = None
    return True


def open_prompt(
    session: Session, *, actor: Actor | None, roundtable_id: int, prompt_id: int
) -> Written[PromptView]:
    """Open a prompt (again) for ideas and votes."""
    roundtable, prompt = running(session, actor, roundtable_id, prompt_id)
    changed = set_status(prompt, roundtable, PromptStatus.OPEN)
    return updated(session, roundtable, prompt, actor, changed=changed)


def close_prompt(
    session: Session, *, actor: Actor | None, roundtable_id: int, prompt_id: int
) -> Written[PromptView]:
    """Close a prompt: its ideas and votes are final until it is opened again."""
    roundtable, prompt = running(session, actor, roundtable_id, prompt_id)
    changed = set_status(prompt, roundtable, PromptStatus.CLOSED)
    return updated(session, roundtable, prompt, actor, changed=changed)


def configure_prompt(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    prompt_id: int,
    **changes: Any,
) -> Written[PromptView]:
    """Switch a prompt's private brainstorm, hidden tallies, late ideas or attribution."""
    check_switches(changes, "attribution")
    if "attribution" in changes:
        check_attribution(changes["attribution"])
    roundtable, prompt = running(session, actor, roundtable_id, prompt_id)
    settings = dict(prompt.settings)
    for name, value in changes.items():
        if value in (None, False):
            settings.pop(name, None)
        else:
            settings[name] = value
    if settings.get("private") and not prompt.settings.get("private"):
        settings.pop("revealed", None)  # making a prompt private again hides its ideas again
    changed = settings != prompt.settings
    prompt.settings = settings
    return updated(session, roundtable, prompt, actor, changed=changed)


def reveal_ideas(
    session: Session, *, actor: Actor | None, roundtable_id: int, prompt_id: int
) -> Written[PromptView]:
    """End a private brainstorm: everyone sees every idea from now on."""
    roundtable, prompt = running(session, actor, roundtable_id, prompt_id)
    changed = bool(prompt.settings.get("private")) and not prompt.settings.get("revealed")
    if changed:
        prompt.settings = {**prompt.settings, "revealed": True}
    return updated(session, roundtable, prompt, actor, changed=changed)


def draft(
    session: Session, actor: Actor | None, roundtable_id: int, prompt_id: int
) -> tuple[Roundtable, Prompt]:
    """A prompt still being written: once opened, its wording is what the room answered."""
    roundtable, prompt = running(session, actor, roundtable_id, prompt_id)
    if prompt.status != PromptStatus.DRAFT:
        raise ConflictError(
            "prompt_not_draft", "Only a draft prompt can be edited or deleted; this one was opened."
        )
    return roundtable, prompt


def update_prompt(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    prompt_id: int,
    text: str | None = None,
    votes_per_participant: int | None = None,
    setup: dict[str, object] | None = None,
) -> Written[PromptView]:
    """Reword a draft prompt, change its vote budget or, for an answered kind, its setup
    (the fields given replace those kept; the others stay)."""
    if text is None and votes_per_participant is None and not setup:
        raise InvalidInputError(
            "bad_request", "Give the new text, votes_per_participant or the prompt's setup."
        )
    clean = None if text is None else clean_text(text, field="prompt", max_length=PROMPT_MAX)
    if votes_per_participant is not None and not (
        1 <= votes_per_participant <= MAX_VOTES_PER_PARTICIPANT
    ):
        raise InvalidInputError(
            "bad_budget",
            f"Votes per participant must be between 1 and {MAX_VOTES_PER_PARTICIPANT}.",
        )
    roundtable, prompt = draft(session, actor, roundtable_id, prompt_id)
    before = (prompt.text, prompt.votes_per_participant, prompt.settings)
    if clean is not None:
        prompt.text = clean
    if votes_per_participant is not None:
        prompt.votes_per_participant = votes_per_participant
    if setup:
        kept = {k: v for k, v in prompt.settings.items() if k in ALL_SETUP_FIELDS}
        if "options" in setup and "max_choices" not in setup:
            kept.pop("max_choices", None)  # new options: the choices start again at one
        checked = check_setup(prompt.kind, {**kept, **setup})
        prompt.settings = {**prompt.settings, **checked}
    changed = (prompt.text, prompt.votes_per_participant, prompt.settings) != before
    return updated(session, roundtable, prompt, actor, changed=changed)


def delete_prompt(
    session: Session, *, actor: Actor | None, roundtable_id: int, prompt_id: int
) -> Written[PromptRef]:
    """Remove a draft prompt; the prompts after it close the gap in the order."""
    roundtable, prompt = draft(session, actor, roundtable_id, prompt_id)
    changes: list[RoomChange] = [PromptDeleted(prompt.id)]
    focused = roundtable.settings.get("focus_prompt_id") == prompt.id
    session.delete(prompt)
    session.flush()
    changes += renumber(session, roundtable)
    if focused:  # nobody may be sent to a prompt that no longer exists
        roundtable.settings = {**roundtable.settings, "focus_prompt_id": None}
        session.flush()
        changes.append(RoundtableUpdated(roundtable=roundtable_view(roundtable)))
    return Written({"id": prompt_id}, record(session, roundtable, changes, actor=actor))


def ordered(session: Session, roundtable: Roundtable) -> list[Prompt]:
    return list(
        session.scalars(
            select(Prompt)
            .where(Prompt.roundtable_id == roundtable.id)
            .order_by(Prompt.position, Prompt.id)
        )
    )


def renumber(
    session: Session, roundtable: Roundtable, prompts: list[Prompt] | None = None
) -> list[RoomChange]:
    """Positions 1..n in the given order; an update for each prompt whose position moved."""
    moved = []
    for position, prompt in enumerate(prompts or ordered(session, roundtable), start=1):
        if prompt.position != position:
            prompt.position = position
            moved.append(prompt)
    session.flush()
    for prompt in moved:
        session.refresh(prompt)
    return [PromptUpdated.of(prompt) for prompt in moved]


def move_prompt(
    session: Session, *, actor: Actor | None, roundtable_id: int, prompt_id: int, position: int
) -> Written[PromptView]:
    """Put a prompt at `position` (1 is first) in the roundtable's order, any status."""
    roundtable, prompt = running(session, actor, roundtable_id, prompt_id)
    prompts = ordered(session, roundtable)
    if not 1 <= position <= len(prompts):
        raise InvalidInputError("bad_position", f"Position must be between 1 and {len(prompts)}.")
    prompts.remove(prompt)
    prompts.insert(position - 1, prompt)
    changes = renumber(session, roundtable, prompts)
    if not changes:
        session.commit()
        return Written(prompt_view(prompt), [])
    return Written(prompt_view(prompt), record(session, roundtable, changes, actor=actor))
