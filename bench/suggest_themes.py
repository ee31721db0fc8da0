"""How long "Suggest themes" takes for a busy prompt: 300 workshop-style ideas, on this machine.

Prints one table: the suggestion beside scikit-learn's bare TF-IDF transform of the same
ideas, measured in the same run, as a ratio. The goal is under a second for 300 ideas.

    .venv/bin/python bench/suggest_themes.py [--ideas 300] [--runs 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from sklearn.feature_extraction.text import TfidfVectorizer

from facilitation.services.suggestions import suggest_groups

TOPICS = {
    "shade": ["shade trees", "tree canopy", "green shade", "street trees"],
    "water": ["water fountains", "drinking water", "misting stations", "splash pads"],
    "cooling": ["cooling centres", "air-conditioned libraries", "cool rooms", "heat shelters"],
    "alerts": ["heat alerts", "SMS warnings", "early warning app", "radio alerts"],
    "roofs": ["cool roofs", "white roofs", "green roofs", "reflective pavements"],
    "data": ["digital twin", "open data portal", "heat sensors", "satellite heat maps"],
    "care": ["check-in calls", "volunteer visits", "care for older people", "home nurses"],
    "transport": ["shaded bus stops", "night buses", "bike lanes with trees", "cool transit"],
}
OPENERS = ["We need", "Our city tried", "Invest in", "Start with", "Scale up", "Pilot"]
PLACES = ["in poor neighbourhoods", "near schools", "on main streets", "for everyone", ""]


def workshop_ideas(count: int, seed: int = 7) -> list[tuple[int, str]]:
    rng = random.Random(seed)
    ideas = []
    for index in range(count):
        topic = rng.choice(list(TOPICS))
        words = rng.sample(TOPICS[topic], 2)
        text = f"{rng.choice(OPENERS)} {words[0]} and {words[1]} {rng.choice(PLACES)}".strip()
        ideas.append((index, text))
    return ideas


def best_of(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings), statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    ideas = workshop_ideas(args.ideas)
    texts = [text for _, text in ideas]
    groups = suggest_groups(ideas)
    suggest = best_of(args.runs, lambda: suggest_groups(ideas))
    baseline = best_of(args.runs, lambda: TfidfVectorizer().fit_transform(texts))
    print(f"{args.ideas} ideas, {args.runs} runs, {len(groups)} suggested themes")
    print(f"{'what':<34}{'best ms':>10}{'median ms':>12}{'ratio':>8}")
    for name, (best, median) in (
        ("suggest themes", suggest),
        ("bare TF-IDF transform (baseline)", baseline),
    ):
        print(f"{name:<34}{best * 1000:>10.1f}{median * 1000:>12.1f}{median / baseline[1]:>8.1f}")
    verdict = "within" if suggest[1] < 1.0 else "OVER"
    print(f"median {suggest[1]:.3f} s: {verdict} the one-second goal")


if __name__ == "__main__":
    main()
