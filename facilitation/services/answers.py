"""The rules of the prompt kinds that are answered rather than written: a poll, a scale, a
ranking and an assessment. What a prompt of each kind may be set up with, what an answer may
be, and what the room's answers add up to, as pure functions over plain data.

The aggregations are those of the public contract (v1.1, "prompt kinds"):

- poll: how many ballots chose each option; a ballot may choose up to `max_choices` options.
- scale: the mean of the values, their spread (the population standard deviation: how far
  the room agrees) and how many gave each value of the scale.
- ranking: the Borda count. Of n options, a ballot gives the option it puts at position i
  (0 first) n - 1 - i points, and an option it leaves out 0; so a partial ballot counts only
  for what it ranks, and ranking one option alone gives it n - 1.
- assessment: per item and criterion, the mean, the spread and how many scored it; an item's
  score is the mean of its criteria's means weighted by the criteria's weights, over the
  criteria that someone scored (a criterion nobody scored neither helps nor hurts).

An answer submitted again replaces the participant's earlier one, so each function takes the
current answers only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from facilitation.services.errors import InvalidInputError
from facilitation.services.text import clean_line, clean_text

OPTIONS_MIN, OPTIONS_MAX = 2, 20
OPTION_MAX = 200  # characters: an option is read on a phone and from the back of the room
ITEMS_MAX = 20
CRITERIA_MAX = 12
CRITERION_MAX = 120
DESCRIPTION_MAX = 500
WEIGHT_MAX = 100
COMMENT_MAX = 500
# A scale starts at 0 or 1 and ends between 2 and 10: 1-5 and 0-10 are the usual ones.
SCALE_LOWS = (0, 1)
SCALE_HIGH_MAX = 10
DEFAULT_SCALE = (1, 5)


@dataclass(frozen=True)
class Scale:
    low: int
    high: int

    @property
    def values(self) -> range:
        return range(self.low, self.high + 1)


@dataclass(frozen=True)
class Criterion:
    name: str
    weight: float = 1.0
    description: str = ""


@dataclass(frozen=True)
class Score:
    """One participant's score of one item on one criterion (both by index)."""

    item: int
    criterion: int
    value: int
    comment: str = ""


def _integer(value: object, code: str, what: str) -> int:
    # bool is an int in Python; true is not an index or a value on a scale.
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(code, f"{what} must be a whole number.")
    return value


def _list(value: object, what: str) -> list[object]:
    if not isinstance(value, list):
        raise InvalidInputError("bad_request", f"{what} must be a list.")
    return value


def check_options(raw: object) -> list[str]:
    """The options of a poll or a ranking: 2 to 20 distinct lines of text."""
    texts = [
        clean_line(text, field="option", max_length=OPTION_MAX) if isinstance(text, str) else ""
        for text in _list(raw, "The options")
    ]
    if not OPTIONS_MIN <= len(texts) <= OPTIONS_MAX:
        raise InvalidInputError(
            "bad_options", f"Give between {OPTIONS_MIN} and {OPTIONS_MAX} options."
        )
    if not all(texts):
        raise InvalidInputError("bad_options", "Every option needs some text.")
    if len({text.casefold() for text in texts}) < len(texts):
        raise InvalidInputError("bad_options", "Two options say the same thing.")
    return texts


def check_max_choices(raw: object, options: int) -> int:
    """How many options one poll ballot may choose: 1 to all of them."""
    chosen = _integer(raw, "bad_max_choices", "The number of choices")
    if not 1 <= chosen <= options:
        raise InvalidInputError(
            "bad_max_choices", f"The number of choices must be between 1 and {options}."
        )
    return chosen


def check_scale(raw: object) -> Scale:
    """A scale `{"min", "max"}`: from 0 or 1 up to at most 10; by default 1 to 5."""
    if raw is None:
        return Scale(*DEFAULT_SCALE)
    if not isinstance(raw, dict):
        raise InvalidInputError("bad_scale", 'A scale is {"min": 1, "max": 5}.')
    low = _integer(raw.get("min", DEFAULT_SCALE[0]), "bad_scale", "The scale's minimum")
    high = _integer(raw.get("max", DEFAULT_SCALE[1]), "bad_scale", "The scale's maximum")
    if low not in SCALE_LOWS or not low + 2 <= high <= SCALE_HIGH_MAX:
        raise InvalidInputError(
            "bad_scale", f"A scale starts at 0 or 1 and ends between 2 and {SCALE_HIGH_MAX}."
        )
    return Scale(low, high)


def check_items(raw: object) -> list[str]:
    """What an assessment scores (the initiatives, say): 1 to 20 distinct lines of text."""
    items = [
        clean_line(text, field="item", max_length=OPTION_MAX) if isinstance(text, str) else ""
        for text in _list(raw, "The items")
    ]
    if not 1 <= len(items) <= ITEMS_MAX or not all(items):
        raise InvalidInputError("bad_items", f"Give between 1 and {ITEMS_MAX} items to assess.")
    if len({item.casefold() for item in items}) < len(items):
        raise InvalidInputError("bad_items", "Two items have the same name.")
    return items


def check_criteria(raw: object) -> list[Criterion]:
    """An assessment's rubric: 1 to 12 named criteria, each with a weight (1 by default, more
    than 0, at most 100) and an optional description."""
    criteria = []
    for entry in _list(raw, "The criteria"):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise InvalidInputError("bad_criteria", 'A criterion is {"name", "weight"?}.')
        weight = entry.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise InvalidInputError("bad_criteria", "A criterion's weight must be a number.")
        if not 0 < weight <= WEIGHT_MAX or math.isnan(weight):
            raise InvalidInputError(
                "bad_criteria", f"A criterion's weight must be above 0 and at most {WEIGHT_MAX}."
            )
        description = entry.get("description") or ""
        if not isinstance(description, str):
            raise InvalidInputError("bad_criteria", "A criterion's description must be text.")
        criteria.append(
            Criterion(
                name=clean_line(entry["name"], field="criterion", max_length=CRITERION_MAX),
                weight=float(weight),
                description=clean_text(
                    description, field="description", max_length=DESCRIPTION_MAX, required=False
                ),
            )
        )
    if not 1 <= len(criteria) <= CRITERIA_MAX:
        raise InvalidInputError("bad_criteria", f"Give between 1 and {CRITERIA_MAX} criteria.")
    if len({c.name.casefold() for c in criteria}) < len(criteria):
        raise InvalidInputError("bad_criteria", "Two criteria have the same name.")
    return criteria


def _index(raw: object, count: int, what: str) -> int:
    index = _integer(raw, "bad_index", what)
    if not 0 <= index < count:
        raise InvalidInputError("bad_index", f"{what} must be between 0 and {count - 1}.")
    return index


def check_choices(raw: object, *, options: int, max_choices: int) -> tuple[int, ...]:
    """A poll ballot: at least one option, none twice, at most `max_choices`."""
    choices = tuple(_index(c, options, "A choice") for c in _list(raw, "The choices"))
    if not choices:
        raise InvalidInputError("no_choice", "Choose at least one option.")
    if len(set(choices)) < len(choices):
        raise InvalidInputError("duplicate_choice", "An option is chosen twice.")
    if len(choices) > max_choices:
        raise InvalidInputError("too_many_choices", f"Choose at most {max_choices} of the options.")
    return choices


def check_value(raw: object, scale: Scale) -> int:
    """A rating on the scale."""
    value = _integer(raw, "off_scale", "A rating")
    if value not in scale.values:
        raise InvalidInputError(
            "off_scale", f"A rating must be between {scale.low} and {scale.high}."
        )
    return value


def check_order(raw: object, *, options: int) -> tuple[int, ...]:
    """A ranking ballot, most preferred first: some or all of the options, none twice."""
    order = tuple(_index(o, options, "A ranked option") for o in _list(raw, "The order"))
    if not order:
        raise InvalidInputError("no_choice", "Rank at least one option.")
    if len(set(order)) < len(order):
        raise InvalidInputError("duplicate_choice", "An option is ranked twice.")
    return order


def check_scores(raw: object, *, items: int, criteria: int, scale: Scale) -> tuple[Score, ...]:
    """An assessment answer: scores by item and criterion (indexes), each once, on the scale,
    each with an optional comment."""
    scores = []
    for entry in _list(raw, "The scores"):
        if not isinstance(entry, dict):
            raise InvalidInputError("bad_request", 'A score is {"item", "criterion", "value"}.')
        comment = entry.get("comment") or ""
        if not isinstance(comment, str):
            raise InvalidInputError("bad_request", "A comment must be text.")
        scores.append(
            Score(
                item=_index(entry.get("item"), items, "An item"),
                criterion=_index(entry.get("criterion"), criteria, "A criterion"),
                value=check_value(entry.get("value"), scale),
                comment=clean_text(
                    comment, field="comment", max_length=COMMENT_MAX, required=False
                ),
            )
        )
    if not scores:
        raise InvalidInputError("no_choice", "Score at least one item on one criterion.")
    if len({(s.item, s.criterion) for s in scores}) < len(scores):
        raise InvalidInputError("duplicate_choice", "An item is scored twice on one criterion.")
    return tuple(scores)


# What each kind is set up with: required fields, then optional ones.
SETUP_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "poll": (("options",), ("max_choices",)),
    "scale": ((), ("scale",)),
    "ranking": (("options",), ()),
    "assessment": (("items",), ("criteria", "scale")),
}
ALL_SETUP_FIELDS = ("options", "max_choices", "scale", "items", "criteria")


def check_setup(kind: str, given: dict[str, object]) -> dict[str, object]:
    """A prompt's setup for its kind, checked, as its settings keep it. `given` holds the
    setup fields the writer sent (absent ones left out); a field its kind does not take is
    refused rather than kept unused, and an assessment without criteria starts from the
    STARTER_RUBRIC."""
    required, optional = SETUP_FIELDS.get(kind, ((), ()))
    if stray := sorted(set(given) - {*required, *optional}):
        raise InvalidInputError(
            "bad_request", f"A prompt of kind {kind} is not set up with {', '.join(stray)}."
        )
    if missing := [name for name in required if name not in given]:
        raise InvalidInputError(
            "bad_request", f"A prompt of kind {kind} needs {', '.join(missing)}."
        )
    setup: dict[str, object] = {}
    if "options" in given:
        options = check_options(given["options"])
        setup["options"] = options
        if kind == "poll":
            setup["max_choices"] = check_max_choices(given.get("max_choices", 1), len(options))
    if kind in ("scale", "assessment"):
        scale = check_scale(given.get("scale"))
        setup["scale"] = {"min": scale.low, "max": scale.high}
    if kind == "assessment":
        setup["items"] = check_items(given["items"])
        criteria = check_criteria(given["criteria"]) if "criteria" in given else STARTER_RUBRIC
        setup["criteria"] = [
            {"name": c.name, "weight": c.weight, "description": c.description} for c in criteria
        ]
    return setup


# What the room's answers add up to.


@dataclass(frozen=True)
class OptionCount:
    index: int
    text: str
    count: int


@dataclass(frozen=True)
class PollResults:
    responses: int
    options: tuple[OptionCount, ...]


def poll_results(options: Sequence[str], ballots: Iterable[Sequence[int]]) -> PollResults:
    """How many ballots chose each option, in the options' order."""
    counts = [0] * len(options)
    responses = 0
    for ballot in ballots:
        responses += 1
        for index in set(ballot):
            counts[index] += 1
    return PollResults(
        responses,
        tuple(OptionCount(i, text, counts[i]) for i, text in enumerate(options)),
    )


@dataclass(frozen=True)
class Spread:
    """The mean and the population standard deviation of some values, None when there are none."""

    n: int
    mean: float | None
    stdev: float | None


def spread(values: Sequence[float]) -> Spread:
    if not values:
        return Spread(0, None, None)
    mean = sum(values) / len(values)
    variance = sum((value - mean) ** 2 for value in values) / len(values)
    return Spread(len(values), mean, math.sqrt(variance))


@dataclass(frozen=True)
class ScaleResults:
    responses: int
    mean: float | None
    stdev: float | None
    distribution: dict[int, int]  # every value of the scale, in order, zeros included


def scale_results(scale: Scale, values: Iterable[int]) -> ScaleResults:
    """The room's ratings: mean, spread, and how many gave each value."""
    given = list(values)
    measured = spread(given)
    distribution = dict.fromkeys(scale.values, 0)
    for value in given:
        distribution[value] += 1
    return ScaleResults(len(given), measured.mean, measured.stdev, distribution)


@dataclass(frozen=True)
class BordaCount:
    index: int
    text: str
    borda: int


@dataclass(frozen=True)
class RankingResults:
    responses: int
    options: tuple[BordaCount, ...]  # in the options' order

    def ranked(self) -> list[tuple[int, BordaCount]]:
        """(rank, option), most points first; options with equal points share a rank."""
        ordered = sorted(self.options, key=lambda o: (-o.borda, o.index))
        ranks: list[tuple[int, BordaCount]] = []
        for position, option in enumerate(ordered, start=1):
            tied = ranks and ranks[-1][1].borda == option.borda
            ranks.append((ranks[-1][0] if tied else position, option))
        return ranks


def borda(options: Sequence[str], orders: Iterable[Sequence[int]]) -> RankingResults:
    """The Borda count of the ballots (module docstring)."""
    n = len(options)
    points = [0] * n
    responses = 0
    for order in orders:
        responses += 1
        for position, index in enumerate(order):
            points[index] += n - 1 - position
    return RankingResults(
        responses,
        tuple(BordaCount(i, text, points[i]) for i, text in enumerate(options)),
    )


@dataclass(frozen=True)
class CriterionResult:
    name: str
    weight: float
    mean: float | None
    stdev: float | None
    n: int


@dataclass(frozen=True)
class ItemResult:
    index: int
    text: str
    score: float | None
    criteria: tuple[CriterionResult, ...]


@dataclass(frozen=True)
class AssessmentResults:
    responses: int
    items: tuple[ItemResult, ...]  # in the items' order

    def ranked(self) -> list[ItemResult]:
        """The items by weighted score, best first; items nobody scored last."""
        return sorted(
            self.items, key=lambda item: (item.score is None, -(item.score or 0), item.index)
        )


def assessment_results(
    items: Sequence[str],
    criteria: Sequence[Criterion],
    answers: Iterable[Sequence[Score]],
) -> AssessmentResults:
    """Each item's criteria means, spreads and weighted score (module docstring); one answer
    is one participant's scores."""
    values: dict[tuple[int, int], list[float]] = {}
    responses = 0
    for scores in answers:
        responses += 1
        for score in scores:
            values.setdefault((score.item, score.criterion), []).append(score.value)
    results = []
    for i, text in enumerate(items):
        per_criterion = []
        for c, criterion in enumerate(criteria):
            measured = spread(values.get((i, c), []))
            per_criterion.append(
                CriterionResult(
                    criterion.name, criterion.weight, measured.mean, measured.stdev, measured.n
                )
            )
        scored = [r for r in per_criterion if r.mean is not None]
        weights = sum(r.weight for r in scored)
        weighted = sum(r.weight * (r.mean or 0.0) for r in scored) / weights if scored else None
        results.append(ItemResult(i, text, weighted, tuple(per_criterion)))
    return AssessmentResults(responses, tuple(results))


# The Guangzhou International Award for Urban Innovation's published criteria, equally
# weighted: the rubric an assessment starts from, for the facilitator to edit.
STARTER_RUBRIC = (
    Criterion(
        "Innovativeness",
        description="How new the policy, strategy, model, partnership or use of technology is, "
        "whether never tried before or adapted from elsewhere and improved.",
    ),
    Criterion(
        "Effectiveness",
        description="The results the initiative has achieved for the city and its people, "
        "shown by evidence.",
    ),
    Criterion(
        "Replicability and transferability",
        description="How readily another city could adopt the initiative and adapt it to its "
        "own context.",
    ),
    Criterion(
        "Significance to the SDGs and the New Urban Agenda",
        description="How much the initiative advances the Sustainable Development Goals and "
        "the New Urban Agenda.",
    ),
)
