"""What the readable formats show of a poll's, scale's, ranking's or assessment's results: the
sentences, headings and table rows, written once for the Markdown, the page, the PDF and the
Word file, which each lay them out their own way (the CSV keeps the raw figures instead).

Results never carry a name: an assessment's comments are shown by item and criterion only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from facilitation.exports.content import percent, plural
from facilitation.services.summary_data import (
    AnsweredResults,
    AssessedItem,
    AssessmentSummary,
    OpinionGroupSummary,
    PollSummary,
    RankingSummary,
    ScaleSummary,
    StatementsSummary,
)

RESULT_HEADINGS = {
    "items": "Items by weighted score",
    "criteria": "Criteria per item",
    "comments": "Comments",
}
NO_RESPONSES = "No responses."


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 3  # under the prompt's own heading; 4 under that
    block: ClassVar[str] = "heading"


@dataclass(frozen=True)
class Note:
    text: str
    block: ClassVar[str] = "note"


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # shares of the page's width, for the PDF
    numbers: frozenset[int] = frozenset()  # columns of figures, aligned right
    block: ClassVar[str] = "table"


Block = Heading | Note | Table


def figure(value: float | None) -> str:
    """A mean, spread or score to two places, or a dash when there is none."""
    return "—" if value is None else f"{value:.2f}"


def mean_spread(mean: float | None, stdev: float | None) -> str:
    """ "3.75 ± 0.83", or a dash before anyone answered."""
    return "—" if mean is None else f"{figure(mean)} ± {figure(stdev)}"


def weight_text(weight: float) -> str:
    """ "2", "1.5": a criterion's weight without needless decimals."""
    return f"{weight:g}"


def share(count: int, responses: int) -> str:
    return percent(count / responses if responses else None)


POLL_HEADER = ("Option", "Count", "Share")
SCALE_HEADER = ("Value", "Count", "Share")
RANKING_HEADER = ("Rank", "Option", "Borda points")
ITEM_HEADER = ("Rank", "Item", "Score")
CRITERIA_HEADER = ("Criterion", "Weight", "Mean", "Spread", "n")
COMMENT_HEADER = ("Item", "Criterion", "Comment")


def poll_rows(poll: PollSummary) -> tuple[tuple[str, ...], ...]:
    """Each option in the poll's order: how many chose it, and what share of the answers."""
    return tuple((o.text, str(o.count), share(o.count, poll.responses)) for o in poll.options)


def scale_rows(rated: ScaleSummary) -> tuple[tuple[str, ...], ...]:
    """Each value of the scale, lowest first: how many gave it, and what share."""
    return tuple(
        (str(value), str(n), share(n, rated.responses)) for value, n in rated.distribution.items()
    )


def ranking_rows(ranking: RankingSummary) -> tuple[tuple[str, ...], ...]:
    """The options by Borda points, most first; equal points share a rank."""
    return tuple((str(o.rank), o.text, str(o.borda)) for o in ranking.ranked())


def item_rows(assessed: AssessmentSummary) -> tuple[tuple[str, ...], ...]:
    """The items by weighted score, best first; those nobody scored last, without a rank."""
    return tuple(
        (str(item.rank) if item.rank else "—", item.text, figure(item.score))
        for item in assessed.ranked()
    )


def criteria_rows(item: AssessedItem) -> tuple[tuple[str, ...], ...]:
    """One item's criteria in the rubric's order: weight, mean, spread and how many scored."""
    return tuple(
        (c.name, weight_text(c.weight), figure(c.mean), figure(c.stdev), str(c.n))
        for c in item.criteria
    )


def comment_rows(assessed: AssessmentSummary) -> tuple[tuple[str, ...], ...]:
    """The comments by item and criterion, named by their texts, never by who wrote them."""
    rows = []
    for comment in assessed.comments:
        item = assessed.items[comment.item]
        rows.append((item.text, item.criteria[comment.criterion].name, comment.text))
    return tuple(rows)


def _poll(poll: PollSummary) -> list[Block]:
    note = "Share: the part of the responses that chose the option."
    if poll.max_choices > 1:
        note += (
            f" Each response could choose up to {poll.max_choices} options, so the shares may "
            "add up to more than 100%."
        )
    return [Note(note), Table(POLL_HEADER, poll_rows(poll), (0.62, 0.19, 0.19), frozenset({1, 2}))]


def _scale(rated: ScaleSummary) -> list[Block]:
    note = (
        f"Mean {mean_spread(rated.mean, rated.stdev)} on a scale of {rated.low} to "
        f"{rated.high}, where ± gives the spread (the standard deviation)."
    )
    table = Table(SCALE_HEADER, scale_rows(rated), (0.2, 0.2, 0.2), frozenset({0, 1, 2}))
    return [Note(note), table]


def _ranking(ranking: RankingSummary) -> list[Block]:
    n = len(ranking.options)
    note = (
        f"Borda count: of {n} options, the one a response ranks first gets "
        f"{plural(n - 1, 'point', 'points')}, the next {n - 2}, and so on; an option it leaves "
        "out gets none."
    )
    table = Table(RANKING_HEADER, ranking_rows(ranking), (0.1, 0.7, 0.2), frozenset({0, 2}))
    return [Note(note), table]


def _assessment(assessed: AssessmentSummary) -> list[Block]:
    low, high = assessed.scale
    blocks: list[Block] = [
        Note(
            f"Scores on a scale of {low} to {high}. An item's score is the mean of its "
            "criteria's means, weighted by their weights; the spread is the standard deviation "
            "of the scores, n how many gave one."
        ),
        Heading(RESULT_HEADINGS["items"]),
        Table(ITEM_HEADER, item_rows(assessed), (0.1, 0.7, 0.2), frozenset({0, 2})),
        Heading(RESULT_HEADINGS["criteria"]),
    ]
    for item in assessed.ranked():
        title = f"{item.rank}. {item.text}" if item.rank else f"{item.text} (not scored)"
        blocks.append(Heading(title, level=4))
        blocks.append(
            Table(
                CRITERIA_HEADER,
                criteria_rows(item),
                (0.48, 0.13, 0.13, 0.13, 0.13),
                frozenset({1, 2, 3, 4}),
            )
        )
    if assessed.comments:
        blocks.append(Heading(RESULT_HEADINGS["comments"]))
        blocks.append(Table(COMMENT_HEADER, comment_rows(assessed), (0.28, 0.24, 0.48)))
    return blocks


STATEMENT_HEADER = ("Statement", "Agree", "Disagree", "Pass", "Across groups")
GROUP_HEADER = ("Statement", "Agree", "Disagree")


def statement_rows(stated: StatementsSummary) -> tuple[tuple[str, ...], ...]:
    """Each statement in the order it was put: the room's counts, and whether every opinion
    group agrees with it (consensus) or the groups split on it (divisive)."""
    return tuple(
        (
            s.text,
            str(s.agree),
            str(s.disagree),
            str(s.passes),
            "consensus" if s.consensus else "divisive" if s.divisive else "",
        )
        for s in stated.statements
    )


def group_rows(
    stated: StatementsSummary, group: OpinionGroupSummary
) -> tuple[tuple[str, ...], ...]:
    texts = {s.id: s.text for s in stated.statements}
    return tuple(
        (texts.get(share.idea_id, ""), percent(share.agree), percent(share.disagree))
        for share in group.shares
    )


def _statements(stated: StatementsSummary) -> list[Block]:
    sizes = ", ".join(str(group.size) for group in stated.groups)
    if len(stated.groups) > 1:
        grouped = (
            f"They fall into {len(stated.groups)} opinion groups of people who voted alike "
            f"({sizes} people)."
        )
    elif stated.groups:
        grouped = "They voted too much alike to fall into distinct opinion groups."
    else:
        grouped = "Too few voted for opinion groups to be told apart."
    blocks: list[Block] = [
        Note(f"{plural(stated.voters, 'person', 'people')} gave their opinions. {grouped}"),
        Table(
            STATEMENT_HEADER,
            statement_rows(stated),
            (0.52, 0.11, 0.11, 0.11, 0.15),
            frozenset({1, 2, 3}),
        ),
    ]
    if len(stated.groups) > 1:
        for number, group in enumerate(stated.groups, start=1):
            blocks.append(Heading(f"Group {number} ({plural(group.size, 'person', 'people')})"))
            blocks.append(
                Table(
                    GROUP_HEADER, group_rows(stated, group), (0.64, 0.18, 0.18), frozenset({1, 2})
                )
            )
    return blocks


def result_blocks(results: AnsweredResults) -> list[Block]:
    """What a readable format shows of an answered prompt's results, in reading order."""
    if not results.responses:
        return [Note(NO_RESPONSES)]
    if isinstance(results, PollSummary):
        return _poll(results)
    if isinstance(results, ScaleSummary):
        return _scale(results)
    if isinstance(results, RankingSummary):
        return _ranking(results)
    if isinstance(results, StatementsSummary):
        return _statements(results)
    return _assessment(results)
