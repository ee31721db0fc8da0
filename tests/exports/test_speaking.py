"""Speaking time in every summary format: the JSON carries each speaker's turns and time and
the measures, worked out here again from the turns taken; the Markdown, the page, the PDF, the
Word file and the CSV each show the same; an anonymised export, or a Chatham House roundtable's,
names no speaker and no city; a roundtable where nobody took the floor has no such section."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from typing import Any

import pytest

from facilitation.db import Database
from facilitation.exports import FORMATS, anonymised
from facilitation.exports.apart import render_apart
from facilitation.exports.speaking import clock, duration, sentence
from facilitation.services.summary_data import SpeakerTime, Speaking, Summary
from tests.exports.readback import csv_rows, html_text, text_of
from tests.exports.speaking_room import PEOPLE, TURNS, speaking_summary

READABLE = ("md", "html", "pdf", "docx")


@pytest.fixture
def summary(database: Database) -> Summary:
    with database.writing() as session:
        return speaking_summary(session)


# The figures, worked out here from the turns taken, by the rules of docs/reports.md.


def people() -> list[dict[str, Any]]:
    turns: Counter[int] = Counter()
    seconds: Counter[int] = Counter()
    for index, held in TURNS:
        turns[index] += 1
        seconds[index] += held
    return [
        {
            "name": PEOPLE[i][0],
            "affiliation": PEOPLE[i][1],
            "turns": turns[i],
            "seconds": seconds[i],
        }
        for i in sorted(seconds, key=lambda i: -seconds[i])
    ]


def affiliations() -> list[dict[str, Any]]:
    grouped: dict[str, dict[str, Any]] = {}
    for person in people():
        entry = grouped.setdefault(
            person["affiliation"] or "",
            {"name": person["affiliation"] or "", "people": 0, "turns": 0, "seconds": 0},
        )
        entry["people"] += 1
        entry["turns"] += person["turns"]
        entry["seconds"] += person["seconds"]
    return sorted(grouped.values(), key=lambda a: (a["name"] == "", -a["seconds"]))


def expected() -> dict[str, Any]:
    times = [person["seconds"] for person in people()]
    total, n = sum(times), len(times)
    fifth = math.ceil(n / 5)
    return {
        "speakers": n,
        "turns": len(TURNS),
        "seconds": total,
        "longest_share": round(max(times) / total, 3),
        "top_fifth_share": round(sum(sorted(times, reverse=True)[:fifth]) / total, 3),
        "gini": round(sum(abs(a - b) for a in times for b in times) / (2 * n * total), 3),
        "people": people(),
        "affiliations": affiliations(),
    }


def test_the_json_carries_each_speaker_s_time_as_the_turns_took_it(summary: Summary) -> None:
    document = json.loads(FORMATS["json"].render(summary))
    assert document["speaking"] == expected()
    # The hand lowered before its turn, and the person who never raised one, held no floor.
    assert [p["name"] for p in document["speaking"]["people"]] == [
        PEOPLE[1][0],
        PEOPLE[0][0],
        PEOPLE[2][0],
        PEOPLE[3][0],
    ]


# What a reader finds in each format, worked out from the same figures.


def flat(text: str) -> str:
    """Text without whitespace or table rules (see test_answered.flat)."""
    return re.sub(r"[\s|]+", "", text)


def time_of(seconds: int) -> str:
    hours, minutes, secs = seconds // 3600, seconds // 60 % 60, seconds % 60
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def share(seconds: int) -> str:
    return f"{100 * seconds / expected()['seconds']:.0f}%"


def wanted_rows() -> list[str]:
    """Each row of the two tables, as its cells in order."""
    rows = [
        f"{p['name']}{p['affiliation'] or 'Not given'}{p['turns']}{time_of(p['seconds'])}"
        f"{share(p['seconds'])}"
        for p in people()
    ]
    rows += [
        f"{a['name'] or 'Not given'}{a['people']}{a['turns']}{time_of(a['seconds'])}"
        f"{share(a['seconds'])}"
        for a in affiliations()
    ]
    return rows


@pytest.mark.parametrize("name", READABLE)
def test_every_readable_format_shows_who_held_the_floor_and_how_long(
    summary: Summary, name: str
) -> None:
    text = text_of(name, summary)
    figures = expected()
    minutes = (figures["seconds"] + 30) // 60
    said = (
        f"4 people took the floor in 6 turns, {minutes // 60} h {minutes % 60} min in all. "
        f"The longest speaker held {figures['longest_share'] * 100:.0f}% of the time; the Gini "
        f"coefficient of speaking time is {figures['gini']:.2f}"
    )
    assert flat(said) in flat(text), name
    for row in wanted_rows():
        assert flat(row) in flat(text), (name, row)
    for heading in ("By person", "By city or organisation", "City or organisation"):
        assert heading in text, (name, heading)
    # After the participation balance, before the prompts.
    first, then, last = "Participation balance", "Speaking time", "1. What should cities"
    assert text.index(first) < text.index(then) < text.index(last), name


def test_times_read_as_a_clock_and_the_total_in_words() -> None:
    assert [clock(s) for s in (0, 45, 725, 3600, 3725)] == [
        "0:00",
        "0:45",
        "12:05",
        "1:00:00",
        "1:02:05",
    ]
    assert [duration(s) for s in (0, 45, 89, 90, 150, 2280, 3599, 3600, 4275)] == [
        "0 s",
        "45 s",
        "1 min",
        "2 min",
        "3 min",
        "38 min",
        "1 h",
        "1 h",
        "1 h 11 min",
    ]


def speaking_of(*seconds: int) -> Speaking:
    return Speaking(
        people=tuple(SpeakerTime(f"P{n}", None, 1, s) for n, s in enumerate(seconds)),
        affiliations=(),
        longest_share=round(max(seconds) / sum(seconds), 3) if sum(seconds) else None,
        top_fifth_share=round(max(seconds) / sum(seconds), 3) if sum(seconds) else None,
        gini=0.5 if sum(seconds) else None,
    )


def test_the_sentence_names_the_top_fifth_only_when_it_is_more_than_the_longest_speaker() -> None:
    assert "fifth" not in sentence(speaking_of(300, 200, 100, 100, 100))
    assert "the fifth who spoke longest" in sentence(speaking_of(300, 200, 100, 100, 100, 100))
    assert sentence(speaking_of(80)) == "1 person took the floor in 1 turn, 1 min in all."
    assert sentence(speaking_of(0, 0)) == "2 people took the floor in 2 turns, 0 s in all."


def test_the_csv_lists_speaking_time_after_the_outcomes(summary: Summary) -> None:
    rows = csv_rows(FORMATS["csv"].render(summary))
    header = rows.index(
        [
            "section",
            "kind",
            "name",
            "affiliation",
            "people",
            "turns",
            "seconds",
            "share",
            "longest speaker's share",
            "top fifth's share",
            "gini",
        ]
    )
    assert rows[header - 1] == [] and rows.index([]) < header
    everyone, *rest = [dict(zip(rows[header], row, strict=True)) for row in rows[header + 1 :]]
    figures = expected()
    assert (everyone["kind"], everyone["people"], everyone["turns"], everyone["seconds"]) == (
        "everyone",
        str(figures["speakers"]),
        str(figures["turns"]),
        str(figures["seconds"]),
    )
    assert [
        float(everyone[k]) for k in ("longest speaker's share", "top fifth's share", "gini")
    ] == [
        figures["longest_share"],
        figures["top_fifth_share"],
        figures["gini"],
    ]
    total = figures["seconds"]
    assert [(r["kind"], r["name"], r["affiliation"], r["turns"], r["seconds"]) for r in rest] == [
        ("person", p["name"], p["affiliation"] or "", str(p["turns"]), str(p["seconds"]))
        for p in people()
    ] + [("affiliation", "", a["name"], str(a["turns"]), str(a["seconds"])) for a in affiliations()]
    assert [float(r["share"]) for r in rest] == [
        round(x["seconds"] / total, 4) for x in (*people(), *affiliations())
    ]


QUEUE_NAMES = tuple(part for person in PEOPLE for part in person if part)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_the_anonymised_speaking_time_names_nobody_and_keeps_every_time(
    summary: Summary, name: str
) -> None:
    hidden = anonymised(summary)
    text = flat(text_of(name, hidden))
    for word in QUEUE_NAMES:
        assert flat(word) not in text, (name, word)
    if name in READABLE:
        for number, person in enumerate(people(), start=1):
            row = f"Speaker {number}{person['turns']}{time_of(person['seconds'])}"
            assert flat(row + share(person["seconds"])) in text, (name, row)
        assert "Cityororganisation" not in text
    assert hidden.speaking is not None and summary.speaking is not None
    assert [(p.turns, p.seconds) for p in hidden.speaking.people] == [
        (p.turns, p.seconds) for p in summary.speaking.people
    ]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_a_chatham_house_roundtable_names_no_speaker_even_in_a_named_export(
    database: Database, name: str
) -> None:
    with database.writing() as session:
        summary = speaking_summary(session, attribution="anonymous")
    text = flat(text_of(name, summary))
    for word in QUEUE_NAMES:
        assert flat(word) not in text, (name, word)
    if name in READABLE:
        assert flat(f"Speaker 1 2 {time_of(3820)}") in text, name


def test_a_roundtable_attributed_by_affiliation_shows_cities_but_no_speaker(
    database: Database,
) -> None:
    with database.writing() as session:
        summary = speaking_summary(session, attribution="affiliation")
    document = json.loads(FORMATS["json"].render(summary))["speaking"]
    assert [(p["name"], p["affiliation"]) for p in document["people"]] == [
        (None, p["affiliation"]) for p in people()
    ]
    assert document["affiliations"] == affiliations()
    markdown = FORMATS["md"].render(summary).decode()
    assert f"| Speaker 1 | {PEOPLE[1][1]} | 2 | 1:03:40 |" in markdown
    assert not any(person in markdown for person, _ in PEOPLE)


def test_nobody_at_the_floor_means_no_speaking_time_anywhere(database: Database) -> None:
    with database.writing() as session:
        summary = speaking_summary(session, turns=())
    assert summary.speaking is None
    assert json.loads(FORMATS["json"].render(summary))["speaking"] is None
    for name in READABLE:
        assert "Speaking time" not in text_of(name, summary), name
    assert not any(row[:1] == ["speaking"] for row in csv_rows(FORMATS["csv"].render(summary)))


def test_speaking_time_renders_apart_as_in_place(summary: Summary) -> None:
    assert html_text(render_apart("summary", "html", summary)) == html_text(
        FORMATS["html"].render(summary)
    )
