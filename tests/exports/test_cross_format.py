"""Every format carries the same content: each idea, reply, vote count and outcome of the JSON
is found again in the Markdown, the page, the PDF, the Word file and the CSV, read back as a
reader would; and what people wrote never becomes markup, a script or a formula."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from facilitation.exports import FORMATS, anonymised
from facilitation.exports.markdown import escape
from tests.exports.readback import csv_rows, html_text, text_of
from tests.exports.rich import AFFILIATIONS, BOLD, CHINESE, FORMULA, NAMES, SCRIPT, rich_summary

READ_BACK = ("md", "html", "pdf", "docx", "csv")


def squeezed(text: str) -> str:
    """Text without whitespace: a PDF breaks lines wherever a table cell wraps."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(FORMATS["json"].render(rich_summary()))
    return loaded


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    summary = rich_summary()
    return {name: text_of(name, summary) for name in READ_BACK}


def wanted(document: dict[str, Any]) -> list[str]:
    """Every idea, reply and outcome text, and every idea's vote count."""
    found = []
    for prompt in document["prompts"]:
        for idea in prompt["ideas"]:
            found += [idea["text"], str(idea["votes"])]
            found += [reply["text"] for reply in idea["replies"]]
            found += [merged["text"] for merged in idea["merged"]]
    found += [outcome["text"] for outcome in document["outcomes"]]
    return found


@pytest.mark.parametrize("name", READ_BACK)
def test_every_format_carries_every_idea_reply_vote_and_outcome(
    document: dict[str, Any], texts: dict[str, str], name: str
) -> None:
    text = squeezed(texts[name])
    for item in wanted(document):
        expected = escape(item) if name == "md" else item
        assert squeezed(expected) in text, (name, item)


@pytest.mark.parametrize("name", ["md", "html", "pdf", "docx"])
def test_every_readable_format_names_the_goals_and_the_sources(
    texts: dict[str, str], name: str
) -> None:
    text = squeezed(texts[name])
    for phrase in (
        "SDG 11: Sustainable cities and communities",
        "SDG 13: Climate action",
        "From: Shade trees on every school street",
        "Takeaways",
        "Decisions",
        "Action items",
        "Open questions",
        "Participation balance",
        "Xylophone Guild",
        "0.42",
    ):
        assert squeezed(phrase) in text, (name, phrase)


def test_the_pdf_shows_chinese_with_real_glyphs(texts: dict[str, str]) -> None:
    assert CHINESE in squeezed(texts["pdf"])


def test_the_page_shows_a_script_as_text_and_runs_none() -> None:
    page = FORMATS["html"].render(rich_summary())
    text, tags = html_text(page)
    assert "script" not in tags
    assert SCRIPT in text and BOLD in text
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_page_asks_for_nothing_from_outside() -> None:
    page = FORMATS["html"].render(rich_summary()).decode()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page)
    assert "@import" not in page
    assert set(re.findall(r"url\(([^)]*)\)", page)) <= {
        f"#{i}" for i in re.findall(r'id="([^"]+)"', page)
    }
    assert page.count("<svg") >= 3  # the timeline, and the ideas and themes of a prompt


def test_a_formula_in_the_csv_is_only_text() -> None:
    rows = csv_rows(FORMATS["csv"].render(rich_summary()))
    texts = [row[6] for row in rows if row and row[0] == "ideas"]
    assert "'" + FORMULA in texts and FORMULA not in texts
    assert "'-1 for this" in texts


def test_the_csv_lists_ideas_then_outcomes() -> None:
    rendered = FORMATS["csv"].render(rich_summary())
    assert rendered.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(rendered)
    assert rows[0][:6] == ["section", "prompt", "theme", "idea id", "parent id", "kind"]
    blank = rows.index([])
    ideas, outcomes = rows[1:blank], rows[blank + 2 :]
    assert rows[blank + 1][:3] == ["section", "outcome id", "kind"]
    assert [(row[3], row[5], row[9]) for row in ideas[:4]] == [
        ("7", "idea", "9"),
        ("9", "reply", ""),
        ("12", "reply", ""),
        ("8", "merged", ""),
    ]
    assert [row[2] for row in outcomes] == ["takeaway", "decision", "action", "question"]
    action = outcomes[2]
    assert action[4:8] == [NAMES[3], "2025-09-30", "in_progress", "13"]
    assert outcomes[0][7:] == ["11 13", "7 10", "Greenery"]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_the_anonymised_summary_names_nobody_in_any_format(name: str) -> None:
    text = text_of(name, anonymised(rich_summary()))
    for person in (*NAMES, *AFFILIATIONS):
        assert squeezed(person) not in squeezed(text), (name, person)
    for kept in ("Shade trees on every school street", "Draft the tree budget", CHINESE):
        assert squeezed(kept) in squeezed(text), (name, kept)


def test_the_anonymised_summary_keeps_every_count() -> None:
    named, anonymous = rich_summary(), anonymised(rich_summary())
    assert json.loads(FORMATS["json"].render(anonymous))["participation"]["affiliations"] == []
    for before, after in zip(named.prompts, anonymous.prompts, strict=True):
        assert [i.votes for i in before.ideas] == [i.votes for i in after.ideas]
        assert [len(i.replies) for i in before.ideas] == [len(i.replies) for i in after.ideas]
        assert (before.contributors, before.voters) == (after.contributors, after.voters)
    assert anonymous.participation is not None and named.participation is not None
    assert anonymous.participation.contributions == named.participation.contributions
    assert anonymous.participation.gini == named.participation.gini
    assert [o.owner for o in anonymous.outcomes] == [None] * 4
