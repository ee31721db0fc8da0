"""Outcomes: what a session concluded, checked, versioned, and linked to where it came from."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from facilitation.models import utcnow
from facilitation.services import outcomes, roundtables, summaries, themes
from facilitation.services.actors import Actor
from facilitation.services.outcomes import NewOutcome
from facilitation.services.sdgs import GOALS, label
from tests.services.conftest import Table, staff_actor


@pytest.fixture
def rapporteur(table: Table) -> Actor:
    return staff_actor(table.session, "rapporteur")


def create(table: Table, actor: Actor, **fields: object) -> dict[str, object]:
    view, _ = table.act(outcomes.create_outcome, actor=actor, **fields)
    return dict(view)


def test_the_seventeen_goals_carry_their_official_short_names() -> None:
    assert len(GOALS) == 17
    assert label(11) == "SDG 11: Sustainable cities and communities"
    assert label(17) == "SDG 17: Partnerships for the goals"


def test_an_action_item_keeps_owner_due_date_and_status(table: Table, rapporteur: Actor) -> None:
    made = create(
        table,
        rapporteur,
        kind="action",
        text="Share the flood-map toolkit with partner cities",
        owner="Lisbon city council",
        due="2025-09-30",
        sdgs=[13, 11, 11],
    )
    assert made["owner"] == "Lisbon city council"
    assert made["due"] == "2025-09-30"
    assert made["status"] == "open"  # an action item starts open
    assert made["sdgs"] == [11, 13]  # each goal once, in order
    assert made["version"] == 1
    assert made["updated_by"] == "Rapporteur"


def test_only_action_items_have_an_owner_a_due_date_and_a_status(
    table: Table, rapporteur: Actor
) -> None:
    made = create(
        table, rapporteur, kind="takeaway", text="Data first", owner="X", due="2025-01-01"
    )
    assert (made["owner"], made["due"], made["status"]) == (None, None, None)
    action = create(table, rapporteur, kind="action", text="Do it", owner="Quito")
    changed, _ = table.act(
        outcomes.update_outcome, actor=rapporteur, outcome_id=action["id"], kind="decision"
    )
    assert (changed["owner"], changed["status"]) == (None, None)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"kind": "wish", "text": "x"}, "bad_outcome_kind"),
        ({"kind": "takeaway", "text": "   "}, "text_empty"),
        ({"kind": "takeaway", "text": "x" * 1001}, "text_too_long"),
        ({"kind": "takeaway", "text": "<b>bold</b>"}, "text_has_markup"),
        ({"kind": "action", "text": "x", "due": "30/09/2025"}, "bad_due"),
        ({"kind": "action", "text": "x", "due": "2025-02-30"}, "bad_due"),
        ({"kind": "action", "text": "x", "status": "finished"}, "bad_status"),
        ({"kind": "takeaway", "text": "x", "sdgs": [0]}, "bad_sdgs"),
        ({"kind": "takeaway", "text": "x", "sdgs": [18]}, "bad_sdgs"),
        ({"kind": "takeaway", "text": "x", "sdgs": [True]}, "bad_sdgs"),
        ({"kind": "takeaway", "text": "x", "sdgs": "11"}, "bad_sdgs"),
        ({"kind": "takeaway", "text": "x", "source_idea_ids": "7"}, "bad_sources"),
        ({"kind": "takeaway", "text": "x", "source_idea_ids": list(range(51))}, "bad_sources"),
        ({"kind": "takeaway", "text": "x", "source_idea_ids": [99999]}, "not_found"),
        ({"kind": "takeaway", "text": "x", "source_theme_ids": [99999]}, "not_found"),
        ({"text": "x"}, "bad_request"),
    ],
)
def test_bad_outcomes_are_refused_with_a_reason(
    table: Table, rapporteur: Actor, fields: dict[str, object], code: str
) -> None:
    assert (
        table.refusal(
            outcomes.create_outcome,
            table.session,
            actor=rapporteur,
            roundtable_id=table.roundtable_id,
            **fields,
        )
        == code
    )
    assert table.act(outcomes.list_outcomes, actor=rapporteur) == []


def test_participants_and_screens_may_not_record_outcomes(table: Table) -> None:
    alice = table.join("Alice")
    for actor in (alice, Actor.screen(table.roundtable_id), None):
        code = table.refusal(
            outcomes.create_outcome,
            table.session,
            actor=actor,
            roundtable_id=table.roundtable_id,
            kind="takeaway",
            text="x",
        )
        assert code in {"forbidden", "unauthenticated"}


def test_every_staff_role_may_record_outcomes(table: Table) -> None:
    for role in ("organizer", "facilitator", "rapporteur"):
        actor = staff_actor(table.session, role, f"{role}-2@example.org")
        assert create(table, actor, kind="question", text=f"Asked by the {role}")["id"]


def test_sources_must_be_ideas_and_themes_of_the_same_roundtable(
    table: Table, rapporteur: Actor
) -> None:
    alice = table.join("Alice")
    prompt_id = table.open_prompt()
    idea = table.post(alice, prompt_id, "Shade trees")
    theme, _ = table.act(
        themes.create_theme, actor=table.facilitator, prompt_id=prompt_id, name="Greenery"
    )
    made = create(
        table,
        rapporteur,
        kind="takeaway",
        text="Trees",
        source_idea_ids=[idea["id"]],
        source_theme_ids=[theme["id"]],
    )
    assert (made["source_idea_ids"], made["source_theme_ids"]) == ([idea["id"]], [theme["id"]])
    # The same idea, seen from another roundtable, does not exist there.
    other = staff_actor(table.session, "organizer", "o@example.org")
    from facilitation.services import roundtables

    elsewhere = roundtables.create_roundtable(table.session, actor=other, title="Elsewhere")
    code = table.refusal(
        outcomes.create_outcome,
        table.session,
        actor=rapporteur,
        roundtable_id=elsewhere.id,
        kind="takeaway",
        text="x",
        source_idea_ids=[idea["id"]],
    )
    assert code == "not_found"


def test_an_edit_from_an_older_version_is_refused_with_what_is_there_now(
    table: Table, rapporteur: Actor
) -> None:
    made = create(table, rapporteur, kind="takeaway", text="First words")
    other = staff_actor(table.session, "rapporteur", "r2@example.org")
    theirs, news = table.act(
        outcomes.update_outcome, actor=other, outcome_id=made["id"], version=1, text="Theirs"
    )
    assert theirs["version"] == 2 and [n.name for n in news] == ["outcome.updated"]
    with pytest.raises(outcomes.EditConflict) as conflict:
        table.act(
            outcomes.update_outcome,
            actor=rapporteur,
            outcome_id=made["id"],
            version=1,
            text="Mine",
        )
    table.session.rollback()
    assert conflict.value.code == "edit_conflict"
    assert conflict.value.current["text"] == "Theirs"
    # Nothing was written over: the colleague's words stand until the writer chooses.
    (kept,) = table.act(outcomes.list_outcomes, actor=rapporteur)
    assert kept["text"] == "Theirs" and kept["version"] == 2
    mine, _ = table.act(
        outcomes.update_outcome, actor=rapporteur, outcome_id=made["id"], version=2, text="Mine"
    )
    assert mine["version"] == 3


def test_deleting_from_an_older_version_is_refused(table: Table, rapporteur: Actor) -> None:
    made = create(table, rapporteur, kind="takeaway", text="Keep me")
    table.act(outcomes.update_outcome, actor=rapporteur, outcome_id=made["id"], text="Edited")
    with pytest.raises(outcomes.EditConflict):
        table.act(outcomes.delete_outcome, actor=rapporteur, outcome_id=made["id"], version=1)
    table.session.rollback()
    gone, news = table.act(outcomes.delete_outcome, actor=rapporteur, outcome_id=made["id"])
    assert gone == {"id": made["id"]} and news[0].payload == {"outcome": {"id": made["id"]}}
    assert table.act(outcomes.list_outcomes, actor=rapporteur) == []


def test_an_unchanged_update_keeps_its_version_and_tells_nobody(
    table: Table, rapporteur: Actor
) -> None:
    made = create(table, rapporteur, kind="takeaway", text="Same")
    view, news = table.act(
        outcomes.update_outcome, actor=rapporteur, outcome_id=made["id"], text="Same"
    )
    assert view["version"] == 1 and news == []


def test_a_create_retried_with_its_client_id_makes_one_outcome(
    table: Table, rapporteur: Actor
) -> None:
    first = create(table, rapporteur, kind="takeaway", text="Once", client_id="c-1")
    again = create(table, rapporteur, kind="takeaway", text="Once", client_id="c-1")
    assert again["id"] == first["id"]
    assert len(table.act(outcomes.list_outcomes, actor=rapporteur)) == 1


def test_the_summary_carries_the_outcomes_in_their_order(table: Table, rapporteur: Actor) -> None:
    table.act(
        outcomes.add_outcomes,
        actor=rapporteur,
        wanted=[NewOutcome("takeaway", "One"), NewOutcome("action", "Two", owner="Quito")],
    )
    summary = summaries.build_summary(
        table.session, actor=rapporteur, roundtable_id=table.roundtable_id, now=utcnow()
    )
    assert [(o.kind, o.text, o.owner, o.status) for o in summary.outcomes] == [
        ("takeaway", "One", None, None),
        ("action", "Two", "Quito", "open"),
    ]


def test_outcomes_are_counted_by_roundtable_and_kind_in_one_query(
    table: Table, rapporteur: Actor
) -> None:
    other = roundtables.create_roundtable(table.session, actor=table.facilitator, title="Water")
    for kind, text in [("takeaway", "A"), ("takeaway", "B"), ("action", "C")]:
        create(table, rapporteur, kind=kind, text=text)
    statements: list[str] = []
    engine = table.session.get_bind()

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    counts = outcomes.counts_by_roundtable(table.session, actor=rapporteur)
    event.remove(engine, "before_cursor_execute", count)
    assert counts == {table.roundtable_id: {"takeaway": 2, "action": 1}}
    assert other.id not in counts
    assert len([s for s in statements if "outcome" in s]) == 1


def test_a_participant_may_not_count_outcomes(table: Table) -> None:
    alice = table.join("Alice")
    assert table.refusal(outcomes.counts_by_roundtable, table.session, actor=alice) == "forbidden"
