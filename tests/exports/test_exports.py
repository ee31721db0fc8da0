"""Exports: JSON to the contract's schema, Markdown that shows user text literally."""

from __future__ import annotations

import json
from datetime import datetime

from facilitation.exports import FORMATS
from facilitation.exports.markdown import escape
from facilitation.services.summaries import IdeaSummary, PromptSummary, Summary


def _summary(
    idea_text: str = "Shade trees", author: str | None = "Ana", affiliation: str | None = "Lisbon"
) -> Summary:
    idea = IdeaSummary(
        id=7, text=idea_text, author=author, affiliation=affiliation, votes=4, rank=1
    )
    prompt = PromptSummary(
        id=3,
        text="What first?",
        kind="ideas",
        status="closed",
        phase="results",
        attribution="named",
        ideas=[idea],
        contributors=1,
        voters=4,
        votes_cast=4,
    )
    return Summary(
        roundtable_id=1,
        title="Resilient cities",
        event="Workshop",
        stream="Stream 1",
        description="",
        status="live",
        participants=12,
        idea_count=1,
        prompts=[prompt],
        generated_at=datetime(2025, 6, 4, 16, 30),
    )


def test_json_follows_the_summary_schema() -> None:
    data = json.loads(FORMATS["json"].render(_summary()))
    assert data["schema"] == "facilitation.summary/1"
    assert data["roundtable"] == {
        "id": 1,
        "title": "Resilient cities",
        "status": "live",
        "description": "",
    }
    assert data["counts"] == {"participants": 12, "ideas": 1}
    (prompt,) = data["prompts"]
    assert {"id", "text", "kind", "ideas"} <= prompt.keys()
    assert prompt["ideas"] == [
        {
            "id": 7,
            "rank": 1,
            "text": "Shade trees",
            "author": "Ana",
            "affiliation": "Lisbon",
            "votes": 4,
            "theme": None,
            "replies": [],
        }
    ]
    assert prompt["themes"] == []


def test_json_keeps_non_latin_text_readable() -> None:
    assert "广州" in FORMATS["json"].render(_summary("广州 open data")).decode("utf-8")


def test_markdown_lists_ranked_ideas_with_counts() -> None:
    text = FORMATS["md"].render(_summary()).decode()
    assert text.startswith("# Resilient cities\n")
    assert "- Participants: 12" in text
    assert "| 1 | Shade trees | Ana (Lisbon) | 4 |" in text


def test_markdown_shows_user_text_literally() -> None:
    hostile = "**bold** [x](http://e.com) # h <b>|</b> `code`"
    text = FORMATS["md"].render(_summary(hostile)).decode()
    line = next(line for line in text.splitlines() if line.startswith("| 1 |"))
    assert "**bold**" not in line and "[x](" not in line and "<b>" not in line
    assert escape("a|b") == "a\\|b"
    assert escape("line\nbreak") == "line break"


def test_markdown_marks_anonymous_ideas() -> None:
    text = FORMATS["md"].render(_summary(author=None, affiliation=None)).decode()
    assert "| 1 | Shade trees | — | 4 |" in text
