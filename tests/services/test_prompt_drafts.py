"""Draft prompts are reworded, deleted and reordered; an opened prompt keeps its wording."""

from __future__ import annotations

from facilitation.services import prompts
from facilitation.services.actors import Actor
from tests.services.conftest import Table


def draft(table: Table, text: str) -> int:
    view, _ = table.act(prompts.create_prompt, actor=table.facilitator, text=text)
    return int(view["id"])


def test_a_draft_is_reworded_and_its_budget_changed(table: Table) -> None:
    prompt_id = draft(table, "First try")
    view, events = table.act(
        prompts.update_prompt,
        actor=table.facilitator,
        prompt_id=prompt_id,
        text="  What should  we try first? ",
        votes_per_participant=4,
    )
    assert (view["text"], view["votes_per_participant"]) == ("What should  we try first?", 4)
    assert [e.name for e in events] == ["prompt.updated"]


def test_an_opened_prompt_is_no_draft(table: Table) -> None:
    prompt_id = table.open_prompt()
    for call, extra in (
        (prompts.update_prompt, {"text": "Changed"}),
        (prompts.delete_prompt, {}),
    ):
        code = table.refusal(table.act, call, actor=table.facilitator, prompt_id=prompt_id, **extra)
        assert code == "prompt_not_draft"


def test_a_participant_may_not_change_the_agenda(table: Table) -> None:
    alice: Actor = table.join("Alice")
    prompt_id = draft(table, "One")
    assert table.refusal(table.act, prompts.delete_prompt, actor=alice, prompt_id=prompt_id) == (
        "forbidden"
    )


def test_delete_and_move_keep_positions_one_to_n(table: Table) -> None:
    one, two, three, four = (draft(table, name) for name in ("One", "Two", "Three", "Four"))
    _, events = table.act(prompts.delete_prompt, actor=table.facilitator, prompt_id=two)
    assert [e.name for e in events] == ["prompt.deleted", "prompt.updated", "prompt.updated"]
    assert events[0].payload["prompt"] == {"id": two}
    _, events = table.act(prompts.move_prompt, actor=table.facilitator, prompt_id=four, position=1)
    moved = {e.payload["prompt"]["id"]: e.payload["prompt"]["position"] for e in events}
    assert moved == {four: 1, one: 2, three: 3}
    assert [e.seq for e in events] == list(range(events[0].seq, events[0].seq + 3))
    code = table.refusal(
        table.act, prompts.move_prompt, actor=table.facilitator, prompt_id=one, position=4
    )
    assert code == "bad_position"
