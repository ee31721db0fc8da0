"""The console offers an assessment's starter rubric in its own language, weights unchanged."""

from __future__ import annotations

import json
import re

from facilitation.services.answers import STARTER_RUBRIC
from facilitation.web.rubric import WORDS
from tests.web.conftest import Roundtable, sign_in


def rubric_on_the_console(roundtable: Roundtable, language: str) -> list[dict[str, object]]:
    browser = roundtable.app.test_client()
    sign_in(browser, roundtable.staff)
    page = browser.get(
        f"/roundtables/{roundtable.id}", headers={"Accept-Language": language}
    ).get_data(as_text=True)
    found = re.search(r'<script type="application/json" id="starter-rubric">(.*?)</script>', page)
    assert found is not None
    rubric: list[dict[str, object]] = json.loads(found.group(1))
    return rubric


def test_every_word_of_the_starter_rubric_is_marked_for_translation() -> None:
    for criterion in STARTER_RUBRIC:
        assert criterion.name in WORDS
        assert criterion.description in WORDS


def test_the_english_console_offers_the_starter_rubric_as_it_is(roundtable: Roundtable) -> None:
    assert rubric_on_the_console(roundtable, "en") == [
        {"name": c.name, "weight": c.weight, "description": c.description} for c in STARTER_RUBRIC
    ]


def test_a_french_console_offers_the_starter_rubric_in_french(roundtable: Roundtable) -> None:
    rubric = rubric_on_the_console(roundtable, "fr")
    assert [c["weight"] for c in rubric] == [c.weight for c in STARTER_RUBRIC]
    assert rubric[0]["name"] == "Caractère innovant"
    assert all(c["name"] != s.name for c, s in zip(rubric[1:], STARTER_RUBRIC[1:], strict=True))
