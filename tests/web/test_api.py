"""The JSON API: health, creating roundtables, reading their snapshot."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from sqlalchemy import func, select

from facilitation.models import Event, Roundtable, Stream
from facilitation.services.roundtables import JOIN_CODE_ALPHABET
from tests.conftest import StaffMember
from tests.web.conftest import MakeRoundtable, error_of
from tests.web.conftest import Roundtable as Table

JOIN_CODE = re.compile(f"[{JOIN_CODE_ALPHABET}]{{6}}")


def roundtable_count(app: Flask) -> int:
    with app.extensions["facilitation"].db.session() as db:
        return int(db.scalar(select(func.count()).select_from(Roundtable)) or 0)


def test_health_answers_ok_when_the_database_answers(app: Flask) -> None:
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == {"status": "ok"}


def test_health_answers_503_when_the_database_does_not(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    @contextmanager
    def broken() -> Iterator[None]:
        raise ConnectionError("database is down")
        yield

    monkeypatch.setattr(app.extensions["facilitation"].db, "session", broken)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable"}


@pytest.mark.parametrize("role", ["facilitator", "organizer"])
def test_staff_create_a_roundtable_with_a_join_code_and_link(
    app: Flask, make_staff: Callable[[str], StaffMember], role: str
) -> None:
    member = make_staff(role)
    response = app.test_client().post(
        "/api/roundtables", json={"title": "Resilient cities"}, headers=member.headers
    )
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) >= {"id", "title", "join_code", "join_url"}
    assert isinstance(body["id"], int)
    assert body["title"] == "Resilient cities"
    assert JOIN_CODE.fullmatch(body["join_code"])
    assert body["join_url"].startswith("http")
    assert body["join_url"].endswith(f"/join/{body['join_code']}")


def test_join_codes_use_only_unambiguous_letters_and_differ(
    make_roundtable: MakeRoundtable,
) -> None:
    codes = [make_roundtable(f"Table {n}").join_code for n in range(25)]
    assert len(set(codes)) == 25
    assert all(JOIN_CODE.fullmatch(code) for code in codes)
    assert not set("".join(codes)) & set("IOL01")


def test_new_roundtable_starts_empty(roundtable: Table) -> None:
    response = roundtable.get()
    assert response.status_code == 200
    body = response.get_json()
    assert body["roundtable"]["id"] == roundtable.id
    assert body["roundtable"]["title"] == "Resilient cities"
    assert body["roundtable"]["status"] == "scheduled"
    assert body["prompts"] == []
    assert body["participants"] == 0


def test_title_is_trimmed_to_one_line(app: Flask, facilitator: StaffMember) -> None:
    response = app.test_client().post(
        "/api/roundtables", json={"title": "  Resilient \n cities  "}, headers=facilitator.headers
    )
    assert response.get_json()["title"] == "Resilient cities"


def test_roundtable_in_a_stream_belongs_to_that_stream(
    app: Flask, facilitator: StaffMember
) -> None:
    with app.extensions["facilitation"].db.writing() as db:
        stream = Stream(event=Event(slug="wtl", title="Workshop"), slug="s1", title="Climate")
        db.add(stream)
        db.commit()
        stream_id = stream.id
    client = app.test_client()
    created = client.post(
        "/api/roundtables",
        json={"title": "Heat", "stream_id": stream_id},
        headers=facilitator.headers,
    )
    assert created.status_code == 201
    snapshot = client.get(
        f"/api/roundtables/{created.get_json()['id']}", headers=facilitator.headers
    ).get_json()
    assert snapshot["roundtable"]["stream"] == "Climate"


def test_creating_a_roundtable_without_credentials_is_unauthenticated(app: Flask) -> None:
    client = app.test_client()
    for headers in ({}, {"Authorization": "Bearer rt_wrong"}, {"Authorization": "Basic abc"}):
        response = client.post("/api/roundtables", json={"title": "T"}, headers=headers)
        assert response.status_code == 401
        assert error_of(response)["code"] == "unauthenticated"
    assert roundtable_count(app) == 0


def test_rapporteur_may_not_create_a_roundtable(
    app: Flask, make_staff: Callable[[str], StaffMember]
) -> None:
    rapporteur = make_staff("rapporteur")
    response = app.test_client().post(
        "/api/roundtables", json={"title": "Mine"}, headers=rapporteur.headers
    )
    assert response.status_code == 403
    assert error_of(response)["code"] == "forbidden"
    assert roundtable_count(app) == 0


@pytest.mark.parametrize(
    ("body", "content_type", "code"),
    [
        ("{not json", "application/json", "bad_request"),
        ('{"title": "T"}', "text/plain", "bad_request"),
        ("title=T", "application/x-www-form-urlencoded", "bad_request"),
        ("", "application/json", "bad_request"),
        ("null", "application/json", "bad_request"),
        ('["T"]', "application/json", "bad_request"),
        ('"T"', "application/json", "bad_request"),
        ("{}", "application/json", "bad_request"),
        ('{"name": "T"}', "application/json", "bad_request"),
        ('{"title": null}', "application/json", "bad_request"),
        ('{"title": 42}', "application/json", "bad_request"),
        ('{"title": ["T"]}', "application/json", "bad_request"),
        ('{"title": "T", "stream_id": "1"}', "application/json", "bad_request"),
        ('{"title": "T", "stream_id": true}', "application/json", "bad_request"),
        ('{"title": "T", "stream_id": 2147483648}', "application/json", "bad_request"),
        ('{"title": ""}', "application/json", "text_empty"),
        ('{"title": "   "}', "application/json", "text_empty"),
        ('{"title": "<b>T</b>"}', "application/json", "text_has_markup"),
        ('{"title": "' + "t" * 201 + '"}', "application/json", "text_too_long"),
    ],
    ids=[
        "broken-json",
        "text-plain",
        "form",
        "empty-body",
        "null",
        "list",
        "string",
        "empty-object",
        "no-title",
        "null-title",
        "number-title",
        "list-title",
        "string-stream",
        "bool-stream",
        "huge-stream",
        "empty-title",
        "blank-title",
        "markup-title",
        "title-201-chars",
    ],
)
def test_bad_roundtable_request_is_refused_with_400(
    app: Flask, facilitator: StaffMember, body: str, content_type: str, code: str
) -> None:
    response = app.test_client().post(
        "/api/roundtables",
        data=body,
        headers={**facilitator.headers, "Content-Type": content_type},
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == code
    assert roundtable_count(app) == 0


def test_oversized_request_is_refused_with_413(app: Flask, facilitator: StaffMember) -> None:
    response = app.test_client().post(
        "/api/roundtables",
        json={"title": "T", "padding": "x" * (2 * 1024 * 1024)},
        headers=facilitator.headers,
    )
    assert response.status_code == 413
    error_of(response)
    assert roundtable_count(app) == 0


def test_title_of_200_characters_is_accepted(app: Flask, facilitator: StaffMember) -> None:
    response = app.test_client().post(
        "/api/roundtables", json={"title": "t" * 200}, headers=facilitator.headers
    )
    assert response.status_code == 201


@pytest.mark.parametrize("stream_id", [999_999, 0, -1])
def test_roundtable_in_an_unknown_stream_is_refused(
    app: Flask, facilitator: StaffMember, stream_id: int
) -> None:
    response = app.test_client().post(
        "/api/roundtables",
        json={"title": "Lost", "stream_id": stream_id},
        headers=facilitator.headers,
    )
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
    assert roundtable_count(app) == 0


def test_snapshot_has_the_contract_shape(roundtable: Table) -> None:
    prompt_id = roundtable.open_prompt("Where is the heat worst?")
    idea_id = roundtable.idea("Alice", prompt_id, "Bus stops")
    roundtable.votes(idea_id, "Alice", "Bob")

    response = roundtable.get()

    assert response.status_code == 200
    body = response.get_json()
    assert {"roundtable", "prompts", "participants"} <= set(body)
    assert body["roundtable"]["id"] == roundtable.id
    assert body["roundtable"]["title"] == "Resilient cities"
    assert body["roundtable"]["status"] == "live"
    assert body["participants"] == 2
    assert isinstance(body["seq"], int)
    [prompt] = body["prompts"]
    assert prompt["id"] == prompt_id
    assert (prompt["text"], prompt["kind"], prompt["status"]) == (
        "Where is the heat worst?",
        "ideas",
        "open",
    )
    assert [
        {key: idea[key] for key in ("id", "text", "author", "votes")} for idea in prompt["ideas"]
    ] == [{"id": idea_id, "text": "Bus stops", "author": "Alice", "votes": 2}]
    assert "my_votes" not in prompt


@pytest.mark.parametrize("role", ["rapporteur", "organizer", "facilitator"])
def test_any_staff_role_reads_the_snapshot(
    roundtable: Table, make_staff: Callable[[str], StaffMember], role: str
) -> None:
    response = roundtable.get(headers=make_staff(role).headers)
    assert response.status_code == 200
    assert response.get_json()["roundtable"]["id"] == roundtable.id


def test_snapshot_without_credentials_is_unauthenticated(roundtable: Table) -> None:
    for headers in ({}, {"Authorization": "Bearer rt_wrong"}):
        response = roundtable.get(headers=headers)
        assert response.status_code == 401
        assert error_of(response)["code"] == "unauthenticated"


@pytest.mark.parametrize("roundtable_id", [999_999, 0, 2**31, 2**40])
def test_snapshot_of_an_unknown_roundtable_is_not_found(
    app: Flask, facilitator: StaffMember, roundtable_id: int
) -> None:
    response = app.test_client().get(
        f"/api/roundtables/{roundtable_id}", headers=facilitator.headers
    )
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_unknown_api_path_answers_a_json_404(app: Flask, facilitator: StaffMember) -> None:
    response = app.test_client().get("/api/nothing-here", headers=facilitator.headers)
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_wrong_method_answers_a_json_405(roundtable: Table) -> None:
    response = roundtable.app.test_client().delete(
        f"/api/roundtables/{roundtable.id}", headers=roundtable.staff.headers
    )
    assert response.status_code == 405
    error_of(response)
