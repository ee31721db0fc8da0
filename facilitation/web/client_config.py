"""The limits and fixed lists the browser pages need, taken from where the server defines them."""

from __future__ import annotations

from typing import Any

from facilitation.services.notes import NOTES_MAX
from facilitation.services.outcomes import OUTCOME_TEXT_MAX, OWNER_MAX
from facilitation.services.phases import ORDER, TIMER_MAX_SECONDS, TIMER_MIN_SECONDS
from facilitation.services.prompts import DEFAULT_VOTES_PER_PARTICIPANT, MAX_VOTES_PER_PARTICIPANT
from facilitation.services.sdgs import GOALS
from facilitation.services.summary_data import ACTION_STATUSES, OUTCOME_KINDS
from facilitation.services.text import AFFILIATION_MAX, IDEA_MAX, NAME_MAX, PROMPT_MAX, TITLE_MAX
from facilitation.services.themes import THEME_NAME_MAX
from facilitation.services.views import PROTECTION, REACTIONS


def client_config() -> dict[str, Any]:
    """What every live page reads from its `client-config` block (see static/js/config.js)."""
    return {
        "idea_max": IDEA_MAX,
        "prompt_max": PROMPT_MAX,
        "title_max": TITLE_MAX,
        "name_max": NAME_MAX,
        "affiliation_max": AFFILIATION_MAX,
        "theme_name_max": THEME_NAME_MAX,
        "timer_min_seconds": TIMER_MIN_SECONDS,
        "timer_max_seconds": TIMER_MAX_SECONDS,
        "votes_min": 1,
        "votes_max": MAX_VOTES_PER_PARTICIPANT,
        "votes_default": DEFAULT_VOTES_PER_PARTICIPANT,
        "phases": [phase.value for phase in ORDER],
        "attributions": [attribution.value for attribution in PROTECTION],
        "reactions": list(REACTIONS),
        "outcome_text_max": OUTCOME_TEXT_MAX,
        "owner_max": OWNER_MAX,
        "notes_max": NOTES_MAX,
        "outcome_kinds": list(OUTCOME_KINDS),
        "action_statuses": list(ACTION_STATUSES),
        "sdgs": list(GOALS),
    }
