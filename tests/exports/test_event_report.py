"""The whole-event report in every format: everything the JSON lists is found again when each
format is read back; the SDG matrix counts right; what people wrote stays inert; and the
anonymised report names nobody."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from facilitation.exports import REPORT_FORMATS, anonymised_report, report_file_name
from facilitation.exports.markdown import escape
from facilitation.services.summary_data import (
    AffiliationShare,
    EventReport,
    IdeaSummary,
    OutcomeSummary,
    Participation,
    PromptSummary,
    StreamReport,
    Summary,
)
from tests.exports.readback import csv_rows, docx_text, html_text, pdf_text
from tests.exports.rich import AFFILIATIONS, CHINESE, FORMULA, NAMES, SCRIPT, WHEN, rich_summary

READ_BACK = ("md", "html", "pdf", "docx", "csv")
OWNERS = ("Octavia Brightwater", "Barnaby Thistlewood")
MORE_AFFILIATIONS = ("Pelican Bureau",)
QUIET = "A roundtable that concluded nothing"


def small(
    roundtable_id: int,
    title: str,
    stream: str | None,
    ideas: list[IdeaSummary],
    outcomes: tuple[OutcomeSummary, ...] = (),
) -> Summary:
    prompt = PromptSummary(
        id=100 + roundtable_id,
        text=f"What next for {title}?",
        kind="ideas",
        status="closed",
        phase=None,
        attribution="named",
        ideas=ideas,
        contributors=len(ideas),
        voters=3,
        votes_cast=sum(idea.votes for idea in ideas),
    )
    return Summary(
        roundtable_id=roundtable_id,
        title=title,
        event="2025 Workshop",
        stream=stream,
        description="",
        status="closed",
        participants=6,
        idea_count=len(ideas),
        prompts=[prompt],
        generated_at=WHEN,
        outcomes=outcomes,
        participation=Participation(
            joined=6,
            contributed=len(ideas),
            voted=3,
            contributions=len(ideas),
            gini=0.5,
            top_fifth_share=0.5,
            affiliations=(AffiliationShare(MORE_AFFILIATIONS[0], 2, 1),),
        ),
    )


def idea(idea_id: int, text: str, votes: int, author: str | None = None) -> IdeaSummary:
    return IdeaSummary(
        id=idea_id,
        text=text,
        author=author or OWNERS[1],
        affiliation=MORE_AFFILIATIONS[0],
        votes=votes,
        rank=1,
        created_at=WHEN,
    )


def event_report() -> EventReport:
    first_stream, second_stream = "Stream 1: Digital tools", "Stream 2: Housing"
    mobility = small(
        2,
        "Mobility hubs",
        first_stream,
        [idea(201, "共享单车覆盖每个街区", 7), idea(202, "Night buses", 2)],
        (
            OutcomeSummary(
                21,
                "action",
                FORMULA,
                owner=OWNERS[0],
                due="2025-10-01",
                status="open",
                sdgs=(5, 11),
                source_idea_ids=(201,),
            ),
            OutcomeSummary(22, "decision", "Map every bus stop", sdgs=(9,)),
        ),
    )
    quiet = small(3, QUIET, second_stream, [idea(301, "Rent caps", 1)])
    loose = small(
        4,
        "Wrap-up",
        None,
        [idea(401, "Meet again in spring", 5)],
        (
            OutcomeSummary(41, "takeaway", f"Health first {SCRIPT}", sdgs=(3,)),
            OutcomeSummary(
                42, "action", "Publish the report", owner=OWNERS[1], due=None, status="done"
            ),
        ),
    )
    return EventReport(
        event_id=1,
        title="2025 Workshop for Thought Leaders",
        subtitle="Cities that cool",
        venue="Lisbon",
        starts_on="2025-06-03",
        ends_on="2025-06-05",
        generated_at=datetime(2025, 6, 5, 18, 0),
        streams=(
            StreamReport(first_stream, (rich_summary(), mobility)),
            StreamReport(second_stream, (quiet,)),
            StreamReport(None, (loose,)),
        ),
    )


def squeezed(text: str) -> str:
    """Text without whitespace: a PDF breaks lines wherever a table cell wraps."""
    return re.sub(r"\s+", "", text)


def read_back(name: str, rendered: bytes) -> str:
    if name == "pdf":
        return pdf_text(rendered)
    if name == "docx":
        return docx_text(rendered)
    if name == "html":
        return html_text(rendered)[0]
    if name == "csv":
        return "\n".join(" | ".join(row) for row in csv_rows(rendered))
    return rendered.decode()


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    report = event_report()
    return {name: chosen.render(report) for name, chosen in REPORT_FORMATS.items()}


@pytest.fixture(scope="module")
def anonymous_rendered() -> dict[str, bytes]:
    report = anonymised_report(event_report())
    return {name: chosen.render(report) for name, chosen in REPORT_FORMATS.items()}


@pytest.fixture(scope="module")
def document(rendered: dict[str, bytes]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(rendered["json"])
    return loaded


def test_json_lists_the_event_counts_and_every_outcome(document: dict[str, Any]) -> None:
    assert document["schema"] == "facilitation.report/1"
    assert document["event"] == {
        "id": 1,
        "title": "2025 Workshop for Thought Leaders",
        "subtitle": "Cities that cool",
        "venue": "Lisbon",
        "starts_on": "2025-06-03",
        "ends_on": "2025-06-05",
    }
    assert document["counts"] == {"roundtables": 4, "participants": 32, "ideas": 9, "outcomes": 8}
    assert [t["text"] for t in document["action_items"]] == [
        "Draft the tree budget",
        FORMULA,
        "Publish the report",
    ]
    assert document["action_items"][1] == {
        "id": 21,
        "text": FORMULA,
        "owner": OWNERS[0],
        "due": "2025-10-01",
        "status": "open",
        "sdgs": [5, 11],
        "stream": "Stream 1: Digital tools",
        "roundtable": "Mobility hubs",
        "roundtable_id": 2,
    }
    assert [t["text"] for t in document["takeaways"]] == [
        "Trees cool streets cheaply",
        f"Health first {SCRIPT}",
    ]
    assert [d["text"] for d in document["decisions"]] == [
        "Pilot the school streets in Lisbon",
        "Map every bus stop",
    ]
    assert [s["title"] for s in document["streams"]] == [
        "Stream 1: Digital tools",
        "Stream 2: Housing",
        None,
    ]
    first = document["streams"][0]["roundtables"][0]
    assert first["schema"] == "facilitation.summary/1" and first["roundtable"]["id"] == 1


def test_json_top_ideas_rank_by_votes_across_roundtables(document: dict[str, Any]) -> None:
    assert [(i["id"], i["votes"], i["roundtable_id"]) for i in document["top_ideas"]] == [
        (7, 9, 1),
        (201, 7, 2),
        (10, 6, 1),
        (401, 5, 4),
        (11, 4, 1),
        (20, 3, 1),
        (202, 2, 2),
        (301, 1, 3),
    ]
    assert document["top_ideas"][2]["text"] == CHINESE
    assert document["top_ideas"][0]["prompt"] == "What should cities try first?"


def test_json_sdg_matrix_counts_outcomes_per_stream_and_goal(document: dict[str, Any]) -> None:
    assert document["sdg_matrix"] == [
        {"stream": "Stream 1: Digital tools", "goals": {"5": 1, "9": 1, "11": 3, "13": 2}},
        {"stream": "Stream 2: Housing", "goals": {}},
        {"stream": None, "goals": {"3": 1}},
    ]
    assert [g["number"] for g in document["goals"]] == [3, 5, 9, 11, 13]
    assert document["goals"][3] == {"number": 11, "name": "Sustainable cities and communities"}
    assert 1 in [g["number"] for g in document["goals_missing"]]


def wanted(document: dict[str, Any]) -> list[str]:
    """Every action item, takeaway, decision and top idea, by its text."""
    found = [
        item["text"] for key in ("action_items", "takeaways", "decisions") for item in document[key]
    ]
    found += [idea["text"] for idea in document["top_ideas"]]
    found += [o for o in OWNERS[:1]]
    return found


@pytest.mark.parametrize("name", READ_BACK)
def test_every_format_carries_every_outcome_and_top_idea(
    document: dict[str, Any], rendered: dict[str, bytes], name: str
) -> None:
    text = squeezed(read_back(name, rendered[name]))
    for item in wanted(document):
        expected = escape(item) if name == "md" else item
        assert squeezed(expected) in text, (name, item)


@pytest.mark.parametrize("name", ["md", "html", "pdf", "docx"])
def test_readable_formats_have_every_section_and_roundtable(
    rendered: dict[str, bytes], name: str
) -> None:
    text = squeezed(read_back(name, rendered[name]))
    for part in (
        "SDGs covered across the event",
        "Goals no outcome touched",
        "Every action item",
        "Top ideas across roundtables",
        "SDG 11: Sustainable cities and communities",
        "From: Shade trees on every school street",
        "14 joined, 5 contributed, 9 voted",
        "Stream 2: Housing",
        "Roundtables of no stream",
        QUIET,
        "No outcomes recorded.",
    ):
        assert squeezed(part) in text, (name, part)


def test_the_page_shows_the_matrix_with_its_counts(rendered: dict[str, bytes]) -> None:
    page = rendered["html"].decode()
    matrix = page.split('<table class="matrix">', 1)[1].split("</table>", 1)[0]
    header = re.findall(r"<th[^>]*>([^<]*)</th>", matrix)
    assert header == ["Stream", "SDG 3", "SDG 5", "SDG 9", "SDG 11", "SDG 13"]
    assert 'title="SDG 11: Sustainable cities and communities"' in matrix
    rows = [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>.*?</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", matrix, re.S)[1:]
    ]
    assert rows == [
        ["Stream 1: Digital tools", "0", "1", "1", "3", "2"],
        ["Stream 2: Housing", "0", "0", "0", "0", "0"],
        ["Roundtables of no stream", "1", "0", "0", "0", "0"],
    ]
    assert "<svg" in page and "Outcomes per goal across the event" in page


def test_the_page_asks_for_nothing_and_runs_nothing(rendered: dict[str, bytes]) -> None:
    page = rendered["html"].decode()
    _, tags = html_text(rendered["html"])
    assert "script" not in tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page)
    assert "@import" not in page and not re.search(r"url\((?!#)", page)


def test_csv_lists_every_outcome_then_the_top_ideas_without_formulas(
    rendered: dict[str, bytes],
) -> None:
    rows = csv_rows(rendered["csv"])
    blank = rows.index([])
    header, outcomes = rows[0], rows[1:blank]
    assert header[:6] == ["stream", "roundtable", "roundtable id", "outcome id", "kind", "text"]
    assert len(outcomes) == 8
    action = next(row for row in outcomes if row[3] == "21")
    assert action == [
        "Stream 1: Digital tools",
        "Mobility hubs",
        "2",
        "21",
        "action",
        "'" + FORMULA,
        OWNERS[0],
        "2025-10-01",
        "open",
        "5 11",
    ]
    ideas = rows[blank + 2 :]
    assert [row[5] for row in ideas] == ["7", "201", "10", "401", "11", "20", "202", "301"]
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_word_file_has_the_matrix_and_the_action_items_as_tables(
    rendered: dict[str, bytes],
) -> None:
    import io

    import docx

    opened = docx.Document(io.BytesIO(rendered["docx"]))
    first = [[cell.text for cell in row.cells] for row in opened.tables[0].rows]
    assert first[0] == ["Stream", "SDG 3", "SDG 5", "SDG 9", "SDG 11", "SDG 13"]
    assert first[1] == ["Stream 1: Digital tools", "0", "1", "1", "3", "2"]
    actions = [[cell.text for cell in row.cells] for row in opened.tables[1].rows]
    assert [row[0] for row in actions[1:]] == [
        "Draft the tree budget",
        FORMULA,
        "Publish the report",
    ]
    assert len(opened.inline_shapes) == 1


PRIVATE = (*NAMES, *AFFILIATIONS, *OWNERS, *MORE_AFFILIATIONS)


@pytest.mark.parametrize("name", ["json", *READ_BACK])
def test_anonymised_report_names_nobody_in_any_format(
    anonymous_rendered: dict[str, bytes], name: str
) -> None:
    text = (
        read_back(name, anonymous_rendered[name])
        if name != "json"
        else (anonymous_rendered[name].decode())
    )
    for private in PRIVATE:
        assert private not in text, (name, private)
        assert squeezed(private) not in squeezed(text), (name, private)
    assert squeezed("Draft the tree budget") in squeezed(text)


def test_anonymised_report_keeps_every_count(document: dict[str, Any]) -> None:
    anonymous = json.loads(REPORT_FORMATS["json"].render(anonymised_report(event_report())))
    assert anonymous["counts"] == document["counts"]
    assert anonymous["sdg_matrix"] == document["sdg_matrix"]
    assert [i["votes"] for i in anonymous["top_ideas"]] == [
        i["votes"] for i in document["top_ideas"]
    ]
    assert all(i["author"] is None for i in anonymous["top_ideas"])
    assert all(a["owner"] is None for a in anonymous["action_items"])


def test_file_name_is_the_event_report_and_its_day() -> None:
    report = event_report()
    assert report_file_name(report, "pdf") == "2025-workshop-thought-leaders-report-2025-06-05.pdf"
    assert (
        report_file_name(report, "csv", anonymous=True)
        == "2025-workshop-thought-leaders-report-2025-06-05-anonymous.csv"
    )
    untitled = replace(report, title="!!!")
    assert report_file_name(untitled, "md") == "event-1-report-2025-06-05.md"


def test_an_event_without_outcomes_or_votes_still_renders_everywhere() -> None:
    empty = replace(event_report(), streams=(StreamReport(None, ()),))
    for name, chosen in REPORT_FORMATS.items():
        assert chosen.render(empty), name
    document = json.loads(REPORT_FORMATS["json"].render(empty))
    assert document["goals"] == [] and document["top_ideas"] == []
    assert len(document["goals_missing"]) == 17
