"""The JSON API: health, roundtables, their snapshots, exports, the event report and presenter
links."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Response, jsonify, request

from facilitation.exports import (
    FORMATS,
    REPORT_FORMATS,
    anonymised,
    anonymised_report,
    file_name,
    report_file_name,
)
from facilitation.exports.apart import HEAVY, render_apart
from facilitation.models import utcnow
from facilitation.payloads import parse
from facilitation.runtime import runtime
from facilitation.services import reports, roundtables, screens, summaries
from facilitation.services.actors import Right, require
from facilitation.services.errors import InvalidInputError
from facilitation.services.shapes import SnapshotWithSeq
from facilitation.services.views import STAFF, snapshot
from facilitation.web.auth import api_staff_required, current_actor
from facilitation.web.links import join_url, screen_url

bp = Blueprint("api", __name__)


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    if not runtime().db.is_reachable():
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok"), 200


@bp.post("/api/roundtables")
@api_staff_required
def create_roundtable() -> tuple[Response, int]:
    payload: Any = request.get_json(silent=True)
    if payload is None:
        raise InvalidInputError("bad_request", "Send a JSON object.")
    fields = parse(payload, required={"title": str}, optional={"stream_id": int})
    with runtime().db.writing() as db:
        roundtable = roundtables.create_roundtable(db, actor=current_actor(), **fields)
        body = {
            "id": roundtable.id,
            "title": roundtable.title,
            "join_code": roundtable.join_code,
            "join_url": join_url(roundtable.join_code),
        }
    return jsonify(body), 201


# Ids are 32-bit columns: a larger number in a URL is not found, rather than a PostgreSQL error.
@bp.get("/api/roundtables/<int(max=2147483647):roundtable_id>")
@api_staff_required
def get_roundtable(roundtable_id: int) -> Response:
    actor = require(current_actor(), Right.READ_ROUNDTABLE)
    with runtime().db.session() as db:
        roundtable = roundtables.require_access(db, actor, roundtable_id)
        seq = roundtable.last_seq
        view = snapshot(db, roundtable, STAFF)
    body: SnapshotWithSeq = {**view, "seq": seq}
    return jsonify(body)


# The spellings of `anonymous` an export takes, and what they mean.
ANONYMOUS = {"1": True, "true": True, "0": False, "false": False}


def _export_options(formats: Mapping[str, object]) -> tuple[str, bool]:
    """The format asked for (JSON unless told) and whether to anonymise, both checked."""
    name = request.args.get("format", "json")
    if name not in formats:
        raise InvalidInputError("bad_format", f"format must be one of: {', '.join(formats)}.")
    anonymous = ANONYMOUS.get(request.args.get("anonymous", "0"))
    if anonymous is None:
        raise InvalidInputError("bad_request", "anonymous must be 1, true, 0 or false.")
    return name, anonymous


def _attachment(body: bytes, media_type: str, filename: str) -> Response:
    # content_type, not mimetype: werkzeug would add a second charset to one already given.
    response = Response(body, content_type=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/api/roundtables/<int(max=2147483647):roundtable_id>/export")
@api_staff_required
def export(roundtable_id: int) -> Response:
    name, anonymous = _export_options(FORMATS)
    chosen = FORMATS[name]
    with runtime().db.session() as db:
        summary = summaries.build_summary(
            db, actor=current_actor(), roundtable_id=roundtable_id, now=utcnow()
        )
    if anonymous:
        summary = anonymised(summary)
    filename = file_name(summary, chosen.extension, anonymous=anonymous)
    body = render_apart("summary", name, summary) if name in HEAVY else chosen.render(summary)
    return _attachment(body, chosen.media_type, filename)


@bp.get("/api/events/<int(max=2147483647):event_id>/report")
@api_staff_required
def event_report(event_id: int) -> Response:
    """The whole event's report as a file, in any of REPORT_FORMATS."""
    name, anonymous = _export_options(REPORT_FORMATS)
    chosen = REPORT_FORMATS[name]
    with runtime().db.session() as db:
        report = reports.build_report(db, actor=current_actor(), event_id=event_id, now=utcnow())
    if anonymous:
        report = anonymised_report(report)
    filename = report_file_name(report, chosen.extension, anonymous=anonymous)
    body = render_apart("report", name, report) if name in HEAVY else chosen.render(report)
    return _attachment(body, chosen.media_type, filename)


def _presenter_link(link: screens.ScreenLink) -> dict[str, str]:
    return {"url": screen_url(link.token), "created_at": link.created_at.isoformat() + "Z"}


@bp.get("/api/roundtables/<int(max=2147483647):roundtable_id>/presenter-link")
@api_staff_required
def get_presenter_link(roundtable_id: int) -> Response:
    state = runtime()
    with state.db.session() as db:
        link = screens.current_link(
            db,
            actor=current_actor(),
            roundtable_id=roundtable_id,
            secret=state.settings.secret_key,
        )
    return jsonify(_presenter_link(link))


@bp.post("/api/roundtables/<int(max=2147483647):roundtable_id>/presenter-link")
@api_staff_required
def create_presenter_link(roundtable_id: int) -> tuple[Response, int]:
    """A new presenter link; the one before it, if any, is revoked and its screens sent away."""
    state = runtime()
    with state.db.writing() as db:
        link, revoked = screens.create_or_rotate(
            db,
            actor=current_actor(),
            roundtable_id=roundtable_id,
            secret=state.settings.secret_key,
            now=utcnow(),
        )
    state.realtime.dismiss_screens(revoked)
    return jsonify(_presenter_link(link)), 201


@bp.delete("/api/roundtables/<int(max=2147483647):roundtable_id>/presenter-link")
@api_staff_required
def revoke_presenter_link(roundtable_id: int) -> tuple[str, int]:
    state = runtime()
    with state.db.writing() as db:
        revoked = screens.revoke(
            db, actor=current_actor(), roundtable_id=roundtable_id, now=utcnow()
        )
    state.realtime.dismiss_screens(revoked)
    return "", 204
