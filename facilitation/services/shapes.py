"""The JSON shapes on the wire: views, event payloads and acks, as documented in docs/protocol.md.

Each is a TypedDict, so that mypy sees a view, the event that carries it and the ack that
answers with it agree; `tests/docs/test_protocol_shapes.py` checks that their keys are the
ones the protocol documents, and that what the services build has exactly those keys.
"""

# No `from __future__ import annotations` here: Python 3.11 reads NotRequired only from
# evaluated annotations, and the protocol test compares __required_keys__ with the docs.
from typing import Any, Literal, NotRequired, TypedDict, final

# Views: what a client is shown of the room.


class TimerView(TypedDict):
    ends_at: str
    seconds: int | None
    advance: bool


class OriginView(TypedDict):
    """Where an idea brought in from another roundtable of the event came from."""

    stream: str | None
    roundtable: str
    roundtable_id: int
    kind: str  # "idea", or the kind of outcome it was: "takeaway", "decision"


# "pass" is a keyword in Python: this shape can only be written the functional way.
OpinionCounts = TypedDict("OpinionCounts", {"agree": int, "disagree": int, "pass": int})


class IdeaView(TypedDict):
    """An idea the viewer may see in full."""

    id: int
    prompt_id: int
    parent_id: int | None
    theme_id: int | None
    status: str
    text: str
    edited: bool
    author: str | None
    affiliation: str | None
    attribution: str
    votes: int | None
    reactions: dict[str, int]
    merged_into: int | None
    created_at: str
    author_id: NotRequired[int | None]  # staff only
    my_reactions: NotRequired[list[str]]  # the participant's own view only
    mine: NotRequired[Literal[True]]
    origin: NotRequired[OriginView]  # ideas brought in from another roundtable only
    answered: NotRequired[bool]  # the questions of a `questions` prompt only
    # The statements of a `statements` prompt only: how many agree, disagree and pass (null
    # while the prompt hides its tallies from the viewer).
    opinions: NotRequired[OpinionCounts | None]


class RedactedIdea(TypedDict):
    """An idea the viewer may know exists, but not what it says or who wrote it."""

    id: int
    prompt_id: int
    parent_id: int | None
    hidden: Literal[True]
    status: str
    text: None
    author: None
    affiliation: None
    votes: None
    created_at: str
    merged_into: NotRequired[int | None]  # hidden, withdrawn or merged ones


SeenIdea = IdeaView | RedactedIdea


class ThemeView(TypedDict):
    id: int
    prompt_id: int
    name: str
    position: int
    votes: int | None
    support: int | None


class ScaleView(TypedDict):
    min: int
    max: int


class CriterionView(TypedDict):
    name: str
    weight: float
    description: str


class OptionCountView(TypedDict):
    index: int
    text: str
    count: int


class PollResultsView(TypedDict):
    responses: int
    options: list[OptionCountView]


class ScaleResultsView(TypedDict):
    responses: int
    mean: float | None
    stdev: float | None
    distribution: dict[str, int]  # every value of the scale, as a string, zeros included


class BordaView(TypedDict):
    index: int
    text: str
    borda: int
    rank: int  # options with equal points share a rank


class RankingResultsView(TypedDict):
    responses: int
    options: list[BordaView]


class CriterionResultView(TypedDict):
    name: str
    weight: float
    mean: float | None
    stdev: float | None
    n: int


class CommentView(TypedDict):
    item: int
    criterion: int
    text: str


class ItemResultView(TypedDict):
    index: int
    text: str
    score: float | None
    rank: int | None  # by score; null while nobody has scored the item
    criteria: list[CriterionResultView]


class AssessmentResultsView(TypedDict):
    responses: int
    items: list[ItemResultView]
    comments: NotRequired[list[CommentView]]  # staff only, never with a name


class StanceView(TypedDict):
    """One opinion group's shares on one statement: of its members who marked it, how many
    agreed and how many disagreed (passes count in the denominator)."""

    idea_id: int
    agree: float
    disagree: float


class OpinionGroupView(TypedDict):
    size: int
    statements: list[StanceView]


class StatementsResultsView(TypedDict):
    voters: int
    groups: list[OpinionGroupView]  # empty while there are too few voters to tell
    consensus: list[int]  # statements every group broadly agrees with
    divisive: list[int]  # statements the groups split on


ResultsView = (
    PollResultsView
    | ScaleResultsView
    | RankingResultsView
    | AssessmentResultsView
    | StatementsResultsView
)


class ScoreView(TypedDict):
    item: int
    criterion: int
    value: int
    comment: str


class AnswerView(TypedDict):
    """A participant's own answer: the one key its prompt's kind answers with."""

    choices: NotRequired[list[int]]  # poll
    value: NotRequired[int]  # scale
    order: NotRequired[list[int]]  # ranking
    scores: NotRequired[list[ScoreView]]  # assessment


class PromptView(TypedDict):
    id: int
    roundtable_id: int
    text: str
    kind: str
    status: str
    votes_per_participant: int
    position: int
    phase: str | None
    private: bool
    revealed: bool
    hide_tallies: bool
    # What participants see now, decided once here so that no page decides it again.
    ideas_hidden: bool
    tallies_hidden: bool
    late_ideas: bool
    attribution: str
    attribution_override: str | None
    timer: TimerView | None
    # The timer's length a console offers first: the last one started, or its template's.
    timer_seconds: int | None
    premoderate: bool
    can_post: bool
    can_vote: bool
    opened_at: str | None
    ideas: list[SeenIdea]
    themes: list[ThemeView]
    my_votes: NotRequired[list[int]]  # a participant's snapshot only
    my_theme_votes: NotRequired[list[int]]
    # The answered kinds (poll, scale, ranking, assessment) only: their setup, how many have
    # answered, the results (null while hidden from this viewer) and, in a participant's
    # snapshot, its own answer (null before it answers).
    options: NotRequired[list[str]]  # poll, ranking
    max_choices: NotRequired[int]  # poll
    scale: NotRequired[ScaleView]  # scale, assessment
    items: NotRequired[list[str]]  # assessment
    criteria: NotRequired[list[CriterionView]]  # assessment
    responses: NotRequired[int]
    results: NotRequired[ResultsView | None]
    my_response: NotRequired[AnswerView | None]
    # A statements prompt: whether participants may propose statements (pre-moderated), and
    # in a participant's snapshot, its opinions by statement id.
    participant_statements: NotRequired[bool]
    my_opinions: NotRequired[dict[str, str]]


class RoundtableView(TypedDict):
    id: int
    title: str
    status: str
    join_code: str
    description: str
    stream: str | None
    attribution: str
    focus_prompt_id: int | None
    spotlight_idea_id: int | None
    ended_at: str | None


class SpeakerView(TypedDict):
    """Someone in the speakers' queue: waiting, or holding the floor."""

    turn_id: int
    name: str
    affiliation: str | None
    raised_at: str
    called_at: str | None  # when the floor was given; null while waiting
    seconds: int | None  # the time given, if the facilitator set one
    participant_id: NotRequired[int]  # staff only


class SpokenView(TypedDict):
    """How long one person held the floor, over their ended turns (staff only)."""

    name: str
    affiliation: str | None
    turns: int
    seconds: int


class QueueView(TypedDict):
    speaking: SpeakerView | None
    waiting: list[SpeakerView]  # in the order hands were raised
    seconds: int | None  # the time each speaker is given now, if set
    mine: NotRequired[int | None]  # a participant's own turn id, waiting or speaking
    spoken: NotRequired[list[SpokenView]]  # staff only


class Snapshot(TypedDict):
    roundtable: RoundtableView
    prompts: list[PromptView]
    participants: int
    queue: QueueView


class SnapshotWithSeq(Snapshot):
    """GET /api/roundtables/<id>: the snapshot and the last `seq` it includes."""

    seq: int


class PromptRef(TypedDict):
    """A prompt that is gone: clients drop it by id."""

    id: int


class ThemeRef(TypedDict):
    """A theme that is gone: clients ungroup its ideas."""

    id: int
    prompt_id: int


# Event payloads, server to client: each carries the `seq` the log gave it.


class PromptChanged(TypedDict):
    """prompt.created, prompt.updated"""

    prompt: PromptView
    seq: int


class PromptDeletedPayload(TypedDict):
    prompt: PromptRef
    seq: int


class IdeaChanged(TypedDict):
    """idea.created, idea.updated"""

    idea: SeenIdea
    seq: int


class IdeaTally(TypedDict):
    """vote.tally for an idea"""

    idea_id: int
    votes: int | None
    seq: int


class ThemeTally(TypedDict):
    """vote.tally for a theme"""

    theme_id: int
    votes: int | None
    support: int | None
    seq: int


class ResultsChanged(TypedDict):
    """results.updated: an answered prompt's results after an answer (null while hidden)."""

    prompt_id: int
    responses: int
    results: ResultsView | None
    seq: int


class OpinionTally(TypedDict):
    """opinion.tally: a statement's counts after an opinion (null while tallies are hidden)."""

    idea_id: int
    opinions: OpinionCounts | None
    seq: int


class QueueChanged(TypedDict):
    """queue.updated"""

    queue: QueueView
    seq: int


class ParticipantsCount(TypedDict):
    participants: int
    seq: int


class RoundtableChanged(TypedDict):
    """roundtable.updated"""

    roundtable: RoundtableView
    seq: int


class ThemeChanged(TypedDict):
    """theme.created, theme.updated"""

    theme: ThemeView
    seq: int


class ThemeDeletedPayload(TypedDict):
    theme: ThemeRef
    seq: int


EventPayload = (
    PromptChanged
    | PromptDeletedPayload
    | IdeaChanged
    | IdeaTally
    | ThemeTally
    | ResultsChanged
    | OpinionTally
    | QueueChanged
    | ParticipantsCount
    | RoundtableChanged
    | ThemeChanged
    | ThemeDeletedPayload
)

# An event as `roundtable.sync` replays it: read back from the log, where any past version
# of the server wrote it, so it is read key by key rather than trusted to be a shape.
ReplayedEvent = dict[str, Any]


@final  # so that `"events" in answer` tells the two answers apart
class EventsSince(TypedDict):
    """roundtable.sync, when the client is not too far behind."""

    events: list[ReplayedEvent]


@final
class SnapshotAt(TypedDict):
    """roundtable.sync when too far behind, and the HTTP snapshot: the state and its `seq`."""

    snapshot: Snapshot
    seq: int


CatchUp = EventsSince | SnapshotAt


# The staff's workspace: outcomes and shared notes, sent to staff only (services/workspace.py).


class OutcomeView(TypedDict):
    id: int
    kind: str
    text: str
    owner: str | None
    due: str | None
    status: str | None
    sdgs: list[int]
    source_idea_ids: list[int]
    source_theme_ids: list[int]
    stream_ids: list[int]
    version: int
    updated_at: str
    updated_by: str | None


class OutcomeRef(TypedDict):
    id: int


class NotesView(TypedDict):
    text: str
    version: int
    updated_at: str | None
    updated_by: str | None


class AffiliationShareView(TypedDict):
    name: str
    people: int
    contributions: int


class TimelinePointView(TypedDict):
    at: str
    contributions: int


class ParticipationView(TypedDict):
    """The balance figures docs/reports.md defines, as the rapporteur's page shows them."""

    joined: int
    contributed: int
    voted: int
    contributions: int
    gini: float | None
    top_fifth_share: float | None
    affiliations: list[AffiliationShareView]
    timeline: list[TimelinePointView]
    interval_minutes: int


class OutcomeChanged(TypedDict):
    """outcome.created, outcome.updated, outcome.deleted (the last with the outcome's id only)."""

    outcome: OutcomeView | OutcomeRef


class NotesChanged(TypedDict):
    """notes.updated."""

    notes: NotesView


StaffNewsPayload = OutcomeChanged | NotesChanged


# Acks, server to client, answering a client's event.


class ErrorView(TypedDict):
    code: str
    message: str
    retry_after: NotRequired[int]  # rate_limited only


class Refused(TypedDict):
    ok: Literal[False]
    error: ErrorView


class Credentials(TypedDict):
    """What a participant keeps to come back as itself."""

    id: int
    name: str | None
    affiliation: str | None
    token: str


class JoinAck(TypedDict):
    ok: Literal[True]
    role: str
    participant: NotRequired[Credentials]  # participants only
    snapshot: Snapshot
    seq: int
    server_time: str


class EventsSinceAck(TypedDict):
    ok: Literal[True]
    events: list[ReplayedEvent]
    server_time: str


class SnapshotAck(TypedDict):
    ok: Literal[True]
    snapshot: Snapshot
    seq: int
    server_time: str


class PromptAck(TypedDict):
    ok: Literal[True]
    prompt: PromptView


class PromptDeletedAck(TypedDict):
    ok: Literal[True]
    prompt: PromptRef


class IdeaAck(TypedDict):
    ok: Literal[True]
    idea: SeenIdea


class ReactionAck(TypedDict):
    ok: Literal[True]
    idea: SeenIdea
    reacted: bool


class IdeaVoteAck(TypedDict):
    ok: Literal[True]
    votes_left: int | None  # null on a panel's questions: upvotes have no budget
    idea_id: int


class OpinionAck(TypedDict):
    ok: Literal[True]
    idea_id: int
    opinion: str


class QueueAck(TypedDict):
    ok: Literal[True]
    queue: QueueView


class ResponseAck(TypedDict):
    ok: Literal[True]
    prompt_id: int
    response: AnswerView  # the participant's whole answer as stored now


class ThemeVoteAck(TypedDict):
    ok: Literal[True]
    votes_left: int | None
    theme_id: int


class ThemeAck(TypedDict):
    ok: Literal[True]
    theme: ThemeView


class RoundtableAck(TypedDict):
    ok: Literal[True]
    roundtable: RoundtableView


class SuggestionView(TypedDict):
    name: str
    idea_ids: list[int]


class Reason(TypedDict):
    code: str
    message: str


class SuggestionsAck(TypedDict):
    ok: Literal[True]
    suggestions: list[SuggestionView]
    reason: NotRequired[Reason]  # only when there are no suggestions


class OutcomeAck(TypedDict):
    ok: Literal[True]
    outcome: OutcomeView


class OutcomeDeletedAck(TypedDict):
    ok: Literal[True]
    outcome: OutcomeRef


class DraftAck(TypedDict):
    ok: Literal[True]
    outcomes: list[OutcomeView]  # the takeaways the draft added, none that were there already


class NotesAck(TypedDict):
    ok: Literal[True]
    notes: NotesView
    merged: bool  # true when the notes had moved on and the edit was merged into them


class WorkspaceAck(TypedDict):
    ok: Literal[True]
    outcomes: list[OutcomeView]
    notes: NotesView
    participation: ParticipationView


class TemplateView(TypedDict):
    """A template of prompts to start a roundtable from: shipped with the server (by slug) or
    saved from a roundtable of the event (by id)."""

    id: int | None  # a saved template's; null for a shipped one
    slug: str | None  # a shipped template's; null for a saved one
    name: str
    description: str
    prompts: int
    kinds: list[str]  # each prompt's kind, in order
    shipped: bool
    saved_by: str | None
    saved_at: str | None


class TemplatesAck(TypedDict):
    ok: Literal[True]
    templates: list[TemplateView]  # the shipped ones first, then the event's by name


class TemplateAck(TypedDict):
    ok: Literal[True]
    template: TemplateView


class TemplateUsedAck(TypedDict):
    ok: Literal[True]
    prompts: list[PromptView]  # the drafts it added, in order


class ConflictRefused(TypedDict):
    """An edit made from an older version: refused, with what is there now to show beside it."""

    ok: Literal[False]
    error: ErrorView
    outcome: NotRequired[OutcomeView]  # outcome.update and outcome.delete
    notes: NotRequired[NotesView]  # notes.save


Ack = (
    Refused
    | JoinAck
    | EventsSinceAck
    | SnapshotAck
    | PromptAck
    | PromptDeletedAck
    | IdeaAck
    | ReactionAck
    | IdeaVoteAck
    | ThemeVoteAck
    | ResponseAck
    | QueueAck
    | OpinionAck
    | ThemeAck
    | RoundtableAck
    | SuggestionsAck
    | OutcomeAck
    | OutcomeDeletedAck
    | DraftAck
    | NotesAck
    | WorkspaceAck
    | TemplatesAck
    | TemplateAck
    | TemplateUsedAck
    | ConflictRefused
)
