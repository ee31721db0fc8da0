"""GET /api/events/<id>/report: the whole event's report as a file, for every staff role."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from werkzeug.test import TestResponse

from facilitation.exports import REPORT_FORMATS
from facilitation.models import Event, utcnow
from tests.conftest import StaffMember, acked
from tests.exports.readback import pdf_text
from tests.rooms import MakeRoom
from tests.web.conftest import error_of

OWNER = "Octavia Brightwater"


@pytest.fixture
def event_id(app: Flask, make_room: MakeRoom) -> int:
    """The default event, with two roundtables: one with a voted idea and outcomes, one empty."""
    room = make_room("Resilient cities")
    prompt_id = room.open_prompt("What should cities try first?", votes=2)
    shade = room.idea("Alice", prompt_id, "Shade trees")
    room.votes(shade, "Alice", "Bob")
    outcome = {"kind": "action", "text": "Draft the tree budget", "owner": OWNER, "sdgs": [11]}
    acked(room.facilitator.emit("outcome.create", outcome))
    acked(room.facilitator.emit("outcome.create", {"kind": "takeaway", "text": "Trees cool"}))
    make_room("Housing for all")
    with app.extensions["facilitation"].db.session() as db:
        return int(db.scalars(select(Event.id)).one())


def report(app: Flask, event_id: int, staff: StaffMember | None, **query: str) -> TestResponse:
    return app.test_client().get(
        f"/api/events/{event_id}/report",
        query_string=query,
        headers=staff.headers if staff else {},
    )


@pytest.mark.parametrize("role", ["organizer", "facilitator", "rapporteur"])
def test_every_staff_role_downloads_every_format(
    app: Flask, event_id: int, make_staff: Callable[[str], StaffMember], role: str
) -> None:
    staff = make_staff(role)
    day = utcnow().date().isoformat()
    for name, chosen in REPORT_FORMATS.items():
        response = report(app, event_id, staff, format=name)
        assert response.status_code == 200, (name, response.get_data(as_text=True)[:200])
        assert response.headers["Content-Type"] == chosen.media_type
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith('attachment; filename="'), disposition
        assert disposition.endswith(f'-report-{day}.{chosen.extension}"'), disposition
        assert response.get_data()


def test_json_report_has_the_event_its_roundtables_and_outcomes(
    app: Flask, event_id: int, make_staff: Callable[[str], StaffMember]
) -> None:
    response = report(app, event_id, make_staff("rapporteur"))
    body: dict[str, Any] = json.loads(response.get_data())
    assert body["schema"] == "facilitation.report/1"
    assert body["event"]["id"] == event_id
    assert body["counts"]["roundtables"] == 2 and body["counts"]["outcomes"] == 2
    assert [a["text"] for a in body["action_items"]] == ["Draft the tree budget"]
    assert body["action_items"][0]["owner"] == OWNER
    assert [t["text"] for t in body["takeaways"]] == ["Trees cool"]
    assert [(i["text"], i["votes"]) for i in body["top_ideas"]] == [("Shade trees", 2)]
    assert [g["number"] for g in body["goals"]] == [11]
    assert [row["goals"] for row in body["sdg_matrix"]] == [{"11": 1}]


def test_anonymised_report_names_no_owner_or_author(
    app: Flask, event_id: int, make_staff: Callable[[str], StaffMember]
) -> None:
    staff = make_staff("organizer")
    for value in ("1", "true"):
        response = report(app, event_id, staff, format="json", anonymous=value)
        assert response.status_code == 200
        assert '-anonymous.json"' in response.headers["Content-Disposition"]
        text = response.get_data(as_text=True)
        assert OWNER not in text and "Alice" not in text
        assert "Draft the tree budget" in text
    pdf = report(app, event_id, staff, format="pdf", anonymous="1")
    assert OWNER not in pdf_text(pdf.get_data()) and "Draft" in pdf_text(pdf.get_data())


def test_report_needs_a_staff_token(app: Flask, event_id: int) -> None:
    response = report(app, event_id, None)
    assert response.status_code == 401


def test_report_of_an_unknown_event_is_not_found(
    app: Flask, event_id: int, make_staff: Callable[[str], StaffMember]
) -> None:
    response = report(app, event_id + 1000, make_staff("facilitator"))
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_report_refuses_an_unknown_format_or_anonymous_value(
    app: Flask, event_id: int, make_staff: Callable[[str], StaffMember]
) -> None:
    staff = make_staff("facilitator")
    bad_format = report(app, event_id, staff, format="xlsx")
    assert bad_format.status_code == 400
    assert error_of(bad_format)["code"] == "bad_format"
    bad_anonymous = report(app, event_id, staff, anonymous="yes")
    assert bad_anonymous.status_code == 400
    assert error_of(bad_anonymous)["code"] == "bad_request"


@pytest.mark.parametrize("role", ["organizer", "facilitator", "rapporteur"])
def test_the_dashboard_offers_the_event_report_in_every_format(
    app: Flask, event_id: int, make_staff: Callable[[str], StaffMember], role: str
) -> None:
    from tests.web.test_carry_page import signed_in

    page = signed_in(app, make_staff(role)).get("/").get_data(as_text=True)
    assert "Event report" in page
    for name in REPORT_FORMATS:
        assert f'href="/api/events/{event_id}/report?format={name}"' in page
