"""The participation balance: Gini and top-fifth share over everyone who joined, the counts,
affiliations, and a timeline with an honest time axis."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Connection

from facilitation.models import Idea, Membership, Participant
from facilitation.services import moderation, roundtables, themes, votes
from facilitation.services.participation import gini, measure, top_fifth_share
from facilitation.services.summary_data import AffiliationShare, Participation, TimelinePoint
from tests.services.conftest import Table

START = datetime(2025, 6, 4, 14, 3, 20)


def at(table: Table, idea_id: int, minutes: float) -> None:
    """Date an idea `minutes` after START, so the timeline does not depend on the clock."""
    idea = table.session.get(Idea, idea_id)
    assert idea is not None
    idea.created_at = START + timedelta(minutes=minutes)
    table.session.commit()


def measured(table: Table, interval_minutes: int | None = None) -> Participation:
    table.session.expire_all()
    return measure(table.session, table.roundtable_id, interval_minutes=interval_minutes)


# gini and top_fifth_share


@pytest.mark.parametrize("counts", [[3, 3, 3], [1], [7, 7, 7, 7, 7]])
def test_equal_counts_are_perfectly_even(counts: list[int]) -> None:
    assert gini(counts) == 0.0


@pytest.mark.parametrize("n", [2, 4, 5, 10, 300])
def test_one_voice_out_of_n_gives_n_minus_one_over_n(n: int) -> None:
    assert gini([0] * (n - 1) + [12]) == round((n - 1) / n, 3)


def test_gini_of_a_worked_example() -> None:
    # Pairwise differences of 0, 0, 1, 3 sum to 10 each way, 20 in all; 2 * n * total = 32.
    assert gini([3, 0, 1, 0]) == 0.625
    # 1, 2, 3, 4: 20 / (2 * 4 * 10)
    assert gini([4, 1, 3, 2]) == 0.25
    assert gini([1, 2]) == round(2 / 12, 3)


def test_gini_is_none_when_nobody_spoke() -> None:
    assert gini([]) is None
    assert gini([0, 0, 0]) is None


def test_top_fifth_share() -> None:
    assert top_fifth_share([2] * 10) == 0.2  # two of ten people, a fifth of the contributions
    assert top_fifth_share([0, 0, 0, 0, 9]) == 1.0
    assert top_fifth_share([5, 1, 1, 1, 1, 1]) == round(6 / 10, 3)  # ceil(6 / 5) = 2 people
    assert top_fifth_share([1, 3]) == 0.75  # at least one person
    assert top_fifth_share([1, 1, 1]) == 0.333
    assert top_fifth_share([]) is None
    assert top_fifth_share([0, 0]) is None


# measure


def test_members_who_never_spoke_lower_the_balance(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana, ben = table.join("Ana"), table.join("Ben")
    for text in ("Shade trees", "Cool roofs"):
        table.post(ana, prompt_id, text)
    table.post(ben, prompt_id, "Water fountains")
    table.post(ben, prompt_id, "Green corridors")
    before = measured(table)
    assert (before.joined, before.contributed, before.contributions) == (2, 2, 4)
    assert before.gini == 0.0
    assert before.top_fifth_share == 0.5
    for name in ("Chen", "Dana"):
        table.join(name)
    after = measured(table)
    assert (after.joined, after.contributed, after.contributions) == (4, 2, 4)
    assert after.gini == gini([2, 2, 0, 0]) == 0.5
    assert after.top_fifth_share == 0.5  # one person of four is the top fifth


def test_nobody_spoke(table: Table) -> None:
    table.open_prompt()
    table.join("Ana")
    result = measured(table)
    assert (result.joined, result.contributed, result.voted, result.contributions) == (1, 0, 0, 0)
    assert (result.gini, result.top_fifth_share, result.timeline) == (None, None, ())
    assert result.affiliations == (AffiliationShare("", 1, 0),)


def test_only_what_is_in_the_room_counts_and_replies_do(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana, ben, chen = table.join("Ana"), table.join("Ben"), table.join("Chen")
    kept = table.post(ana, prompt_id, "Shade trees")["id"]
    table.post(ben, prompt_id, "Along school routes", parent_id=kept)
    hidden = table.post(chen, prompt_id, "Off topic")["id"]
    table.post(ben, prompt_id, "Agreed, off topic", parent_id=hidden)
    table.act(moderation.hide_idea, actor=table.facilitator, idea_id=hidden)
    waiting = table.open_prompt("Second question", premoderate=True)
    table.post(chen, waiting, "Still awaiting approval")
    result = measured(table)
    # Ana's idea and Ben's reply; Chen's hidden idea, Ben's reply to it, Chen's pending idea
    # are all left out.
    assert (result.joined, result.contributed, result.contributions) == (3, 2, 2)
    assert result.gini == gini([1, 1, 0])
    approved = table.post(chen, waiting, "Approved later")["id"]
    table.act(moderation.approve_idea, actor=table.facilitator, idea_id=approved)
    assert (measured(table).contributed, measured(table).contributions) == (3, 3)


def test_voters_on_ideas_and_themes_are_counted_once(table: Table) -> None:
    prompt_id = table.open_prompt(budget=3)
    ana, ben, chen = table.join("Ana"), table.join("Ben"), table.join("Chen")
    table.join("Dana")
    idea = table.post(ana, prompt_id, "Shade trees")["id"]
    theme, _ = table.act(
        themes.create_theme, actor=table.facilitator, prompt_id=prompt_id, name="Green"
    )
    table.vote(ben, idea)
    votes.cast_theme_vote(
        table.session, actor=ben, roundtable_id=table.roundtable_id, theme_id=theme["id"]
    )
    votes.cast_theme_vote(
        table.session, actor=chen, roundtable_id=table.roundtable_id, theme_id=theme["id"]
    )
    assert measured(table).voted == 2


def test_affiliations_are_grouped_trimmed_and_the_unaffiliated_come_last(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana", "Guangzhou")
    ben = table.join("Ben", "  Guangzhou ")
    chen = table.join("Chen", "UN-Habitat")
    table.join("Dana", "Bogotá")
    eli = table.join("Eli")
    for text in ("One", "Two"):
        table.post(ana, prompt_id, text)
    table.post(ben, prompt_id, "Three")
    table.post(chen, prompt_id, "Four")
    for text in ("Five", "Six", "Seven", "Eight"):
        table.post(eli, prompt_id, text)
    assert measured(table).affiliations == (
        AffiliationShare("Guangzhou", 2, 3),
        AffiliationShare("UN-Habitat", 1, 1),
        AffiliationShare("Bogotá", 1, 0),
        AffiliationShare("", 1, 4),
    )


def test_what_was_posted_anonymously_is_never_counted_by_affiliation(table: Table) -> None:
    ana = table.join("Ana", "Secretville")
    table.post(ana, table.open_prompt("Said aloud"), "Named idea")
    table.post(ana, table.open_prompt("Off the record", attribution="anonymous"), "Anonymous")
    figures = measured(table)
    assert figures.contributions == 2  # counted, and in the balance
    assert figures.affiliations == (AffiliationShare("Secretville", 1, 1),)


def test_a_chatham_house_roundtable_lists_no_affiliations(table: Table) -> None:
    table.act(roundtables.configure_roundtable, actor=table.facilitator, attribution="anonymous")
    ana = table.join("Ana", "Secretville")
    table.join("Ben", "Elsewhere")
    table.post(ana, table.open_prompt(), "Off the record")
    figures = measured(table)
    assert (figures.joined, figures.contributions, figures.affiliations) == (2, 1, ())
    assert figures.gini == 0.5


def test_timeline_has_a_point_for_every_interval_even_empty_ones(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana, ben = table.join("Ana"), table.join("Ben")
    first = table.post(ana, prompt_id, "Shade trees")["id"]
    reply = table.post(ben, prompt_id, "Along school routes", parent_id=first)
    late = table.post(ben, prompt_id, "Cool roofs")["id"]
    hidden = table.post(ana, prompt_id, "Off topic")["id"]
    table.act(moderation.hide_idea, actor=table.facilitator, idea_id=hidden)
    at(table, first, 0)  # 14:03:20
    at(table, reply["id"], 3)  # 14:06:20
    at(table, late, 21)  # 14:24:20
    at(table, hidden, 12)  # left out: no count, but its interval stays as a zero
    result = measured(table, interval_minutes=5)
    assert result.interval_minutes == 5
    assert result.timeline == (
        TimelinePoint(datetime(2025, 6, 4, 14, 0), 1),
        TimelinePoint(datetime(2025, 6, 4, 14, 5), 1),
        TimelinePoint(datetime(2025, 6, 4, 14, 10), 0),
        TimelinePoint(datetime(2025, 6, 4, 14, 15), 0),
        TimelinePoint(datetime(2025, 6, 4, 14, 20), 1),
    )
    # Automatically: one-minute points would be 22 (14:03 to 14:24), within the limit.
    automatic = measured(table)
    assert automatic.interval_minutes == 1
    assert len(automatic.timeline) == 22
    assert sum(point.contributions for point in automatic.timeline) == 3
    assert automatic.timeline[0].at == datetime(2025, 6, 4, 14, 3)


def test_a_long_session_gets_a_coarser_interval(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    first = table.post(ana, prompt_id, "Opening")["id"]
    last = table.post(ana, prompt_id, "Closing")["id"]
    at(table, first, 0)
    at(table, last, 100)  # 14:03 to 15:43: 10-minute points would be 11, 5-minute 21
    result = measured(table)
    assert result.interval_minutes == 5
    assert len(result.timeline) == 21
    assert [p.contributions for p in result.timeline] == [1] + [0] * 19 + [1]
    at(table, last, 150)  # 14:03 to 16:33: 5-minute points would be 31
    assert measured(table).interval_minutes == 10


def test_a_contributor_without_membership_is_counted_among_the_people(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana, ben = table.join("Ana", "Quito"), table.join("Ben", "Quito")
    table.post(ana, prompt_id, "Shade trees")
    table.post(ben, prompt_id, "Cool roofs")
    membership = table.session.query(Membership).filter_by(participant_id=ben.participant_id)
    membership.delete()
    table.session.commit()
    result = measured(table)
    assert (result.joined, result.contributed) == (1, 2)
    assert result.gini == 0.0
    assert result.affiliations == (AffiliationShare("Quito", 2, 2),)


def test_an_interval_must_be_positive(table: Table) -> None:
    assert table.refusal(measure, table.session, table.roundtable_id, interval_minutes=0) == (
        "invalid_interval"
    )


def test_a_large_room_is_measured_in_a_few_queries(table: Table) -> None:
    """300 participants and 1,000 ideas: the number of queries does not grow with the room."""
    session = table.session
    prompt_id = table.open_prompt()
    event_id = roundtables.get_roundtable(session, table.roundtable_id).event_id
    people = [
        Participant(event_id=event_id, name=f"P{n}", affiliation=f"City {n % 7}")
        for n in range(300)
    ]
    session.add_all(people)
    session.flush()
    session.add_all(
        Membership(roundtable_id=table.roundtable_id, participant_id=p.id) for p in people
    )
    session.add_all(
        Idea(
            prompt_id=prompt_id,
            participant_id=people[n % 100].id,
            client_id=f"c{n}",
            text=f"Idea {n}",
            created_at=START + timedelta(seconds=n * 5),
        )
        for n in range(1000)
    )
    session.commit()
    session.expire_all()
    statements: list[str] = []

    def count(_conn: Connection, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        result = measure(session, table.roundtable_id)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) <= 5, "\n---\n".join(s[:90] for s in statements)
    assert (result.joined, result.contributed, result.contributions) == (300, 100, 1000)
    assert result.gini == gini([10] * 100 + [0] * 200) == round(200 / 300, 3)
    assert result.top_fifth_share == 0.6  # the 60 most active of 300 made 600 of 1,000
    assert result.interval_minutes == 5  # 14:03:20 to 15:26:35
    assert sum(p.contributions for p in result.timeline) == 1000


def test_participants_of_another_roundtable_are_not_counted(table: Table) -> None:
    other = roundtables.create_roundtable(
        table.session, actor=table.facilitator, title="Housing for all"
    )
    elsewhere = Table(table.session, other.id, other.join_code, table.facilitator)
    elsewhere_prompt = elsewhere.open_prompt()
    zoe = elsewhere.join("Zoe")
    elsewhere.post(zoe, elsewhere_prompt, "Elsewhere")
    table.open_prompt()
    table.join("Ana")
    result = measured(table)
    assert (result.joined, result.contributed, result.contributions) == (1, 0, 0)
