"""Presenter links: a secret, revocable, read-only link to a roundtable's big screen.

A link's token is an HMAC, under the app's secret key, of a random nonce kept with the
link: staff can be shown the same link again, while the database holds only the token's
SHA-256, which is what a presented token is looked up by. A leaked database therefore opens
no screen, and no secret is ever compared character by character. Each roundtable has at
most one live link; creating another revokes the one before.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitation.models import PresenterLink, Roundtable
from facilitation.services.actors import Actor, Right, require
from facilitation.services.errors import DomainError, ForbiddenError, NotFoundError
from facilitation.services.events import lock_roundtable

# Longer than any token this module issues; anything longer is not looked up at all.
TOKEN_MAX = 100
_SALT = b"facilitation.presenter-link:"


class NoPresenterLinkError(DomainError):
    status = 404

    def __init__(self) -> None:
        super().__init__("no_presenter_link", "This roundtable has no presenter link.")


class InvalidPresenterLinkError(DomainError):
    """A token that opens no screen: unknown, malformed or revoked, told apart by no one."""

    status = 404

    def __init__(self) -> None:
        super().__init__(
            "invalid_presenter_link", "This presenter link is not valid; it may have been revoked."
        )


@dataclass(frozen=True)
class ScreenLink:
    """A live presenter link as staff are shown it: its token and when it was made."""

    link_id: int
    roundtable_id: int
    token: str
    created_at: datetime


@dataclass(frozen=True)
class Screen:
    """What a valid token opens: one roundtable's big screen, through one link."""

    link_id: int
    roundtable_id: int


def token_of(nonce: str, *, secret: str) -> str:
    """The token of a link: recomputed from its nonce, never stored."""
    return hmac.new(secret.encode(), _SALT + nonce.encode(), hashlib.sha256).hexdigest()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _live(session: Session, roundtable_id: int) -> PresenterLink | None:
    return session.scalar(
        select(PresenterLink).where(
            PresenterLink.roundtable_id == roundtable_id, PresenterLink.revoked_at.is_(None)
        )
    )


def _shown(link: PresenterLink, secret: str) -> ScreenLink:
    token = token_of(link.nonce, secret=secret)
    return ScreenLink(link.id, link.roundtable_id, token, link.created_at)


def create_or_rotate(
    session: Session, *, actor: Actor | None, roundtable_id: int, secret: str, now: datetime
) -> tuple[ScreenLink, list[int]]:
    """A new presenter link for the roundtable, and the ids of the links it revoked (the one
    before, if any): screens showing those must be sent away."""
    member = require(actor, Right.SHARE_SCREEN)
    # One rotation at a time per roundtable, so that two never both find "no live link".
    lock_roundtable(session, roundtable_id)
    revoked = _revoke_live(session, roundtable_id, now)
    nonce = secrets.token_urlsafe(32)
    link = PresenterLink(
        roundtable_id=roundtable_id,
        nonce=nonce,
        token_hash=_hash(token_of(nonce, secret=secret)),
        created_at=now,
        created_by=member.staff_id,
    )
    session.add(link)
    session.commit()
    return _shown(link, secret), revoked


def current_link(
    session: Session, *, actor: Actor | None, roundtable_id: int, secret: str
) -> ScreenLink:
    """The roundtable's live presenter link, shown again; NoPresenterLinkError if none."""
    require(actor, Right.SHARE_SCREEN)
    if session.get(Roundtable, roundtable_id) is None:
        raise NotFoundError("roundtable")
    link = _live(session, roundtable_id)
    if link is None:
        raise NoPresenterLinkError()
    return _shown(link, secret)


def revoke(
    session: Session, *, actor: Actor | None, roundtable_id: int, now: datetime
) -> list[int]:
    """Revoke the roundtable's live link, if it has one; the ids of the links revoked."""
    require(actor, Right.SHARE_SCREEN)
    lock_roundtable(session, roundtable_id)
    revoked = _revoke_live(session, roundtable_id, now)
    session.commit()
    return revoked


def _revoke_live(session: Session, roundtable_id: int, now: datetime) -> list[int]:
    link = _live(session, roundtable_id)
    if link is None:
        return []
    link.revoked_at = now
    session.flush()  # before a new live link is added: the unique index allows only one
    return [link.id]


def resolve(session: Session, *, token: object) -> Screen:
    """The big screen a token opens; an unknown, malformed or revoked token is not found,
    with no hint of which."""
    if not isinstance(token, str) or not token or len(token) > TOKEN_MAX:
        raise InvalidPresenterLinkError()
    link = session.scalar(
        select(PresenterLink).where(
            PresenterLink.token_hash == _hash(token), PresenterLink.revoked_at.is_(None)
        )
    )
    if link is None:
        raise InvalidPresenterLinkError()
    return Screen(link.id, link.roundtable_id)


def require_screen_of(session: Session, actor: Actor, roundtable_id: int) -> None:
    """A big screen may read only its own roundtable, and only while its link is live."""
    if actor.screen_roundtable_id != roundtable_id:
        raise ForbiddenError("This screen shows another roundtable.")
    if actor.presenter_link_id is None:
        return  # opened by a signed-in staff member, not through a link
    link = session.get(PresenterLink, actor.presenter_link_id)
    if link is None or link.revoked_at is not None or link.roundtable_id != roundtable_id:
        raise InvalidPresenterLinkError()
