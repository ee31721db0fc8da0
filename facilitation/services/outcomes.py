"""The rapporteur's outcomes: takeaways, decisions, action items and open questions.

Staff of the roundtable record them while the session runs and after it. Each may name the
goals it serves (the 17 SDGs) and the ideas and themes it came from, so that a report can
show where a conclusion came from. They live in the staff's workspace (services/workspace.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitation.models import (
    Idea,
    Outcome,
    Prompt,
    Roundtable,
    StaffUser,
    Stream,
    Theme,
    utcnow,
)
from facilitation.services import sdgs
from facilitation.services.actors import Actor, Right, require
from facilitation.services.errors import ConflictError, InvalidInputError, NotFoundError
from facilitation.services.events import lock_roundtable
from facilitation.services.roundtables import get_roundtable
from facilitation.services.shapes import OutcomeRef, OutcomeView
from facilitation.services.summary_data import ACTION_STATUSES, OUTCOME_KINDS
from facilitation.services.text import clean_line, clean_text
from facilitation.services.workspace import Noted, StaffNews

OUTCOME_TEXT_MAX = 1000
OWNER_MAX = 200
SOURCES_MAX = 50
OUTCOMES_MAX = 500
CLIENT_ID_MAX = 64

# The fields a client may set, on create and on update.
FIELDS = (
    "kind",
    "text",
    "owner",
    "due",
    "status",
    "sdgs",
    "source_idea_ids",
    "source_theme_ids",
    "stream_ids",
)


class EditConflict(ConflictError):
    """An outcome changed since the version the edit was made from; `current` is what it is
    now, sent back so that the editor sees both and nothing is lost."""

    def __init__(self, current: OutcomeView) -> None:
        super().__init__(
            "edit_conflict",
            "Someone else changed this outcome while you were editing it; compare and save again.",
        )
        self.current = current


@dataclass(frozen=True)
class NewOutcome:
    """An outcome to add, as a client or the draft asks for it, before it is checked."""

    kind: str
    text: str
    owner: str | None = None
    due: str | None = None
    status: str | None = None
    sdgs: tuple[int, ...] = ()
    source_idea_ids: tuple[int, ...] = ()
    source_theme_ids: tuple[int, ...] = ()
    stream_ids: tuple[int, ...] = ()


def _when(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds") + "Z"


def outcome_view(session: Session, outcome: Outcome) -> OutcomeView:
    editor = session.get(StaffUser, outcome.updated_by) if outcome.updated_by else None
    return {
        "id": outcome.id,
        "kind": outcome.kind,
        "text": outcome.text,
        "owner": outcome.owner,
        "due": outcome.due,
        "status": outcome.status,
        "sdgs": list(outcome.sdgs),
        "source_idea_ids": list(outcome.source_idea_ids),
        "source_theme_ids": list(outcome.source_theme_ids),
        "stream_ids": list(outcome.stream_ids or []),
        "version": outcome.version,
        "updated_at": _when(outcome.updated_at),
        "updated_by": editor.name if editor else None,
    }


def outcomes_of(session: Session, roundtable_id: int) -> list[Outcome]:
    return list(
        session.scalars(
            select(Outcome)
            .where(Outcome.roundtable_id == roundtable_id)
            .order_by(Outcome.position, Outcome.id)
        )
    )


def list_outcomes(
    session: Session, *, actor: Actor | None, roundtable_id: int
) -> list[OutcomeView]:
    require(actor, Right.RECORD_OUTCOMES)
    get_roundtable(session, roundtable_id)
    return [outcome_view(session, o) for o in outcomes_of(session, roundtable_id)]


# -- checking what a client sent ------------------------------------------------------------


def _kind(value: object) -> str:
    if value not in OUTCOME_KINDS:
        raise InvalidInputError(
            "bad_outcome_kind", f"kind must be one of: {', '.join(OUTCOME_KINDS)}."
        )
    return str(value)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidInputError("bad_request", "text must be text.")
    return clean_text(value, field="outcome", max_length=OUTCOME_TEXT_MAX)


def _owner(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInputError("bad_request", "owner must be text.")
    return clean_line(value, field="owner", max_length=OWNER_MAX, required=False) or None


def _due(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) != 10:
        raise InvalidInputError("bad_due", "due must be a date written YYYY-MM-DD.")
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidInputError("bad_due", "due must be a date written YYYY-MM-DD.") from None


def _status(value: object) -> str | None:
    if value is None or value == "":
        return None
    if value not in ACTION_STATUSES:
        raise InvalidInputError(
            "bad_status", f"status must be one of: {', '.join(ACTION_STATUSES)}."
        )
    return str(value)


def _ids(value: object, field: str) -> tuple[int, ...]:
    if value is None:
        return ()
    if (
        not isinstance(value, list | tuple)
        or len(value) > SOURCES_MAX
        or not all(isinstance(i, int) and not isinstance(i, bool) and 0 < i < 2**31 for i in value)
    ):
        raise InvalidInputError(
            "bad_sources", f"{field} must be a list of at most {SOURCES_MAX} ids."
        )
    return tuple(dict.fromkeys(value))


def _sources_in(
    session: Session, roundtable_id: int, idea_ids: tuple[int, ...], theme_ids: tuple[int, ...]
) -> None:
    """Every source is an idea or theme of this roundtable; any other does not exist for it."""
    if idea_ids:
        found = set(
            session.scalars(
                select(Idea.id)
                .join(Prompt, Idea.prompt_id == Prompt.id)
                .where(Idea.id.in_(idea_ids), Prompt.roundtable_id == roundtable_id)
            )
        )
        if missing := [i for i in idea_ids if i not in found]:
            raise NotFoundError(f"idea {missing[0]} in this roundtable")
    if theme_ids:
        found = set(
            session.scalars(
                select(Theme.id)
                .join(Prompt, Theme.prompt_id == Prompt.id)
                .where(Theme.id.in_(theme_ids), Prompt.roundtable_id == roundtable_id)
            )
        )
        if missing := [i for i in theme_ids if i not in found]:
            raise NotFoundError(f"theme {missing[0]} in this roundtable")


def _streams_in(session: Session, roundtable_id: int, stream_ids: tuple[int, ...]) -> None:
    """Every stream named is one of this roundtable's event."""
    if not stream_ids:
        return
    event_id = select(Roundtable.event_id).where(Roundtable.id == roundtable_id).scalar_subquery()
    found = set(
        session.scalars(
            select(Stream.id).where(Stream.id.in_(stream_ids), Stream.event_id == event_id)
        )
    )
    if missing := [i for i in stream_ids if i not in found]:
        raise NotFoundError(f"stream {missing[0]} of this event")


def checked(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields a client sent, each checked and cleaned; fields not sent are left out."""
    checks: dict[str, Callable[[Any], object]] = {
        "kind": _kind,
        "text": _text,
        "owner": _owner,
        "due": _due,
        "status": _status,
        "sdgs": lambda v: sdgs.checked(v if v is not None else []),
        "source_idea_ids": lambda v: _ids(v, "source_idea_ids"),
        "source_theme_ids": lambda v: _ids(v, "source_theme_ids"),
        "stream_ids": lambda v: _ids(v, "stream_ids"),
    }
    return {name: checks[name](value) for name, value in fields.items() if name in checks}


def _action_only(outcome: Outcome) -> None:
    """Owner, due date and status belong to action items: other kinds keep none."""
    if outcome.kind != "action":
        outcome.owner = outcome.due = outcome.status = None
    elif outcome.status is None:
        outcome.status = "open"


def _apply(outcome: Outcome, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(outcome, name, list(value) if isinstance(value, tuple) else value)
    _action_only(outcome)


# -- writes ----------------------------------------------------------------------------------


def _news(session: Session, name: str, outcome: Outcome) -> StaffNews:
    return StaffNews(outcome.roundtable_id, name, {"outcome": outcome_view(session, outcome)})


def add_outcomes(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    wanted: list[NewOutcome],
    client_id: str | None = None,
) -> Noted[list[OutcomeView]]:
    """New outcomes at the end of the list. A client_id seen before answers with the outcome
    it made then, so that a create retried after a lost ack adds nothing twice."""
    actor = require(actor, Right.RECORD_OUTCOMES)
    if client_id is not None and not 0 < len(client_id) <= CLIENT_ID_MAX:
        raise InvalidInputError("bad_request", "client_id must be 1 to 64 characters.")
    roundtable = lock_roundtable(session, roundtable_id)
    if client_id is not None:
        earlier = session.scalar(
            select(Outcome).where(
                Outcome.roundtable_id == roundtable.id, Outcome.client_id == client_id
            )
        )
        if earlier is not None:
            view = outcome_view(session, earlier)
            session.commit()
            return Noted([view], [])
    count = session.scalar(
        select(func.count()).select_from(Outcome).where(Outcome.roundtable_id == roundtable.id)
    )
    if (count or 0) + len(wanted) > OUTCOMES_MAX:
        raise InvalidInputError(
            "too_many_outcomes", f"A roundtable keeps at most {OUTCOMES_MAX} outcomes."
        )
    last = session.scalar(
        select(func.max(Outcome.position)).where(Outcome.roundtable_id == roundtable.id)
    )
    made = []
    now = utcnow()
    for offset, new in enumerate(wanted, start=1):
        values = checked(
            {name: getattr(new, name) for name in FIELDS if getattr(new, name) not in (None, ())}
        )
        _sources_in(
            session,
            roundtable.id,
            values.get("source_idea_ids", ()),
            values.get("source_theme_ids", ()),
        )
        _streams_in(session, roundtable.id, values.get("stream_ids", ()))
        outcome = Outcome(
            roundtable_id=roundtable.id,
            position=(last or 0) + offset,
            client_id=client_id if len(wanted) == 1 else None,
            created_by=actor.staff_id,
            updated_by=actor.staff_id,
            created_at=now,
            updated_at=now,
            sdgs=[],
            source_idea_ids=[],
            source_theme_ids=[],
            stream_ids=[],
        )
        _apply(outcome, values)
        session.add(outcome)
        made.append(outcome)
    session.flush()
    news = [_news(session, "outcome.created", o) for o in made]
    views = [outcome_view(session, o) for o in made]
    session.commit()
    return Noted(views, news)


def create_outcome(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    client_id: str | None = None,
    **fields: Any,
) -> Noted[OutcomeView]:
    if "kind" not in fields or "text" not in fields:
        raise InvalidInputError("bad_request", "An outcome needs a kind and a text.")
    values = checked(fields)
    made = add_outcomes(
        session,
        actor=actor,
        roundtable_id=roundtable_id,
        wanted=[NewOutcome(**values)],
        client_id=client_id,
    )
    return Noted(made.answer[0], made.news)


def _outcome_in(session: Session, roundtable_id: int, outcome_id: int) -> Outcome:
    outcome = session.get(Outcome, outcome_id, populate_existing=True)
    if outcome is None or outcome.roundtable_id != roundtable_id:
        raise NotFoundError("outcome")
    return outcome


def _same_version(session: Session, outcome: Outcome, version: int | None) -> None:
    if version is not None and version != outcome.version:
        raise EditConflict(outcome_view(session, outcome))


def update_outcome(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    outcome_id: int,
    version: int | None = None,
    **fields: Any,
) -> Noted[OutcomeView]:
    """Change some fields. With `version`, only if nobody changed the outcome since then; an
    integrator that sends none is taken to mean "whatever is there now"."""
    actor = require(actor, Right.RECORD_OUTCOMES)
    values = checked(fields)
    roundtable = lock_roundtable(session, roundtable_id)
    outcome = _outcome_in(session, roundtable.id, outcome_id)
    _same_version(session, outcome, version)
    _sources_in(
        session,
        roundtable.id,
        values.get("source_idea_ids", ()),
        values.get("source_theme_ids", ()),
    )
    _streams_in(session, roundtable.id, values.get("stream_ids", ()))
    before = outcome_view(session, outcome)
    _apply(outcome, values)
    after = outcome_view(session, outcome)
    if {**after, "version": 0} == {**before, "version": 0}:
        session.commit()
        return Noted(before, [])
    outcome.version += 1
    outcome.updated_by = actor.staff_id
    outcome.updated_at = utcnow()
    session.flush()
    news = _news(session, "outcome.updated", outcome)
    view = outcome_view(session, outcome)
    session.commit()
    return Noted(view, [news])


def delete_outcome(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    outcome_id: int,
    version: int | None = None,
) -> Noted[OutcomeRef]:
    require(actor, Right.RECORD_OUTCOMES)
    roundtable = lock_roundtable(session, roundtable_id)
    outcome = _outcome_in(session, roundtable.id, outcome_id)
    _same_version(session, outcome, version)
    session.delete(outcome)
    session.commit()
    gone: OutcomeRef = {"id": outcome_id}
    return Noted(gone, [StaffNews(roundtable.id, "outcome.deleted", {"outcome": gone})])


def counts_by_roundtable(session: Session, *, actor: Actor | None) -> dict[int, dict[str, int]]:
    """How many outcomes of each kind every roundtable has, in one grouped query."""
    require(actor, Right.READ_ROUNDTABLE)
    counts: dict[int, dict[str, int]] = {}
    rows = session.execute(
        select(Outcome.roundtable_id, Outcome.kind, func.count()).group_by(
            Outcome.roundtable_id, Outcome.kind
        )
    )
    for roundtable_id, kind, number in rows:
        counts.setdefault(roundtable_id, {})[kind] = number
    return counts
