"""The answered prompt kinds: what a poll, a scale, a ranking and an assessment may be set up
with, what an answer may be, and what the room's answers add up to."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from facilitation.services.answers import (
    STARTER_RUBRIC,
    Criterion,
    Scale,
    Score,
    assessment_results,
    borda,
    check_choices,
    check_criteria,
    check_items,
    check_max_choices,
    check_options,
    check_order,
    check_scale,
    check_scores,
    check_value,
    poll_results,
    scale_results,
)
from facilitation.services.errors import InvalidInputError

OPTIONS = ["Bus lanes", "Bike lanes", "Trams"]


@contextmanager
def refused(code: str) -> Iterator[None]:
    """The block is refused with that error code."""
    with pytest.raises(InvalidInputError) as caught:
        yield
    assert caught.value.code == code, (caught.value.code, caught.value.message)


# Setting a prompt up.


def test_options_are_two_to_twenty_distinct_lines() -> None:
    assert check_options(["  Bus\nlanes ", "Trams"]) == ["Bus lanes", "Trams"]
    for bad in (["Only one"], [f"Option {i}" for i in range(21)], ["Trams", "trams"]):
        with refused("bad_options"):
            check_options(bad)
    with refused("text_empty"):
        check_options(["A", "  "])
    with refused("bad_options"):
        check_options(["A", 3])
    with refused("bad_request"):
        check_options("A, B")


def test_max_choices_is_between_one_and_every_option() -> None:
    assert check_max_choices(2, 3) == 2
    for bad in (0, 4, True, "2"):
        with refused("bad_max_choices"):
            check_max_choices(bad, 3)


def test_a_scale_runs_from_zero_or_one_to_at_most_ten() -> None:
    assert check_scale(None) == Scale(1, 5)
    assert check_scale({"min": 0, "max": 10}) == Scale(0, 10)
    assert check_scale({"max": 7}) == Scale(1, 7)
    for bad in ({"min": 2, "max": 5}, {"min": 1, "max": 11}, {"min": 1, "max": 2}, [1, 5]):
        with refused("bad_scale"):
            check_scale(bad)


def test_a_rubric_has_named_weighted_criteria() -> None:
    criteria = check_criteria(
        [{"name": "Impact", "weight": 2, "description": "What changed"}, {"name": "Cost"}]
    )
    assert criteria == [Criterion("Impact", 2.0, "What changed"), Criterion("Cost", 1.0, "")]
    for bad in (
        [],
        [{"name": "A", "weight": 0}],
        [{"name": "A", "weight": -1}],
        [{"name": "A", "weight": float("nan")}],
        [{"name": "A", "weight": True}],
        [{"name": "A"}, {"name": "a"}],
        [{"weight": 1}],
    ):
        with refused("bad_criteria"):
            check_criteria(bad)


def test_items_to_assess_are_distinct() -> None:
    assert check_items(["Guangzhou", "Lisbon"]) == ["Guangzhou", "Lisbon"]
    with refused("bad_items"):
        check_items(["Lisbon", "lisbon"])
    with refused("bad_items"):
        check_items([])


def test_the_starter_rubric_is_the_guangzhou_awards_criteria_equally_weighted() -> None:
    names = [criterion.name for criterion in STARTER_RUBRIC]
    assert names == [
        "Innovativeness",
        "Effectiveness",
        "Replicability and transferability",
        "Significance to the SDGs and the New Urban Agenda",
    ]
    assert {criterion.weight for criterion in STARTER_RUBRIC} == {1.0}
    assert all(criterion.description for criterion in STARTER_RUBRIC)


# Answers.


def test_a_poll_ballot_names_options_once_up_to_the_maximum() -> None:
    assert check_choices([2, 0], options=3, max_choices=2) == (2, 0)
    with refused("bad_index"):
        check_choices([3], options=3, max_choices=1)
    with refused("bad_index"):
        check_choices([-1], options=3, max_choices=1)
    with refused("bad_index"):
        check_choices([True], options=3, max_choices=1)
    with refused("duplicate_choice"):
        check_choices([1, 1], options=3, max_choices=2)
    with refused("too_many_choices"):
        check_choices([0, 1], options=3, max_choices=1)
    with refused("no_choice"):
        check_choices([], options=3, max_choices=1)


def test_a_rating_is_a_whole_number_on_the_scale() -> None:
    scale = Scale(1, 5)
    assert check_value(5, scale) == 5
    for bad in (0, 6, 2.5, "3", True, None):
        with refused("off_scale"):
            check_value(bad, scale)


def test_a_ranking_may_leave_options_out_but_never_repeat_one() -> None:
    assert check_order([2], options=3) == (2,)
    assert check_order([2, 0, 1], options=3) == (2, 0, 1)
    with refused("duplicate_choice"):
        check_order([2, 2], options=3)
    with refused("bad_index"):
        check_order([0, 3], options=3)


def test_assessment_scores_name_an_item_and_a_criterion_once_each() -> None:
    scale = Scale(1, 5)
    scores = check_scores(
        [{"item": 1, "criterion": 0, "value": 4, "comment": " Clear results "}],
        items=2,
        criteria=2,
        scale=scale,
    )
    assert scores == (Score(1, 0, 4, "Clear results"),)
    for bad, code in (
        ([{"item": 2, "criterion": 0, "value": 4}], "bad_index"),
        ([{"item": 0, "criterion": 2, "value": 4}], "bad_index"),
        ([{"item": 0, "criterion": 0, "value": 6}], "off_scale"),
        ([{"item": 0, "criterion": 0, "value": 3}, {"item": 0, "criterion": 0, "value": 4}],
         "duplicate_choice"),
        ([], "no_choice"),
        (["4"], "bad_request"),
    ):  # fmt: skip
        with refused(code):
            check_scores(bad, items=2, criteria=2, scale=scale)


# What the answers add up to.


def test_a_poll_counts_every_choice_of_every_ballot() -> None:
    results = poll_results(OPTIONS, [(0,), (0, 2), (2,), (1, 2)])
    assert results.responses == 4
    assert [(o.text, o.count) for o in results.options] == [
        ("Bus lanes", 2),
        ("Bike lanes", 1),
        ("Trams", 3),
    ]


def test_a_poll_without_ballots_counts_zero_everywhere() -> None:
    results = poll_results(OPTIONS, [])
    assert results.responses == 0 and {o.count for o in results.options} == {0}


def test_a_scale_gives_mean_spread_and_every_value_of_its_distribution() -> None:
    results = scale_results(Scale(1, 5), [5, 4, 4, 1])
    assert results.responses == 4
    assert results.mean == pytest.approx(3.5)
    # Population standard deviation: sqrt(((1.5)^2 + 0.5^2 * 2 + 2.5^2) / 4).
    assert results.stdev == pytest.approx(math.sqrt((2.25 + 0.25 + 0.25 + 6.25) / 4))
    assert results.distribution == {1: 1, 2: 0, 3: 0, 4: 2, 5: 1}


def test_a_room_that_agrees_has_no_spread_and_an_empty_scale_no_mean() -> None:
    assert scale_results(Scale(0, 10), [7, 7, 7]).stdev == 0
    empty = scale_results(Scale(0, 10), [])
    assert (empty.responses, empty.mean, empty.stdev) == (0, None, None)
    assert list(empty.distribution) == list(range(11))


def test_borda_gives_n_minus_one_minus_position_and_nothing_to_options_left_out() -> None:
    # Three options: first 2 points, second 1, third 0.
    results = borda(OPTIONS, [(2, 0, 1), (0, 2), (1,)])
    assert results.responses == 3
    assert [(o.text, o.borda) for o in results.options] == [
        ("Bus lanes", 1 + 2 + 0),
        ("Bike lanes", 0 + 0 + 2),
        ("Trams", 2 + 1 + 0),
    ]


def test_options_with_equal_borda_points_share_a_rank() -> None:
    results = borda(OPTIONS, [(0, 1, 2), (1, 0, 2)])
    assert [(rank, o.text) for rank, o in results.ranked()] == [
        (1, "Bus lanes"),
        (1, "Bike lanes"),
        (3, "Trams"),
    ]


def test_an_items_score_is_the_weighted_mean_of_its_criteria_means() -> None:
    criteria = [Criterion("Impact", 3.0), Criterion("Cost", 1.0)]
    answers = [
        (Score(0, 0, 5), Score(0, 1, 1), Score(1, 0, 3)),
        (Score(0, 0, 3), Score(0, 1, 3)),
    ]
    results = assessment_results(["Lisbon", "Quito"], criteria, answers)
    assert results.responses == 2
    lisbon, quito = results.items
    assert [(c.name, c.mean, c.n) for c in lisbon.criteria] == [
        ("Impact", 4.0, 2),
        ("Cost", 2.0, 2),
    ]
    assert lisbon.criteria[0].stdev == pytest.approx(1.0)
    assert lisbon.score == pytest.approx((3 * 4 + 1 * 2) / 4)
    # Nobody scored Quito on cost: its score is its impact alone, not dragged to zero.
    assert quito.criteria[1].mean is None and quito.criteria[1].n == 0
    assert quito.score == pytest.approx(3.0)
    assert [item.text for item in results.ranked()] == ["Lisbon", "Quito"]


def test_an_item_nobody_scored_has_no_score_and_ranks_last() -> None:
    criteria = [Criterion("Impact")]
    results = assessment_results(["A", "B", "C"], criteria, [(Score(2, 0, 1),)])
    assert [item.score for item in results.items] == [None, None, 1.0]
    assert [item.text for item in results.ranked()] == ["C", "A", "B"]
