"""Polls, scales, rankings and assessments in every summary format: the JSON carries the
results the contract describes, computed here again from the answers; the Markdown, the page,
the PDF, the Word file and the CSV each show the same figures; nobody is named."""

from __future__ import annotations

import json
import re
import statistics
from dataclasses import replace
from typing import Any

import pytest

from facilitation.db import Database
from facilitation.exports import FORMATS, anonymised, charts
from facilitation.exports.answered import NO_RESPONSES, Note, result_blocks
from facilitation.exports.apart import render_apart
from facilitation.services.summary_data import PollOption, PollSummary, PromptSummary, Summary
from tests.exports.answered_room import (
    ANSWERS,
    CHOICES,
    COMMENTS,
    CRITERIA,
    ITEMS,
    ORDERS,
    POLL,
    RANKING,
    SCORES,
    TEXTS,
    VALUES,
    answered_summary,
)
from tests.exports.readback import csv_rows, html_text, pdf_text, text_of
from tests.exports.rich import AFFILIATIONS, NAMES

READABLE = ("md", "html", "pdf", "docx")


@pytest.fixture
def summary(database: Database) -> Summary:
    with database.writing() as session:
        return answered_summary(session)


def prompt_of(summary: Summary, kind: str) -> PromptSummary:
    (found,) = [prompt for prompt in summary.prompts if prompt.kind == kind]
    return found


# The results, worked out here from the answers, by the contract's rules.


def poll() -> dict[str, Any]:
    options = POLL["options"]
    return {
        "responses": len(CHOICES),
        "options": [
            {"index": i, "text": text, "count": sum(i in chosen for chosen in CHOICES)}
            for i, text in enumerate(options)
        ],
    }


def scale() -> dict[str, Any]:
    return {
        "responses": len(VALUES),
        "mean": statistics.fmean(VALUES),
        "stdev": statistics.pstdev(VALUES),
        "distribution": {str(v): VALUES.count(v) for v in range(11)},
    }


def ranking() -> dict[str, Any]:
    options = RANKING["options"]
    n = len(options)
    points = [0] * n
    for order in ORDERS:
        for position, index in enumerate(order):
            points[index] += n - 1 - position
    return {
        "responses": len(ORDERS),
        "options": [
            {
                "index": i,
                "text": text,
                "borda": points[i],
                "rank": 1 + sum(other > points[i] for other in points),
            }
            for i, text in enumerate(options)
        ],
    }


def scores_of(item: int, criterion: int) -> list[int]:
    return [
        s["value"]
        for answer in SCORES
        for s in answer
        if (s["item"], s["criterion"]) == (item, criterion)
    ]


def assessment() -> dict[str, Any]:
    items = []
    for i, text in enumerate(ITEMS):
        criteria = []
        for c, criterion in enumerate(CRITERIA):
            given = scores_of(i, c)
            criteria.append(
                {
                    "name": criterion["name"],
                    "weight": criterion["weight"],
                    "mean": statistics.fmean(given) if given else None,
                    "stdev": statistics.pstdev(given) if given else None,
                    "n": len(given),
                }
            )
        scored = [c for c in criteria if c["n"]]
        score = (
            sum(c["weight"] * c["mean"] for c in scored) / sum(c["weight"] for c in scored)
            if scored
            else None
        )
        items.append({"index": i, "text": text, "score": score, "criteria": criteria})
    by_score = sorted(
        (item for item in items if item["score"] is not None), key=lambda x: -x["score"]
    )
    for item in items:
        item["rank"] = by_score.index(item) + 1 if item in by_score else None
    comments = [
        {"item": s["item"], "criterion": s["criterion"], "text": s["comment"]}
        for answer in SCORES
        for s in answer
        if s.get("comment")
    ]
    return {
        "responses": len(SCORES),
        "items": items,
        "comments": sorted(comments, key=lambda c: (c["item"], c["criterion"])),
    }


EXPECTED = {"poll": poll, "scale": scale, "ranking": ranking, "assessment": assessment}


def rounded(value: Any) -> Any:
    """The value with every float to nine places, to compare sums computed in another order."""
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {key: rounded(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [rounded(inner) for inner in value]
    return value


def test_the_json_carries_each_kind_s_results_as_computed_from_the_answers(
    summary: Summary,
) -> None:
    document = json.loads(FORMATS["json"].render(summary))
    by_kind = {prompt["kind"]: prompt for prompt in document["prompts"]}
    assert list(by_kind) == ["ideas", *ANSWERS]
    assert "results" not in by_kind["ideas"]
    for kind, expected in EXPECTED.items():
        assert by_kind[kind]["text"] == TEXTS[kind]
        assert rounded(by_kind[kind]["results"]) == rounded(expected()), kind
        assert by_kind[kind]["ideas"] == [] and by_kind[kind]["counts"]["ideas"] == 0


def test_an_answered_prompt_counts_as_used_and_a_draft_poll_does_not(summary: Summary) -> None:
    assert [prompt.kind for prompt in summary.prompts] == ["ideas", *ANSWERS]
    assert [prompt.text for prompt in summary.unused] == ["Never asked"]
    assert all(prompt.results is None for prompt in summary.prompts[:1])


# What a reader finds in each format, worked out from the same figures.


def flat(text: str) -> str:
    """Text without whitespace or table rules: a PDF breaks lines wherever a cell wraps, a
    Word table reads back a cell per line, and Markdown draws cells between bars."""
    return re.sub(r"[\s|]+", "", text)


def figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def share(count: int, responses: int) -> str:
    return f"{100 * count / responses:.0f}%"


def wanted_rows() -> list[str]:
    """Each table row a readable format shows, as its cells in order."""
    polled, rated, ranked, assessed = poll(), scale(), ranking(), assessment()
    rows = [
        f"{o['text']}{o['count']}{share(o['count'], polled['responses'])}"
        for o in polled["options"]
    ]
    rows.append(f"Mean{figure(rated['mean'])}±{figure(rated['stdev'])}")
    rows += [f"{v}{n}{share(n, rated['responses'])}" for v, n in rated["distribution"].items()]
    rows += [
        f"{o['rank']}{o['text']}{o['borda']}"
        for o in sorted(ranked["options"], key=lambda o: o["rank"])
    ]
    for item in assessed["items"]:
        rank = item["rank"] or "—"
        rows.append(f"{rank}{item['text']}{figure(item['score'])}")
        rows += [
            f"{c['name']}{c['weight']}{figure(c['mean'])}{figure(c['stdev'])}{c['n']}"
            for c in item["criteria"]
        ]
    for comment in assessed["comments"]:
        name = CRITERIA[comment["criterion"]]["name"]
        rows.append(f"{ITEMS[comment['item']]}{name}{comment['text']}")
    return rows


@pytest.mark.parametrize("name", READABLE)
def test_every_readable_format_shows_every_figure_of_the_results(
    summary: Summary, name: str
) -> None:
    text = flat(text_of(name, summary))
    for row in wanted_rows():
        assert flat(row) in text, (name, row)
    for phrase in (
        "Poll: 4 responses.",
        "Rating scale: 4 responses.",
        "Ranking: 4 responses.",
        "Assessment: 4 responses.",
        "Items by weighted score",
        "Criteria per item",
        "Borda points",
    ):
        assert flat(phrase) in text, (name, phrase)


def test_the_figures_are_in_the_order_a_reader_expects(summary: Summary) -> None:
    markdown = FORMATS["md"].render(summary).decode()
    # The ranking by Borda points, the items by weighted score, best first.
    assert markdown.index("| 1 | Shade | 9 |") < markdown.index("| 2 | Transit | 7 |")
    assert markdown.index("| 1 | Bogotá bike lanes | 4.00 |") < markdown.index(
        "| 2 | Guangzhou river park | 3.67 |"
    )
    assert "| — | Lagos ferries | — |" in markdown
    assert "| Option | Count | Share |\n| --- | ---: | ---: |" in markdown


def test_the_csv_lists_the_results_after_the_outcomes(summary: Summary) -> None:
    rows = csv_rows(FORMATS["csv"].render(summary))
    header = rows.index(
        [
            "section",
            "prompt",
            "kind",
            "responses",
            "rank",
            "option, value or item",
            "criterion",
            "weight",
            "count",
            "share",
            "borda points",
            "score",
            "mean",
            "stdev",
            "n",
            "comment",
            "agree",
            "disagree",
            "pass",
            "group",
            "consensus or divisive",
        ]
    )
    results = rows[header + 1 :]
    assert rows[header - 1] == [] and rows.index([]) < header  # ideas, outcomes, then these
    by_kind: dict[str, list[dict[str, str]]] = {}
    for row in results:
        by_kind.setdefault(row[2], []).append(dict(zip(rows[header], row, strict=True)))
    polled = poll()
    assert [(r["option, value or item"], r["count"], r["share"]) for r in by_kind["poll"]] == [
        (o["text"], str(o["count"]), str(round(o["count"] / 4, 4))) for o in polled["options"]
    ]
    whole, *values = by_kind["scale"]
    assert (float(whole["mean"]), float(whole["stdev"]), whole["n"]) == (
        pytest.approx(statistics.fmean(VALUES)),
        pytest.approx(statistics.pstdev(VALUES), abs=1e-4),
        "4",
    )
    assert [int(r["count"]) for r in values] == [VALUES.count(v) for v in range(11)]
    ranked = sorted(ranking()["options"], key=lambda o: o["rank"])
    assert [
        (r["rank"], r["option, value or item"], r["borda points"]) for r in by_kind["ranking"]
    ] == [(str(o["rank"]), o["text"], str(o["borda"])) for o in ranked]
    assessed = by_kind["assessment"]
    tops = [r for r in assessed if not r["criterion"]]  # an item's own row: rank and score
    assert [(r["rank"], r["option, value or item"]) for r in tops] == [
        ("1", ITEMS[1]),
        ("2", ITEMS[0]),
        ("", ITEMS[2]),
    ]
    assert float(tops[1]["score"]) == pytest.approx(assessment()["items"][0]["score"], abs=1e-4)
    assert [r["comment"] for r in assessed if r["comment"]] == list(COMMENTS)
    assert all(row[0] == "results" for row in results)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_the_anonymised_results_name_nobody_and_keep_every_figure(
    summary: Summary, name: str
) -> None:
    text = text_of(name, anonymised(summary))
    for person in (*NAMES, *AFFILIATIONS):
        assert flat(person) not in flat(text), (name, person)
    for kept in (*COMMENTS, ITEMS[0], "Trams"):
        assert flat(kept) in flat(text), (name, kept)
    assert anonymised(summary).prompts[1:] == summary.prompts[1:]


def test_a_poll_and_a_scale_are_charted_and_a_ranking_is_not(summary: Summary) -> None:
    (polled,) = charts.prompt_charts(prompt_of(summary, "poll"))
    assert (polled.labels, polled.values) == (("Trams", "Buses", "Bikes"), (3, 1, 2))
    (rated,) = charts.prompt_charts(prompt_of(summary, "scale"))
    assert rated.labels == tuple(str(v) for v in range(11))
    assert rated.values == tuple(VALUES.count(v) for v in range(11))
    assert charts.prompt_charts(prompt_of(summary, "ranking")) == []
    page = FORMATS["html"].render(summary).decode()
    assert page.count("<svg") == 3  # the timeline, the poll and the scale


def test_a_prompt_nobody_answered_says_so_everywhere(summary: Summary) -> None:
    prompt = prompt_of(summary, "poll")
    silent = replace(
        prompt,
        results=PollSummary(0, tuple(PollOption(i, t, 0) for i, t in enumerate(POLL["options"]))),
    )
    assert prompt.results is not None and silent.results is not None
    assert result_blocks(silent.results) == [Note(NO_RESPONSES)]
    assert charts.prompt_charts(silent) == []
    quiet = replace(summary, prompts=[silent])
    for name in READABLE:
        assert "Poll: 0 responses." in text_of(name, quiet)
        assert NO_RESPONSES in text_of(name, quiet), name


def test_the_results_render_apart_as_in_place(summary: Summary) -> None:
    assert html_text(render_apart("summary", "html", summary)) == html_text(
        FORMATS["html"].render(summary)
    )
    assert pdf_text(render_apart("summary", "pdf", summary)) == pdf_text(
        FORMATS["pdf"].render(summary)
    )
