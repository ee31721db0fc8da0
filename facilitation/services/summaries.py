"""The session summary, built from the database: one model of what a roundtable produced, for
every export format (its data classes are in services/summary_data.py).

What it counts follows the rule every screen follows (docs/protocol.md, "Counting"):
a prompt's ideas are its contributions in the room that do not reply to another;
replies are counted apart; what is left out (awaiting approval, hidden, withdrawn,
merged) is counted by reason, never shown; votes are votes on ideas and on themes. A poll,
scale, ranking or assessment has no ideas: it carries its results, as every view shows them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from facilitation.models import (
    Idea,
    IdeaStatus,
    Outcome,
    Prompt,
    PromptKind,
    PromptStatus,
    Roundtable,
    Stream,
    ThemeVote,
    Vote,
)
from facilitation.services.actors import Actor, Right, require
from facilitation.services.results import (
    answers_to,
    assessment_view,
    is_answered,
    max_choices_of,
    poll_view,
    ranking_view,
    scale_of,
    scale_view,
)
from facilitation.services.roundtables import get_roundtable
from facilitation.services.statement_results import counts_of, statements_results
from facilitation.services.summary_data import (
    AnsweredResults,
    AssessedItem,
    AssessmentSummary,
    Byline,
    CriterionScore,
    GroupShare,
    IdeaSummary,
    LeftOut,
    MergedSummary,
    OpinionGroupSummary,
    OutcomeSummary,
    PollOption,
    PollSummary,
    PromptSummary,
    RankedOption,
    RankingSummary,
    ReplySummary,
    ScaleSummary,
    ScoreComment,
    StatementsSummary,
    StatementTally,
    Summary,
    ThemeSummary,
    UnusedPrompt,
)
from facilitation.services.views import (
    STAFF,
    attribution_of,
    idea_view,
    participant_count,
    prompts_with_ideas,
    reaction_counts,
    theme_supports,
)

# Why an idea is not in the room, by its status; replies share the fate of their idea.
LEFT_OUT = {
    IdeaStatus.PENDING: "pending",
    IdeaStatus.HIDDEN: "hidden",
    IdeaStatus.DELETED: "withdrawn",
    IdeaStatus.MERGED: "merged",
}


def byline(idea: Idea) -> Byline:
    view = idea_view(idea, STAFF)  # the attribution it was posted under decides what is named
    return Byline(view["author"], view["affiliation"])


def origin_of(idea: Idea) -> str | None:
    """Where a carried idea came from, as every format names it: "Stream 1 · Roundtable"."""
    if not idea.origin:
        return None
    stream = str(idea.origin.get("stream") or "").split(":", 1)[0].strip()
    return " · ".join(part for part in (stream, str(idea.origin.get("roundtable", ""))) if part)


def ranked(items: list[tuple[int, ...]]) -> list[int]:
    """Competition ranks ("1, 2, 2, 4") for keys already sorted best first."""
    ranks: list[int] = []
    for index, key in enumerate(items):
        ranks.append(ranks[-1] if index and key == items[index - 1] else index + 1)
    return ranks


def in_room(idea: Idea, by_id: dict[int, Idea]) -> bool:
    """Visible, and for a reply, building on an idea that is visible too."""
    if idea.status != IdeaStatus.VISIBLE:
        return False
    parent = by_id.get(idea.parent_id) if idea.parent_id is not None else None
    return parent is None or parent.status == IdeaStatus.VISIBLE


def left_out(prompt: Prompt) -> LeftOut:
    by_id = {idea.id: idea for idea in prompt.ideas}
    counts = dict.fromkeys(LEFT_OUT.values(), 0)
    for idea in prompt.ideas:
        if in_room(idea, by_id):
            continue
        status = idea.status
        if status == IdeaStatus.VISIBLE and idea.parent_id is not None:
            status = by_id[idea.parent_id].status  # a reply leaves with its idea
        counts[LEFT_OUT[IdeaStatus(status)]] += 1
    return LeftOut(**counts)


def was_used(prompt: Prompt, *, answered: bool = False) -> bool:
    """Opened at some point, or holding ideas or answers: a draft never put to the room is not
    part of what it produced."""
    return (
        prompt.opened_at is not None
        or prompt.status != PromptStatus.DRAFT
        or bool(prompt.ideas)
        or answered
    )


def _ideas(prompt: Prompt) -> list[IdeaSummary]:
    """The prompt's ideas in the room, most votes first; ties keep arrival order and share a
    rank. Replies and merged duplicates travel with the idea they belong to."""
    by_id = {idea.id: idea for idea in prompt.ideas}
    shown = [idea for idea in prompt.ideas if in_room(idea, by_id)]
    replies: dict[int, list[ReplySummary]] = {}
    for idea in shown:
        if idea.parent_id is not None:
            replies.setdefault(idea.parent_id, []).append(
                ReplySummary(
                    id=idea.id,
                    text=idea.text,
                    byline=byline(idea),
                    created_at=idea.created_at,
                    reactions=reaction_counts(idea),
                )
            )
    merged: dict[int, list[MergedSummary]] = {}
    for idea in prompt.ideas:
        if idea.status == IdeaStatus.MERGED and idea.merged_into_id is not None:
            merged.setdefault(idea.merged_into_id, []).append(
                MergedSummary(id=idea.id, text=idea.text, byline=byline(idea))
            )
    theme_names = {theme.id: theme.name for theme in prompt.themes}
    ordered = sorted(
        (idea for idea in shown if idea.parent_id is None),
        key=lambda idea: (-idea.vote_count, idea.id),
    )
    ranks = ranked([(idea.vote_count,) for idea in ordered])
    summaries = []
    for idea, rank in zip(ordered, ranks, strict=True):
        credit = byline(idea)
        summaries.append(
            IdeaSummary(
                id=idea.id,
                text=idea.text,
                author=credit.author,
                affiliation=credit.affiliation,
                votes=idea.vote_count,
                rank=rank,
                theme=theme_names.get(idea.theme_id) if idea.theme_id else None,
                replies=tuple(replies.get(idea.id, ())),
                created_at=idea.created_at,
                reactions=reaction_counts(idea),
                merged=tuple(merged.get(idea.id, ())),
                edited=idea.edited,
                origin=origin_of(idea),
                answered=idea.answered if prompt.kind == PromptKind.QUESTIONS else None,
            )
        )
    return summaries


def _themes(session: Session, prompt: Prompt) -> tuple[ThemeSummary, ...]:
    """Themes by support (see views.theme_supports), then their own votes, then their order."""
    supports = theme_supports(session, prompt.id)
    by_id = {idea.id: idea for idea in prompt.ideas}
    ordered = sorted(
        prompt.themes,
        key=lambda t: (-supports.get(t.id, 0), -t.vote_count, t.position, t.id),
    )
    ranks = ranked([(supports.get(t.id, 0), t.vote_count) for t in ordered])
    return tuple(
        ThemeSummary(
            id=theme.id,
            name=theme.name,
            votes=theme.vote_count,
            support=supports.get(theme.id, 0),
            rank=rank,
            idea_ids=tuple(
                i.id
                for i in prompt.ideas
                if i.theme_id == theme.id and i.parent_id is None and in_room(i, by_id)
            ),
        )
        for theme, rank in zip(ordered, ranks, strict=True)
    )


def _votes(session: Session, prompt_id: int) -> tuple[int, int, int]:
    """Voters (on ideas or themes, each once), votes on ideas, votes on themes."""
    ballots = union_all(
        select(Vote.participant_id.label("participant_id")).where(Vote.prompt_id == prompt_id),
        select(ThemeVote.participant_id).where(ThemeVote.prompt_id == prompt_id),
    ).subquery()
    voters = session.scalar(select(func.count(func.distinct(ballots.c.participant_id)))) or 0
    on_ideas = session.scalar(
        select(func.count()).select_from(Vote).where(Vote.prompt_id == prompt_id)
    )
    on_themes = session.scalar(
        select(func.count()).select_from(ThemeVote).where(ThemeVote.prompt_id == prompt_id)
    )
    return int(voters), int(on_ideas or 0), int(on_themes or 0)


def answered_results(prompt: Prompt, answers: list[dict[str, Any]]) -> AnsweredResults | None:
    """A poll's, scale's, ranking's or assessment's results as the views compute them
    (services/results.py), the assessment's comments with them, never with a name; None for a
    prompt that collects ideas."""
    if prompt.kind == PromptKind.POLL:
        poll = poll_view(prompt, answers)
        return PollSummary(
            responses=poll["responses"],
            options=tuple(PollOption(o["index"], o["text"], o["count"]) for o in poll["options"]),
            max_choices=max_choices_of(prompt),
        )
    if prompt.kind == PromptKind.SCALE:
        rated = scale_view(prompt, answers)
        return ScaleSummary(
            responses=rated["responses"],
            mean=rated["mean"],
            stdev=rated["stdev"],
            distribution={int(value): n for value, n in rated["distribution"].items()},
        )
    if prompt.kind == PromptKind.RANKING:
        ranking = ranking_view(prompt, answers)
        return RankingSummary(
            responses=ranking["responses"],
            options=tuple(
                RankedOption(o["index"], o["text"], o["borda"], o["rank"])
                for o in ranking["options"]
            ),
        )
    if prompt.kind == PromptKind.ASSESSMENT:
        assessed = assessment_view(prompt, answers, comments=True)
        scale = scale_of(prompt)
        return AssessmentSummary(
            responses=assessed["responses"],
            items=tuple(
                AssessedItem(
                    index=item["index"],
                    text=item["text"],
                    score=item["score"],
                    rank=item["rank"],
                    criteria=tuple(
                        CriterionScore(c["name"], c["weight"], c["mean"], c["stdev"], c["n"])
                        for c in item["criteria"]
                    ),
                )
                for item in assessed["items"]
            ),
            comments=tuple(
                ScoreComment(c["item"], c["criterion"], c["text"])
                for c in assessed.get("comments", [])
            ),
            scale=(scale.low, scale.high),
        )
    return None


def _statements(
    session: Session, prompt: Prompt, ideas: list[IdeaSummary]
) -> tuple[list[IdeaSummary], StatementsSummary]:
    """A statements prompt's statements with their counts, and its opinion groups as the room
    sees them (services/statement_results.py)."""
    counts = counts_of(session, prompt.id)
    grouped = statements_results(session, prompt)
    consensus, divisive = set(grouped["consensus"]), set(grouped["divisive"])
    counted = []
    tallies = []
    for idea in ideas:
        c = counts.get(idea.id, {"agree": 0, "disagree": 0, "pass": 0})
        counted.append(replace(idea, opinions=(c["agree"], c["disagree"], c["pass"])))
        tallies.append(
            StatementTally(
                idea.id,
                idea.text,
                c["agree"],
                c["disagree"],
                c["pass"],
                consensus=idea.id in consensus,
                divisive=idea.id in divisive,
            )
        )
    order = {idea.id: n for n, idea in enumerate(prompt.ideas)}
    tallies.sort(key=lambda t: order.get(t.id, 0))
    groups = tuple(
        OpinionGroupSummary(
            group["size"],
            tuple(GroupShare(s["idea_id"], s["agree"], s["disagree"]) for s in group["statements"]),
        )
        for group in grouped["groups"]
    )
    return counted, StatementsSummary(grouped["voters"], tuple(tallies), groups)


def _prompt(session: Session, prompt: Prompt, answers: list[dict[str, Any]]) -> PromptSummary:
    voters, on_ideas, on_themes = _votes(session, prompt.id)
    ideas = _ideas(prompt)
    results = answered_results(prompt, answers)
    if prompt.kind == PromptKind.STATEMENTS:
        ideas, results = _statements(session, prompt, ideas)
    by_id = {idea.id: idea for idea in prompt.ideas}
    return PromptSummary(
        id=prompt.id,
        text=prompt.text,
        kind=prompt.kind,
        status=prompt.status,
        phase=prompt.phase,
        attribution=attribution_of(prompt),
        ideas=ideas,
        replies=sum(len(idea.replies) for idea in ideas),
        contributors=len(
            {i.participant_id for i in prompt.ideas if i.participant_id and in_room(i, by_id)}
        ),
        voters=voters,
        votes_cast=on_ideas + on_themes,
        theme_votes=on_themes,
        reactions=sum(len(i.reactions) for i in prompt.ideas if in_room(i, by_id)),
        themes=_themes(session, prompt),
        left_out=left_out(prompt),
        opened_at=prompt.opened_at,
        closed_at=prompt.closed_at,
        results=results,
    )


def _outcomes(session: Session, roundtable_id: int) -> tuple[OutcomeSummary, ...]:
    rows = list(
        session.scalars(
            select(Outcome)
            .where(Outcome.roundtable_id == roundtable_id)
            .order_by(Outcome.position, Outcome.id)
        )
    )
    tagged = {i for o in rows for i in (o.stream_ids or [])}
    titles: dict[int, str] = {}
    if tagged:
        found = session.execute(select(Stream.id, Stream.title).where(Stream.id.in_(tagged)))
        titles = {stream_id: title for stream_id, title in found}
    return tuple(
        OutcomeSummary(
            id=o.id,
            kind=o.kind,
            text=o.text,
            owner=o.owner,
            due=o.due,
            status=o.status,
            sdgs=tuple(o.sdgs),
            source_idea_ids=tuple(o.source_idea_ids),
            source_theme_ids=tuple(o.source_theme_ids),
            stream_ids=tuple(i for i in (o.stream_ids or []) if i in titles),
            streams=tuple(titles[i] for i in (o.stream_ids or []) if i in titles),
        )
        for o in rows
    )


def build_summary(
    session: Session, *, actor: Actor | None, roundtable_id: int, now: datetime
) -> Summary:
    """What the roundtable produced: its prompts, their ideas ranked by votes, counts, and who
    held the floor."""
    # Imported here: the balance counts what is in the room by this module's own rule, and
    # speaking time is measured as the balance is.
    from facilitation.services.participation import measure
    from facilitation.services.speaking import speaking_time

    require(actor, Right.EXPORT)
    roundtable: Roundtable = get_roundtable(session, roundtable_id)
    prompts = prompts_with_ideas(session, roundtable.id)
    answers = {p.id: answers_to(session, p.id) for p in prompts if is_answered(p)}
    opened = [p for p in prompts if was_used(p, answered=bool(answers.get(p.id)))]
    used = [_prompt(session, prompt, answers.get(prompt.id, [])) for prompt in opened]
    return Summary(
        roundtable_id=roundtable.id,
        title=roundtable.title,
        event=roundtable.event.title,
        stream=roundtable.stream.title if roundtable.stream else None,
        description=roundtable.description,
        status=roundtable.status,
        participants=participant_count(session, roundtable.id),
        idea_count=sum(len(p.ideas) for p in used),
        reply_count=sum(p.replies for p in used),
        prompts=used,
        unused=tuple(UnusedPrompt(p.id, p.text) for p in prompts if p not in opened),
        generated_at=now,
        ended_at=roundtable.ended_at,
        scheduled_on=roundtable.scheduled_on or roundtable.event.starts_on,
        outcomes=_outcomes(session, roundtable.id),
        participation=measure(session, roundtable.id),
        speaking=speaking_time(session, roundtable, now=now),
    )
