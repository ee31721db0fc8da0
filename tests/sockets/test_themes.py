"""Themes: grouping a prompt's ideas, suggestions, and votes on themes within one budget."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import StaffMember, acked
from tests.rooms import Member, Room
from tests.sockets.facilitating import (
    WRONG_IDS,
    audiences,
    come_back,
    gap_free,
    ideas_by_id,
    malformed,
    prompt_in,
    reply,
    seqs,
    steer,
)

THEME_EVENTS = ("theme.create", "theme.rename", "theme.delete", "theme.assign", "theme.suggest")
VOTE_EVENTS = ("vote.cast", "vote.retract")
IDEAS = ("Shade trees", "Cool roofs", "Night buses")


def grouping(room: Room, **prompt: Any) -> tuple[int, list[int], Member, Member]:
    """An open prompt with three ideas by Alice, and Bob in the room."""
    prompt_id = room.open_prompt(**prompt)
    alice, bob = room.participant("Alice"), room.participant("Bob")
    ideas = [room.idea(alice, prompt_id, text) for text in IDEAS]
    return prompt_id, ideas, alice, bob


def make_theme(
    room: Room, prompt_id: int, name: str = "Greenery", idea_ids: tuple[int, ...] = ()
) -> dict[str, Any]:
    """A theme the facilitator created; what the room heard of it is forgotten."""
    theme: dict[str, Any] = steer(
        room, "theme.create", prompt_id=prompt_id, name=name, idea_ids=list(idea_ids)
    )["theme"]
    room.quiet()
    return theme


def theme_ids(room: Room, prompt_id: int) -> dict[int, int | None]:
    """The theme of each idea of the prompt, as stored."""
    ideas = ideas_by_id(prompt_in(room.snapshot(), prompt_id))
    return {idea_id: idea["theme_id"] for idea_id, idea in ideas.items()}


def cast(member: Member, theme_id: int) -> int:
    """Votes left after a vote on a theme, which must be accepted."""
    ack = acked(member.emit("vote.cast", {"theme_id": theme_id}))
    assert ack == {"ok": True, "votes_left": ack["votes_left"], "theme_id": theme_id}
    return int(ack["votes_left"])


def public(idea: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in idea.items() if k != "author_id"}


def valid_payload(event: str, prompt_id: int, theme_id: int, idea_id: int) -> dict[str, Any]:
    """A payload for `event` that changes something (or, for theme.suggest, asks)."""
    payloads: dict[str, dict[str, Any]] = {
        "theme.create": {"prompt_id": prompt_id, "name": "Heat"},
        "theme.rename": {"theme_id": theme_id, "name": "Heat and shade"},
        "theme.delete": {"theme_id": theme_id},
        "theme.assign": {"idea_id": idea_id, "theme_id": theme_id},
        "theme.suggest": {"prompt_id": prompt_id},
        "vote.cast": {"theme_id": theme_id},
        "vote.retract": {"theme_id": theme_id},
    }
    return payloads[event]


def with_a_theme(room: Room, **prompt: Any) -> tuple[dict[str, Any], list[int], Member, Member]:
    """grouping(), with an empty theme on the prompt."""
    prompt_id, ideas, alice, bob = grouping(room, **prompt)
    return make_theme(room, prompt_id), ideas, alice, bob


# -- theme.create, theme.rename, theme.delete ----------------------------------------------


@pytest.mark.parametrize("extra", [{}, {"idea_ids": []}, {"idea_ids": None}])
def test_a_theme_is_created_and_reaches_everyone(room: Room, extra: dict[str, Any]) -> None:
    prompt_id, ideas, alice, bob = grouping(room)
    ack = steer(room, "theme.create", prompt_id=prompt_id, name="  Greenery ", **extra)
    assert set(ack) == {"ok", "theme"}
    theme = ack["theme"]
    assert theme == {
        "id": theme["id"],
        "prompt_id": prompt_id,
        "name": "Greenery",
        "position": 1,
        "votes": 0,
        "support": 0,
    }
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert staff == participants == [("theme.created", {"theme": theme, "seq": seq})]
    assert prompt_in(room.snapshot(), prompt_id)["themes"] == [theme]
    assert prompt_in(come_back(room, bob)["snapshot"], prompt_id)["themes"] == [theme]
    assert theme_ids(room, prompt_id) == dict.fromkeys(ideas)


def test_themes_take_their_places_in_order_on_their_prompt(room: Room) -> None:
    prompt_id, _, _, _ = grouping(room)
    elsewhere = room.open_prompt("Another question")
    first = make_theme(room, prompt_id, "Greenery")
    second = make_theme(room, prompt_id, "Transport")
    other = make_theme(room, elsewhere, "Housing")
    assert (first["position"], second["position"], other["position"]) == (1, 2, 1)
    assert prompt_in(room.snapshot(), prompt_id)["themes"] == [first, second]
    assert prompt_in(room.snapshot(), elsewhere)["themes"] == [other]


def test_a_theme_created_with_ideas_groups_them(room: Room) -> None:
    prompt_id, [trees, roofs, buses], alice, bob = grouping(room)
    theme = steer(
        room, "theme.create", prompt_id=prompt_id, name="Heat", idea_ids=[trees, roofs, trees]
    )["theme"]
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert seqs(staff) == seqs(participants) == [seq - 2, seq - 1, seq]
    names = ["theme.created", "idea.updated", "idea.updated"]
    assert [name for name, _ in staff] == [name for name, _ in participants] == names
    assert staff[0] == participants[0] == ("theme.created", {"theme": theme, "seq": seq - 2})
    stored = ideas_by_id(prompt_in(room.snapshot(), prompt_id))
    assert [payload["idea"] for _, payload in staff[1:]] == [stored[trees], stored[roofs]]
    assert [payload["idea"] for _, payload in participants[1:]] == [
        public(stored[trees]),
        public(stored[roofs]),
    ]
    assert theme_ids(room, prompt_id) == {trees: theme["id"], roofs: theme["id"], buses: None}


def test_an_idea_given_to_a_new_theme_leaves_its_old_one(room: Room) -> None:
    prompt_id, [trees, roofs, _], _, _ = grouping(room)
    heat = make_theme(room, prompt_id, "Heat", (trees, roofs))
    greenery = make_theme(room, prompt_id, "Greenery", (trees,))
    assert theme_ids(room, prompt_id)[trees] == greenery["id"]
    assert theme_ids(room, prompt_id)[roofs] == heat["id"]


def test_renaming_a_theme_reaches_everyone(room: Room) -> None:
    theme, _, alice, bob = with_a_theme(room)
    ack = steer(room, "theme.rename", theme_id=theme["id"], name="Trees\nand parks")
    assert ack == {"ok": True, "theme": {**theme, "name": "Trees and parks"}}
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert staff == participants == [("theme.updated", {"theme": ack["theme"], "seq": seq})]
    assert prompt_in(room.snapshot(), theme["prompt_id"])["themes"] == [ack["theme"]]


def test_renaming_a_theme_to_its_own_name_changes_and_emits_nothing(room: Room) -> None:
    theme, _, _, _ = with_a_theme(room)
    before = room.snapshot()
    assert steer(room, "theme.rename", theme_id=theme["id"], name=" Greenery ")["theme"] == theme
    assert room.snapshot() == before
    assert room.heard() == []


def test_deleting_a_theme_ungroups_its_ideas_and_gives_its_votes_back(room: Room) -> None:
    prompt_id, [trees, roofs, buses], alice, bob = grouping(room, votes_per_participant=1)
    heat = make_theme(room, prompt_id, "Heat", (trees, roofs))
    transport = make_theme(room, prompt_id, "Transport", (buses,))
    assert cast(bob, heat["id"]) == 0
    room.quiet()
    ack = steer(room, "theme.delete", theme_id=heat["id"])
    assert ack == {"ok": True, "theme": {**heat, "votes": 1, "support": 1}}
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert seqs(staff) == seqs(participants) == [seq - 2, seq - 1, seq]
    gone = ("theme.deleted", {"theme": {"id": heat["id"], "prompt_id": prompt_id}, "seq": seq - 2})
    assert staff[0] == participants[0] == gone
    stored = ideas_by_id(prompt_in(room.snapshot(), prompt_id))
    assert staff[1:] == [
        ("idea.updated", {"idea": stored[trees], "seq": seq - 1}),
        ("idea.updated", {"idea": stored[roofs], "seq": seq}),
    ]
    assert [payload["idea"] for _, payload in participants[1:]] == [
        public(stored[trees]),
        public(stored[roofs]),
    ]
    assert theme_ids(room, prompt_id) == {trees: None, roofs: None, buses: transport["id"]}
    assert prompt_in(room.snapshot(), prompt_id)["themes"] == [transport]
    assert prompt_in(come_back(room, bob)["snapshot"], prompt_id)["my_theme_votes"] == []
    assert cast(bob, transport["id"]) == 0


# -- theme.assign ----------------------------------------------------------------------------


def test_assigning_an_idea_to_a_theme_and_taking_it_out_again(room: Room) -> None:
    theme, [trees, _, _], alice, bob = with_a_theme(room)
    prompt_id = theme["prompt_id"]
    ack = steer(room, "theme.assign", idea_id=trees, theme_id=theme["id"])
    assert set(ack) == {"ok", "idea"}
    assert ack["idea"]["theme_id"] == theme["id"]
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert staff == [("idea.updated", {"idea": ack["idea"], "seq": seq})]
    assert participants == [("idea.updated", {"idea": public(ack["idea"]), "seq": seq})]
    assert ideas_by_id(prompt_in(room.snapshot(), prompt_id))[trees] == ack["idea"]

    out = steer(room, "theme.assign", idea_id=trees, theme_id=None)["idea"]
    assert out == {**ack["idea"], "theme_id": None}
    staff, participants = audiences(room, alice, bob)
    assert staff == [("idea.updated", {"idea": out, "seq": seq + 1})]
    assert participants == [("idea.updated", {"idea": public(out), "seq": seq + 1})]
    assert theme_ids(room, prompt_id)[trees] is None


def test_assigning_an_idea_to_the_theme_it_is_in_changes_and_emits_nothing(room: Room) -> None:
    theme, [trees, roofs, _], _, _ = with_a_theme(room)
    steer(room, "theme.assign", idea_id=trees, theme_id=theme["id"])
    room.quiet()
    before = room.snapshot()
    steer(room, "theme.assign", idea_id=trees, theme_id=theme["id"])
    steer(room, "theme.assign", idea_id=roofs, theme_id=None)
    assert room.snapshot() == before
    assert room.heard() == []


def test_an_idea_moves_from_one_theme_to_another(room: Room) -> None:
    theme, [trees, _, _], _, _ = with_a_theme(room)
    other = make_theme(room, theme["prompt_id"], "Heat", (trees,))
    steer(room, "theme.assign", idea_id=trees, theme_id=theme["id"])
    assert theme_ids(room, theme["prompt_id"])[trees] == theme["id"]
    assert other in prompt_in(room.snapshot(), theme["prompt_id"])["themes"]


# -- theme.suggest ---------------------------------------------------------------------------


def test_suggestions_group_similar_ideas_and_store_nothing(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice, bob = room.participant("Alice"), room.participant("Bob")
    texts = [
        "Plant more trees in parks",
        "Cheaper bus tickets",
        "More trees along the streets",
        "Free bus tickets for students",
        "Quiet hours at night",
    ]
    trees, bus, more_trees, free_bus, _ = [room.idea(alice, prompt_id, text) for text in texts]
    before = room.snapshot()
    ack = steer(room, "theme.suggest", prompt_id=prompt_id)
    assert set(ack) == {"ok", "suggestions"}
    assert [s["idea_ids"] for s in ack["suggestions"]] == [[trees, more_trees], [bus, free_bus]]
    assert all(set(s) == {"name", "idea_ids"} for s in ack["suggestions"])
    assert all(isinstance(s["name"], str) and s["name"] for s in ack["suggestions"])
    assert room.snapshot() == before
    assert room.heard() == []
    assert bob.events() == []


def test_suggestions_leave_out_themed_and_hidden_ideas_and_replies(room: Room) -> None:
    prompt_id = room.open_prompt()
    alice, bob = room.participant("Alice"), room.participant("Bob")
    trees = room.idea(alice, prompt_id, "Plant more trees in parks")
    more_trees = room.idea(alice, prompt_id, "More trees along the streets")
    hidden = room.idea(alice, prompt_id, "Trees in every park")
    steer(room, "idea.hide", idea_id=hidden)
    reply(room, bob, prompt_id, trees, "Fruit trees in the parks")
    buses = [
        room.idea(bob, prompt_id, text) for text in ("Cheaper bus tickets", "Free bus tickets")
    ]
    make_theme(room, prompt_id, "Transport", tuple(buses))
    suggested = steer(room, "theme.suggest", prompt_id=prompt_id)["suggestions"]
    assert [s["idea_ids"] for s in suggested] == [[trees, more_trees]]


def test_no_suggestions_come_with_the_reason_why(room: Room) -> None:
    prompt_id, ideas, _, _ = grouping(room)
    empty = room.open_prompt("Nothing yet")

    def reason(prompt_id: int) -> str:
        ack = steer(room, "theme.suggest", prompt_id=prompt_id)
        assert ack["suggestions"] == []
        assert set(ack["reason"]) == {"code", "message"} and ack["reason"]["message"]
        return str(ack["reason"]["code"])

    assert reason(prompt_id) == "no_shared_words"
    assert reason(empty) == "too_few_ideas"
    make_theme(room, prompt_id, "Everything", tuple(ideas))
    assert reason(prompt_id) == "all_themed"


# -- votes on themes -------------------------------------------------------------------------


def test_a_vote_on_a_theme_is_counted_and_the_tally_reaches_everyone(room: Room) -> None:
    theme, _, alice, bob = with_a_theme(room)
    assert cast(bob, theme["id"]) == 2
    seq = room.snapshot()["seq"]
    expected = [("vote.tally", {"theme_id": theme["id"], "votes": 1, "support": 1, "seq": seq})]
    staff, participants = audiences(room, alice, bob)
    assert staff == participants == expected
    assert prompt_in(room.snapshot(), theme["prompt_id"])["themes"] == [
        {**theme, "votes": 1, "support": 1}
    ]

    ack = acked(bob.emit("vote.retract", {"theme_id": theme["id"]}))
    assert ack == {"ok": True, "votes_left": 3, "theme_id": theme["id"]}
    expected = [("vote.tally", {"theme_id": theme["id"], "votes": 0, "support": 0, "seq": seq + 1})]
    staff, participants = audiences(room, alice, bob)
    assert staff == participants == expected
    assert prompt_in(room.snapshot(), theme["prompt_id"])["themes"] == [theme]


def test_votes_of_several_participants_on_a_theme_add_up(room: Room) -> None:
    theme, _, alice, bob = with_a_theme(room)
    for member in (alice, bob, room.participant("Chen")):
        cast(member, theme["id"])
    assert prompt_in(room.snapshot(), theme["prompt_id"])["themes"][0]["votes"] == 3


def test_votes_on_themes_and_on_ideas_share_one_budget(room: Room) -> None:
    prompt_id, [trees, roofs, _], _, bob = grouping(room, votes_per_participant=2)
    heat = make_theme(room, prompt_id, "Heat")
    transport = make_theme(room, prompt_id, "Transport")
    assert acked(bob.emit("vote.cast", {"idea_id": trees}))["votes_left"] == 1
    assert cast(bob, heat["id"]) == 0
    room.refuses(bob, "vote.cast", {"theme_id": transport["id"]}, code="over_budget")
    room.refuses(bob, "vote.cast", {"idea_id": roofs}, code="over_budget")
    assert acked(bob.emit("vote.retract", {"theme_id": heat["id"]}))["votes_left"] == 1
    assert acked(bob.emit("vote.cast", {"idea_id": roofs}))["votes_left"] == 0
    room.refuses(bob, "vote.cast", {"theme_id": heat["id"]}, code="over_budget")
    assert acked(bob.emit("vote.retract", {"idea_id": trees}))["votes_left"] == 1
    assert cast(bob, transport["id"]) == 0


def test_the_budget_for_themes_is_per_prompt(room: Room) -> None:
    prompt_id, _, _, bob = grouping(room, votes_per_participant=1)
    elsewhere = room.open_prompt("Another question", votes_per_participant=1)
    here, there = make_theme(room, prompt_id, "Here"), make_theme(room, elsewhere, "There")
    assert cast(bob, here["id"]) == 0
    assert cast(bob, there["id"]) == 0


def test_a_second_vote_on_a_theme_is_refused(room: Room) -> None:
    theme, _, _, bob = with_a_theme(room)
    cast(bob, theme["id"])
    room.refuses(bob, "vote.cast", {"theme_id": theme["id"]}, code="already_voted")


def test_taking_back_a_vote_never_cast_on_a_theme_is_refused(room: Room) -> None:
    theme, _, alice, bob = with_a_theme(room)
    cast(alice, theme["id"])
    room.refuses(bob, "vote.retract", {"theme_id": theme["id"]}, code="not_voted")


@pytest.mark.parametrize("event", VOTE_EVENTS)
@pytest.mark.parametrize("phase", ["collect", "group", "results"])
def test_votes_on_themes_are_taken_only_in_the_vote_phase(
    room: Room, event: str, phase: str
) -> None:
    theme, _, _, bob = with_a_theme(room, phases=True)
    steer(room, "prompt.phase", prompt_id=theme["prompt_id"], phase="vote")
    if event == "vote.retract":
        cast(bob, theme["id"])
    steer(room, "prompt.phase", prompt_id=theme["prompt_id"], phase=phase)
    room.refuses(bob, event, {"theme_id": theme["id"]}, code="wrong_phase")


@pytest.mark.parametrize("event", VOTE_EVENTS)
def test_votes_on_themes_of_a_closed_prompt_are_refused(room: Room, event: str) -> None:
    theme, _, _, bob = with_a_theme(room)
    cast(bob, theme["id"])
    room.close_prompt(theme["prompt_id"])
    room.refuses(bob, event, {"theme_id": theme["id"]}, code="prompt_closed")


@pytest.mark.parametrize("event", VOTE_EVENTS)
def test_staff_cannot_vote_on_themes(
    room: Room, make_staff: Callable[[str], StaffMember], event: str
) -> None:
    theme, _, _, _ = with_a_theme(room)
    organizer = room.staff_member(make_staff("organizer"))
    for member in (room.facilitator, organizer):
        room.refuses(member, event, {"theme_id": theme["id"]}, code="forbidden")


def test_hidden_tallies_hide_the_votes_on_themes_from_participants(room: Room) -> None:
    prompt_id, _, alice, bob = grouping(room, phases=True, hide_tallies=True)
    steer(room, "prompt.phase", prompt_id=prompt_id, phase="vote")
    room.quiet()
    theme = steer(room, "theme.create", prompt_id=prompt_id, name="Greenery")["theme"]
    assert theme["votes"] == 0
    seq = room.snapshot()["seq"]
    staff, participants = audiences(room, alice, bob)
    assert staff == [("theme.created", {"theme": theme, "seq": seq})]
    hidden_theme = {**theme, "votes": None, "support": None}
    assert participants == [("theme.created", {"theme": hidden_theme, "seq": seq})]

    cast(bob, theme["id"])
    staff, participants = audiences(room, alice, bob)
    assert staff == [
        ("vote.tally", {"theme_id": theme["id"], "votes": 1, "support": 1, "seq": seq + 1})
    ]
    hidden = [
        ("vote.tally", {"theme_id": theme["id"], "votes": None, "support": None, "seq": seq + 1})
    ]
    assert participants == hidden
    assert prompt_in(room.snapshot(), prompt_id)["themes"][0]["votes"] == 1
    assert prompt_in(come_back(room, bob)["snapshot"], prompt_id)["themes"][0]["votes"] is None

    steer(room, "prompt.phase", prompt_id=prompt_id, phase="results")
    _, participants = audiences(room, alice, bob)
    [(_, heard)] = participants
    assert heard["prompt"]["themes"] == [{**theme, "votes": 1, "support": 1}]
    assert prompt_in(come_back(room, bob)["snapshot"], prompt_id)["themes"][0]["votes"] == 1


def test_a_participant_coming_back_finds_its_votes_on_themes(room: Room) -> None:
    prompt_id, [trees, _, _], alice, bob = grouping(room)
    elsewhere = room.open_prompt("Another question")
    heat, transport = make_theme(room, prompt_id, "Heat"), make_theme(room, prompt_id, "Transport")
    cast(bob, transport["id"])
    cast(bob, heat["id"])
    cast(alice, transport["id"])
    acked(bob.emit("vote.cast", {"idea_id": trees}))

    for member, mine in [(bob, [transport["id"], heat["id"]]), (alice, [transport["id"]])]:
        snapshot = come_back(room, member)["snapshot"]
        assert prompt_in(snapshot, prompt_id)["my_theme_votes"] == mine
        assert prompt_in(snapshot, elsewhere)["my_theme_votes"] == []
    again = come_back(room, bob)["snapshot"]
    assert prompt_in(again, prompt_id)["my_votes"] == [trees]
    newcomer = room.participant("Chen").joined["snapshot"]
    assert prompt_in(newcomer, prompt_id)["my_theme_votes"] == []
    assert all("my_theme_votes" not in prompt for prompt in room.snapshot()["prompts"])

    acked(bob.emit("vote.retract", {"theme_id": transport["id"]}))
    assert prompt_in(come_back(room, bob)["snapshot"], prompt_id)["my_theme_votes"] == [heat["id"]]


def test_seq_stays_gap_free_for_staff_and_participants_through_every_theme_event(
    room: Room,
) -> None:
    prompt_id, [trees, roofs, buses], alice, bob = grouping(room, hide_tallies=True)
    start = room.snapshot()["seq"]
    room.quiet()
    heat = steer(room, "theme.create", prompt_id=prompt_id, name="Heat", idea_ids=[trees, roofs])
    transport = steer(room, "theme.create", prompt_id=prompt_id, name="Transport")["theme"]["id"]
    steer(room, "theme.rename", theme_id=transport, name="Getting around")
    steer(room, "theme.rename", theme_id=transport, name="Getting around")  # the same
    steer(room, "theme.assign", idea_id=buses, theme_id=transport)
    steer(room, "theme.assign", idea_id=buses, theme_id=transport)  # already there
    steer(room, "theme.suggest", prompt_id=prompt_id)
    acked(bob.emit("vote.cast", {"theme_id": transport}))
    acked(alice.emit("vote.cast", {"theme_id": heat["theme"]["id"]}))
    acked(alice.emit("vote.retract", {"theme_id": heat["theme"]["id"]}))
    steer(room, "theme.assign", idea_id=roofs, theme_id=None)
    steer(room, "theme.delete", theme_id=heat["theme"]["id"])

    staff, participants = gap_free(room, start, alice, bob)
    assert [name for name, _ in staff] == [
        "theme.created",
        "idea.updated",
        "idea.updated",
        "theme.created",
        "theme.updated",
        "idea.updated",
        "vote.tally",
        "vote.tally",
        "vote.tally",
        "idea.updated",
        "theme.deleted",
        "idea.updated",
    ]
    tallies = [payload for name, payload in participants if name == "vote.tally"]
    assert [tally["votes"] for tally in tallies] == [None, None, None]


# -- what every theme event shares -----------------------------------------------------------


@pytest.mark.parametrize("event", [*THEME_EVENTS, *VOTE_EVENTS])
@pytest.mark.parametrize("who", ["anyone", "staff", "a participant coming back"])
def test_theme_event_before_joining_is_refused(room: Room, event: str, who: str) -> None:
    theme, [trees, _, _], alice, _ = with_a_theme(room)
    auth = {
        "anyone": None,
        "staff": {"token": room.staff.token},
        "a participant coming back": {"participant_token": alice.token},
    }[who]
    payload = valid_payload(event, theme["prompt_id"], theme["id"], trees)
    room.refuses(room.connect(auth), event, payload, code="not_joined")


@pytest.mark.parametrize("event", THEME_EVENTS)
def test_participants_may_not_manage_themes(room: Room, event: str) -> None:
    theme, [trees, _, _], alice, bob = with_a_theme(room)
    payload = valid_payload(event, theme["prompt_id"], theme["id"], trees)
    for member in (alice, bob):
        room.refuses(member, event, payload, code="forbidden")


@pytest.mark.parametrize("event", THEME_EVENTS)
def test_rapporteurs_may_not_manage_themes(
    room: Room, make_staff: Callable[[str], StaffMember], event: str
) -> None:
    theme, [trees, _, _], _, _ = with_a_theme(room)
    rapporteur = room.staff_member(make_staff("rapporteur"))
    payload = valid_payload(event, theme["prompt_id"], theme["id"], trees)
    room.refuses(rapporteur, event, payload, code="forbidden")


@pytest.mark.parametrize("event", [event for event in THEME_EVENTS if event != "theme.suggest"])
def test_organizers_may_manage_themes(
    room: Room, make_staff: Callable[[str], StaffMember], event: str
) -> None:
    theme, [trees, _, _], _, _ = with_a_theme(room)
    organizer = room.staff_member(make_staff("organizer"))
    before = room.snapshot()
    acked(organizer.emit(event, valid_payload(event, theme["prompt_id"], theme["id"], trees)))
    assert room.facilitator.names()
    assert room.snapshot() != before


@pytest.mark.parametrize("event", ["theme.create", "theme.rename"])
def test_unusable_theme_names_are_refused(room: Room, event: str) -> None:
    theme, _, _, _ = with_a_theme(room)
    for name, code in [
        ("", "text_empty"),
        (" \n\t", "text_empty"),
        ("n" * 121, "text_too_long"),
        ("<em>Heat</em>", "text_has_markup"),
    ]:
        payload = {**valid_payload(event, theme["prompt_id"], theme["id"], 0), "name": name}
        room.refuses(room.facilitator, event, payload, code=code)


@pytest.mark.parametrize("event", ["theme.create", "theme.rename"])
def test_a_theme_name_of_120_characters_is_accepted(room: Room, event: str) -> None:
    theme, _, _, _ = with_a_theme(room)
    name = "n" * 119 + "é"
    payload = {**valid_payload(event, theme["prompt_id"], theme["id"], 0), "name": f" {name} "}
    assert acked(room.facilitator.emit(event, payload))["theme"]["name"] == name


# Each: the event, and the payload's field that names something unknown.
UNKNOWN = [
    ("theme.create", "prompt_id"),
    ("theme.create", "idea_ids"),
    ("theme.rename", "theme_id"),
    ("theme.delete", "theme_id"),
    ("theme.assign", "idea_id"),
    ("theme.assign", "theme_id"),
    ("theme.suggest", "prompt_id"),
    ("vote.cast", "theme_id"),
    ("vote.retract", "theme_id"),
]


def naming(event: str, field: str, unknown: int, valid: dict[str, Any]) -> dict[str, Any]:
    """`valid` with `field` naming `unknown` instead (idea_ids: along with a known idea)."""
    if field == "idea_ids":
        return {**valid, "idea_ids": [*valid.get("idea_ids", []), unknown]}
    return {**valid, field: unknown}


@pytest.mark.parametrize(("event", "field"), UNKNOWN)
def test_an_unknown_prompt_theme_or_idea_is_not_found(room: Room, event: str, field: str) -> None:
    theme, [trees, roofs, _], _, bob = with_a_theme(room)
    member = bob if event.startswith("vote.") else room.facilitator
    valid = {**valid_payload(event, theme["prompt_id"], theme["id"], trees), "idea_ids": [roofs]}
    for unknown in (999_999, 0, -1):
        room.refuses(member, event, naming(event, field, unknown, valid), code="not_found")


@pytest.mark.parametrize(("event", "field"), UNKNOWN)
def test_a_prompt_theme_or_idea_of_another_roundtable_is_not_found(
    room: Room, other_room: Room, event: str, field: str
) -> None:
    theme, [trees, roofs, _], _, bob = with_a_theme(room)
    theirs = other_room.open_prompt("Theirs")
    their_idea = other_room.idea(other_room.participant("Zoe"), theirs, "Theirs")
    their_theme = make_theme(other_room, theirs, "Theirs", (their_idea,))
    other_room.quiet()
    before = other_room.snapshot()
    member = bob if event.startswith("vote.") else room.facilitator
    foreign = {"prompt_id": theirs, "theme_id": their_theme["id"], "idea_id": their_idea}
    valid = {**valid_payload(event, theme["prompt_id"], theme["id"], trees), "idea_ids": [roofs]}
    payload = naming(event, field, foreign.get(field, their_idea), valid)
    room.refuses(member, event, payload, code="not_found")
    assert other_room.snapshot() == before
    assert other_room.heard() == []


def test_a_theme_groups_only_ideas_of_its_own_prompt(room: Room) -> None:
    theme, [trees, _, _], alice, _ = with_a_theme(room)
    elsewhere = room.open_prompt("Another question")
    stranger = room.idea(alice, elsewhere, "Elsewhere")
    other_theme = make_theme(room, elsewhere, "Other")
    for payload in (
        {"prompt_id": theme["prompt_id"], "name": "Mixed", "idea_ids": [trees, stranger]},
        {"prompt_id": elsewhere, "name": "Mixed", "idea_ids": [trees]},
    ):
        room.refuses(room.facilitator, "theme.create", payload, code="bad_theme")
    for idea_id, theme_id in ((stranger, theme["id"]), (trees, other_theme["id"])):
        payload = {"idea_id": idea_id, "theme_id": theme_id}
        room.refuses(room.facilitator, "theme.assign", payload, code="bad_theme")


@pytest.mark.parametrize("event", [*THEME_EVENTS, *VOTE_EVENTS])
def test_a_malformed_theme_payload_is_refused(room: Room, event: str) -> None:
    theme, [trees, _, _], _, bob = with_a_theme(room)
    member = bob if event.startswith("vote.") else room.facilitator
    valid = valid_payload(event, theme["prompt_id"], theme["id"], trees)
    nullable = ("theme_id",) if event == "theme.assign" else ()
    for payload in malformed(valid, nullable=nullable):
        room.refuses(member, event, payload, code="bad_request")


def test_malformed_idea_ids_for_a_new_theme_are_refused(room: Room) -> None:
    theme, [trees, _, _], _, _ = with_a_theme(room)
    valid = {"prompt_id": theme["prompt_id"], "name": "Heat"}
    wrong: list[Any] = [trees, "1", {"id": trees}, True, [[trees]], [trees] * 501]
    wrong += [[trees, bad] for bad in WRONG_IDS]
    for idea_ids in wrong:
        payload = {**valid, "idea_ids": idea_ids}
        room.refuses(room.facilitator, "theme.create", payload, code="bad_request")
