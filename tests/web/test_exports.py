"""GET /api/roundtables/<id>/export: the session summary as a file."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from facilitation.exports import FORMATS
from tests.conftest import StaffMember
from tests.web.conftest import MakeRoundtable, Roundtable, error_of

TRICKY = "**bold** [x](http://e.com) # h"


def finished(roundtable: Roundtable) -> tuple[int, dict[str, int]]:
    """A prompt whose three ideas got 1, 3 and 0 votes, in that order of arrival."""
    prompt_id = roundtable.open_prompt("What should cities try first?")
    ideas = {
        "Shade trees": roundtable.idea("Alice", prompt_id, "Shade trees"),
        "Cool roofs": roundtable.idea("Bob", prompt_id, "Cool roofs"),
        "Water fountains": roundtable.idea("Alice", prompt_id, "Water fountains"),
    }
    roundtable.votes(ideas["Shade trees"], "Chen")
    roundtable.votes(ideas["Cool roofs"], "Alice", "Bob", "Chen")
    return prompt_id, ideas


def summary(roundtable: Roundtable) -> dict[str, Any]:
    response = roundtable.get("/export", query_string={"format": "json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    body: dict[str, Any] = json.loads(response.get_data())
    return body


def test_json_export_is_a_file_with_the_summary_schema(roundtable: Roundtable) -> None:
    finished(roundtable)
    response = roundtable.get("/export", query_string={"format": "json"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="resilient-cities-' in disposition and disposition.endswith('.json"')
    body = json.loads(response.get_data())
    assert body["schema"] == "facilitation.summary/1"
    assert body["roundtable"]["id"] == roundtable.id
    assert body["roundtable"]["title"] == "Resilient cities"


def test_json_export_is_the_default_format(roundtable: Roundtable) -> None:
    finished(roundtable)
    response = roundtable.get("/export")
    assert response.status_code == 200
    assert json.loads(response.get_data())["schema"] == "facilitation.summary/1"


def test_json_export_ranks_ideas_by_votes_with_their_authors(roundtable: Roundtable) -> None:
    prompt_id, ideas = finished(roundtable)
    [prompt] = summary(roundtable)["prompts"]
    assert prompt["id"] == prompt_id
    assert prompt["text"] == "What should cities try first?"
    assert prompt["kind"] == "ideas"
    assert [(i["id"], i["text"], i["author"], i["votes"]) for i in prompt["ideas"]] == [
        (ideas["Cool roofs"], "Cool roofs", "Bob", 3),
        (ideas["Shade trees"], "Shade trees", "Alice", 1),
        (ideas["Water fountains"], "Water fountains", "Alice", 0),
    ]
    assert [idea["rank"] for idea in prompt["ideas"]] == [1, 2, 3]
    assert all(idea["author"] is not None for idea in prompt["ideas"])


def test_json_export_keeps_arrival_order_and_shares_the_rank_for_ties(
    roundtable: Roundtable,
) -> None:
    prompt_id = roundtable.open_prompt("Tied?")
    first = roundtable.idea("Alice", prompt_id, "First")
    second = roundtable.idea("Bob", prompt_id, "Second")
    third = roundtable.idea("Chen", prompt_id, "Third")
    roundtable.votes(third, "Alice", "Bob")
    roundtable.votes(second, "Alice")
    roundtable.votes(first, "Bob")
    [prompt] = summary(roundtable)["prompts"]
    assert [(i["id"], i["rank"]) for i in prompt["ideas"]] == [(third, 1), (first, 2), (second, 2)]


def test_json_export_counts_participants_ideas_and_votes(roundtable: Roundtable) -> None:
    finished(roundtable)
    body = summary(roundtable)
    assert body["counts"] == {"participants": 3, "ideas": 3, "replies": 0}
    [prompt] = body["prompts"]
    assert prompt["counts"] == {
        "ideas": 3,
        "replies": 0,
        "contributors": 2,
        "voters": 3,
        "votes": 4,
        "votes_on_themes": 0,
        "reactions": 0,
        "left_out": {"pending": 0, "hidden": 0, "withdrawn": 0, "merged": 0},
    }


def test_json_export_keeps_the_affiliation_and_literal_text(roundtable: Roundtable) -> None:
    prompt_id = roundtable.open_prompt("a < b & c?")
    roundtable.person("Amina", affiliation="Nairobi & Co")
    roundtable.idea("Amina", prompt_id, "x < y & z")
    [prompt] = summary(roundtable)["prompts"]
    assert prompt["text"] == "a < b & c?"
    [idea] = prompt["ideas"]
    assert (idea["text"], idea["author"], idea["affiliation"]) == (
        "x < y & z",
        "Amina",
        "Nairobi & Co",
    )


def test_json_export_of_an_empty_roundtable_has_no_prompts(roundtable: Roundtable) -> None:
    body = summary(roundtable)
    assert body["prompts"] == []
    assert body["counts"] == {"participants": 0, "ideas": 0, "replies": 0}


def test_markdown_export_lists_the_ranked_ideas(roundtable: Roundtable) -> None:
    finished(roundtable)
    response = roundtable.get("/export", query_string={"format": "md"})
    assert response.status_code == 200
    assert response.mimetype == "text/markdown"
    assert response.headers["Content-Type"] == "text/markdown; charset=utf-8"
    assert response.headers["Content-Disposition"].endswith('.md"')
    text = response.get_data(as_text=True)
    assert text.startswith("# Resilient cities")
    assert "What should cities try first?" in text
    rows = [line for line in text.splitlines() if line.split(" | ")[0][2:].isdigit()]
    assert [row.split(" | ")[1] for row in rows] == ["Cool roofs", "Shade trees", "Water fountains"]
    assert "| Bob |" in rows[0]


def test_markdown_export_shows_what_people_wrote_literally(roundtable: Roundtable) -> None:
    prompt_id = roundtable.open_prompt(f"Prompt {TRICKY}")
    roundtable.person("*Star* | pipe", affiliation="[Lisbon](http://e.com)")
    roundtable.idea("*Star* | pipe", prompt_id, TRICKY)
    page = MarkdownIt("gfm-like").render(
        roundtable.get("/export", query_string={"format": "md"}).get_data(as_text=True)
    )
    for written in (TRICKY, "*Star* | pipe", "[Lisbon](http://e.com)"):
        assert escapeHtml(written) in page
    assert "<a " not in page and "<strong>" not in page
    # The title, then the participation balance and the one prompt: no heading from the text.
    assert page.count("<h1>") == 1 and page.count("<h2>") == 2


def test_markdown_export_escapes_a_title(make_roundtable: MakeRoundtable) -> None:
    table = make_roundtable("# Not a [link](x)")
    table.idea("Ana", table.open_prompt("Q"), "An idea")
    page = MarkdownIt("gfm-like").render(
        table.get("/export", query_string={"format": "md"}).get_data(as_text=True)
    )
    assert page.startswith("<h1># Not a [link](x)</h1>")


@pytest.mark.parametrize("role", ["rapporteur", "organizer"])
def test_rapporteur_and_organizer_may_export(
    roundtable: Roundtable, make_staff: Callable[[str], StaffMember], role: str
) -> None:
    finished(roundtable)
    for name in FORMATS:
        response = roundtable.get(
            "/export", query_string={"format": name}, headers=make_staff(role).headers
        )
        assert response.status_code == 200, (name, response.get_data(as_text=True))


MEDIA_TYPES = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv; charset=utf-8",
}


def test_every_contract_format_is_available() -> None:
    assert set(FORMATS) == set(MEDIA_TYPES)


@pytest.mark.parametrize("name", sorted(MEDIA_TYPES))
def test_every_format_downloads_as_a_named_file(roundtable: Roundtable, name: str) -> None:
    finished(roundtable)
    response = roundtable.get("/export", query_string={"format": name})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Type"] == MEDIA_TYPES[name]
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="resilient-cities-')
    assert disposition.endswith(f'.{name}"') and "anonymous" not in disposition
    assert len(response.get_data()) > 100


@pytest.mark.parametrize("spelling", ["1", "true"])
@pytest.mark.parametrize("name", sorted(MEDIA_TYPES))
def test_anonymous_export_names_nobody(roundtable: Roundtable, name: str, spelling: str) -> None:
    prompt_id = roundtable.open_prompt("Who?")
    roundtable.person("Zebulon Quartermain", affiliation="Xylophone Guild")
    idea_id = roundtable.idea("Zebulon Quartermain", prompt_id, "Shade trees")
    roundtable.votes(idea_id, "Alice", "Bob")
    response = roundtable.get("/export", query_string={"format": name, "anonymous": spelling})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Disposition"].endswith(f'-anonymous.{name}"')
    if name in ("json", "md", "html", "csv"):
        text = response.get_data(as_text=True)
        assert "Shade trees" in text
        assert "Zebulon" not in text and "Xylophone" not in text


def test_named_export_still_names_people(roundtable: Roundtable) -> None:
    prompt_id = roundtable.open_prompt("Who?")
    roundtable.person("Zebulon Quartermain", affiliation="Xylophone Guild")
    roundtable.idea("Zebulon Quartermain", prompt_id, "Shade trees")
    for anonymous in ("0", "false"):
        [prompt] = json.loads(
            roundtable.get("/export", query_string={"anonymous": anonymous}).get_data()
        )["prompts"]
        assert prompt["ideas"][0]["author"] == "Zebulon Quartermain"


@pytest.mark.parametrize("spelling", ["yes", "", "2", "TRUE "])
def test_an_unknown_anonymous_spelling_is_refused(roundtable: Roundtable, spelling: str) -> None:
    response = roundtable.get("/export", query_string={"format": "json", "anonymous": spelling})
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"


@pytest.mark.parametrize("name", ["xlsx", "", "JSON", "../json", "json "])
def test_unknown_export_format_is_refused(roundtable: Roundtable, name: str) -> None:
    response = roundtable.get("/export", query_string={"format": name})
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_format"


def test_export_without_credentials_is_unauthenticated(roundtable: Roundtable) -> None:
    response = roundtable.get("/export", query_string={"format": "json"}, headers={})
    assert response.status_code == 401
    assert error_of(response)["code"] == "unauthenticated"


@pytest.mark.parametrize("roundtable_id", [999_999, 2**31])
def test_export_of_an_unknown_roundtable_is_not_found(
    roundtable: Roundtable, roundtable_id: int
) -> None:
    response = roundtable.app.test_client().get(
        f"/api/roundtables/{roundtable_id}/export?format=json", headers=roundtable.staff.headers
    )
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_a_participant_exports_nothing_even_with_its_own_token(roundtable: Roundtable) -> None:
    """A participant's token makes it itself in the room; it is no staff identity anywhere."""
    finished(roundtable)
    alice = roundtable.person("Alice")
    for name in FORMATS:
        response = roundtable.get(
            "/export",
            query_string={"format": name},
            headers={"Authorization": f"Bearer {alice.token}"},
        )
        assert response.status_code == 401, name
        assert error_of(response)["code"] == "unauthenticated"
