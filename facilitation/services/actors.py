"""Who is acting: a staff member with a role, a participant, or a big screen; and what each
role may do."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from facilitation.roles import StaffRole
from facilitation.services.errors import ForbiddenError, NotAuthenticatedError


class Right(enum.Enum):
    MANAGE_EVENT = "manage_event"
    CREATE_ROUNDTABLE = "create_roundtable"
    RUN_PROMPTS = "run_prompts"
    READ_ROUNDTABLE = "read_roundtable"
    EXPORT = "export"
    SHARE_SCREEN = "share_screen"
    RECORD_OUTCOMES = "record_outcomes"


RIGHTS: dict[str, frozenset[Right]] = {
    StaffRole.ORGANIZER: frozenset(Right),
    StaffRole.FACILITATOR: frozenset(
        {
            Right.CREATE_ROUNDTABLE,
            Right.RUN_PROMPTS,
            Right.READ_ROUNDTABLE,
            Right.EXPORT,
            Right.SHARE_SCREEN,
            Right.RECORD_OUTCOMES,
        }
    ),
    StaffRole.RAPPORTEUR: frozenset({Right.READ_ROUNDTABLE, Right.EXPORT, Right.RECORD_OUTCOMES}),
}


# A big screen's role: it holds no right at all, and sees one roundtable as its participants do.
SCREEN = "screen"


@dataclass(frozen=True)
class Actor:
    """The identity bound to a connection or request; never taken from a payload."""

    staff_id: int | None = None
    role: str | None = None
    participant_id: int | None = None
    # A big screen: the one roundtable it shows, and the presenter link it came in with
    # (None for the big screen a signed-in staff member opened).
    screen_roundtable_id: int | None = None
    presenter_link_id: int | None = None

    @classmethod
    def staff(cls, staff_id: int, role: str) -> Actor:
        return cls(staff_id=staff_id, role=role)

    @classmethod
    def participant(cls, participant_id: int) -> Actor:
        return cls(participant_id=participant_id)

    @classmethod
    def screen(cls, roundtable_id: int, presenter_link_id: int | None = None) -> Actor:
        return cls(
            role=SCREEN, screen_roundtable_id=roundtable_id, presenter_link_id=presenter_link_id
        )

    @property
    def is_staff(self) -> bool:
        return self.staff_id is not None

    @property
    def is_screen(self) -> bool:
        return self.screen_roundtable_id is not None

    def may(self, right: Right) -> bool:
        return self.role is not None and right in RIGHTS.get(self.role, frozenset())


def require(actor: Actor | None, right: Right) -> Actor:
    """The actor, if it holds the right; otherwise an error saying why not."""
    if actor is None:
        raise NotAuthenticatedError()
    if not actor.may(right):
        raise ForbiddenError(f"Your role may not {right.value.replace('_', ' ')}.")
    return actor


def require_participant(actor: Actor | None) -> int:
    """The participant id of an actor that must be a participant."""
    if actor is None:
        raise NotAuthenticatedError("Join the roundtable first.")
    if actor.participant_id is None:
        raise ForbiddenError("Only participants can do that.")
    return actor.participant_id
