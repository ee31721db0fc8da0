"""How long each export format takes for a large roundtable: 1,000 ideas over five prompts,
with replies, reactions, themes, outcomes and the participation balance. Best of three runs
per format, beside the JSON render of the same summary, as a ratio. Then the same for the
whole-event report of an event with five roundtables of 200 ideas each."""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitation.exports import FORMATS, REPORT_FORMATS
from facilitation.services.summary_data import (
    AffiliationShare,
    Byline,
    EventReport,
    IdeaSummary,
    OutcomeSummary,
    Participation,
    PromptSummary,
    ReplySummary,
    StreamReport,
    Summary,
    ThemeSummary,
    TimelinePoint,
)

IDEAS = 1_000
EVENT_ROUNDTABLES = 5
EVENT_IDEAS = 200  # per roundtable
PROMPTS = 5
RUNS = 3
START = datetime(2025, 6, 4, 14, 0)
WORDS = [
    "shade",
    "trees",
    "cool",
    "roofs",
    "water",
    "fountains",
    "bus",
    "lanes",
    "heat",
    "plan",
    "data",
    "sharing",
    "community",
    "gardens",
    "flood",
    "maps",
    "城市",
    "绿化",
    "降温",
    "budget",
    "school",
    "streets",
]
CITIES = ("Lisbon", "Quito", "Lima", "Nairobi", "Shenzhen", "Pune", "Accra", "Bogotá")


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def large_summary(
    ideas_in_all: int = IDEAS, roundtable_id: int = 1, stream: str | None = None, seed: int = 7
) -> Summary:
    rng = random.Random(seed)
    prompts = []
    next_id = 1
    for p in range(PROMPTS):
        themes = tuple(
            ThemeSummary(id=100 * p + t, name=_text(rng, 2), votes=rng.randint(0, 5), idea_ids=())
            for t in range(8)
        )
        ideas = []
        for i in range(ideas_in_all // PROMPTS):
            idea_id, next_id = next_id, next_id + 1
            replies = []
            for _ in range(rng.choice((0, 0, 0, 1, 2))):
                replies.append(
                    ReplySummary(
                        next_id,
                        _text(rng, 8),
                        Byline(f"Person {rng.randint(1, 200)}", rng.choice(CITIES)),
                        START + timedelta(minutes=i // 4),
                        {"👍": rng.randint(0, 3)},
                    )
                )
                next_id += 1
            ideas.append(
                IdeaSummary(
                    id=idea_id,
                    text=_text(rng, rng.randint(4, 30)),
                    author=f"Person {rng.randint(1, 200)}",
                    affiliation=rng.choice(CITIES),
                    votes=rng.randint(0, 25),
                    rank=1,
                    theme=rng.choice(themes).name,
                    replies=tuple(replies),
                    created_at=START + timedelta(minutes=i // 4),
                    reactions={"👍": rng.randint(0, 5), "💡": rng.randint(0, 2)},
                )
            )
        ideas.sort(key=lambda idea: -idea.votes)
        prompts.append(
            PromptSummary(
                id=p + 1,
                text=f"Prompt {p + 1}: {_text(rng, 6)}?",
                kind="ideas",
                status="closed",
                phase="results",
                attribution="named",
                ideas=ideas,
                contributors=150,
                voters=180,
                votes_cast=sum(idea.votes for idea in ideas),
                themes=themes,
                replies=sum(len(idea.replies) for idea in ideas),
            )
        )
    outcomes = tuple(
        OutcomeSummary(
            id=n,
            kind=("takeaway", "decision", "action", "question")[n % 4],
            text=_text(rng, 12),
            owner="Person 1" if n % 4 == 2 else None,
            due="2025-09-30" if n % 4 == 2 else None,
            status="open" if n % 4 == 2 else None,
            sdgs=((11, 13), (11,), (3, 5), (13, 17))[(n + roundtable_id) % 4],
            source_idea_ids=(1, 2),
            source_theme_ids=(0,),
        )
        for n in range(24)
    )
    participation = Participation(
        joined=200,
        contributed=150,
        voted=180,
        contributions=ideas_in_all + sum(p.replies for p in prompts),
        gini=0.38,
        top_fifth_share=0.45,
        affiliations=tuple(AffiliationShare(city, 25, 150) for city in CITIES),
        timeline=tuple(TimelinePoint(START + timedelta(minutes=5 * i), 20) for i in range(24)),
    )
    return Summary(
        roundtable_id=roundtable_id,
        title=f"Large roundtable {roundtable_id}",
        event="Bench",
        stream=stream,
        description="",
        status="closed",
        participants=200,
        idea_count=ideas_in_all,
        reply_count=sum(p.replies for p in prompts),
        prompts=prompts,
        generated_at=START + timedelta(hours=2),
        outcomes=outcomes,
        participation=participation,
    )


def large_report() -> EventReport:
    """An event of two streams and five roundtables, each of EVENT_IDEAS ideas."""
    summaries = [
        large_summary(EVENT_IDEAS, n, f"Stream {1 + n % 2}", seed=n)
        for n in range(1, EVENT_ROUNDTABLES + 1)
    ]
    return EventReport(
        event_id=1,
        title="Bench event",
        subtitle="",
        venue="",
        starts_on="2025-06-03",
        ends_on="2025-06-05",
        generated_at=START + timedelta(days=1),
        streams=tuple(
            StreamReport(title, tuple(s for s in summaries if s.stream == title))
            for title in ("Stream 1", "Stream 2")
        ),
    )


def best_of(render: Callable[[], bytes]) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        size = len(render())
        times.append(time.perf_counter() - started)
    return min(times), size


def table(results: dict[str, tuple[float, int]]) -> None:
    baseline = results["json"][0]
    print(f"{'format':<8}{'seconds':>10}{'bytes':>12}{'x json':>10}")
    for name, (seconds, size) in results.items():
        print(f"{name:<8}{seconds:>10.3f}{size:>12,}{seconds / baseline:>10.1f}")


def main() -> None:
    only = sys.argv[1:]  # "summary" or "report": one half only
    if not only or "summary" in only:
        summary = large_summary()
        for chosen in FORMATS.values():  # first renders import matplotlib, ReportLab, fonts
            chosen.render(summary)
        print(f"Export of {IDEAS} ideas, {summary.reply_count} replies, best of {RUNS}")
        table({name: best_of(lambda f=f: f.render(summary)) for name, f in FORMATS.items()})
    if not only or "report" in only:
        report = large_report()
        for chosen in REPORT_FORMATS.values():
            chosen.render(report)
        print(
            f"Event report of {EVENT_ROUNDTABLES} roundtables of {EVENT_IDEAS} ideas, "
            f"best of {RUNS}"
        )
        table({name: best_of(lambda f=f: f.render(report)) for name, f in REPORT_FORMATS.items()})


if __name__ == "__main__":
    main()
