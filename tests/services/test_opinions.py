"""Opinion groups for statements, on rooms whose groups are known because they were built so."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable
from pathlib import Path

import pytest

from facilitation.services.opinions import (
    MIN_VOTERS_TO_GROUP,
    Opinion,
    OpinionResults,
    StatementTally,
    opinion_results,
    results_summary,
)

Row = tuple[int, int, Opinion]
SIDE: dict[int, Opinion] = {1: "agree", -1: "disagree", 0: "pass"}
POLIS_SAMPLE = Path(__file__).parent.parent / "data" / "polis_votes_sample.csv"


def camp(members: Iterable[int], stances: dict[int, int]) -> list[Row]:
    """Everyone in `members` marks each statement as `stances` says (+1, -1 or 0)."""
    return [(member, idea, SIDE[side]) for member in members for idea, side in stances.items()]


def memberships(results: OpinionResults) -> list[tuple[int, ...]]:
    return [group.members for group in results.groups]


def two_camps() -> list[Row]:
    """Ten people for statements 1-6 and ten against, everyone agreeing on 7 and 8."""
    for_ = {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1}
    against = {1: -1, 2: -1, 3: -1, 4: -1, 5: -1, 6: -1, 7: 1, 8: 1}
    return camp(range(100, 110), for_) + camp(range(200, 210), against)


def test_two_opposite_camps_are_two_groups_with_shared_statements_as_consensus() -> None:
    results = opinion_results(two_camps(), list(range(1, 9)))

    assert results.voters == 20
    assert memberships(results) == [tuple(range(100, 110)), tuple(range(200, 210))]
    assert results.consensus == (7, 8)
    assert results.divisive == (1, 2, 3, 4, 5, 6)
    first, second = results.groups
    assert [(s.idea_id, s.agree_share, s.disagree_share) for s in first.stances[:1]] == [
        (1, 1.0, 0.0)
    ]
    assert (second.stances[0].agree_share, second.stances[0].disagree_share) == (0.0, 1.0)


def test_three_camps_of_eight_are_three_groups() -> None:
    rows = (
        camp(range(10, 18), {1: 1, 2: 1, 3: -1, 4: -1, 5: -1, 6: -1, 7: 1})
        + camp(range(20, 28), {1: -1, 2: -1, 3: 1, 4: 1, 5: -1, 6: -1, 7: 1})
        + camp(range(30, 38), {1: -1, 2: -1, 3: -1, 4: -1, 5: 1, 6: 1, 7: 1})
    )

    results = opinion_results(rows, list(range(1, 8)))

    assert memberships(results) == [
        tuple(range(10, 18)),
        tuple(range(20, 28)),
        tuple(range(30, 38)),
    ]
    assert results.consensus == (7,)
    assert results.divisive == (1, 2, 3, 4, 5, 6)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_room_voting_at_random_is_one_group_and_nothing_divides_it(seed: int) -> None:
    chance = random.Random(seed)
    sides: list[Opinion] = ["agree", "disagree", "pass"]
    rows = [(p, idea, chance.choice(sides)) for p in range(20) for idea in range(1, 9)]

    results = opinion_results(rows, list(range(1, 9)))

    sided = {p for p, _, side in rows if side != "pass"}
    took_three_sides = tuple(
        p for p in sorted(sided) if sum(r[0] == p and r[2] != "pass" for r in rows) >= 3
    )
    assert memberships(results) == [took_three_sides]
    assert results.divisive == ()


def test_camps_with_partial_ballots_still_group_by_what_they_saw() -> None:
    chance = random.Random(7)
    statements = list(range(1, 11))
    rows: list[Row] = []
    for person in range(24):
        side = 1 if person < 12 else -1
        seen = chance.sample(statements, 6)
        rows += [(person, idea, SIDE[side if idea <= 8 else 1]) for idea in seen]

    results = opinion_results(rows, statements)

    assert memberships(results) == [tuple(range(12)), tuple(range(12, 24))]
    assert set(results.divisive) <= set(range(1, 9))
    assert len(results.divisive) >= 6


def test_too_few_voters_have_no_groups_but_counts_and_room_consensus() -> None:
    rows: list[Row] = [
        (1, 10, "agree"),
        (2, 10, "agree"),
        (3, 10, "agree"),
        (4, 10, "disagree"),
        (1, 11, "agree"),
        (2, 11, "disagree"),
        (3, 11, "pass"),
        (1, 12, "agree"),
        (2, 12, "agree"),
    ]
    assert len({row[0] for row in rows}) < MIN_VOTERS_TO_GROUP

    results = opinion_results(rows, [10, 11, 12, 13])

    assert results.voters == 4
    assert results.groups == ()
    assert results.tallies == (
        StatementTally(10, agree=3, disagree=1, passes=0),
        StatementTally(11, agree=1, disagree=1, passes=1),
        StatementTally(12, agree=2, disagree=0, passes=0),
        StatementTally(13, agree=0, disagree=0, passes=0),
    )
    # 10: 3 of 4 agree; 11: only a third; 12: two opinions are too few for the room.
    assert results.consensus == (10,)
    assert results.divisive == ()


def test_a_changed_vote_counts_only_as_its_latest_opinion() -> None:
    rows: list[Row] = [(1, 5, "agree"), (2, 5, "agree"), (1, 5, "disagree"), (1, 5, "pass")]

    results = opinion_results(rows, [5])

    assert results.voters == 2
    assert results.tallies == (StatementTally(5, agree=1, disagree=0, passes=1),)


def test_counts_are_exact_and_follow_the_statement_order() -> None:
    rows = [*two_camps(), (300, 3, "pass"), (301, 3, "pass"), (300, 99, "agree")]

    results = opinion_results(rows, [3, 8, 42])

    assert results.voters == 22
    assert results.tallies == (
        StatementTally(3, agree=10, disagree=10, passes=2),
        StatementTally(8, agree=20, disagree=0, passes=0),
        StatementTally(42, agree=0, disagree=0, passes=0),
    )


def test_voters_who_only_passed_or_marked_little_are_counted_but_in_no_group() -> None:
    passer: list[Row] = [(900, idea, "pass") for idea in range(1, 9)]
    glancer: list[Row] = [(901, 1, "agree"), (901, 2, "agree")]

    results = opinion_results(two_camps() + passer + glancer, list(range(1, 9)))

    assert results.voters == 22
    assert memberships(results) == [tuple(range(100, 110)), tuple(range(200, 210))]
    assert results.tallies[0] == StatementTally(1, agree=11, disagree=10, passes=1)


def test_a_room_voting_identically_is_one_group_whose_agreement_is_consensus() -> None:
    rows = camp(range(12), {1: 1, 2: -1, 3: 1, 4: 0})

    results = opinion_results(rows, [1, 2, 3, 4])

    assert memberships(results) == [tuple(range(12))]
    assert results.consensus == (1, 3)
    assert results.divisive == ()


def test_few_distinct_ballots_make_no_group_smaller_than_three() -> None:
    # Eight people in one camp and two who differ: two people are not an opinion group.
    rows = camp(range(8), {1: 1, 2: 1, 3: 1}) + camp([8, 9], {1: -1, 2: -1, 3: -1})

    results = opinion_results(rows, [1, 2, 3])

    assert memberships(results) == [tuple(range(10))]


def test_the_same_opinions_in_any_order_give_the_same_groups() -> None:
    rows = two_camps() + camp(range(300, 308), {1: -1, 2: -1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1})
    shuffled = rows[:]
    random.Random(3).shuffle(shuffled)

    first = opinion_results(rows, list(range(1, 9)))

    assert opinion_results(shuffled, list(range(1, 9))) == first
    assert [group.size for group in first.groups] == sorted(
        (group.size for group in first.groups), reverse=True
    )


def test_the_summary_has_the_protocol_shape() -> None:
    summary = results_summary(opinion_results(two_camps(), [1, 7]))

    assert summary["voters"] == 20
    assert summary["consensus"] == [7]
    assert summary["divisive"] == [1]
    assert [group["size"] for group in summary["groups"]] == [10, 10]
    assert summary["groups"][1]["statements"] == [
        {"idea_id": 1, "agree": 0.0, "disagree": 1.0},
        {"idea_id": 7, "agree": 1.0, "disagree": 0.0},
    ]


def polis_votes(path: Path) -> tuple[list[Row], list[int]]:
    """The (voter, comment, opinion) rows of a Polis votes export, oldest first; its comments."""
    with path.open(newline="") as export:
        votes = sorted(csv.DictReader(export), key=lambda vote: int(vote["timestamp"]))
    rows = [(int(v["voter-id"]), int(v["comment-id"]), SIDE[int(v["vote"])]) for v in votes]
    return rows, sorted({idea for _, idea, _ in rows})


def test_planted_groups_are_found_in_a_polis_shaped_export() -> None:
    # tests/data/polis_votes_sample.csv has the columns and value conventions of a Polis
    # conversation's votes export (vote 1 agree, -1 disagree, 0 pass; ids from 0). It was made
    # with random.Random(2024): voters 0-15 agree with comments 0-5 and disagree with 6-9,
    # voters 16-29 the opposite, everyone agrees with 10 and 11; each voter saw each comment
    # with probability 0.85 and 10% of opinions were replaced by a random one.
    rows, comments = polis_votes(POLIS_SAMPLE)

    results = opinion_results(rows, comments)

    assert comments == list(range(12))
    assert results.voters == 30
    assert memberships(results) == [tuple(range(16)), tuple(range(16, 30))]
    assert results.consensus == (10, 11)
    assert results.divisive == tuple(range(10))
