"""The limits and fixed lists the browser pages need, taken from where the server defines them."""

from __future__ import annotations

from typing import Any

from facilitation.models import ANSWERED_KINDS, PromptKind
from facilitation.services.answers import (
    COMMENT_MAX,
    CRITERIA_MAX,
    CRITERION_MAX,
    DEFAULT_SCALE,
    DESCRIPTION_MAX,
    ITEMS_MAX,
    OPTION_MAX,
    OPTIONS_MAX,
    OPTIONS_MIN,
    SCALE_HIGH_MAX,
    SCALE_LOWS,
    WEIGHT_MAX,
)
from facilitation.services.notes import NOTES_MAX
from facilitation.services.opinions import MIN_OPINIONS_TO_GROUP, MIN_VOTERS_TO_GROUP
from facilitation.services.outcomes import OUTCOME_TEXT_MAX, OWNER_MAX
from facilitation.services.phases import ORDER, TIMER_MAX_SECONDS, TIMER_MIN_SECONDS
from facilitation.services.prompts import DEFAULT_VOTES_PER_PARTICIPANT, MAX_VOTES_PER_PARTICIPANT
from facilitation.services.sdgs import GOALS
from facilitation.services.speakers import TURN_MAX_SECONDS, TURN_MIN_SECONDS
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
        # Polls, scales, rankings and assessments: their kinds and what they are set up with.
        "prompt_kinds": [kind.value for kind in PromptKind],
        "answered_kinds": [kind.value for kind in PromptKind if kind in ANSWERED_KINDS],
        "options_min": OPTIONS_MIN,
        "options_max": OPTIONS_MAX,
        "choices_min": 1,
        "option_max": OPTION_MAX,
        "items_max": ITEMS_MAX,
        "criteria_max": CRITERIA_MAX,
        "criterion_max": CRITERION_MAX,
        "description_max": DESCRIPTION_MAX,
        "weight_max": WEIGHT_MAX,
        "comment_max": COMMENT_MAX,
        "scale_lows": list(SCALE_LOWS),
        "scale_high_max": SCALE_HIGH_MAX,
        "scale_default": {"min": DEFAULT_SCALE[0], "max": DEFAULT_SCALE[1]},
        # Statements: when the room is split into opinion groups (docs/opinions.md).
        "group_min_voters": MIN_VOTERS_TO_GROUP,
        "group_min_opinions": MIN_OPINIONS_TO_GROUP,
        # The speakers' queue: the time a turn may be given (0 gives no limit).
        "turn_min_seconds": TURN_MIN_SECONDS,
        "turn_max_seconds": TURN_MAX_SECONDS,
    }
