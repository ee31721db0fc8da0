"""The session summary as JSON (schema facilitation.summary/1)."""

from __future__ import annotations

import json
from typing import Any

from facilitation.services.summaries import Summary

SCHEMA = "facilitation.summary/1"


def summary_dict(summary: Summary) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "generated_at": summary.generated_at.isoformat(timespec="seconds") + "Z",
        "event": summary.event,
        "stream": summary.stream,
        "roundtable": {
            "id": summary.roundtable_id,
            "title": summary.title,
            "status": summary.status,
            "description": summary.description,
        },
        "counts": {"participants": summary.participants, "ideas": summary.idea_count},
        "prompts": [
            {
                "id": prompt.id,
                "text": prompt.text,
                "kind": prompt.kind,
                "status": prompt.status,
                "phase": prompt.phase,
                "attribution": prompt.attribution,
                "counts": {
                    "ideas": len(prompt.ideas),
                    "contributors": prompt.contributors,
                    "voters": prompt.voters,
                    "votes": prompt.votes_cast,
                },
                "ideas": [
                    {
                        "id": idea.id,
                        "rank": idea.rank,
                        "text": idea.text,
                        "author": idea.author,
                        "affiliation": idea.affiliation,
                        "votes": idea.votes,
                        "theme": idea.theme,
                        "replies": list(idea.replies),
                    }
                    for idea in prompt.ideas
                ],
                "themes": [
                    {"id": t.id, "name": t.name, "votes": t.votes, "idea_ids": list(t.idea_ids)}
                    for t in prompt.themes
                ],
            }
            for prompt in summary.prompts
        ],
    }


def render_json(summary: Summary) -> bytes:
    return json.dumps(summary_dict(summary), ensure_ascii=False, indent=2).encode("utf-8")
