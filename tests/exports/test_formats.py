"""The parts of the new formats one at a time: charts, CSV cells, the Word file's hostile
text, the anonymised summary and the file name."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace

import docx
import pytest
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from facilitation.exports import FORMATS, anonymised, charts, file_name
from facilitation.exports.content import shortened, xml_safe
from facilitation.exports.csv_summary import cell
from tests.exports.readback import docx_text, html_text, text_of
from tests.exports.rich import BOLD, CHINESE, NAMES, SCRIPT, STREAM_TAGGED, rich_summary


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        (7, "7"),
        (None, ""),
    ],
)
def test_a_csv_cell_is_never_a_formula(value: str | int | None, written: str) -> None:
    assert cell(value) == written


def test_only_the_top_ten_ideas_are_charted() -> None:
    prompt = rich_summary().prompts[0]
    many = [replace(prompt.ideas[0], id=n, votes=100 - n, text=f"Idea {n}") for n in range(40)]
    chart = charts.idea_votes(replace(prompt, ideas=many))
    assert chart is not None
    assert chart.values == tuple(range(100, 90, -1))
    assert chart.labels[0] == "Idea 0"


def test_a_long_label_is_cut_with_an_ellipsis() -> None:
    assert shortened("word " * 30, 20) == "word word word word…"
    prompt = rich_summary().prompts[0]
    wide = [replace(prompt.ideas[0], text="x" * 100), replace(prompt.ideas[1], text=CHINESE * 4)]
    chart = charts.idea_votes(replace(prompt, ideas=wide))
    assert chart is not None
    latin, chinese = chart.labels
    assert len(latin) == charts.LABEL_MAX and latin.endswith("…")
    assert len(chinese) == charts.LABEL_MAX // 2 and chinese.endswith("…")


def test_a_chart_is_svg_with_its_text_as_text() -> None:
    prompt = rich_summary().prompts[0]
    chart = charts.idea_votes(prompt)
    assert chart is not None
    svg = charts.svg(chart)
    assert svg.startswith("<svg ") and "<?xml" not in svg and "<metadata" not in svg
    assert CHINESE in svg  # text kept as text, not as paths
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert not re.search(r"(?:src|href)=\"https?:", svg)


def test_a_chart_is_a_png_for_word() -> None:
    chart = charts.timeline(rich_summary().participation)
    assert chart is not None
    assert charts.png(chart).startswith(b"\x89PNG")


def test_money_in_a_label_is_not_mathematics() -> None:
    chart = charts.Chart("k", "Votes", ("$5 to $10 fares", "x_1^2"), (2, 1))
    assert "$5 to $10 fares" in charts.svg(chart)


def test_control_characters_cannot_break_the_word_file() -> None:
    summary = rich_summary()
    prompt = summary.prompts[0]
    hostile = replace(prompt.ideas[0], text="Bell\x07 and null\x00 and form\x0c feed")
    summary = replace(
        summary,
        title="Title\x1b",
        prompts=[replace(prompt, ideas=[hostile, *prompt.ideas[1:]]), *summary.prompts[1:]],
    )
    text = docx_text(FORMATS["docx"].render(summary))
    assert "Bell and null and form feed" in text
    assert FORMATS["pdf"].render(summary).startswith(b"%PDF")
    assert xml_safe("a\x00b\x0bc\td\ne") == "abc\td\ne"


def test_the_word_file_has_headings_tables_and_pictures() -> None:
    opened = docx.Document(io.BytesIO(FORMATS["docx"].render(rich_summary())))
    headings = [p.text for p in opened.paragraphs if p.style.name.startswith("Heading")]
    assert "Outcomes" in headings and "Action items" in headings
    assert "1. What should cities try first?" in headings
    assert len(opened.inline_shapes) == 4  # the timeline; ideas and themes; ideas
    action_table = opened.tables[0]
    assert [c.text for c in action_table.rows[0].cells][:4] == ["Action", "Owner", "Due", "Status"]


def test_the_page_is_one_document_with_every_section() -> None:
    text, tags = html_text(FORMATS["html"].render(rich_summary()))
    for heading in ("Overview", "Outcomes", "Participation balance", "Themes", "Ideas"):
        assert heading in text
    assert tags.count("html") == 1 and "link" not in tags and "img" not in tags
    assert SCRIPT in text


def test_anonymised_keeps_the_summary_it_was_given() -> None:
    summary = rich_summary()
    anonymised(summary)
    assert summary.prompts[0].ideas[0].author is not None
    assert summary.participation is not None and summary.participation.affiliations


def test_an_anonymised_file_says_so_in_its_name() -> None:
    summary = rich_summary()
    assert file_name(summary, "pdf") == "stream-1-resilient-cities-2025-06-04.pdf"
    assert file_name(summary, "pdf", anonymous=True).endswith("-2025-06-04-anonymous.pdf")


def test_a_summary_without_outcomes_or_participation_renders_everywhere() -> None:
    bare = replace(rich_summary(), outcomes=(), participation=None)
    for name, chosen in FORMATS.items():
        assert chosen.render(bare), name


def test_the_markdown_lists_outcomes_and_participation_literally() -> None:
    page = MarkdownIt("gfm-like").render(FORMATS["md"].render(rich_summary()).decode())
    for heading in ("<h2>Outcomes</h2>", "<h3>Action items</h3>", "<h3>Open questions</h3>"):
        assert heading in page
    assert "<h2>Participation balance</h2>" in page
    assert f"<td>{NAMES[3]}</td>" in page and "<td>In progress</td>" in page
    assert "SDG 13: Climate action" in page
    assert f"From: {escapeHtml(BOLD)}" in page  # a source idea's text, not emphasis
    assert "<strong>" not in page and "<script>" not in page


def test_the_page_header_has_the_day_and_the_status() -> None:
    text, _ = html_text(FORMATS["html"].render(rich_summary()))
    assert (
        "Workshop · Stream 1: Digital tools · 2025-06-04 · Ended 2025-06-04 15:50 UTC"
        in " ".join(text.split())
    )


def test_the_json_lists_outcomes_and_participation() -> None:
    data = json.loads(FORMATS["json"].render(rich_summary()))
    assert data["schema"] == "facilitation.summary/1"
    assert data["outcomes"][2] == {
        "id": 3,
        "kind": "action",
        "text": "Draft the tree budget",
        "owner": NAMES[3],
        "due": "2025-09-30",
        "status": "in_progress",
        "sdgs": [13],
        "source_idea_ids": [],
        "source_theme_ids": [2],
        "streams": [],
    }
    assert data["outcomes"][1]["streams"] == [STREAM_TAGGED]

    participation = data["participation"]
    assert {k: participation[k] for k in ("joined", "contributed", "voted", "gini")} == {
        "joined": 14,
        "contributed": 5,
        "voted": 9,
        "gini": 0.42,
    }
    assert participation["affiliations"][0] == {
        "name": "Xylophone Guild",
        "people": 4,
        "contributions": 4,
    }
    assert participation["timeline"][1] == {"at": "2025-06-04T15:05:00Z", "contributions": 1}
    assert participation["interval_minutes"] == 5
    bare = json.loads(FORMATS["json"].render(replace(rich_summary(), participation=None)))
    assert bare["participation"] is None


@pytest.mark.parametrize("name", ["md", "html", "pdf", "docx"])
def test_every_readable_format_names_the_streams_an_outcome_speaks_to(name: str) -> None:
    text = text_of(name, rich_summary())
    assert f"Stream: {STREAM_TAGGED}" in " ".join(text.split())
