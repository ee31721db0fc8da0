"""Phases and timers: what each phase allows, moving on by hand or when time is up."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from facilitation.services import phases, prompts
from tests.services.conftest import Table

NOW = datetime(2025, 6, 4, 10, 0, 0)


def phased_prompt(table: Table, **options: Any) -> int:
    view, _ = prompts.create_prompt(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        text="Which tool should every city share?",
        phases=True,
        **options,
    )
    return int(view["id"])


def move(table: Table, prompt_id: int, phase: str) -> dict[str, object]:
    view, _ = phases.set_phase(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
        phase=phase,
    )
    return view


def test_a_phased_prompt_starts_collecting_when_set_to_a_phase(table: Table) -> None:
    prompt_id = phased_prompt(table)
    view = move(table, prompt_id, "collect")
    assert (view["status"], view["phase"], view["can_post"], view["can_vote"]) == (
        "open",
        "collect",
        True,
        False,
    )


def test_no_voting_while_collecting_and_no_ideas_while_voting(table: Table) -> None:
    prompt_id = phased_prompt(table)
    move(table, prompt_id, "collect")
    ana = table.join("Ana")
    idea_id = table.post(ana, prompt_id, "Shared digital twin")["id"]
    assert table.refusal(table.vote, ana, idea_id) == "wrong_phase"
    move(table, prompt_id, "vote")
    assert table.vote(ana, idea_id) == 2
    assert table.refusal(table.post, ana, prompt_id, "Too late") == "wrong_phase"


def test_late_ideas_are_taken_while_grouping_and_voting_when_allowed(table: Table) -> None:
    prompt_id = phased_prompt(table, late_ideas=True)
    ana = table.join("Ana")
    for phase in ("group", "vote"):
        move(table, prompt_id, phase)
        assert table.post(ana, prompt_id, f"Late in {phase}")["id"]


@pytest.mark.parametrize("phase", ["collect", "group", "results"])
def test_votes_are_refused_outside_the_vote_phase(table: Table, phase: str) -> None:
    prompt_id = phased_prompt(table)
    move(table, prompt_id, "collect")
    ana = table.join("Ana")
    idea_id = table.post(ana, prompt_id, "Open data")["id"]
    move(table, prompt_id, phase)
    assert table.refusal(table.vote, ana, idea_id) == "wrong_phase"


def test_phases_can_be_skipped_and_revisited(table: Table) -> None:
    prompt_id = phased_prompt(table)
    for phase in ("collect", "vote", "collect", "results", "group"):
        assert move(table, prompt_id, phase)["phase"] == phase


def test_setting_the_same_phase_logs_nothing(table: Table) -> None:
    prompt_id = phased_prompt(table)
    move(table, prompt_id, "collect")
    _, events = phases.set_phase(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
        phase="collect",
    )
    assert events == []


def test_an_unknown_phase_is_refused(table: Table) -> None:
    prompt_id = phased_prompt(table)
    assert table.refusal(move, table, prompt_id, "debate") == "bad_phase"


def test_participants_cannot_move_phases(table: Table) -> None:
    prompt_id = phased_prompt(table)
    code = table.refusal(
        phases.set_phase,
        table.session,
        actor=table.join("Ana"),
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
        phase="vote",
    )
    assert code == "forbidden"


def start(table: Table, prompt_id: int, seconds: int, *, advance: bool) -> dict[str, object]:
    view, _ = phases.start_timer(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
        seconds=seconds,
        advance=advance,
        now=NOW,
    )
    return view


def test_a_timer_has_a_server_end_time(table: Table) -> None:
    prompt_id = phased_prompt(table)
    move(table, prompt_id, "collect")
    view = start(table, prompt_id, 90, advance=False)
    assert view["timer"] == {"ends_at": "2025-06-04T10:01:30Z", "seconds": 90, "advance": False}


@pytest.mark.parametrize("seconds", [0, 4, 7201])
def test_a_timer_out_of_range_is_refused(table: Table, seconds: int) -> None:
    prompt_id = phased_prompt(table)
    move(table, prompt_id, "collect")
    assert table.refusal(start, table, prompt_id, seconds, advance=False) == "bad_timer"


def test_a_draft_prompt_has_no_timer(table: Table) -> None:
    prompt_id = phased_prompt(table)
    assert table.refusal(start, table, prompt_id, 60, advance=False) == "prompt_closed"


def test_an_advancing_timer_moves_the_phase_on_once(table: Table) -> None:
    prompt_id = phased_prompt(table)
    move(table, prompt_id, "collect")
    start(table, prompt_id, 60, advance=True)
    assert phases.advance_expired_timers(table.session, now=NOW + timedelta(seconds=59)) == []
    moved = phases.advance_expired_timers(table.session, now=NOW + timedelta(seconds=60))
    assert [(e.name, e.payload["prompt"]["phase"]) for e in moved] == [("prompt.updated", "group")]
    assert moved[0].payload["prompt"]["timer"] is None
    assert phases.advance_expired_timers(table.session, now=NOW + timedelta(seconds=61)) == []


def test_an_advancing_timer_closes_a_prompt_without_phases(table: Table) -> None:
    prompt_id = table.open_prompt()
    start(table, prompt_id, 30, advance=True)
    moved = phases.advance_expired_timers(table.session, now=NOW + timedelta(minutes=1))
    assert moved[0].payload["prompt"]["status"] == "closed"


def test_a_timer_that_does_not_advance_is_left_to_the_facilitator(table: Table) -> None:
    prompt_id = phased_prompt(table)
    move(table, prompt_id, "collect")
    start(table, prompt_id, 30, advance=False)
    assert phases.advance_expired_timers(table.session, now=NOW + timedelta(hours=1)) == []


def test_a_stopped_timer_moves_nothing(table: Table) -> None:
    prompt_id = phased_prompt(table)
    move(table, prompt_id, "collect")
    start(table, prompt_id, 30, advance=True)
    view, _ = phases.stop_timer(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
    )
    assert view["timer"] is None
    assert phases.advance_expired_timers(table.session, now=NOW + timedelta(hours=1)) == []


def test_moving_to_another_phase_stops_the_countdown(table: Table) -> None:
    prompt_id = phased_prompt(table)
    move(table, prompt_id, "collect")
    start(table, prompt_id, 60, advance=True)
    assert phases.timers_due(table.session, now=NOW + timedelta(minutes=2))
    assert move(table, prompt_id, "vote")["timer"] is None
    assert not phases.timers_due(table.session, now=NOW + timedelta(minutes=2))
    assert phases.advance_expired_timers(table.session, now=NOW + timedelta(minutes=2)) == []
