"""Opinion groups for statements: who votes alike, what the room agrees on, what divides it.

A `statements` prompt shows short statements; each participant marks each one agree, disagree
or pass. This module turns the current opinions into what the room sees, the way Polis does,
scaled down so that it also holds for a room of 15 to 40 people. Pure functions over plain
data: nothing here knows the database, Flask or Socket.IO.

Counts
    Each statement has `agree`, `disagree` and `passes` counts. A participant has at most one
    opinion per statement: when the same (participant, statement) pair appears more than once
    in the input, the last one counts, so a changed vote is simply the latest row. Opinions on
    statements that are not in `statement_ids` are ignored. `voters` is the number of
    participants with at least one opinion (a pass counts) on the listed statements.

Opinion groups
    1. Every voter becomes a row of numbers, one per statement: agree +1, disagree -1, pass 0.
       A statement the voter has not marked (not seen, or skipped) is missing, and is filled in
       with the mean of the room's opinions on it, so that it pulls the voter towards no side.
       A statement nobody marked is 0 for everyone and so carries no weight.
    2. Only voters who took a side (agree or disagree) on at least `MIN_OPINIONS_TO_GROUP`
       statements (or on all of them, when there are fewer) are placed in groups; the others
       are counted in `voters` and in the counts, but are in no group. With fewer than
       `MIN_VOTERS_TO_GROUP` such voters there are no groups at all (`groups` is empty).
    3. The rows are reduced to their `COMPONENTS` main directions (PCA); Polis's sparse-voter
       correction then moves each voter out from the centre by sqrt(statements / opinions),
       undoing the pull of the filled-in means on those who saw few statements.
    4. k-means (fixed seed, so the same input always gives the same groups) splits the voters
       into k = 2 .. `MAX_GROUPS` groups. A split is a candidate only if every group has at
       least `MIN_GROUP_SIZE` people. The candidate with the best silhouette score is chosen;
       on a tie the smaller k wins. The score is measured on the votes themselves, not on the
       reduced picture (in two dimensions even a room voting at random splits neatly): the
       distance between two voters is the root mean squared difference of their opinions on
       the statements both marked, blended with `SHRINK` statements' worth of the room's
       typical difference so that a pair who shared two statements is not judged on two.
    5. If no candidate scores at least `MIN_SILHOUETTE` (or all voters voted identically, so
       there is nothing to split), the room is one opinion group of all grouped voters: there
       are enough voters to tell, and they do not divide.

    Groups are listed largest first, then by their smallest participant id; members are in
    ascending id order. For each statement a group carries its agree and disagree shares: the
    share of the group's members who marked the statement that agreed (disagreed). Passes are
    in the denominator, so a statement the group mostly passed on is not "agreed".

Consensus (statements every group broadly agrees with)
    With groups: in every group at least `MIN_GROUP_VOTES` members marked the statement and at
    least `AGREE_SHARE` of them agreed. Without groups (too few voters): the whole room decides,
    with at least `MIN_ROOM_VOTES` opinions on the statement and an agree share of at least
    `AGREE_SHARE`.

Divisive (statements the groups split on)
    With two or more groups: one group agrees with at least `AGREE_SHARE` of its votes while
    another disagrees with at least `AGREE_SHARE` of its votes, each group with at least
    `MIN_GROUP_VOTES` votes on it. With one group or none, nothing is divisive: there are no
    groups to disagree, and a split of the whole room shows in its counts.

Consensus and divisive statements are listed in the order of `statement_ids`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypedDict

import numpy as np
import numpy.typing as npt
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score

Opinion = Literal["agree", "disagree", "pass"]

# The numbers Polis gives opinions: a pass is a vote, but for neither side.
OPINION_VALUES: dict[str, float] = {"agree": 1.0, "disagree": -1.0, "pass": 0.0}

# Fewer than 7 voters would make groups of two or three people: a split that small is as
# likely chance as opinion, and naming it on the big screen singles people out.
MIN_VOTERS_TO_GROUP = 7
# Polis clusters only participants with enough votes (7 of its usually long conversations).
# A room's prompt has 6 to 30 statements and late joiners see a few; below 3 sides taken,
# a row is mostly filled-in means and lands in the middle, blurring the groups around it.
MIN_OPINIONS_TO_GROUP = 3
# A group of one or two is a person, not an opinion group, and would single them out.
MIN_GROUP_SIZE = 3
# Polis's range: more than 5 groups in a room of 40 is more than people can read at a glance.
MAX_GROUPS = 5
# Two components, as Polis: enough for the main divide and a second one across it, and the
# sparse-voter correction is defined in that plane.
COMPONENTS = 2
# Silhouette runs from -1 to 1. Measured on simulated rooms (40 seeds each, 15 to 40 people,
# 6 to 30 statements): rooms voting at random score 0.10 to 0.23 on average on their best
# split and at most 0.32 (15 people, 8 statements, 60% seen); camps voting opposite on most
# statements, with 10% of opinions random, score at least 0.32 on full ballots; camps with
# 40% unseen and 20-25% random opinions average 0.31 to 0.36, so about half of those rooms
# that noisy stay one group. 0.3 prefers showing one group to showing a division by chance.
MIN_SILHOUETTE = 0.3
# In voter distances, how many statements' worth of the room's typical difference a pair's
# own difference is blended with. 1 brought random rooms with partial ballots down from
# 0.46 to 0.29 at most while real camps kept their scores; 2 and 4 cost the camps more.
SHRINK = 1.0
# "Broadly agrees": a clear majority, as Polis's consensus, not a bare half.
AGREE_SHARE = 0.6
# A group's share on a statement only two or fewer of its members marked says little.
MIN_GROUP_VOTES = 3
# Without groups the whole room decides; one or two opinions are not a room's.
MIN_ROOM_VOTES = 3
# k-means seeds: fixed so that the same opinions always give the same groups.
RANDOM_STATE = 0
RESTARTS = 10

Matrix = npt.NDArray[np.float64]
Vector = npt.NDArray[np.float64]


@dataclass(frozen=True)
class StatementTally:
    """How many voters agreed, disagreed and passed on one statement."""

    idea_id: int
    agree: int
    disagree: int
    passes: int

    @property
    def votes(self) -> int:
        return self.agree + self.disagree + self.passes


@dataclass(frozen=True)
class GroupStance:
    """One group's view of one statement: shares of the members who marked it."""

    idea_id: int
    votes: int
    agree_share: float
    disagree_share: float


@dataclass(frozen=True)
class OpinionGroup:
    """Participants who voted alike, and how they voted on each statement."""

    members: tuple[int, ...]
    stances: tuple[GroupStance, ...]

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class OpinionResults:
    """Everything a statements prompt shows about its opinions."""

    voters: int
    tallies: tuple[StatementTally, ...]
    groups: tuple[OpinionGroup, ...]
    consensus: tuple[int, ...]
    divisive: tuple[int, ...]


class StanceSummary(TypedDict):
    idea_id: int
    agree: float
    disagree: float


class GroupSummary(TypedDict):
    size: int
    statements: list[StanceSummary]


class ResultsSummary(TypedDict):
    voters: int
    groups: list[GroupSummary]
    consensus: list[int]
    divisive: list[int]


def opinion_results(
    opinions: Iterable[tuple[int, int, Opinion]], statement_ids: Sequence[int]
) -> OpinionResults:
    """Counts, groups, consensus and divisive statements from (participant, idea, opinion) rows."""
    statements = list(dict.fromkeys(statement_ids))
    ballots = _latest_ballots(opinions, set(statements))
    tallies = tuple(_tally(idea_id, ballots) for idea_id in statements)
    groups = tuple(
        OpinionGroup(members, tuple(_stance(idea_id, members, ballots) for idea_id in statements))
        for members in _group_members(ballots, statements)
    )
    return OpinionResults(
        voters=len(ballots),
        tallies=tallies,
        groups=groups,
        consensus=_consensus(statements, groups, tallies),
        divisive=_divisive(statements, groups),
    )


def results_summary(results: OpinionResults) -> ResultsSummary:
    """The `results` object of a statements prompt's JSON summary, shares rounded for display."""
    return {
        "voters": results.voters,
        "groups": [
            {
                "size": group.size,
                "statements": [
                    {
                        "idea_id": stance.idea_id,
                        "agree": round(stance.agree_share, 3),
                        "disagree": round(stance.disagree_share, 3),
                    }
                    for stance in group.stances
                ],
            }
            for group in results.groups
        ],
        "consensus": list(results.consensus),
        "divisive": list(results.divisive),
    }


Ballots = dict[int, dict[int, Opinion]]


def _latest_ballots(opinions: Iterable[tuple[int, int, Opinion]], statements: set[int]) -> Ballots:
    ballots: Ballots = {}
    for participant_id, idea_id, opinion in opinions:
        if opinion not in OPINION_VALUES:
            raise ValueError(f"unknown opinion {opinion!r}")
        if idea_id in statements:
            ballots.setdefault(participant_id, {})[idea_id] = opinion
    return ballots


def _tally(idea_id: int, ballots: Ballots) -> StatementTally:
    marks = [ballot[idea_id] for ballot in ballots.values() if idea_id in ballot]
    return StatementTally(
        idea_id, marks.count("agree"), marks.count("disagree"), marks.count("pass")
    )


def _stance(idea_id: int, members: Sequence[int], ballots: Ballots) -> GroupStance:
    marks = [ballots[member][idea_id] for member in members if idea_id in ballots[member]]
    if not marks:
        return GroupStance(idea_id, 0, 0.0, 0.0)
    return GroupStance(
        idea_id,
        len(marks),
        marks.count("agree") / len(marks),
        marks.count("disagree") / len(marks),
    )


def _sides_taken(ballot: dict[int, Opinion]) -> int:
    return sum(1 for opinion in ballot.values() if opinion != "pass")


def _group_members(ballots: Ballots, statements: list[int]) -> list[tuple[int, ...]]:
    needed = min(MIN_OPINIONS_TO_GROUP, len(statements))
    grouped = sorted(p for p, ballot in ballots.items() if _sides_taken(ballot) >= needed)
    if len(grouped) < MIN_VOTERS_TO_GROUP:
        return []
    marks = np.array(
        [[OPINION_VALUES.get(ballots[p].get(i, ""), np.nan) for i in statements] for p in grouped]
    )
    labels = _split(marks)
    members = [
        tuple(p for p, label in zip(grouped, labels, strict=True) if label == group)
        for group in sorted(set(labels))
    ]
    return sorted(members, key=lambda group: (-len(group), group[0]))


def _split(marks: Matrix) -> list[int]:
    """Group labels for the voters (rows; NaN where unmarked): all 0 when no split is clear."""
    one_group = [0] * len(marks)
    votes = _filled_in(marks)
    # k-means cannot make more groups than there are different ballots.
    ballots = len(np.unique(votes, axis=0))
    if ballots < 2:
        return one_group
    picture = _reduce(votes, (~np.isnan(marks)).sum(axis=1).astype(np.float64))
    distances = _distances(marks)
    best_score, best_labels = MIN_SILHOUETTE, one_group
    for k in range(2, min(MAX_GROUPS, ballots, len(marks) // MIN_GROUP_SIZE) + 1):
        labels = _kmeans(picture, k)
        if labels is None:
            continue
        score = float(silhouette_score(distances, labels, metric="precomputed"))
        # >= lets a split that scores exactly the minimum in; > keeps the smaller k on a tie.
        if score > best_score or (score == best_score and best_labels is one_group):
            best_score, best_labels = score, labels
    return best_labels


def _filled_in(marks: Matrix) -> Matrix:
    seen = ~np.isnan(marks)
    # A statement nobody here marked has no mean; 0 is "no side" and, equal for all, no weight.
    means = np.divide(
        np.nansum(marks, axis=0),
        seen.sum(axis=0),
        out=np.zeros(marks.shape[1]),
        where=seen.any(axis=0),
    )
    return np.where(seen, marks, means)


def _reduce(votes: Matrix, marked: Vector) -> Matrix:
    components = min(COMPONENTS, votes.shape[0], votes.shape[1])
    picture: Matrix = PCA(n_components=components, svd_solver="full").fit_transform(votes)
    # Polis's correction: filled-in means pull a voter who saw few statements to the middle.
    stretch: Vector = np.sqrt(votes.shape[1] / marked)
    return picture * stretch[:, np.newaxis]


def _distances(marks: Matrix) -> Matrix:
    """How differently each two voters voted, on the statements both of them marked."""
    seen = (~np.isnan(marks)).astype(np.float64)
    values = np.nan_to_num(marks)
    both = seen @ seen.T
    squares = values**2 @ seen.T
    apart = squares + squares.T - 2 * values @ values.T
    # Shrunk towards the room's typical difference by SHRINK statements' worth, so that two
    # voters who shared only two statements are not judged on those two alone.
    typical = apart.sum() / both.sum()
    distances: Matrix = np.sqrt(np.clip(apart + SHRINK * typical, 0, None) / (both + SHRINK))
    np.fill_diagonal(distances, 0.0)
    return distances


def _kmeans(picture: Matrix, k: int) -> list[int] | None:
    """k-means labels, or None when some group would be smaller than MIN_GROUP_SIZE."""
    model = KMeans(n_clusters=k, n_init=RESTARTS, random_state=RANDOM_STATE).fit(picture)
    labels = [int(label) for label in model.labels_]
    if min(labels.count(group) for group in range(k)) < MIN_GROUP_SIZE:
        return None
    return labels


def _consensus(
    statements: list[int], groups: tuple[OpinionGroup, ...], tallies: tuple[StatementTally, ...]
) -> tuple[int, ...]:
    if not groups:
        return tuple(
            t.idea_id
            for t in tallies
            if t.votes >= MIN_ROOM_VOTES and t.agree / t.votes >= AGREE_SHARE
        )
    return tuple(
        idea_id
        for n, idea_id in enumerate(statements)
        if all(_agrees(group.stances[n]) for group in groups)
    )


def _divisive(statements: list[int], groups: tuple[OpinionGroup, ...]) -> tuple[int, ...]:
    return tuple(
        idea_id
        for n, idea_id in enumerate(statements)
        if any(_agrees(group.stances[n]) for group in groups)
        and any(_disagrees(group.stances[n]) for group in groups)
    )


def _agrees(stance: GroupStance) -> bool:
    return stance.votes >= MIN_GROUP_VOTES and stance.agree_share >= AGREE_SHARE


def _disagrees(stance: GroupStance) -> bool:
    return stance.votes >= MIN_GROUP_VOTES and stance.disagree_share >= AGREE_SHARE
