"""Staff accounts: argon2 hashes, unique emails, hashed API tokens."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitation.models import ApiToken
from facilitation.services import staff
from tests.services.conftest import refusal


def test_passwords_are_kept_as_argon2_hashes(session: Session) -> None:
    member = staff.create_staff(
        session, email="Ana@Example.org", name="Ana", role="organizer", password="correct horse"
    )
    assert member.email == "ana@example.org"
    assert member.password_hash is not None and member.password_hash.startswith("$argon2")
    assert staff.authenticate(session, email="ana@example.org", password="correct horse") == member
    assert staff.authenticate(session, email="ana@example.org", password="wrong horse") is None
    assert staff.authenticate(session, email="nobody@example.org", password="x" * 8) is None


def test_a_duplicate_email_is_refused(session: Session) -> None:
    staff.create_staff(session, email="ana@example.org", name="Ana", role="facilitator")
    assert (
        refusal(staff.create_staff, session, email="ANA@example.org", name="Ana", role="rapporteur")
        == "duplicate_email"
    )


@pytest.mark.parametrize(
    ("email", "role", "password", "code"),
    [
        ("not-an-email", "facilitator", None, "bad_email"),
        ("a@example.org", "admin", None, "bad_role"),
        ("a@example.org", "facilitator", "short", "weak_password"),
    ],
)
def test_bad_accounts_are_refused(
    session: Session, email: str, role: str, password: str | None, code: str
) -> None:
    assert (
        refusal(staff.create_staff, session, email=email, name="A", role=role, password=password)
        == code
    )


def test_api_tokens_are_stored_hashed_and_identify_their_owner(session: Session) -> None:
    member = staff.create_staff(session, email="ana@example.org", name="Ana", role="rapporteur")
    token = staff.issue_token(session, email="ana@example.org")
    stored = session.scalars(select(ApiToken.token_hash)).all()
    assert token not in stored and len(stored) == 1
    assert staff.staff_for_token(session, token) == member
    assert staff.staff_for_token(session, token + "x") is None
    assert staff.staff_for_token(session, "") is None
