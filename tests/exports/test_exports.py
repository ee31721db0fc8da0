"""Exports: JSON to the contract's schema, Markdown that reads well and shows people's text
literally, rendered by a real CommonMark parser with GitHub's extensions (tables,
strikethrough, bare links)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import pytest
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from facilitation.exports import FORMATS, file_name
from facilitation.exports.markdown import escape
from facilitation.services.summary_data import (
    Byline,
    IdeaSummary,
    LeftOut,
    MergedSummary,
    PromptSummary,
    ReplySummary,
    Summary,
    ThemeSummary,
    UnusedPrompt,
)

WHEN = datetime(2025, 6, 4, 16, 30)


def _summary(
    idea_text: str = "Shade trees",
    author: str | None = "Ana",
    affiliation: str | None = "Lisbon",
    *,
    reply: str = "Use native species",
    theme: str = "Greenery",
    title: str = "Resilient cities",
    prompt_text: str = "What first?",
    description: str = "",
    unused: str = "Never asked",
) -> Summary:
    idea = IdeaSummary(
        id=7,
        text=idea_text,
        author=author,
        affiliation=affiliation,
        votes=4,
        rank=1,
        theme=theme,
        created_at=WHEN,
        reactions={"👍": 2},
        replies=(ReplySummary(9, reply, Byline("Ben", "Quito"), WHEN, {"💡": 1}),),
        merged=(MergedSummary(8, "More trees", Byline(None, "Lima")),),
    )
    second = IdeaSummary(
        id=10, text="Water", author="Chen", affiliation=None, votes=1, rank=2, created_at=WHEN
    )
    prompt = PromptSummary(
        id=3,
        text=prompt_text,
        kind="ideas",
        status="closed",
        phase="results",
        attribution="named",
        ideas=[idea, second],
        contributors=3,
        voters=4,
        votes_cast=6,
        theme_votes=1,
        replies=1,
        reactions=3,
        themes=(ThemeSummary(id=2, name=theme, votes=1, idea_ids=(7,), support=4, rank=1),),
        left_out=LeftOut(hidden=2, merged=1),
    )
    return Summary(
        roundtable_id=1,
        title=title,
        event="Workshop",
        stream="Stream 1: Digital tools",
        description=description,
        status="closed",
        participants=12,
        idea_count=2,
        reply_count=1,
        prompts=[prompt],
        generated_at=WHEN,
        ended_at=datetime(2025, 6, 4, 16, 20),
        unused=(UnusedPrompt(4, unused),),
        scheduled_on="2025-06-04",
    )


def markdown(summary: Summary) -> str:
    return FORMATS["md"].render(summary).decode()


def html_of(source: str) -> str:
    return MarkdownIt("gfm-like").render(source)


# -- JSON --------------------------------------------------------------------------------


def test_json_follows_the_summary_schema() -> None:
    data = json.loads(FORMATS["json"].render(_summary()))
    assert data["schema"] == "facilitation.summary/1"
    assert data["roundtable"] == {
        "id": 1,
        "title": "Resilient cities",
        "status": "closed",
        "description": "",
        "ended_at": "2025-06-04T16:20:00Z",
    }
    assert data["counts"] == {"participants": 12, "ideas": 2, "replies": 1}
    (prompt,) = data["prompts"]
    assert {"id", "text", "kind", "ideas"} <= prompt.keys()
    assert prompt["counts"] == {
        "ideas": 2,
        "replies": 1,
        "contributors": 3,
        "voters": 4,
        "votes": 6,
        "votes_on_themes": 1,
        "reactions": 3,
        "left_out": {"pending": 0, "hidden": 2, "withdrawn": 0, "merged": 1},
    }
    assert prompt["ideas"][0] == {
        "id": 7,
        "rank": 1,
        "text": "Shade trees",
        "author": "Ana",
        "affiliation": "Lisbon",
        "votes": 4,
        "theme": "Greenery",
        "created_at": "2025-06-04T16:30:00Z",
        "edited": False,
        "reactions": {"👍": 2},
        "replies": [
            {
                "id": 9,
                "text": "Use native species",
                "author": "Ben",
                "affiliation": "Quito",
                "created_at": "2025-06-04T16:30:00Z",
                "reactions": {"💡": 1},
            }
        ],
        "merged": [{"id": 8, "text": "More trees", "author": None, "affiliation": "Lima"}],
    }
    assert prompt["themes"] == [
        {"id": 2, "rank": 1, "name": "Greenery", "support": 4, "votes": 1, "idea_ids": [7]}
    ]
    assert data["unused_prompts"] == [{"id": 4, "text": "Never asked"}]


def test_json_keeps_non_latin_text_readable() -> None:
    assert "广州" in FORMATS["json"].render(_summary("广州 open data")).decode("utf-8")


# -- Markdown: what it says ----------------------------------------------------------------


def test_markdown_lists_ranked_ideas_with_their_replies_on_their_own_lines() -> None:
    text = markdown(_summary())
    assert text.startswith("# Resilient cities\n")
    assert "- Participants: 12" in text
    assert "- Status: Ended 2025-06-04 16:20 UTC" in text
    assert "| 1 | Shade trees *(Greenery)* | Ana (Lisbon) | 4 | 👍 2 |" in text
    assert "|  | ↳ Use native species | Ben (Quito) |  | 💡 1 |" in text
    assert "|  | Merged into it: More trees | Lima |  |  |" in text


def test_markdown_says_how_many_were_left_out_and_why() -> None:
    text = markdown(_summary())
    assert "2 ideas and 1 reply from 3 contributors; 6 votes (1 on themes)" in text
    assert "Left out: 2 hidden, 1 merged." in text


def test_markdown_lists_unused_prompts_apart() -> None:
    text = markdown(_summary())
    assert "- Prompts: 1 prompt (1 more written but not used)" in text
    assert text.rstrip().endswith("## Not used\n\n- Never asked")


def test_markdown_ranks_themes_by_their_supporters() -> None:
    assert "| 1 | Greenery | 4 | 1 | 1 |" in markdown(_summary())


def test_markdown_uses_the_singular_for_one() -> None:
    one = _summary()
    prompt = replace(one.prompts[0], ideas=one.prompts[0].ideas[:1], votes_cast=1, voters=1)
    prompt = replace(prompt, contributors=1, theme_votes=0, reactions=1)
    text = markdown(replace(one, prompts=[prompt]))
    assert "1 idea and 1 reply from 1 contributor; 1 vote from 1 voter; 1 reaction." in text


def test_markdown_marks_anonymous_ideas() -> None:
    text = markdown(_summary(author=None, affiliation=None))
    assert "| 1 | Shade trees *(Greenery)* | — | 4 |" in text


# -- Markdown: people's text stays text ------------------------------------------------------

HOSTILE = [
    "**bold** and __strong__",
    "_em_ and *em*",
    "[x](http://e.com)",
    "![img](http://e.com/a.png)",
    "# heading",
    "## heading",
    "C #",
    "- a list",
    "+ a list",
    "* a list",
    "1. a list",
    "2) a list",
    "> a quote",
    "---",
    "===",
    "a | b | c",
    "`code` and ``more``",
    "~~struck~~ and ~one~",
    "<b>bold</b> <https://e.com>",
    "&amp; &#169; &copy;",
    "see www.example.com",
    "see https://evil.example/x?y=1",
    "mail me@example.org",
    "back\\slash \\*",
]
PLACES = ("idea_text", "author", "reply", "theme", "title", "prompt_text", "description", "unused")


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_shows_what_people_wrote_literally(place: str, text: str) -> None:
    page = html_of(markdown(_summary(**{place: f"x {text}" if place == "title" else text})))
    written = f"x {text}" if place == "title" else text
    assert escapeHtml(written) in page
    for markup in ("<a ", "<img", "<s>", "<code>", "<b>", "<blockquote", "<hr", "<ol"):
        assert markup not in page
    assert page.count("<h1>") == 1
    assert page.count("<h2>") == 2  # the prompt and "Not used"
    assert "<strong>" not in page
    assert page.count("<em>") == 2  # the context line and the idea's theme, nothing else


def test_markdown_keeps_ordinary_punctuation_plain() -> None:
    plain = "Real-time tools. Costs (2024): 3-5% - or less! 50/50? Yes; R&D, 1+1=2 #1"
    text = markdown(_summary(plain, description=plain))
    assert f"| 1 | {plain} *(Greenery)*" in text
    assert "\\" not in text.replace("\\#", "")  # a leading '#' of a paragraph is the exception


def test_escape_puts_text_on_one_line() -> None:
    assert escape("line\nbreak") == "line break"
    assert escape("a|b") == "a\\|b"


def test_the_file_is_named_after_the_roundtable_and_its_day() -> None:
    summary = _summary(title="Roundtable: digital tools for resilient planning")
    summary = replace(summary, stream="Stream 1: Digital Tools for a Better Planned City")
    assert file_name(summary, "md") == "stream-1-digital-tools-resilient-planning-2025-06-04.md"
    nameless = replace(summary, title="广州", stream=None, scheduled_on="")
    assert file_name(nameless, "json") == "roundtable-1-2025-06-04.json"
