"""Presenter links: one live link per roundtable, rotated and revoked by those who may share."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from facilitation.models import PresenterLink
from facilitation.services import roundtables, screens
from facilitation.services.actors import Actor
from tests.services.conftest import Table, refusal, staff_actor

SECRET = "the-app-secret"
NOW = datetime(2025, 6, 4, 9, 0)
LATER = datetime(2025, 6, 4, 10, 0)


def share(table: Table, actor: Actor | None = None, now: datetime = NOW) -> screens.ScreenLink:
    link, _ = screens.create_or_rotate(
        table.session,
        actor=actor or table.facilitator,
        roundtable_id=table.roundtable_id,
        secret=SECRET,
        now=now,
    )
    return link


def test_a_new_link_opens_its_roundtable_and_is_shown_again(table: Table) -> None:
    link = share(table)
    shown = screens.current_link(
        table.session, actor=table.facilitator, roundtable_id=table.roundtable_id, secret=SECRET
    )
    assert shown == link
    assert shown.created_at == NOW
    opened = screens.resolve(table.session, token=link.token)
    assert opened == screens.Screen(link.link_id, table.roundtable_id)


def test_the_database_keeps_only_a_hash_of_the_token(table: Table) -> None:
    link = share(table)
    row = table.session.scalars(select(PresenterLink)).one()
    assert link.token not in (row.nonce, row.token_hash)
    assert row.token_hash == screens._hash(link.token)


def test_the_token_depends_on_the_secret_key(table: Table) -> None:
    link = share(table)
    other = screens.current_link(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        secret="another-secret",
    )
    assert other.token != link.token
    assert refusal(screens.resolve, table.session, token=other.token) == "invalid_presenter_link"


def test_rotating_revokes_the_old_link(table: Table) -> None:
    old = share(table)
    new, revoked = screens.create_or_rotate(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        secret=SECRET,
        now=LATER,
    )
    assert revoked == [old.link_id]
    assert new.token != old.token
    assert refusal(screens.resolve, table.session, token=old.token) == "invalid_presenter_link"
    assert screens.resolve(table.session, token=new.token).link_id == new.link_id
    rows = table.session.scalars(select(PresenterLink).order_by(PresenterLink.id)).all()
    assert [row.revoked_at for row in rows] == [LATER, None]


def test_revoking_leaves_no_link(table: Table) -> None:
    link = share(table)
    revoked = screens.revoke(
        table.session, actor=table.facilitator, roundtable_id=table.roundtable_id, now=LATER
    )
    assert revoked == [link.link_id]
    assert refusal(screens.resolve, table.session, token=link.token) == "invalid_presenter_link"
    assert (
        refusal(
            screens.current_link,
            table.session,
            actor=table.facilitator,
            roundtable_id=table.roundtable_id,
            secret=SECRET,
        )
        == "no_presenter_link"
    )


def test_revoking_without_a_link_changes_nothing(table: Table) -> None:
    revoked = screens.revoke(
        table.session, actor=table.facilitator, roundtable_id=table.roundtable_id, now=NOW
    )
    assert revoked == []


@pytest.mark.parametrize("token", ["", "nonsense", "x" * 101, None, 42, ["a"]])
def test_unknown_or_malformed_tokens_open_nothing(table: Table, token: object) -> None:
    share(table)
    assert refusal(screens.resolve, table.session, token=token) == "invalid_presenter_link"


def test_the_database_allows_one_live_link_per_roundtable(table: Table) -> None:
    share(table)
    table.session.add(
        PresenterLink(roundtable_id=table.roundtable_id, nonce="n", token_hash="h" * 64)
    )
    with pytest.raises(IntegrityError):
        table.session.commit()
    table.session.rollback()


def test_each_roundtable_has_its_own_link(table: Table) -> None:
    other = roundtables.create_roundtable(table.session, actor=table.facilitator, title="Housing")
    first = share(table)
    second, revoked = screens.create_or_rotate(
        table.session, actor=table.facilitator, roundtable_id=other.id, secret=SECRET, now=NOW
    )
    assert revoked == []
    assert screens.resolve(table.session, token=first.token).roundtable_id == table.roundtable_id
    assert screens.resolve(table.session, token=second.token).roundtable_id == other.id


@pytest.mark.parametrize("role", ["organizer", "facilitator"])
def test_those_who_run_the_room_may_share_it(table: Table, role: str) -> None:
    member = staff_actor(table.session, role, email=f"{role}-2@example.org")
    assert share(table, member).roundtable_id == table.roundtable_id


def test_a_rapporteur_may_not_share_the_screen(table: Table) -> None:
    rapporteur = staff_actor(table.session, "rapporteur")
    share(table)
    rid = table.roundtable_id
    assert table.refusal(share, table, rapporteur) == "forbidden"
    assert (
        table.refusal(
            screens.current_link,
            table.session,
            actor=rapporteur,
            roundtable_id=rid,
            secret=SECRET,
        )
        == "forbidden"
    )
    assert (
        table.refusal(screens.revoke, table.session, actor=rapporteur, roundtable_id=rid, now=NOW)
        == "forbidden"
    )


def test_participants_and_screens_may_not_share_the_screen(table: Table) -> None:
    alice = table.join("Alice")
    link = share(table)
    screen = Actor.screen(table.roundtable_id, link.link_id)
    assert table.refusal(share, table, alice) == "forbidden"
    assert table.refusal(share, table, screen) == "forbidden"
    anonymous = table.refusal(
        screens.create_or_rotate,
        table.session,
        actor=None,
        roundtable_id=table.roundtable_id,
        secret=SECRET,
        now=NOW,
    )
    assert anonymous == "unauthenticated"


def test_an_unknown_roundtable_is_not_found(table: Table) -> None:
    code = table.refusal(
        screens.create_or_rotate,
        table.session,
        actor=table.facilitator,
        roundtable_id=9999,
        secret=SECRET,
        now=NOW,
    )
    assert code == "not_found"


def test_a_screen_reads_its_own_roundtable_while_its_link_lives(table: Table) -> None:
    other = roundtables.create_roundtable(table.session, actor=table.facilitator, title="Housing")
    link = share(table)
    screen = Actor.screen(table.roundtable_id, link.link_id)
    session: Session = table.session
    assert (
        roundtables.require_access(session, screen, table.roundtable_id).id == table.roundtable_id
    )
    assert table.refusal(roundtables.require_access, session, screen, other.id) == "forbidden"
    screens.revoke(session, actor=table.facilitator, roundtable_id=table.roundtable_id, now=LATER)
    assert (
        table.refusal(roundtables.require_access, session, screen, table.roundtable_id)
        == "invalid_presenter_link"
    )


def test_a_screen_joins_only_its_own_roundtable_and_sees_what_the_room_sees(table: Table) -> None:
    other = roundtables.create_roundtable(table.session, actor=table.facilitator, title="Housing")
    alice = table.join("Alice")
    prompt_id = table.open_prompt(attribution="anonymous")
    table.post(alice, prompt_id, "Shade trees")
    link = share(table)
    screen = Actor.screen(table.roundtable_id, link.link_id)
    joined = roundtables.join_roundtable(table.session, actor=screen, join_code=table.join_code)
    assert joined.role == "screen" and joined.participant is None
    (idea,) = joined.snapshot["prompts"][0]["ideas"]
    assert idea["text"] == "Shade trees"
    assert idea["author"] is None and "author_id" not in idea
    assert (
        table.refusal(
            roundtables.join_roundtable, table.session, actor=screen, join_code=other.join_code
        )
        == "forbidden"
    )
