"""Shared notes: two rapporteurs typing at once never write over each other."""

from __future__ import annotations

import pytest

from facilitation.services import notes
from facilitation.services.actors import Actor
from tests.services.conftest import Table, staff_actor


@pytest.fixture
def first(table: Table) -> Actor:
    return staff_actor(table.session, "rapporteur")


@pytest.fixture
def second(table: Table) -> Actor:
    return staff_actor(table.session, "rapporteur", "second@example.org")


def save(table: Table, actor: Actor, text: str, base: int) -> tuple[dict[str, object], bool]:
    (view, merged), _ = table.act(notes.save_notes, actor=actor, text=text, base_version=base)
    return dict(view), merged


def test_notes_start_empty_and_each_save_is_a_new_version(table: Table, first: Actor) -> None:
    assert table.act(notes.current_notes, actor=first)["version"] == 0
    view, merged = save(table, first, "Opening remarks\n", 0)
    assert (view["version"], view["text"], view["updated_by"], merged) == (
        1,
        "Opening remarks\n",
        "Rapporteur",
        False,
    )
    assert table.act(notes.current_notes, actor=first)["text"] == "Opening remarks\n"


def test_edits_to_different_lines_are_both_kept(table: Table, first: Actor, second: Actor) -> None:
    save(table, first, "Flooding\nHeat\nTransport\n", 0)
    save(table, first, "Flooding: maps first\nHeat\nTransport\n", 1)
    view, merged = save(table, second, "Flooding\nHeat\nTransport: buses\n", 1)
    assert merged
    assert view["text"] == "Flooding: maps first\nHeat\nTransport: buses\n"
    assert view["version"] == 3


def test_text_both_add_at_the_end_is_kept_theirs_first(
    table: Table, first: Actor, second: Actor
) -> None:
    save(table, first, "Agenda\n", 0)
    save(table, first, "Agenda\nLisbon spoke about shade", 1)
    view, merged = save(table, second, "Agenda\nQuito asked about cost\n", 1)
    assert merged
    assert view["text"] == "Agenda\nLisbon spoke about shade\nQuito asked about cost\n"


def test_both_changing_one_line_is_a_conflict_and_nothing_is_lost(
    table: Table, first: Actor, second: Actor
) -> None:
    save(table, first, "Decision: pending\n", 0)
    save(table, first, "Decision: adopt the toolkit\n", 1)
    with pytest.raises(notes.NotesConflict) as conflict:
        save(table, second, "Decision: postpone\n", 1)
    table.session.rollback()
    assert conflict.value.code == "notes_conflict"
    assert conflict.value.current["text"] == "Decision: adopt the toolkit\n"
    assert conflict.value.current["version"] == 2
    # The colleague's words stand; the writer's come back in the refusal's place, on their page.
    assert table.act(notes.current_notes, actor=first)["version"] == 2
    view, _ = save(table, second, "Decision: adopt the toolkit (postpone?)\n", 2)
    assert view["version"] == 3


def test_a_save_that_changes_nothing_makes_no_version(table: Table, first: Actor) -> None:
    save(table, first, "Same", 0)
    (view, _), news = table.act(notes.save_notes, actor=first, text="Same", base_version=1)
    assert view["version"] == 1 and news == []


@pytest.mark.parametrize(
    ("text", "base", "code"),
    [("x", 5, "bad_request"), ("x", -1, "bad_request"), ("x" * 50_001, 0, "text_too_long")],
)
def test_bad_saves_are_refused(table: Table, first: Actor, text: str, base: int, code: str) -> None:
    assert (
        table.refusal(
            notes.save_notes,
            table.session,
            actor=first,
            roundtable_id=table.roundtable_id,
            text=text,
            base_version=base,
        )
        == code
    )


def test_control_characters_are_dropped_and_line_breaks_kept(table: Table, first: Actor) -> None:
    view, _ = save(table, first, "a\x00b\r\nc\td", 0)
    assert view["text"] == "ab\nc\td"


def test_participants_may_not_read_or_write_notes(table: Table) -> None:
    alice = table.join("Alice")
    assert (
        table.refusal(
            notes.current_notes, table.session, actor=alice, roundtable_id=table.roundtable_id
        )
        == "forbidden"
    )
    assert (
        table.refusal(
            notes.save_notes,
            table.session,
            actor=alice,
            roundtable_id=table.roundtable_id,
            text="x",
            base_version=0,
        )
        == "forbidden"
    )


def test_neighbouring_lines_changed_by_each_writer_are_both_kept(
    table: Table, first: Actor, second: Actor
) -> None:
    save(table, first, "Heat\nWater\nFood\n", 0)
    save(table, first, "Heat: trees\nWater\nFood\n", 1)
    view, merged = save(table, second, "Heat\nWater: reuse\nFood\n", 1)
    assert merged and view["text"] == "Heat: trees\nWater: reuse\nFood\n"
