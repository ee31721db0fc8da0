"""How well "Suggest themes" finds the groups a person made, before and after stemming.

Runs the suggestion on tests/data/workshop_ideas.yaml (ideas in English, Chinese and French,
each labelled with the group a facilitator put it in) and prints, for the previous algorithm
(whitespace words, English stop words, cosine distance 0.85, kept below as a copy) and for
today's:

- groups recovered: a person's group counts as recovered when some suggested group matches
  it with a Jaccard index of at least 0.5 (shared ideas / ideas in either), so a suggestion
  that holds half of a group of four and nothing else, or all of it and a few strays, counts;
- sound suggestions: suggested groups that match some person's group by the same rule, out
  of all suggested (the rest mix topics, or are a fragment of a larger group);
- the adjusted Rand index of the two partitions (1 is the person's grouping, about 0 is
  chance), every idea left out of a suggestion counting as a group of its own;
- the time to suggest for 300 ideas (the labelled ideas repeated with small changes): the
  first run, with nothing stemmed yet, then the best and median of the next runs.

    .venv/bin/python bench/suggest_quality.py [--threshold 0.9] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from facilitation.services import suggestions
from facilitation.services.suggestions import Suggestion, suggest_groups

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.grouping_quality import Ideas, labelled_ideas, rand_index, recovered, sound

Suggest = Callable[[Ideas], list[Suggestion]]


def previous_suggest_groups(ideas: Ideas) -> list[Suggestion]:
    """The suggestion as it was before stemming: a copy kept for comparison."""
    if len(ideas) < 2:
        return []
    vectorizer = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True)
    try:
        vectors = vectorizer.fit_transform([text for _, text in ideas])
    except ValueError:
        return []
    dense = vectors.toarray()
    has_words = dense.any(axis=1)
    if has_words.sum() < 2:
        return []
    labels = np.full(len(ideas), -1)
    labels[has_words] = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=0.85
    ).fit_predict(dense[has_words])
    terms = vectorizer.get_feature_names_out()
    found = []
    for label in set(labels.tolist()) - {-1}:
        members = np.flatnonzero(labels == label)
        if len(members) < 2:
            continue
        weights = dense[members].sum(axis=0)
        top = [str(terms[i]) for i in np.argsort(-weights)[:3]]
        found.append(Suggestion(", ".join(top).capitalize(), [ideas[i][0] for i in members]))
    return sorted(found, key=lambda s: (-len(s.idea_ids), s.idea_ids[0]))


def many_ideas(ideas: Ideas, count: int) -> Ideas:
    """`count` ideas made from the labelled ones, each copy told apart by a few words."""
    tails = ["", " in our district", " for everyone", " next year", " with partners"]
    return [
        (index, ideas[index % len(ideas)][1] + tails[(index // len(ideas)) % len(tails)])
        for index in range(count)
    ]


def timing(work: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """The first run, then the best and the median of `runs` more."""
    started = time.perf_counter()
    work()
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return first, min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=suggestions.DISTANCE_THRESHOLD)
    parser.add_argument("--ideas", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--names", action="store_true", help="print each suggested group")
    args = parser.parse_args()
    suggestions.DISTANCE_THRESHOLD = args.threshold
    ideas, groups = labelled_ideas()
    texts = dict(ideas)
    busy = many_ideas(ideas, args.ideas)
    people = len(set(groups))
    print(f"{len(ideas)} ideas in {people} groups made by a person; {args.ideas} for timing")
    print(
        f"{'':<24}{'recovered':>11}{'ARI':>6}{'sound':>9}"
        f"{'first ms':>10}{'best ms':>9}{'median ms':>11}"
    )
    rows: list[tuple[str, Suggest]] = [
        ("before (words, 0.85)", previous_suggest_groups),
        (f"after (stems, {args.threshold:g})", suggest_groups),
    ]
    for label, suggest in rows:
        first, best, median = timing(lambda s=suggest: s(busy), args.runs)  # type: ignore[misc]
        found = suggest(ideas)
        print(
            f"{label:<24}{len(recovered(groups, found)):>6}/{people:<4}"
            f"{rand_index(groups, found):>6.2f}{sound(groups, found):>5}/{len(found):<3}"
            f"{first * 1000:>10.1f}{best * 1000:>9.1f}{median * 1000:>11.1f}"
        )
        if args.names:
            for suggestion in found:
                print(f"    {suggestion.name!r}: {[texts[i][:30] for i in suggestion.idea_ids]}")
    missed = sorted(set(groups) - set(recovered(groups, suggest_groups(ideas))))
    print(f"not recovered after: {', '.join(missed) or 'none'}")


if __name__ == "__main__":
    main()
