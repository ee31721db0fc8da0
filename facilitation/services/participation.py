"""The participation balance of a roundtable: who joined, who spoke, and how evenly.

The figures are defined in docs/reports.md ("Participation balance"). A contribution is an
idea or a reply in the room, by the rule every screen follows (summaries.in_room).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session, lazyload

from facilitation.models import (
    Attribution,
    Idea,
    Membership,
    Participant,
    Prompt,
    ThemeVote,
    Vote,
)
from facilitation.services.errors import InvalidInputError
from facilitation.services.roundtables import get_roundtable
from facilitation.services.summaries import in_room
from facilitation.services.summary_data import AffiliationShare, Participation, TimelinePoint
from facilitation.services.views import credited_as

# The intervals a timeline may be cut into, smallest first; all divide a day, so intervals
# start on round clock times (14:00, 14:15, ...).
INTERVALS = (1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 1440)
# The most points an automatic interval gives a timeline, so a chart stays readable.
MAX_POINTS = 24


def gini(counts: Sequence[int]) -> float | None:
    """The Gini coefficient of contributions per person, to 3 decimals; None if nobody spoke.

    G = sum over all pairs (i, j) of |x_i - x_j|, divided by 2 * n * sum(x): the mean
    difference between two people, as a share of twice the mean. Computed exactly, with the
    counts sorted ascending and ranked i = 1..n, as
    G = (2 * sum(i * x_i) - (n + 1) * sum(x)) / (n * sum(x)).
    0 when everyone contributed the same; (n - 1) / n when one of n people did everything.
    """
    total = sum(counts)
    if not counts or total == 0:
        return None
    n = len(counts)
    ranked = sum(rank * count for rank, count in enumerate(sorted(counts), start=1))
    return round((2 * ranked - (n + 1) * total) / (n * total), 3)


def top_fifth_share(counts: Sequence[int]) -> float | None:
    """The share (0..1, to 3 decimals) of contributions made by the most active fifth of the
    people counted (ceil(n / 5), at least one); None if nobody contributed."""
    total = sum(counts)
    if not counts or total == 0:
        return None
    fifth = max(1, math.ceil(len(counts) / 5))
    return round(sum(sorted(counts, reverse=True)[:fifth]) / total, 3)


def _floor(moment: datetime, minutes: int) -> datetime:
    """The start of the interval holding `moment`, on the clock since midnight."""
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    since = (moment - midnight) // timedelta(minutes=minutes)
    return midnight + since * timedelta(minutes=minutes)


def _points(first: datetime, last: datetime, minutes: int) -> int:
    return (last - _floor(first, minutes)) // timedelta(minutes=minutes) + 1


def choose_interval(first: datetime, last: datetime) -> int:
    """The smallest interval giving at most MAX_POINTS points from `first` to `last`."""
    for minutes in INTERVALS:
        if _points(first, last, minutes) <= MAX_POINTS:
            return minutes
    return INTERVALS[-1]


def timeline(moments: Iterable[datetime], minutes: int) -> tuple[TimelinePoint, ...]:
    """Contributions per interval from the first to the last, empty intervals included as 0."""
    ordered = sorted(moments)
    if not ordered:
        return ()
    step = timedelta(minutes=minutes)
    start = _floor(ordered[0], minutes)
    counts = Counter((moment - start) // step for moment in ordered)
    return tuple(
        TimelinePoint(at=start + index * step, contributions=counts[index])
        for index in range(_points(ordered[0], ordered[-1], minutes))
    )


def _affiliations(people: dict[int, str], spoken: Counter[int]) -> tuple[AffiliationShare, ...]:
    """People and contributions per affiliation: most contributions first, then by name,
    with people who gave no affiliation last."""
    joined: Counter[str] = Counter()
    contributed: Counter[str] = Counter()
    for participant_id, affiliation in people.items():
        joined[affiliation] += 1
        contributed[affiliation] += spoken[participant_id]
    shares = [AffiliationShare(name, joined[name], contributed[name]) for name in joined]
    return tuple(
        sorted(
            shares,
            key=lambda s: (s.name == "", -s.contributions, s.name.casefold(), s.name),
        )
    )


def measure(
    session: Session, roundtable_id: int, *, interval_minutes: int | None = None
) -> Participation:
    """How many joined, contributed and voted in a roundtable, and how evenly they spoke.

    A handful of queries whatever the size of the room: members, ideas, voters, and the
    affiliations of any contributor who holds no membership.
    """
    if interval_minutes is not None and interval_minutes < 1:
        raise InvalidInputError("invalid_interval", "The interval is a whole number of minutes.")
    roundtable = get_roundtable(session, roundtable_id)
    prompt_ids = select(Prompt.id).where(Prompt.roundtable_id == roundtable.id)
    people: dict[int, str] = {
        participant_id: affiliation.strip()
        for participant_id, affiliation in session.execute(
            select(Participant.id, Participant.affiliation)
            .join(Membership, Membership.participant_id == Participant.id)
            .where(Membership.roundtable_id == roundtable.id)
        )
    }
    joined = len(people)
    # Only the columns in_room reads: loading reactions with every idea would cost queries.
    ideas = session.scalars(
        select(Idea).where(Idea.prompt_id.in_(prompt_ids)).options(lazyload("*"))
    ).all()
    by_id = {idea.id: idea for idea in ideas}
    counted = [idea for idea in ideas if in_room(idea, by_id)]
    spoken = Counter(idea.participant_id for idea in counted if idea.participant_id is not None)
    if strangers := set(spoken) - set(people):
        # Contributors without a membership (an import, a removed membership) still spoke.
        people.update(
            (participant_id, affiliation.strip())
            for participant_id, affiliation in session.execute(
                select(Participant.id, Participant.affiliation).where(Participant.id.in_(strangers))
            )
        )
    ballots = union(
        select(Vote.participant_id.label("participant_id")).where(Vote.prompt_id.in_(prompt_ids)),
        select(ThemeVote.participant_id).where(ThemeVote.prompt_id.in_(prompt_ids)),
    ).subquery()
    voted = session.scalar(select(func.count()).select_from(ballots)) or 0
    counts = [spoken[participant_id] for participant_id in people]
    moments = [idea.created_at for idea in counted]
    if interval_minutes is None:
        interval_minutes = choose_interval(min(moments), max(moments)) if moments else INTERVALS[0]
    # By city or organisation, only what was posted where its affiliation may be shown: an idea
    # posted anonymously is counted above, never by affiliation. Under the Chatham House rule
    # of an anonymous roundtable, not even who attended is listed by affiliation.
    credited = Counter(
        idea.participant_id
        for idea in counted
        if idea.participant_id is not None and credited_as(idea) != Attribution.ANONYMOUS
    )
    chatham_house = roundtable.settings.get("attribution") == Attribution.ANONYMOUS
    return Participation(
        joined=joined,
        contributed=len(spoken),
        voted=int(voted),
        contributions=len(counted),
        gini=gini(counts),
        top_fifth_share=top_fifth_share(counts),
        affiliations=() if chatham_house else _affiliations(people, credited),
        timeline=timeline(moments, interval_minutes),
        interval_minutes=interval_minutes,
    )
