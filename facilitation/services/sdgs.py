"""The 17 Sustainable Development Goals, by number, with their official short names.

Outcomes are tagged by number; every format shows the number with its name.
"""

from __future__ import annotations

from facilitation.services.errors import InvalidInputError

GOALS: dict[int, str] = {
    1: "No poverty",
    2: "Zero hunger",
    3: "Good health and well-being",
    4: "Quality education",
    5: "Gender equality",
    6: "Clean water and sanitation",
    7: "Affordable and clean energy",
    8: "Decent work and economic growth",
    9: "Industry, innovation and infrastructure",
    10: "Reduced inequalities",
    11: "Sustainable cities and communities",
    12: "Responsible consumption and production",
    13: "Climate action",
    14: "Life below water",
    15: "Life on land",
    16: "Peace, justice and strong institutions",
    17: "Partnerships for the goals",
}


def label(goal: int) -> str:
    """ "SDG 11: Sustainable cities and communities"."""
    return f"SDG {goal}: {GOALS[goal]}"


def checked(goals: object) -> tuple[int, ...]:
    """A list of goal numbers as sent by a client: each 1 to 17, each once, in order."""
    if not isinstance(goals, list | tuple) or not all(
        isinstance(goal, int) and not isinstance(goal, bool) for goal in goals
    ):
        raise InvalidInputError("bad_sdgs", "sdgs must be a list of goal numbers, 1 to 17.")
    unknown = [goal for goal in goals if goal not in GOALS]
    if unknown:
        raise InvalidInputError("bad_sdgs", f"There are 17 goals; {unknown[0]} is not one of them.")
    return tuple(sorted(set(goals)))
