"""The page that brings the streams' results into the wrap-up: a plain form for staff."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import StaffMember, acked
from tests.rooms import MakeRoom


def signed_in(app: Flask, staff: StaffMember) -> FlaskClient:
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf
    response = client.post(
        "/login", data={"email": staff.email, "password": staff.password, "csrf": csrf.group(1)}
    )
    assert response.status_code == 302
    return client


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found
    return found.group(1)


def test_a_rapporteur_brings_a_streams_top_idea_and_takeaway_into_the_wrap_up(
    app: Flask, make_room: MakeRoom, make_staff: Callable[[str], StaffMember]
) -> None:
    stream = make_room("Resilience roundtable")
    prompt_id = stream.open_prompt("What first?", votes=2)
    maps = stream.idea("Alice", prompt_id, "Open flood maps")
    stream.votes(maps, "Alice", "Bob")
    takeaway = acked(
        stream.facilitator.emit("outcome.create", {"kind": "takeaway", "text": "Data before tools"})
    )["outcome"]
    wrap = make_room("Wrap-up")
    target = wrap.prompt("What do we take home?")
    listener = wrap.participant("Chen")
    wrap.quiet()

    client = signed_in(app, make_staff("rapporteur"))
    page = client.get(f"/roundtables/{wrap.id}/carry").get_data(as_text=True)
    assert "Open flood maps" in page and "Data before tools" in page
    response = client.post(
        f"/roundtables/{wrap.id}/carry",
        data={
            "csrf": csrf_of(page),
            "prompt_id": str(target),
            "idea_id": str(maps),
            "outcome_id": str(takeaway["id"]),
        },
    )
    assert response.status_code == 302
    after = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Brought 2 items into" in after and "Already brought in" in after
    heard = [payload["idea"] for name, payload in listener.events() if name == "idea.created"]
    assert {i["text"] for i in heard} == {"Open flood maps", "Data before tools"}
    assert {i["origin"]["roundtable"] for i in heard} == {"Resilience roundtable"}


def test_the_carry_form_needs_its_csrf_token_and_valid_ids(
    app: Flask, make_room: MakeRoom, make_staff: Callable[[str], StaffMember]
) -> None:
    wrap = make_room("Wrap-up")
    target = wrap.prompt("What do we take home?")
    client = signed_in(app, make_staff("organizer"))
    page = client.get(f"/roundtables/{wrap.id}/carry").get_data(as_text=True)
    assert (
        client.post(f"/roundtables/{wrap.id}/carry", data={"prompt_id": str(target)}).status_code
        == 400
    )
    bad = {"csrf": csrf_of(page), "prompt_id": str(target), "idea_id": "drop table"}
    assert client.post(f"/roundtables/{wrap.id}/carry", data=bad).status_code == 400
    unknown = {"csrf": csrf_of(page), "prompt_id": str(target), "idea_id": "4242"}
    assert client.post(f"/roundtables/{wrap.id}/carry", data=unknown).status_code == 404


def test_visitors_are_sent_to_sign_in(app: Flask, make_room: MakeRoom) -> None:
    wrap = make_room("Wrap-up")
    response = app.test_client().get(f"/roundtables/{wrap.id}/carry")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
