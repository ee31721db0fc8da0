"""What every format says the same way: section headings, outcome kinds, SDG labels, where an
outcome came from, and text that XML (DOCX, PDF) can carry."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from facilitation.services.sdgs import GOALS, label
from facilitation.services.summary_data import (
    EventReport,
    IdeaSummary,
    OutcomeSummary,
    Participation,
    PromptSummary,
    Summary,
)

# Exports are in English for now: every heading a reader sees is here.
HEADINGS = {
    "overview": "Overview",
    "outcomes": "Outcomes",
    "participation": "Participation balance",
    "speaking": "Speaking time",
    "themes": "Themes",
    "ideas": "Ideas",
    "not_used": "Not used",
    "contributions_over_time": "Contributions over time",
    "affiliations": "Cities and organisations",
}
OUTCOME_HEADINGS = {
    "takeaway": "Takeaways",
    "decision": "Decisions",
    "action": "Action items",
    "question": "Open questions",
}
ACTION_STATUS_LABELS = {"open": "Open", "in_progress": "In progress", "done": "Done"}
# The prompts answered rather than written, as a reader knows them.
KIND_NAMES = {
    "poll": "Poll",
    "scale": "Rating scale",
    "ranking": "Ranking",
    "assessment": "Assessment",
}
# People who joined without naming a city or organisation, grouped in one row.
NO_AFFILIATION = "Not given"


def affiliation_name(name: str) -> str:
    return name or NO_AFFILIATION


PROVENANCE_MAX = 60
# Characters XML 1.0 forbids: a hostile idea must not make a Word file or a PDF unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text with the characters XML 1.0 cannot carry left out."""
    return _NOT_XML.sub("", text)


def shortened(text: str, limit: int) -> str:
    """One line of at most `limit` characters, ending in an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def tag_labels(outcome: OutcomeSummary) -> list[str]:
    """ "SDG 11: Sustainable cities and communities", for each goal the outcome is tagged with,
    then "Stream: …" for each stream of the event it speaks to."""
    goals = [label(goal) for goal in outcome.sdgs if goal in GOALS]
    return goals + [f"Stream: {title}" for title in outcome.streams]


@dataclass(frozen=True)
class Provenance:
    """The ideas and themes an outcome came from, by their text and name."""

    ideas: tuple[str, ...]
    themes: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.ideas or self.themes)

    def sentence(self) -> str:
        """ "From: Shade trees for every…, Greenery"."""
        return "From: " + ", ".join((*self.ideas, *self.themes))


def _texts(summary: Summary) -> Iterator[tuple[int, str]]:
    for prompt in summary.prompts:
        for idea in prompt.ideas:
            yield idea.id, idea.text
            yield from ((reply.id, reply.text) for reply in idea.replies)
            yield from ((merged.id, merged.text) for merged in idea.merged)


class Sources:
    """Looks up what outcomes point at, once per summary."""

    def __init__(self, summary: Summary) -> None:
        self.ideas = dict(_texts(summary))
        self.themes = {
            theme.id: theme.name for prompt in summary.prompts for theme in prompt.themes
        }

    def of(self, outcome: OutcomeSummary) -> Provenance:
        """The ideas (shortened) and themes an outcome came from, those still in the summary."""
        return Provenance(
            ideas=tuple(
                shortened(self.ideas[i], PROVENANCE_MAX)
                for i in outcome.source_idea_ids
                if i in self.ideas
            ),
            themes=tuple(self.themes[t] for t in outcome.source_theme_ids if t in self.themes),
        )

    def theme_names(self, outcome: OutcomeSummary) -> list[str]:
        """The full names of the themes an outcome came from."""
        return [self.themes[t] for t in outcome.source_theme_ids if t in self.themes]


def by_kind(summary: Summary) -> list[tuple[str, str, list[OutcomeSummary]]]:
    """The outcomes grouped by kind, in the order of OUTCOME_HEADINGS: (kind, heading, list),
    kinds without outcomes left out."""
    groups = []
    for kind, title in OUTCOME_HEADINGS.items():
        chosen = [outcome for outcome in summary.outcomes if outcome.kind == kind]
        if chosen:
            groups.append((kind, title, chosen))
    return groups


def percent(share: float | None) -> str:
    """A share as a whole percentage, or a dash when there is none."""
    return "—" if share is None else f"{share * 100:.0f}%"


def gini(value: float | None) -> str:
    """A Gini coefficient to two places, or a dash when there is none."""
    return "—" if value is None else f"{value:.2f}"


def participation_facts(participation: Participation) -> list[tuple[str, str]]:
    """The headline measures, as (label, value) pairs in reading order."""
    return [
        ("Joined", str(participation.joined)),
        ("Contributed", str(participation.contributed)),
        ("Voted", str(participation.voted)),
        ("Contributions", str(participation.contributions)),
        ("Gini coefficient of contributions", gini(participation.gini)),
        ("Share from the most active fifth", percent(participation.top_fifth_share)),
    ]


ATTRIBUTION_NOTES = {
    "affiliation": "Ideas are attributed to cities and organisations only.",
    "anonymous": "Ideas are not attributed (Chatham House).",
}


def plural(count: int, one: str, many: str) -> str:
    """ "1 idea", "2 ideas"."""
    return f"{count} {one if count == 1 else many}"


def when(moment: datetime) -> str:
    """ "2025-06-04 16:30 UTC"."""
    return moment.strftime("%Y-%m-%d %H:%M") + " UTC"


def status_text(summary: Summary) -> str:
    """Where the roundtable stands: "Ended 2025-06-04 16:20 UTC", "Live" or "Not started"."""
    if summary.status == "closed":
        return "Ended" + (f" {when(summary.ended_at)}" if summary.ended_at else "")
    return {"live": "Live", "scheduled": "Not started"}.get(summary.status, summary.status)


def overview(summary: Summary) -> list[tuple[str, str]]:
    """The summary's headline facts, as (label, value) pairs."""
    ideas = plural(summary.idea_count, "idea", "ideas")
    if summary.reply_count:
        ideas += f" and {plural(summary.reply_count, 'reply', 'replies')}"
    prompts = plural(len(summary.prompts), "prompt", "prompts")
    if summary.unused:
        prompts += f" ({len(summary.unused)} more written but not used)"
    return [
        ("Status", status_text(summary)),
        ("Participants", str(summary.participants)),
        ("Contributions", ideas),
        ("Prompts", prompts),
        ("Generated", when(summary.generated_at)),
    ]


def prompt_counts(prompt: PromptSummary) -> str:
    """What a prompt gathered, in a sentence or two (the rule of docs/protocol.md, "Counting");
    for a poll, scale, ranking or assessment, its kind and how many answered."""
    if prompt.results is not None:
        kind = KIND_NAMES.get(prompt.kind, prompt.kind)
        return f"{kind}: {plural(prompt.results.responses, 'response', 'responses')}."
    ideas = plural(len(prompt.ideas), "idea", "ideas")
    if prompt.replies:
        ideas += f" and {plural(prompt.replies, 'reply', 'replies')}"
    votes = plural(prompt.votes_cast, "vote", "votes")
    if prompt.theme_votes:
        votes += f" ({prompt.theme_votes} on themes)"
    sentences = [
        f"{ideas} from {plural(prompt.contributors, 'contributor', 'contributors')}; "
        f"{votes} from {plural(prompt.voters, 'voter', 'voters')}"
        + (f"; {plural(prompt.reactions, 'reaction', 'reactions')}" if prompt.reactions else "")
        + "."
    ]
    left_out = prompt.left_out
    if left_out.total:
        reasons = [
            f"{n} {reason}"
            for n, reason in (
                (left_out.pending, "never approved"),
                (left_out.hidden, "hidden"),
                (left_out.withdrawn, "withdrawn"),
                (left_out.merged, "merged"),
            )
            if n
        ]
        sentences.append(f"Left out: {', '.join(reasons)}.")
    if prompt.phase:
        sentences.append(f"Phase reached: {prompt.phase}.")
    if prompt.attribution in ATTRIBUTION_NOTES:
        sentences.append(ATTRIBUTION_NOTES[prompt.attribution])
    return " ".join(sentences)


def context_line(summary: Summary) -> str:
    """ "Event · Stream"."""
    return " · ".join(part for part in (summary.event, summary.stream or "") if part)


def credit(author: str | None, affiliation: str | None) -> str:
    """ "Ana (Lisbon)", "Ana", "Lisbon" or "—"."""
    if author and affiliation:
        return f"{author} ({affiliation})"
    return author or affiliation or "—"


IDEA_HEADER = ("Rank", "Idea", "Author", "Votes", "Replies", "Reactions")


def idea_label(idea: IdeaSummary) -> str:
    """An idea's text as the tables show it: "(edited)", "(answered)" for a panel's question
    and its theme after it."""
    label = idea.text + (" (edited)" if idea.edited else "")
    label += " (answered)" if idea.answered else ""
    return label + (f" ({idea.theme})" if idea.theme else "")


def reactions_text(reactions: dict[str, int]) -> str:
    """ "👍 3 · 💡 1"."""
    return " · ".join(f"{emoji} {n}" for emoji, n in reactions.items())


# The event report's headings, beside the summary's.
REPORT_HEADINGS = {
    "overview": "Overview",
    "goals": "SDGs covered across the event",
    "goals_missing": "Goals no outcome touched",
    "actions": "Every action item",
    "top_ideas": "Top ideas across roundtables",
    "streams": "Streams and roundtables",
    "no_stream": "Roundtables of no stream",
    "no_outcomes": "No outcomes recorded.",
    "outcomes_per_goal": "Outcomes per goal across the event",
    "stream": "Stream",
    "roundtable": "Roundtable",
    "where": "Stream / roundtable",
    "action": "Action",
    "owner": "Owner",
    "due": "Due",
    "status": "Status",
    "rank": "Rank",
    "idea": "Idea",
    "votes": "Votes",
    "total": "Total",
    "none_missing": "Every goal was touched by at least one outcome.",
}


def action_status(outcome: OutcomeSummary) -> str:
    """ "In progress", or a dash for an action item without a status."""
    return ACTION_STATUS_LABELS.get(outcome.status or "", outcome.status or "—")


def action_rows(report: EventReport) -> list[tuple[str, str, str, str, str]]:
    """Every action item of the event as a table row: action, owner, due, status, where."""
    return [
        (
            p.outcome.text,
            p.outcome.owner or "—",
            p.outcome.due or "—",
            action_status(p.outcome),
            place(p.where.stream, p.where.roundtable),
        )
        for p in report.outcomes("action")
    ]


def top_idea_rows(report: EventReport) -> list[tuple[str, str, str, str]]:
    """The top ideas across the event as table rows: rank, idea, votes, where."""
    return [
        (str(rank), p.idea.text, str(p.idea.votes), place(p.where.stream, p.where.roundtable))
        for rank, p in enumerate(report.top_ideas(), start=1)
    ]


ACTION_HEADER = tuple(REPORT_HEADINGS[k] for k in ("action", "owner", "due", "status", "where"))
TOP_IDEA_HEADER = tuple(REPORT_HEADINGS[k] for k in ("rank", "idea", "votes", "where"))


def stream_title(title: str | None) -> str:
    """A stream's title, or what the report calls the roundtables of no stream."""
    return title if title is not None else REPORT_HEADINGS["no_stream"]


def place(stream: str | None, roundtable: str) -> str:
    """ "Stream 1 · Resilient cities", or only the roundtable when it is in no stream."""
    return " · ".join(part for part in (stream or "", roundtable) if part)


def goal_header(goal: int) -> str:
    """ "SDG 11": a matrix column, whose full name goes in the legend."""
    return f"SDG {goal}"


def participation_line(summary: Summary) -> str:
    """One roundtable's participation in a sentence: "14 joined, 5 contributed, 9 voted; 5
    ideas and 3 replies." """
    ideas = plural(summary.idea_count, "idea", "ideas")
    if summary.reply_count:
        ideas += f" and {plural(summary.reply_count, 'reply', 'replies')}"
    p = summary.participation
    if p is None:
        return f"{summary.participants} joined; {ideas}."
    return f"{p.joined} joined, {p.contributed} contributed, {p.voted} voted; {ideas}."


@dataclass(frozen=True)
class MatrixRow:
    """One stream's row of the SDG matrix: its label and its count under each covered goal."""

    stream: str
    counts: tuple[int, ...]


def sdg_matrix(report: EventReport) -> list[MatrixRow]:
    """Streams (rows) by the goals the event covered (columns, as `report.goals`)."""
    return [
        MatrixRow(stream_title(s.title), tuple(s.goals.get(goal, 0) for goal in report.goals))
        for s in report.streams
    ]


def report_overview(report: EventReport) -> list[tuple[str, str]]:
    """The report's headline facts, as (label, value) pairs."""
    roundtables = report.roundtables
    return [
        ("Roundtables", str(len(roundtables))),
        ("Participants", str(sum(s.participants for s in roundtables))),
        ("Ideas", str(sum(s.idea_count for s in roundtables))),
        ("Outcomes", str(sum(len(s.outcomes) for s in roundtables))),
        ("Goals covered", f"{len(report.goals)} of {len(GOALS)}"),
        ("Generated", when(report.generated_at)),
    ]


def report_context(report: EventReport) -> str:
    """ "Subtitle · Venue · 2025-06-03 to 2025-06-05"."""
    days = " to ".join(day for day in dict.fromkeys((report.starts_on, report.ends_on)) if day)
    return " · ".join(part for part in (report.subtitle, report.venue, days) if part)
