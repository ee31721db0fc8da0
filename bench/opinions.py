"""How long opinion groups take for a statements prompt, by size of room, on this machine.

Prints one table: `opinion_results` (PCA, then k-means for k = 2..5 chosen by silhouette)
for rooms of 15 to 100 voters and 30 statements, beside scikit-learn's bare PCA of the same
votes, measured in the same run, as a ratio. The goal is a tenth of a second for a room of 40,
so that the groups can follow the room's votes live.

    .venv/bin/python bench/opinions.py [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from functools import partial

import numpy as np
from sklearn.decomposition import PCA

from facilitation.services.opinions import Opinion, opinion_results

SIDES: list[Opinion] = ["agree", "disagree", "pass"]
STATEMENTS = 30


def room(voters: int) -> list[tuple[int, int, Opinion]]:
    """Three camps of voters, each agreeing with its own third of the statements, with noise
    and some statements left unvoted."""
    chance = random.Random(5)
    return [
        (p, s, SIDES[(p % 3 + s) % 3] if chance.random() < 0.8 else chance.choice(SIDES))
        for p in range(voters)
        for s in range(STATEMENTS)
        if chance.random() < 0.8
    ]


def fastest(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"{'voters':>6}  {'groups':>6}  {'seconds':>8}  {'bare PCA':>8}  {'ratio':>6}")
    for voters in (15, 40, 100):
        rows = room(voters)
        results = opinion_results(rows, list(range(STATEMENTS)))
        matrix = np.zeros((voters, STATEMENTS))
        for p, s, side in rows:
            matrix[p, s] = {"agree": 1, "disagree": -1, "pass": 0}[side]
        ours = fastest(runs, partial(opinion_results, rows, list(range(STATEMENTS))))
        bare = fastest(runs, partial(PCA(n_components=2).fit_transform, matrix))
        groups = len(results.groups)
        print(f"{voters:>6}  {groups:>6}  {ours:>8.3f}  {bare:>8.4f}  {ours / bare:>6.0f}")


if __name__ == "__main__":
    main()
