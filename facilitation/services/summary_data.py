"""The session summary and the whole-event report as plain, frozen data: what every export
format renders, with nothing of the database in it.

`summaries.build_summary` and `reports.build_report` fill them from the database; the exports
read them, in the server or in a render process of their own (exports/apart.py), which then
needs neither SQLAlchemy nor the models to read what it is handed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from facilitation.services.sdgs import GOALS
from facilitation.services.shapes import ParticipationView


@dataclass(frozen=True)
class Byline:
    """Who wrote something, as far as the attribution it was posted under allows."""

    author: str | None
    affiliation: str | None


@dataclass(frozen=True)
class ReplySummary:
    id: int
    text: str
    byline: Byline
    created_at: datetime
    reactions: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class MergedSummary:
    """A duplicate folded into an idea: it was in the room, so its text may be shown."""

    id: int
    text: str
    byline: Byline


@dataclass(frozen=True)
class IdeaSummary:
    id: int
    text: str
    author: str | None
    affiliation: str | None
    votes: int
    rank: int
    theme: str | None = None
    replies: tuple[ReplySummary, ...] = ()
    created_at: datetime | None = None
    reactions: dict[str, int] = field(default_factory=dict)
    merged: tuple[MergedSummary, ...] = ()
    edited: bool = False
    # Carried in from another roundtable: "Stream 1 · Roundtable title", shown for its author.
    origin: str | None = None
    # A panel's question: whether it was answered (None for the ideas of other prompts).
    answered: bool | None = None
    # A statement: how many agree, disagree and pass (None for the ideas of other prompts).
    opinions: tuple[int, int, int] | None = None


@dataclass(frozen=True)
class ThemeSummary:
    id: int
    name: str
    votes: int
    idea_ids: tuple[int, ...]
    support: int = 0
    rank: int = 1


@dataclass(frozen=True)
class LeftOut:
    """Contributions kept out of the room, by reason: counted, never shown."""

    pending: int = 0
    hidden: int = 0
    withdrawn: int = 0
    merged: int = 0

    @property
    def total(self) -> int:
        return self.pending + self.hidden + self.withdrawn + self.merged


# What the room answered to a poll, scale, ranking or assessment (services/results.py computes
# it); results never carry a name, so an anonymised summary keeps them as they are.


@dataclass(frozen=True)
class PollOption:
    index: int
    text: str
    count: int  # answers that chose it


@dataclass(frozen=True)
class PollSummary:
    responses: int
    options: tuple[PollOption, ...]  # in the options' order
    max_choices: int = 1

    def share(self, option: PollOption) -> float | None:
        """The share of the answers that chose the option; None before anyone answered."""
        return option.count / self.responses if self.responses else None


@dataclass(frozen=True)
class ScaleSummary:
    responses: int
    mean: float | None
    stdev: float | None  # the spread: the population standard deviation
    distribution: dict[int, int]  # every value of the scale in order, zeros included

    @property
    def low(self) -> int:
        return min(self.distribution)

    @property
    def high(self) -> int:
        return max(self.distribution)


@dataclass(frozen=True)
class RankedOption:
    index: int
    text: str
    borda: int
    rank: int  # options with equal points share a rank


@dataclass(frozen=True)
class RankingSummary:
    responses: int
    options: tuple[RankedOption, ...]  # in the options' order

    def ranked(self) -> list[RankedOption]:
        """The options by rank, then in their own order."""
        return sorted(self.options, key=lambda option: (option.rank, option.index))


@dataclass(frozen=True)
class CriterionScore:
    """One criterion's scores of one item."""

    name: str
    weight: float
    mean: float | None
    stdev: float | None
    n: int


@dataclass(frozen=True)
class AssessedItem:
    index: int
    text: str
    score: float | None  # the weighted mean of its criteria's means; None while unscored
    rank: int | None
    criteria: tuple[CriterionScore, ...]


@dataclass(frozen=True)
class ScoreComment:
    """A comment given with a score: on which item and criterion (indexes), never by whom."""

    item: int
    criterion: int
    text: str


@dataclass(frozen=True)
class AssessmentSummary:
    responses: int
    items: tuple[AssessedItem, ...]  # in the items' order
    comments: tuple[ScoreComment, ...] = ()
    scale: tuple[int, int] = (1, 5)  # the lowest and highest score

    def ranked(self) -> list[AssessedItem]:
        """The items by rank, those nobody scored last, in their own order."""
        return sorted(self.items, key=lambda item: (item.rank is None, item.rank or 0, item.index))


@dataclass(frozen=True)
class StatementTally:
    """A statement with the room's counts, and whether the groups agree on it or split."""

    id: int
    text: str
    agree: int
    disagree: int
    passes: int
    consensus: bool = False
    divisive: bool = False


@dataclass(frozen=True)
class GroupShare:
    """One opinion group's shares on one statement (passes count in the denominator)."""

    idea_id: int
    agree: float
    disagree: float


@dataclass(frozen=True)
class OpinionGroupSummary:
    size: int
    shares: tuple[GroupShare, ...]  # in the statements' order


@dataclass(frozen=True)
class StatementsSummary:
    voters: int
    statements: tuple[StatementTally, ...]  # in the order they were put to the room
    groups: tuple[OpinionGroupSummary, ...] = ()  # none while too few voted to tell

    @property
    def responses(self) -> int:
        return self.voters


AnsweredResults = (
    PollSummary | ScaleSummary | RankingSummary | AssessmentSummary | StatementsSummary
)


@dataclass(frozen=True)
class PromptSummary:
    id: int
    text: str
    kind: str
    status: str
    phase: str | None
    attribution: str
    ideas: list[IdeaSummary]
    contributors: int
    voters: int
    votes_cast: int
    themes: tuple[ThemeSummary, ...] = ()
    replies: int = 0
    theme_votes: int = 0
    reactions: int = 0
    left_out: LeftOut = LeftOut()
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    # A poll, scale, ranking or assessment: what the room answered (it has no ideas). None
    # for a prompt that collects ideas.
    results: AnsweredResults | None = None


@dataclass(frozen=True)
class UnusedPrompt:
    """A prompt written but never opened: listed apart, as not used."""

    id: int
    text: str


OUTCOME_KINDS = ("takeaway", "decision", "action", "question")
ACTION_STATUSES = ("open", "in_progress", "done")


@dataclass(frozen=True)
class OutcomeSummary:
    """What the session concluded, as the rapporteur recorded it, with where it came from."""

    id: int
    kind: str  # one of OUTCOME_KINDS
    text: str
    owner: str | None = None  # action items only
    due: str | None = None  # YYYY-MM-DD, action items only
    status: str | None = None  # one of ACTION_STATUSES, action items only
    sdgs: tuple[int, ...] = ()
    source_idea_ids: tuple[int, ...] = ()
    source_theme_ids: tuple[int, ...] = ()
    # Streams of the event it speaks to beyond its roundtable's own: ids, and their titles.
    stream_ids: tuple[int, ...] = ()
    streams: tuple[str, ...] = ()


@dataclass(frozen=True)
class AffiliationShare:
    """One city or organisation: how many of its people joined, and what they contributed."""

    name: str
    people: int
    contributions: int


@dataclass(frozen=True)
class TimelinePoint:
    """Ideas and replies that arrived in one interval starting at `at`."""

    at: datetime
    contributions: int


@dataclass(frozen=True)
class Participation:
    """How many took part, and how evenly: the measures docs/reports.md defines."""

    joined: int
    contributed: int
    voted: int
    contributions: int
    # 0 when every participant who joined contributed as much as every other, towards 1 when
    # one person contributed everything; None when nobody contributed.
    gini: float | None
    # The share of contributions that came from the most active fifth of those who joined.
    top_fifth_share: float | None
    affiliations: tuple[AffiliationShare, ...] = ()
    timeline: tuple[TimelinePoint, ...] = ()
    interval_minutes: int = 5


@dataclass(frozen=True)
class SpeakerTime:
    """One person's turns at the floor and how long they lasted in all."""

    # None where the summary names nobody: anonymised, or under the roundtable's attribution.
    name: str | None
    affiliation: str | None  # None when not given, or not shown
    turns: int
    seconds: int


@dataclass(frozen=True)
class AffiliationTime:
    """One city or organisation: how many of its people took the floor, and for how long."""

    name: str  # "" for the people who gave no affiliation, listed last
    people: int
    turns: int
    seconds: int


@dataclass(frozen=True)
class Speaking:
    """Who held the floor, for how long, and how evenly: the figures docs/reports.md defines
    under "Speaking time", over the people who took the floor."""

    people: tuple[SpeakerTime, ...]  # the longest speaker first
    affiliations: tuple[AffiliationTime, ...]  # () where affiliations are not shown
    # The share of the speaking time held by the longest speaker, and by the fifth of the
    # speakers who spoke longest; None when every turn lasted 0 seconds.
    longest_share: float | None
    top_fifth_share: float | None
    # 0 when everyone who took the floor held it as long, towards 1 when one person held it.
    gini: float | None

    @property
    def turns(self) -> int:
        return sum(person.turns for person in self.people)

    @property
    def seconds(self) -> int:
        return sum(person.seconds for person in self.people)


@dataclass(frozen=True)
class Summary:
    roundtable_id: int
    title: str
    event: str
    stream: str | None
    description: str
    status: str
    participants: int
    idea_count: int
    prompts: list[PromptSummary]
    generated_at: datetime
    unused: tuple[UnusedPrompt, ...] = ()
    ended_at: datetime | None = None
    scheduled_on: str = ""
    reply_count: int = 0
    outcomes: tuple[OutcomeSummary, ...] = ()
    participation: Participation | None = None
    speaking: Speaking | None = None  # None when nobody took the floor


TOP_IDEAS = 10


@dataclass(frozen=True)
class StreamReport:
    """One stream and its roundtables; `title` None gathers the roundtables of no stream.
    `tagged` are the outcomes of other roundtables (a wrap-up's) that speak to this stream."""

    title: str | None
    roundtables: tuple[Summary, ...]
    tagged: tuple[OutcomeSummary, ...] = ()

    @property
    def goals(self) -> dict[int, int]:
        """How many outcomes of this stream, or tagged with it, serve each goal, for the goals
        served at all."""
        counted: dict[int, int] = {}
        own = [outcome for summary in self.roundtables for outcome in summary.outcomes]
        for outcome in own + list(self.tagged):
            for goal in outcome.sdgs:
                counted[goal] = counted.get(goal, 0) + 1
        return dict(sorted(counted.items()))


@dataclass(frozen=True)
class Placed:
    """Where something in the report came from: its stream and roundtable."""

    stream: str | None
    roundtable: str
    roundtable_id: int


@dataclass(frozen=True)
class PlacedIdea:
    idea: IdeaSummary
    prompt: str
    where: Placed


@dataclass(frozen=True)
class PlacedOutcome:
    outcome: OutcomeSummary
    where: Placed


@dataclass(frozen=True)
class EventReport:
    event_id: int
    title: str
    subtitle: str
    venue: str
    starts_on: str
    ends_on: str
    generated_at: datetime
    streams: tuple[StreamReport, ...]

    @property
    def roundtables(self) -> tuple[Summary, ...]:
        return tuple(summary for stream in self.streams for summary in stream.roundtables)

    @property
    def goals(self) -> tuple[int, ...]:
        """The goals any outcome of the event serves, in order: the matrix's columns."""
        return tuple(sorted({goal for stream in self.streams for goal in stream.goals}))

    @property
    def goals_missing(self) -> tuple[int, ...]:
        return tuple(goal for goal in GOALS if goal not in self.goals)

    def top_ideas(self, limit: int = TOP_IDEAS) -> tuple[PlacedIdea, ...]:
        """The ideas with the most votes across every roundtable (ties by arrival), at most
        `limit`; ideas without a vote are not "top"."""
        placed = [
            PlacedIdea(idea, prompt.text, _placed(summary))
            for summary in self.roundtables
            for prompt in summary.prompts
            for idea in prompt.ideas
            if idea.votes > 0
        ]
        placed.sort(
            key=lambda p: (-p.idea.votes, p.idea.created_at or self.generated_at, p.idea.id)
        )
        return tuple(placed[:limit])

    def outcomes(self, kind: str) -> tuple[PlacedOutcome, ...]:
        """Every outcome of one kind, roundtable by roundtable, in each one's order."""
        return tuple(
            PlacedOutcome(outcome, _placed(summary))
            for summary in self.roundtables
            for outcome in summary.outcomes
            if outcome.kind == kind
        )


def _placed(summary: Summary) -> Placed:
    return Placed(summary.stream, summary.title, summary.roundtable_id)


def participation_view(figures: Participation) -> ParticipationView:
    return {
        "joined": figures.joined,
        "contributed": figures.contributed,
        "voted": figures.voted,
        "contributions": figures.contributions,
        "gini": figures.gini,
        "top_fifth_share": figures.top_fifth_share,
        "affiliations": [
            {"name": a.name, "people": a.people, "contributions": a.contributions}
            for a in figures.affiliations
        ],
        "timeline": [
            {
                "at": point.at.isoformat(timespec="seconds") + "Z",
                "contributions": point.contributions,
            }
            for point in figures.timeline
        ],
        "interval_minutes": figures.interval_minutes,
    }
