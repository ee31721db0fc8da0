"""The session summary as JSON (schema facilitation.summary/1)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from facilitation.services.summaries import (
    Byline,
    IdeaSummary,
    PromptSummary,
    Summary,
    ThemeSummary,
)

SCHEMA = "facilitation.summary/1"


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") + "Z" if moment else None


def _credit(byline: Byline) -> dict[str, Any]:
    return {"author": byline.author, "affiliation": byline.affiliation}


def _idea(idea: IdeaSummary) -> dict[str, Any]:
    return {
        "id": idea.id,
        "rank": idea.rank,
        "text": idea.text,
        "author": idea.author,
        "affiliation": idea.affiliation,
        "votes": idea.votes,
        "theme": idea.theme,
        "created_at": _when(idea.created_at),
        "edited": idea.edited,
        "reactions": idea.reactions,
        "replies": [
            {
                "id": reply.id,
                "text": reply.text,
                **_credit(reply.byline),
                "created_at": _when(reply.created_at),
                "reactions": reply.reactions,
            }
            for reply in idea.replies
        ],
        "merged": [
            {"id": merged.id, "text": merged.text, **_credit(merged.byline)}
            for merged in idea.merged
        ],
    }


def _theme(theme: ThemeSummary) -> dict[str, Any]:
    return {
        "id": theme.id,
        "rank": theme.rank,
        "name": theme.name,
        "support": theme.support,
        "votes": theme.votes,
        "idea_ids": list(theme.idea_ids),
    }


def _prompt(prompt: PromptSummary) -> dict[str, Any]:
    left_out = prompt.left_out
    return {
        "id": prompt.id,
        "text": prompt.text,
        "kind": prompt.kind,
        "status": prompt.status,
        "phase": prompt.phase,
        "attribution": prompt.attribution,
        "opened_at": _when(prompt.opened_at),
        "closed_at": _when(prompt.closed_at),
        "counts": {
            "ideas": len(prompt.ideas),
            "replies": prompt.replies,
            "contributors": prompt.contributors,
            "voters": prompt.voters,
            "votes": prompt.votes_cast,
            "votes_on_themes": prompt.theme_votes,
            "reactions": prompt.reactions,
            "left_out": {
                "pending": left_out.pending,
                "hidden": left_out.hidden,
                "withdrawn": left_out.withdrawn,
                "merged": left_out.merged,
            },
        },
        "ideas": [_idea(idea) for idea in prompt.ideas],
        "themes": [_theme(theme) for theme in prompt.themes],
    }


def summary_dict(summary: Summary) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "generated_at": _when(summary.generated_at),
        "event": summary.event,
        "stream": summary.stream,
        "roundtable": {
            "id": summary.roundtable_id,
            "title": summary.title,
            "status": summary.status,
            "description": summary.description,
            "ended_at": _when(summary.ended_at),
        },
        "counts": {
            "participants": summary.participants,
            "ideas": summary.idea_count,
            "replies": summary.reply_count,
        },
        "prompts": [_prompt(prompt) for prompt in summary.prompts],
        "unused_prompts": [{"id": p.id, "text": p.text} for p in summary.unused],
    }


def render_json(summary: Summary) -> bytes:
    return json.dumps(summary_dict(summary), ensure_ascii=False, indent=2).encode("utf-8")
