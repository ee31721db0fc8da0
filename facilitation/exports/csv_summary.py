"""The session summary as CSV for spreadsheets: one row per idea, reply or merged duplicate,
then the outcomes under their own header in the same file.

UTF-8 with a byte order mark, so Excel reads Chinese; a cell that a spreadsheet would take for
a formula (starting with =, +, -, @, a tab or a carriage return) gets a leading apostrophe, as
OWASP recommends against CSV injection.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime

from facilitation.exports.content import Sources, reactions_text
from facilitation.services.summary_data import PromptSummary, Summary

IDEA_HEADER = (
    "section",
    "prompt",
    "theme",
    "idea id",
    "parent id",
    "kind",
    "text",
    "author",
    "affiliation",
    "votes",
    "reactions",
    "created at",
)
OUTCOME_HEADER = (
    "section",
    "outcome id",
    "kind",
    "text",
    "owner",
    "due",
    "status",
    "SDGs",
    "source idea ids",
    "source themes",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | None


def cell(value: Cell) -> str:
    """A value as a spreadsheet cell that is never taken for a formula."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _stamp(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") + "Z" if moment else ""


def _idea_rows(prompt: PromptSummary) -> Iterator[tuple[Cell, ...]]:
    for idea in prompt.ideas:
        yield (
            "ideas",
            prompt.text,
            idea.theme,
            idea.id,
            None,
            "idea",
            idea.text,
            idea.author,
            idea.affiliation,
            idea.votes,
            reactions_text(idea.reactions),
            _stamp(idea.created_at),
        )
        for reply in idea.replies:
            yield (
                "ideas",
                prompt.text,
                idea.theme,
                reply.id,
                idea.id,
                "reply",
                reply.text,
                reply.byline.author,
                reply.byline.affiliation,
                None,
                reactions_text(reply.reactions),
                _stamp(reply.created_at),
            )
        for merged in idea.merged:
            yield (
                "ideas",
                prompt.text,
                idea.theme,
                merged.id,
                idea.id,
                "merged",
                merged.text,
                merged.byline.author,
                merged.byline.affiliation,
                None,
                None,
                None,
            )


def _outcome_rows(summary: Summary) -> Iterator[tuple[Cell, ...]]:
    sources = Sources(summary)
    for outcome in summary.outcomes:
        yield (
            "outcomes",
            outcome.id,
            outcome.kind,
            outcome.text,
            outcome.owner,
            outcome.due,
            outcome.status,
            " ".join(str(goal) for goal in outcome.sdgs),
            " ".join(str(idea_id) for idea_id in outcome.source_idea_ids),
            "; ".join(sources.theme_names(outcome)),
        )


def render_csv(summary: Summary) -> bytes:
    """Ideas, replies and merged duplicates, then the outcomes, as one CSV file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(IDEA_HEADER)
    for prompt in summary.prompts:
        writer.writerows([cell(value) for value in row] for row in _idea_rows(prompt))
    writer.writerow(())
    writer.writerow(OUTCOME_HEADER)
    writer.writerows([cell(value) for value in row] for row in _outcome_rows(summary))
    return buffer.getvalue().encode("utf-8-sig")
