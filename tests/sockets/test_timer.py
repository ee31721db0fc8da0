"""timer.start, timer.stop, and prompts moving on by themselves when an advancing timer ends."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.conftest import acked
from tests.rooms import NO_PAYLOAD, Room
from tests.sockets.facilitating import (
    come_back,
    moment,
    prompt_in,
    run_timers,
    steer,
)

LEEWAY = timedelta(seconds=2)
# server_time is cut to the millisecond; the end time is not.
TICK = timedelta(milliseconds=1)


def start(room: Room, prompt_id: int, seconds: int = 60, **options: Any) -> dict[str, Any]:
    """The prompt in the facilitator's ack of timer.start."""
    payload = {"prompt_id": prompt_id, "seconds": seconds, **options}
    prompt: dict[str, Any] = acked(room.facilitator.emit("timer.start", payload))["prompt"]
    return prompt


def ended(timer: dict[str, Any], after: timedelta = timedelta(seconds=1)) -> Any:
    """A moment `after` the timer's end, as the server's clock reads it."""
    return moment(timer["ends_at"]) + after


def test_a_timer_reaches_everyone_with_its_end_on_the_servers_clock(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    prompt = start(room, prompt_id, 90)
    timer = prompt["timer"]
    assert set(timer) == {"ends_at", "seconds", "advance"}
    assert (timer["seconds"], timer["advance"]) == (90, False)
    assert timer["ends_at"].endswith("Z")
    countdown = moment(timer["ends_at"]) - moment(alice.joined["server_time"])
    assert timedelta(seconds=90) - LEEWAY <= countdown <= timedelta(seconds=90) + LEEWAY
    seq = room.snapshot()["seq"]
    expected = [("prompt.updated", {"prompt": prompt, "seq": seq})]
    assert room.facilitator.events() == alice.events() == expected


def test_a_timer_may_move_the_prompt_on_when_it_ends(room: Room) -> None:
    prompt_id = room.open_prompt(phases=True)
    assert start(room, prompt_id, 30, advance=True)["timer"]["advance"] is True


def test_a_participant_coming_back_counts_down_to_the_same_end(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    timer = start(room, prompt_id, 120)["timer"]
    joined = come_back(room, alice)
    assert prompt_in(joined["snapshot"], prompt_id)["timer"] == timer
    left = moment(timer["ends_at"]) - moment(joined["server_time"])
    assert timedelta(seconds=120) - LEEWAY <= left <= timedelta(seconds=120) + TICK
    assert prompt_in(room.snapshot(), prompt_id)["timer"] == timer


def test_sync_tells_the_server_time_too(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    timer = start(room, prompt_id, 60)["timer"]
    ack = acked(alice.emit("roundtable.sync", {"since_seq": alice.joined["seq"]}))
    left = moment(timer["ends_at"]) - moment(ack["server_time"])
    assert timedelta(seconds=60) - LEEWAY <= left <= timedelta(seconds=60) + TICK
    assert ack["events"][-1]["prompt"]["timer"] == timer


def test_starting_a_running_timer_again_restarts_it(room: Room) -> None:
    prompt_id = room.open_prompt()
    first = start(room, prompt_id, 600, advance=True)["timer"]
    room.quiet()
    second = start(room, prompt_id, 30)["timer"]
    assert (second["seconds"], second["advance"]) == (30, False)
    assert moment(second["ends_at"]) < moment(first["ends_at"])
    assert room.facilitator.names() == ["prompt.updated"]


def test_stopping_a_timer_clears_it_for_everyone(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    start(room, prompt_id, 60)
    room.quiet()
    prompt = steer(room, "timer.stop", prompt_id=prompt_id)["prompt"]
    assert prompt["timer"] is None
    seq = room.snapshot()["seq"]
    expected = [("prompt.updated", {"prompt": prompt, "seq": seq})]
    assert room.facilitator.events() == alice.events() == expected
    assert prompt_in(room.snapshot(), prompt_id)["timer"] is None


def test_stopping_when_no_timer_runs_changes_nothing(room: Room) -> None:
    prompt_id = room.open_prompt()
    before = room.snapshot()
    assert steer(room, "timer.stop", prompt_id=prompt_id)["prompt"]["timer"] is None
    assert room.snapshot() == before
    assert room.heard() == []


def test_closing_a_prompt_stops_its_timer(room: Room) -> None:
    prompt_id = room.open_prompt()
    start(room, prompt_id, 60, advance=True)
    prompt = steer(room, "prompt.close", prompt_id=prompt_id)["prompt"]
    assert (prompt["status"], prompt["timer"]) == ("closed", None)


def test_changing_phase_stops_the_countdown_for_everyone(room: Room) -> None:
    prompt_id = room.open_prompt(phases=True)
    alice = room.participant("Alice")
    timer = start(room, prompt_id, 60, advance=True)["timer"]
    room.quiet()
    prompt = steer(room, "prompt.phase", prompt_id=prompt_id, phase="group")["prompt"]
    assert (prompt["phase"], prompt["timer"]) == ("group", None)
    seq = room.snapshot()["seq"]
    expected = [("prompt.updated", {"prompt": prompt, "seq": seq})]
    assert room.facilitator.events() == alice.events() == expected
    assert run_timers(room.app, ended(timer)) == []
    assert prompt_in(room.snapshot(), prompt_id)["phase"] == "group"


def test_setting_the_phase_a_prompt_has_keeps_its_countdown(room: Room) -> None:
    prompt_id = room.open_prompt(phases=True)
    timer = start(room, prompt_id, 60)["timer"]
    room.quiet()
    assert steer(room, "prompt.phase", prompt_id=prompt_id, phase="collect")["prompt"]["timer"] == (
        timer
    )
    assert room.heard() == []


@pytest.mark.parametrize("seconds", [5, 7200])
def test_a_timer_runs_five_seconds_to_two_hours(room: Room, seconds: int) -> None:
    prompt_id = room.open_prompt()
    assert start(room, prompt_id, seconds)["timer"]["seconds"] == seconds


@pytest.mark.parametrize("seconds", [4, 7201, 0, -5, 2**31 - 1])
def test_a_timer_outside_five_seconds_to_two_hours_is_refused(room: Room, seconds: int) -> None:
    prompt_id = room.open_prompt()
    payload = {"prompt_id": prompt_id, "seconds": seconds}
    room.refuses(room.facilitator, "timer.start", payload, code="bad_timer")


def test_a_timer_needs_whole_seconds_and_a_true_or_false_advance(room: Room) -> None:
    prompt_id = room.open_prompt()
    for payload in (
        NO_PAYLOAD,
        {"prompt_id": prompt_id},
        {"prompt_id": prompt_id, "seconds": None},
        {"prompt_id": prompt_id, "seconds": "60"},
        {"prompt_id": prompt_id, "seconds": 60.5},
        {"prompt_id": prompt_id, "seconds": True},
        {"prompt_id": prompt_id, "seconds": [60]},
        {"prompt_id": prompt_id, "seconds": 2**31},
        {"prompt_id": prompt_id, "seconds": 60, "advance": "yes"},
        {"prompt_id": prompt_id, "seconds": 60, "advance": 1},
    ):
        room.refuses(room.facilitator, "timer.start", payload, code="bad_request")


def test_a_timer_on_a_draft_is_refused(room: Room) -> None:
    prompt_id = room.prompt()
    payload = {"prompt_id": prompt_id, "seconds": 60}
    room.refuses(room.facilitator, "timer.start", payload, code="prompt_closed")


def test_a_timer_on_a_closed_prompt_is_refused(room: Room) -> None:
    prompt_id = room.open_prompt()
    room.close_prompt(prompt_id)
    payload = {"prompt_id": prompt_id, "seconds": 60, "advance": True}
    room.refuses(room.facilitator, "timer.start", payload, code="prompt_closed")


@pytest.mark.parametrize(
    ("phase", "following"), [("collect", "group"), ("group", "vote"), ("vote", "results")]
)
def test_an_advancing_timer_moves_the_prompt_to_its_next_phase(
    room: Room, phase: str, following: str
) -> None:
    prompt_id = room.prompt(phases=True)
    steer(room, "prompt.phase", prompt_id=prompt_id, phase=phase)
    alice = room.participant("Alice")
    timer = start(room, prompt_id, 60, advance=True)["timer"]
    room.quiet()

    [event] = run_timers(room.app, ended(timer))

    prompt = prompt_in(room.snapshot(), prompt_id)
    assert (prompt["status"], prompt["phase"], prompt["timer"]) == ("open", following, None)
    assert event.seq == room.snapshot()["seq"]
    expected = [("prompt.updated", {"prompt": prompt, "seq": event.seq})]
    assert room.facilitator.events() == alice.events() == expected


def test_an_advancing_timer_closes_a_prompt_without_phases(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice = room.participant("Alice")
    timer = start(room, prompt_id, 60, advance=True)["timer"]
    room.quiet()
    run_timers(room.app, ended(timer))
    prompt = prompt_in(room.snapshot(), prompt_id)
    assert (prompt["status"], prompt["phase"], prompt["timer"]) == ("closed", None, None)
    [(name, heard)] = alice.events()
    assert (name, heard["prompt"]["status"]) == ("prompt.updated", "closed")
    staff_heard = {"prompt": prompt, "seq": heard["seq"]}
    assert room.facilitator.events() == [("prompt.updated", staff_heard)]


def test_an_advancing_timer_in_results_closes_the_prompt(room: Room) -> None:
    prompt_id = room.prompt(phases=True)
    steer(room, "prompt.phase", prompt_id=prompt_id, phase="results")
    timer = start(room, prompt_id, 60, advance=True)["timer"]
    run_timers(room.app, ended(timer))
    prompt = prompt_in(room.snapshot(), prompt_id)
    assert (prompt["status"], prompt["phase"]) == ("closed", "results")


def test_moving_on_to_results_shows_hidden_tallies(room: Room) -> None:
    prompt_id = room.prompt(phases=True, hide_tallies=True)
    steer(room, "prompt.phase", prompt_id=prompt_id, phase="collect")
    alice, bob = room.participant("Alice"), room.participant("Bob")
    idea_id = acked(
        alice.emit("idea.create", {"prompt_id": prompt_id, "text": "Trees", "client_id": "t"})
    )["idea"]["id"]
    steer(room, "prompt.phase", prompt_id=prompt_id, phase="vote")
    room.vote(bob, idea_id)
    timer = start(room, prompt_id, 60, advance=True)["timer"]
    room.quiet()
    run_timers(room.app, ended(timer))
    [(_, heard)] = bob.events()
    assert heard["prompt"]["phase"] == "results"
    assert [idea["votes"] for idea in heard["prompt"]["ideas"]] == [1]


def test_a_timer_that_does_not_advance_is_left_alone_when_it_ends(room: Room) -> None:
    prompt_id = room.open_prompt(phases=True)
    timer = start(room, prompt_id, 60)["timer"]
    room.quiet()
    before = room.snapshot()
    assert run_timers(room.app, ended(timer, timedelta(hours=3))) == []
    assert room.snapshot() == before
    assert prompt_in(before, prompt_id)["timer"] == timer
    assert room.heard() == []


def test_an_advancing_timer_waits_for_its_end(room: Room) -> None:
    prompt_id = room.open_prompt(phases=True)
    timer = start(room, prompt_id, 60, advance=True)["timer"]
    room.quiet()
    before = room.snapshot()
    assert run_timers(room.app, ended(timer, -timedelta(seconds=1))) == []
    assert room.snapshot() == before
    assert room.heard() == []


def test_a_timer_moves_a_prompt_on_only_once(room: Room) -> None:
    prompt_id = room.open_prompt(phases=True)
    timer = start(room, prompt_id, 60, advance=True)["timer"]
    assert len(run_timers(room.app, ended(timer))) == 1
    room.quiet()
    before = room.snapshot()
    assert run_timers(room.app, ended(timer, timedelta(minutes=5))) == []
    assert room.snapshot() == before
    assert prompt_in(before, prompt_id)["phase"] == "group"
    assert room.heard() == []


def test_a_stopped_timer_does_not_move_the_prompt_on(room: Room) -> None:
    prompt_id = room.open_prompt(phases=True)
    timer = start(room, prompt_id, 60, advance=True)["timer"]
    steer(room, "timer.stop", prompt_id=prompt_id)
    room.quiet()
    assert run_timers(room.app, ended(timer)) == []
    assert prompt_in(room.snapshot(), prompt_id)["phase"] == "collect"
    assert room.heard() == []


def test_timers_ending_together_move_each_prompt_on_in_its_own_room(
    room: Room, other_room: Room
) -> None:
    first = room.open_prompt("First", phases=True)
    second = room.open_prompt("Second")
    theirs = other_room.open_prompt("Theirs", phases=True)
    alice, outsider = room.participant("Alice"), other_room.participant("Outsider")
    later = start(room, first, 120, advance=True)["timer"]
    start(room, second, 60, advance=True)
    payload = {"prompt_id": theirs, "seconds": 90, "advance": True}
    acked(other_room.facilitator.emit("timer.start", payload))
    ours_before, theirs_before = room.snapshot()["seq"], other_room.snapshot()["seq"]
    room.quiet()
    other_room.quiet()

    events = run_timers(room.app, ended(later))

    assert [(e.roundtable_id, e.seq) for e in events] == [
        (room.roundtable_id, ours_before + 1),
        (other_room.roundtable_id, theirs_before + 1),
        (room.roundtable_id, ours_before + 2),
    ]
    for member in (alice, room.facilitator):
        heard = member.events()
        assert [payload["prompt"]["id"] for _, payload in heard] == [second, first]
        assert [payload["seq"] for _, payload in heard] == [ours_before + 1, ours_before + 2]
    for member in (outsider, other_room.facilitator):
        [(_, heard_there)] = member.events()
        assert (heard_there["prompt"]["id"], heard_there["prompt"]["phase"]) == (theirs, "group")
        assert heard_there["seq"] == theirs_before + 1
