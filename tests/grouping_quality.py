"""How close suggested groups come to the groups a person made: for the tests and the bench."""

from __future__ import annotations

from pathlib import Path

import yaml
from sklearn.metrics import adjusted_rand_score

from facilitation.services.suggestions import Suggestion

WORKSHOP_IDEAS = Path(__file__).resolve().parent / "data" / "workshop_ideas.yaml"
# A person's group is recovered when some suggestion shares at least half of the ideas in either.
RECOVERED_AT = 0.5
Ideas = list[tuple[int, str]]


def labelled_ideas(path: Path = WORKSHOP_IDEAS) -> tuple[Ideas, list[str]]:
    """The ideas as (idea_id, text) and, in the same order, the group a person gave each."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))["ideas"]
    return [(index, row["text"]) for index, row in enumerate(rows)], [row["group"] for row in rows]


def people_groups(groups: list[str]) -> dict[str, set[int]]:
    people: dict[str, set[int]] = {}
    for index, group in enumerate(groups):
        people.setdefault(group, set()).add(index)
    return people


def matches(one: set[int], other: set[int]) -> bool:
    return len(one & other) / len(one | other) >= RECOVERED_AT


def recovered(groups: list[str], found: list[Suggestion]) -> list[str]:
    """The person's groups that some suggested group matches (Jaccard >= RECOVERED_AT)."""
    suggested = [set(s.idea_ids) for s in found]
    return [
        name
        for name, members in people_groups(groups).items()
        if any(matches(members, s) for s in suggested)
    ]


def sound(groups: list[str], found: list[Suggestion]) -> int:
    """How many suggested groups match some person's group by the same rule."""
    people = people_groups(groups).values()
    return sum(any(matches(set(s.idea_ids), members) for members in people) for s in found)


def rand_index(groups: list[str], found: list[Suggestion]) -> float:
    """Adjusted Rand index; an idea in no suggestion is a group of its own."""
    labels = [f"alone-{index}" for index in range(len(groups))]
    for number, suggestion in enumerate(found):
        for idea_id in suggestion.idea_ids:
            labels[idea_id] = f"suggested-{number}"
    return float(adjusted_rand_score(groups, labels))
