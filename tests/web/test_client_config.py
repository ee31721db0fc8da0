"""The server's limits reach every live page once, in its client-config block, and from there
the forms and scripts; no script keeps its own copy."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from facilitation.models import Attribution, Phase
from facilitation.services.phases import TIMER_MAX_SECONDS, TIMER_MIN_SECONDS
from facilitation.services.prompts import DEFAULT_VOTES_PER_PARTICIPANT, MAX_VOTES_PER_PARTICIPANT
from facilitation.services.text import AFFILIATION_MAX, IDEA_MAX, NAME_MAX, PROMPT_MAX, TITLE_MAX
from facilitation.services.themes import THEME_NAME_MAX
from facilitation.services.views import REACTIONS
from facilitation.web.client_config import client_config
from tests.web.conftest import Roundtable, sign_in

SCRIPTS = Path(__file__).resolve().parents[2] / "static" / "js"


class _Page(HTMLParser):
    """The page's client-config block and the attributes of its inputs, by id."""

    def __init__(self) -> None:
        super().__init__()
        self.config: dict[str, object] | None = None
        self.inputs: dict[str, dict[str, str | None]] = {}
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("id") == "client-config":
            self._in_config = True
        elif tag in ("input", "textarea") and found.get("id"):
            self.inputs[str(found["id"])] = found

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config = json.loads(data)
            self._in_config = False


def _read(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_the_config_holds_the_servers_own_values() -> None:
    assert client_config() == {
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
        "phases": [phase.value for phase in Phase],
        "attributions": [attribution.value for attribution in Attribution],
        "reactions": list(REACTIONS),
        "outcome_text_max": 1000,
        "owner_max": 200,
        "notes_max": 50_000,
        "outcome_kinds": ["takeaway", "decision", "action", "question"],
        "action_statuses": ["open", "in_progress", "done"],
        "sdgs": list(range(1, 18)),
        "prompt_kinds": [
            "ideas",
            "poll",
            "scale",
            "ranking",
            "assessment",
            "questions",
            "statements",
        ],
        "answered_kinds": ["poll", "scale", "ranking", "assessment"],
        "options_min": 2,
        "options_max": 20,
        "choices_min": 1,
        "option_max": 200,
        "items_max": 20,
        "criteria_max": 12,
        "criterion_max": 120,
        "description_max": 500,
        "weight_max": 100,
        "comment_max": 500,
        "scale_lows": [0, 1],
        "scale_high_max": 10,
        "scale_default": {"min": 1, "max": 5},
        "group_min_voters": 7,
        "group_min_opinions": 3,
        "turn_min_seconds": 10,
        "turn_max_seconds": 3600,
    }


def test_participant_page_carries_the_config_and_its_form_limits(roundtable: Roundtable) -> None:
    html = roundtable.app.test_client().get(f"/join/{roundtable.join_code}").get_data(as_text=True)
    page = _read(html)
    assert page.config == client_config()
    assert page.inputs["name"]["maxlength"] == str(NAME_MAX)
    assert page.inputs["affiliation"]["maxlength"] == str(AFFILIATION_MAX)


@pytest.mark.parametrize(
    "path", ["/roundtables/{id}", "/roundtables/{id}/present", "/roundtables/{id}/report"]
)
def test_staff_pages_carry_the_config(roundtable: Roundtable, path: str) -> None:
    browser = roundtable.app.test_client()
    sign_in(browser, roundtable.staff)
    page = _read(browser.get(path.format(id=roundtable.id)).get_data(as_text=True))
    assert page.config == client_config()


def test_console_form_limits_come_from_the_server(roundtable: Roundtable) -> None:
    browser = roundtable.app.test_client()
    sign_in(browser, roundtable.staff)
    page = _read(browser.get(f"/roundtables/{roundtable.id}").get_data(as_text=True))
    assert page.inputs["prompt-text"]["maxlength"] == str(PROMPT_MAX)
    votes = page.inputs["prompt-votes"]
    assert (votes["min"], votes["max"], votes["value"]) == (
        "1",
        str(MAX_VOTES_PER_PARTICIPANT),
        str(DEFAULT_VOTES_PER_PARTICIPANT),
    )


# A form limit written into a script, a number only a server limit has, or a server list.
_COPIES = (
    re.compile(r"\b(maxLength|minLength|min|max)\s*:\s*[\"']?\d"),
    re.compile(rf"(?<![\w.])({IDEA_MAX}|{PROMPT_MAX}|{TIMER_MAX_SECONDS})(?![\w.])"),
    re.compile(r"\[\s*\"(collect|named)\""),
    re.compile(r"data-reactions|dataset\.reactions"),
)


def test_no_script_keeps_its_own_copy_of_a_server_limit() -> None:
    copies = []
    for script in sorted(SCRIPTS.glob("*.js")):
        for line_number, line in enumerate(script.read_text().splitlines(), start=1):
            code = line.split("//", 1)[0]
            if any(pattern.search(code) for pattern in _COPIES):
                copies.append(f"{script.name}:{line_number}: {line.strip()}")
    assert copies == []
