"""A prompt written down as data, as an agenda file, a shipped template or a saved one holds
it: read back with the rules of `prompt.create`, and written from a prompt of a roundtable.

A spec is a mapping of these fields, each optional but the text:

- `text`; `kind` (`ideas` by default); `votes_per_participant` (3 by default);
- `phases` (a brainstorm that collects, groups, votes and shows results);
- `attribution` (`named`, `affiliation` or `anonymous`: the prompt's own, overriding its
  roundtable's);
- the switches `private`, `hide_tallies`, `late_ideas`, `premoderate` (true or false);
- the setup of an answered kind: `options`, `max_choices`, `scale`, `items`, `criteria`
  (services/answers.py; an assessment without `criteria` gets the starter rubric);
- `timer_seconds`: the timer's length the console offers first (5 seconds to 2 hours);
- `statements`: a statements prompt's statements, as staff put them to the room (1 to 50).

A field that is not one of these is refused rather than ignored: a misspelt switch in a file
written by hand would otherwise be lost without a word.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from facilitation.models import IdeaStatus, Prompt, PromptKind
from facilitation.services.answers import ALL_SETUP_FIELDS
from facilitation.services.errors import InvalidInputError
from facilitation.services.phases import TIMER_MAX_SECONDS, TIMER_MIN_SECONDS
from facilitation.services.prompts import (
    DEFAULT_VOTES_PER_PARTICIPANT,
    SWITCHES,
    PromptPlan,
    plan_prompt,
)
from facilitation.services.text import IDEA_MAX, clean_text

FIELDS = (
    "text",
    "kind",
    "votes_per_participant",
    "phases",
    "attribution",
    *SWITCHES,
    *ALL_SETUP_FIELDS,
    "timer_seconds",
    "statements",
)
STATEMENTS_MAX = 50


def _wrong(name: str, what: str) -> InvalidInputError:
    return InvalidInputError("bad_request", f"The prompt's {name} must be {what}.")


def _text(spec: Mapping[str, object], name: str) -> str:
    value = spec[name]
    if not isinstance(value, str):
        raise _wrong(name, "text")
    return value


def _whole(spec: Mapping[str, object], name: str) -> int:
    value = spec[name]
    # bool is an int in Python: `votes_per_participant: true` is a mistake, not 1.
    if not isinstance(value, int) or isinstance(value, bool):
        raise _wrong(name, "a whole number")
    return value


def _flag(spec: Mapping[str, object], name: str) -> bool:
    value = spec.get(name, False)
    if not isinstance(value, bool):
        raise _wrong(name, "true or false")
    return value


def read_spec(raw: object) -> PromptPlan:
    """The prompt a spec describes, checked as `prompt.create` checks what a facilitator
    sends; a null field counts as left out."""
    if not isinstance(raw, Mapping):
        raise InvalidInputError("bad_request", "A prompt is a mapping of its fields.")
    spec = {str(name): value for name, value in raw.items() if value is not None}
    if unknown := sorted(set(spec) - set(FIELDS)):
        raise InvalidInputError("bad_request", f"Unknown prompt fields: {', '.join(unknown)}.")
    if "text" not in spec:
        raise InvalidInputError("bad_request", "A prompt needs its text.")
    timer = _whole(spec, "timer_seconds") if "timer_seconds" in spec else None
    if timer is not None and not TIMER_MIN_SECONDS <= timer <= TIMER_MAX_SECONDS:
        raise InvalidInputError(
            "bad_timer",
            f"A timer runs {TIMER_MIN_SECONDS} seconds to {TIMER_MAX_SECONDS // 60} minutes.",
        )
    switches = {name: _flag(spec, name) for name in SWITCHES}
    plan = plan_prompt(
        text=_text(spec, "text"),
        kind=_text(spec, "kind") if "kind" in spec else PromptKind.IDEAS,
        votes_per_participant=(
            _whole(spec, "votes_per_participant")
            if "votes_per_participant" in spec
            else DEFAULT_VOTES_PER_PARTICIPANT
        ),
        phases=_flag(spec, "phases"),
        attribution=_text(spec, "attribution") if "attribution" in spec else None,
        setup={name: spec[name] for name in ALL_SETUP_FIELDS if name in spec},
        timer_seconds=timer,
        **switches,
    )
    if "statements" in spec:
        return replace(plan, statements=_statements(spec["statements"], plan.kind))
    return plan


def _statements(raw: object, kind: str) -> tuple[str, ...]:
    if kind != PromptKind.STATEMENTS:
        raise InvalidInputError("bad_request", "Only a statements prompt has statements.")
    if not isinstance(raw, list) or not 1 <= len(raw) <= STATEMENTS_MAX:
        raise _wrong("statements", f"a list of 1 to {STATEMENTS_MAX} texts")
    if not all(isinstance(text, str) for text in raw):
        raise _wrong("statements", "texts")
    return tuple(clean_text(text, field="idea", max_length=IDEA_MAX) for text in raw)


def spec_of(prompt: Prompt) -> dict[str, object]:
    """The spec of a roundtable's prompt, whatever its status: its wording and setup, not what
    happened to it (its phase now, a reveal, its ideas and answers)."""
    settings = prompt.settings
    spec: dict[str, object] = {
        "text": prompt.text,
        "kind": prompt.kind,
        "votes_per_participant": prompt.votes_per_participant,
    }
    if prompt.phase is not None:
        spec["phases"] = True
    spec.update({name: True for name in SWITCHES if settings.get(name)})
    if settings.get("attribution"):
        spec["attribution"] = settings["attribution"]
    spec.update({name: settings[name] for name in ALL_SETUP_FIELDS if name in settings})
    if prompt.timer_seconds:
        spec["timer_seconds"] = prompt.timer_seconds
    if prompt.kind == PromptKind.STATEMENTS:
        # Staff's statements, still in the room; participants' proposals were theirs to make.
        put = [
            idea.text
            for idea in prompt.ideas
            if idea.participant_id is None
            and idea.parent_id is None
            and idea.status == IdeaStatus.VISIBLE
        ]
        if put:
            spec["statements"] = put[:STATEMENTS_MAX]
    return spec
