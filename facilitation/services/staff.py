"""Staff accounts: argon2 password hashes, roles, hashed API tokens."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from facilitation.models import ApiToken, StaffUser
from facilitation.roles import StaffRole
from facilitation.services.errors import ConflictError, InvalidInputError, NotFoundError
from facilitation.services.text import NAME_MAX, clean_line

_hasher = PasswordHasher()
MIN_PASSWORD = 8


def _normalise_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254 or any(c.isspace() for c in email):
        raise InvalidInputError("bad_email", f"{email!r} is not an email address.")
    return email


def create_staff(
    session: Session, *, email: str, name: str, role: str, password: str | None = None
) -> StaffUser:
    """A new staff account; a taken email is refused."""
    if role not in set(StaffRole):
        roles = ", ".join(r.value for r in StaffRole)
        raise InvalidInputError("bad_role", f"Role must be one of: {roles}.")
    if password is not None and len(password) < MIN_PASSWORD:
        raise InvalidInputError(
            "weak_password", f"The password must be at least {MIN_PASSWORD} characters."
        )
    staff = StaffUser(
        email=_normalise_email(email),
        name=clean_line(name, field="name", max_length=NAME_MAX),
        role=role,
        password_hash=_hasher.hash(password) if password else None,
    )
    session.add(staff)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise ConflictError(
            "duplicate_email", f"A staff account for {staff.email} already exists."
        ) from None
    return staff


def find_staff(session: Session, email: str) -> StaffUser:
    staff = session.scalar(
        select(StaffUser).where(func.lower(StaffUser.email) == email.strip().lower())
    )
    if staff is None:
        raise NotFoundError("staff account")
    return staff


def authenticate(session: Session, *, email: str, password: str) -> StaffUser | None:
    """The staff member whose password this is, or None."""
    try:
        staff = find_staff(session, email)
    except NotFoundError:
        _hasher.hash(password)  # the same work either way: timing does not reveal accounts
        return None
    if staff.password_hash is None:
        return None
    try:
        _hasher.verify(staff.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(staff.password_hash):
        staff.password_hash = _hasher.hash(password)
        session.commit()
    return staff


def set_password(session: Session, staff: StaffUser, password: str) -> None:
    """Give the account a new password."""
    if len(password) < MIN_PASSWORD:
        raise InvalidInputError(
            "weak_password", f"The password must be at least {MIN_PASSWORD} characters."
        )
    staff.password_hash = _hasher.hash(password)
    session.commit()


def provide_demo_account(
    session: Session, *, email: str, name: str, role: str, password: str, former: str
) -> None:
    """A demo account with this installation's password: created if missing, and moved off
    the `former` password that every installation once shared; otherwise left as it is."""
    try:
        staff = find_staff(session, email)
    except NotFoundError:
        create_staff(session, email=email, name=name, role=role, password=password)
        return
    if authenticate(session, email=email, password=former) is not None:
        set_password(session, staff, password)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, *, email: str) -> str:
    """A new API token for the account; only its hash is kept."""
    staff = find_staff(session, email)
    token = "rt_" + secrets.token_urlsafe(32)
    session.add(ApiToken(staff_id=staff.id, token_hash=_digest(token)))
    session.commit()
    return token


def staff_for_token(session: Session, token: str) -> StaffUser | None:
    if not token or len(token) > 200:
        return None
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
    return row.staff if row else None


def get_staff(session: Session, staff_id: int) -> StaffUser | None:
    return session.get(StaffUser, staff_id)
