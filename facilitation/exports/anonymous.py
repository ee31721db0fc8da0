"""The anonymised summary and event report: the same content with nobody's name or
affiliation in it."""

from __future__ import annotations

from dataclasses import replace

from facilitation.services.summary_data import (
    Byline,
    EventReport,
    IdeaSummary,
    PromptSummary,
    Speaking,
    Summary,
)

NOBODY = Byline(author=None, affiliation=None)


def _idea(idea: IdeaSummary) -> IdeaSummary:
    return replace(
        idea,
        author=None,
        affiliation=None,
        replies=tuple(replace(reply, byline=NOBODY) for reply in idea.replies),
        merged=tuple(replace(merged, byline=NOBODY) for merged in idea.merged),
    )


def _prompt(prompt: PromptSummary) -> PromptSummary:
    return replace(prompt, ideas=[_idea(idea) for idea in prompt.ideas])


def _speaking(speaking: Speaking) -> Speaking:
    return replace(
        speaking,
        people=tuple(replace(p, name=None, affiliation=None) for p in speaking.people),
        affiliations=(),
    )


def anonymised(summary: Summary) -> Summary:
    """Every author, affiliation and outcome owner left out, every count kept; the
    participation balance keeps its measures but no longer names cities or organisations, and
    speaking time keeps each speaker's turns and time but neither their name nor their city."""
    participation = summary.participation
    return replace(
        summary,
        prompts=[_prompt(prompt) for prompt in summary.prompts],
        outcomes=tuple(replace(outcome, owner=None) for outcome in summary.outcomes),
        participation=replace(participation, affiliations=()) if participation else None,
        speaking=_speaking(summary.speaking) if summary.speaking else None,
    )


def anonymised_report(report: EventReport) -> EventReport:
    """The event report with every roundtable's summary anonymised."""
    return replace(
        report,
        streams=tuple(
            replace(stream, roundtables=tuple(anonymised(s) for s in stream.roundtables))
            for stream in report.streams
        ),
    )
