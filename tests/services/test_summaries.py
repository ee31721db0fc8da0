"""The session summary: ideas ranked by votes, ties sharing a rank, counts, who held the
floor, and who may export."""

from __future__ import annotations

from datetime import datetime, timedelta

from facilitation.models import Roundtable
from facilitation.services import lifecycle, roundtables, speakers, summaries
from facilitation.services.queue import queue_view
from facilitation.services.summary_data import AffiliationTime, SpeakerTime, Summary
from tests.services.conftest import Table, staff_actor

NOW = datetime(2025, 6, 4, 16, 30)


def test_ideas_are_ranked_by_votes_with_shared_ranks_for_ties(table: Table) -> None:
    prompt_id = table.open_prompt("Which digital tool changed your planning?")
    people = [table.join(name, "Guangzhou") for name in ("Ana", "Ben", "Chen")]
    posted = {}
    texts = ("Digital twin", "Open data portal", "Flood sensors")
    for person, text in zip(people, texts, strict=True):
        posted[text] = table.post(person, prompt_id, text)["id"]
    for person in people:
        table.vote(person, posted["Flood sensors"])
    for person in people[:2]:
        table.vote(person, posted["Digital twin"])
    summary = summaries.build_summary(
        table.session, actor=table.facilitator, roundtable_id=table.roundtable_id, now=NOW
    )
    (prompt,) = summary.prompts
    assert [(i.text, i.votes, i.rank) for i in prompt.ideas] == [
        ("Flood sensors", 3, 1),
        ("Digital twin", 2, 2),
        ("Open data portal", 0, 3),
    ]
    assert (summary.participants, summary.idea_count) == (3, 3)
    assert (prompt.contributors, prompt.voters, prompt.votes_cast) == (3, 3, 5)
    assert prompt.ideas[0].author == "Chen" and prompt.ideas[0].affiliation == "Guangzhou"


def test_equal_votes_share_a_rank(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    for text in ("One", "Two"):
        table.post(ana, prompt_id, text)
    summary = summaries.build_summary(
        table.session, actor=table.facilitator, roundtable_id=table.roundtable_id, now=NOW
    )
    assert [(i.text, i.rank) for i in summary.prompts[0].ideas] == [("One", 1), ("Two", 1)]


def test_rapporteurs_may_export_and_participants_may_not(table: Table) -> None:
    rapporteur = staff_actor(table.session, "rapporteur")
    assert summaries.build_summary(
        table.session, actor=rapporteur, roundtable_id=table.roundtable_id, now=NOW
    ).title
    assert (
        table.refusal(table.act, summaries.build_summary, actor=table.join("Ana"), now=NOW)
        == "forbidden"
    )


def summary_of(table: Table) -> Summary:
    return summaries.build_summary(
        table.session, actor=table.facilitator, roundtable_id=table.roundtable_id, now=NOW
    )


def test_speaking_time_adds_up_each_person_s_ended_turns_longest_first(table: Table) -> None:
    ana, ben, chen = table.join("Ana", "Lisbon"), table.join("Ben", " Lisbon "), table.join("Chen")
    table.take_turns(
        [(ana, 120), (ben, 300), (ana, 90), (chen, 30)], start=NOW - timedelta(hours=1)
    )
    speaking = summary_of(table).speaking
    assert speaking is not None
    assert speaking.people == (
        SpeakerTime("Ben", "Lisbon", 1, 300),
        SpeakerTime("Ana", "Lisbon", 2, 210),
        SpeakerTime("Chen", None, 1, 30),
    )
    assert speaking.affiliations == (
        AffiliationTime("Lisbon", 2, 3, 510),
        AffiliationTime("", 1, 1, 30),
    )
    assert (speaking.turns, speaking.seconds) == (4, 540)
    # Ben held 300 of 540 seconds, and three speakers make a "fifth" of one; the pairs differ
    # by 90, 270 and 180 seconds, 1080 counted both ways: G = 1080 / (2 * 3 * 540) = 1/3.
    assert (speaking.longest_share, speaking.top_fifth_share) == (0.556, 0.556)
    assert speaking.gini == 0.333


def test_nobody_given_the_floor_means_no_speaking_time(table: Table) -> None:
    ana, ben = table.join("Ana"), table.join("Ben")
    assert summary_of(table).speaking is None
    table.act(speakers.raise_hand, actor=ana)
    table.act(speakers.lower_hand, actor=ana)
    table.act(speakers.raise_hand, actor=ben)  # still waiting
    assert summary_of(table).speaking is None


def test_a_running_turn_counts_up_to_the_time_of_the_summary(table: Table) -> None:
    ana, ben = table.join("Ana"), table.join("Ben")
    table.take_turns([(ana, 60), (ben, 0)], start=NOW - timedelta(seconds=100), end=False)
    speaking = summary_of(table).speaking
    assert speaking is not None
    # Ben was given the floor 70 seconds after Ana was, and still holds it.
    assert [(p.name, p.turns, p.seconds) for p in speaking.people] == [
        ("Ana", 1, 60),
        ("Ben", 1, 30),
    ]
    # The staff's queue counts ended turns only: the running one is still on its clock.
    roundtable = table.session.get(Roundtable, table.roundtable_id)
    assert roundtable is not None
    spoken = queue_view(table.session, roundtable, staff=True).get("spoken", [])
    assert [(p["name"], p["seconds"]) for p in spoken] == [("Ana", 60)]


def test_a_running_turn_of_an_ended_roundtable_counts_up_to_its_end(table: Table) -> None:
    ana = table.join("Ana")
    table.take_turns([(ana, 0)], start=NOW - timedelta(minutes=10), end=False)
    table.act(lifecycle.end_roundtable, actor=table.facilitator, now=NOW - timedelta(minutes=4))
    speaking = summary_of(table).speaking
    assert speaking is not None and speaking.seconds == 360


def test_speakers_are_named_as_the_roundtable_names_authors(table: Table) -> None:
    ana, ben = table.join("Ana", "Lisbon"), table.join("Ben", "Quito")
    table.take_turns([(ana, 60), (ben, 30)], start=NOW - timedelta(hours=1))

    def configured(attribution: str) -> tuple[list[tuple[str | None, str | None]], list[str]]:
        table.act(
            roundtables.configure_roundtable, actor=table.facilitator, attribution=attribution
        )
        speaking = summary_of(table).speaking
        assert speaking is not None and speaking.seconds == 90
        return [(p.name, p.affiliation) for p in speaking.people], [
            a.name for a in speaking.affiliations
        ]

    assert configured("named") == ([("Ana", "Lisbon"), ("Ben", "Quito")], ["Lisbon", "Quito"])
    assert configured("affiliation") == ([(None, "Lisbon"), (None, "Quito")], ["Lisbon", "Quito"])
    assert configured("anonymous") == ([(None, None), (None, None)], [])
