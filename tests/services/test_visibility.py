"""What participants may see: private brainstorms, hidden tallies, attribution, follow me."""

from __future__ import annotations

import pytest

from facilitation.services import phases, prompts, roundtables, votes
from facilitation.services.views import Viewer, snapshot
from tests.services.conftest import Table


def seen_by(table: Table, viewer: Viewer) -> list[dict[str, object]]:
    roundtable = roundtables.get_roundtable(table.session, table.roundtable_id)
    table.session.expire_all()
    ideas_seen: list[dict[str, object]] = snapshot(table.session, roundtable, viewer)["prompts"][0][
        "ideas"
    ]
    return ideas_seen


def test_a_private_idea_reaches_others_redacted_and_its_author_in_full(table: Table) -> None:
    prompt_id = table.open_prompt(private=True)
    ana, ben = table.join("Ana", "Lisbon"), table.join("Ben")
    view, events = table.create_idea(ana, prompt_id, "Night buses")
    assert (view["text"], view["mine"]) == ("Night buses", True)
    (event,) = events
    assert event.payload["idea"]["text"] == "Night buses"
    public = event.public["idea"]
    assert public["hidden"] is True
    assert (public["text"], public["author"], public["affiliation"], public["votes"]) == (
        None,
        None,
        None,
        None,
    )
    assert event.public["seq"] == event.payload["seq"]
    assert [i["text"] for i in seen_by(table, Viewer(participant_id=ben.participant_id))] == [None]
    assert [i["text"] for i in seen_by(table, Viewer(participant_id=ana.participant_id))] == [
        "Night buses"
    ]


def test_revealing_shows_every_idea_to_everyone_once(table: Table) -> None:
    prompt_id = table.open_prompt(private=True)
    ana = table.join("Ana")
    table.post(ana, prompt_id, "Night buses")
    view, events = prompts.reveal_ideas(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
    )
    assert view["revealed"] is True
    assert [i["text"] for i in events[0].public["prompt"]["ideas"]] == ["Night buses"]
    _, again = prompts.reveal_ideas(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
    )
    assert again == []


def test_hidden_tallies_show_only_in_results(table: Table) -> None:
    prompt_id = table.open_prompt(phases=True, hide_tallies=True)
    ana, ben = table.join("Ana"), table.join("Ben")
    idea = table.post(ana, prompt_id, "Cool roofs")
    phases.set_phase(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
        phase="vote",
    )
    _, events = votes.cast_vote(
        table.session, actor=ben, roundtable_id=table.roundtable_id, idea_id=idea["id"]
    )
    assert (events[0].payload["votes"], events[0].public["votes"]) == (1, None)
    assert seen_by(table, Viewer(participant_id=ben.participant_id))[0]["votes"] is None
    _, shown = phases.set_phase(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
        phase="results",
    )
    assert shown[0].public["prompt"]["ideas"][0]["votes"] == 1


@pytest.mark.parametrize(
    ("attribution", "author", "affiliation"),
    [("named", "Ana", "Lisbon"), ("affiliation", None, "Lisbon"), ("anonymous", None, None)],
)
def test_attribution_decides_what_everyone_sees(
    table: Table, attribution: str, author: str | None, affiliation: str | None
) -> None:
    prompt_id = table.open_prompt()
    table.post(table.join("Ana", "Lisbon"), prompt_id, "Open data")
    _, events = roundtables.configure_roundtable(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        attribution=attribution,
    )
    if attribution != "named":
        assert [e.name for e in events] == ["roundtable.updated", "prompt.updated"]
    for viewer in (Viewer(), Viewer(staff=True)):
        (seen,) = seen_by(table, viewer)
        assert (seen["author"], seen["affiliation"]) == (author, affiliation)
    assert "author_id" not in seen_by(table, Viewer())[0]


def test_a_prompt_can_override_the_roundtables_attribution(table: Table) -> None:
    prompt_id = table.open_prompt(attribution="anonymous")
    ana = table.join("Ana", "Lisbon")
    table.post(ana, prompt_id, "Open data")
    assert seen_by(table, Viewer())[0]["author"] is None
    view, _ = prompts.configure_prompt(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
        attribution=None,
    )
    assert (view["attribution"], view["attribution_override"]) == ("named", None)
    table.post(ana, prompt_id, "Flood maps")
    assert [(i["text"], i["author"]) for i in seen_by(table, Viewer())] == [
        ("Open data", None),
        ("Flood maps", "Ana"),
    ]


def configure(table: Table, attribution: str) -> None:
    roundtables.configure_roundtable(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        attribution=attribution,
    )


def bylines(table: Table) -> list[tuple[object, object, object]]:
    """Each idea and reply as every audience sees it, which must agree."""
    seen = [
        [(i["text"], i["author"], i["affiliation"]) for i in seen_by(table, viewer)]
        for viewer in (Viewer(), Viewer(staff=True))
    ]
    assert seen[0] == seen[1]
    return seen[0]


def test_an_anonymous_idea_stays_anonymous_when_the_room_goes_named(table: Table) -> None:
    prompt_id = table.open_prompt()
    configure(table, "anonymous")
    ana, ben = table.join("Ana", "Lisbon"), table.join("Ben", "Quito")
    secret = table.post(ana, prompt_id, "Confidential: our drainage data is outdated")
    table.post(ben, prompt_id, "Agreed, ours too", parent_id=secret["id"])
    configure(table, "named")
    table.post(ana, prompt_id, "Flood sensors on every bridge")
    assert bylines(table) == [
        ("Confidential: our drainage data is outdated", None, None),
        ("Agreed, ours too", None, None),
        ("Flood sensors on every bridge", "Ana", "Lisbon"),
    ]


def test_an_idea_credited_by_affiliation_never_shows_the_name(table: Table) -> None:
    prompt_id = table.open_prompt()
    configure(table, "affiliation")
    table.post(table.join("Ana", "Lisbon"), prompt_id, "Open data")
    configure(table, "named")
    assert bylines(table) == [("Open data", None, "Lisbon")]


def test_a_more_protective_switch_applies_at_once_to_every_idea(table: Table) -> None:
    prompt_id = table.open_prompt()
    table.post(table.join("Ana", "Lisbon"), prompt_id, "Open data")
    configure(table, "anonymous")
    assert bylines(table) == [("Open data", None, None)]
    configure(table, "named")
    assert bylines(table) == [("Open data", "Ana", "Lisbon")]


def test_every_idea_says_how_it_is_credited(table: Table) -> None:
    prompt_id = table.open_prompt()
    configure(table, "affiliation")
    table.post(table.join("Ana", "Lisbon"), prompt_id, "Open data")
    configure(table, "named")
    assert [i["attribution"] for i in seen_by(table, Viewer())] == ["affiliation"]
    configure(table, "anonymous")
    assert [i["attribution"] for i in seen_by(table, Viewer())] == ["anonymous"]


def test_anonymity_still_allows_one_budget_per_person(table: Table) -> None:
    prompt_id = table.open_prompt(attribution="anonymous", budget=1)
    ana = table.join("Ana")
    one = table.post(ana, prompt_id, "One")
    two = table.post(ana, prompt_id, "Two")
    table.vote(ana, one["id"])
    assert table.refusal(table.vote, ana, two["id"]) == "over_budget"


def test_bad_settings_are_refused(table: Table) -> None:
    prompt_id = table.open_prompt()
    for call, kwargs in (
        (prompts.configure_prompt, {"prompt_id": prompt_id, "attribution": "pseudonyms"}),
        (roundtables.configure_roundtable, {"attribution": "secret"}),
    ):
        assert (
            table.refusal(table.act, call, actor=table.facilitator, **kwargs) == "bad_attribution"
        )


def test_follow_me_brings_everyone_to_a_prompt_and_lets_them_roam(table: Table) -> None:
    prompt_id = table.open_prompt()
    view, events = roundtables.focus_prompt(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
    )
    assert view["focus_prompt_id"] == prompt_id
    assert [e.name for e in events] == ["roundtable.updated"]
    view, _ = roundtables.focus_prompt(
        table.session, actor=table.facilitator, roundtable_id=table.roundtable_id, prompt_id=None
    )
    assert view["focus_prompt_id"] is None
    assert (
        table.refusal(table.act, roundtables.focus_prompt, actor=table.join("Ana"), prompt_id=None)
        == "forbidden"
    )
