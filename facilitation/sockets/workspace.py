"""The rapporteur's workspace: outcomes, the draft and the shared notes; staff only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask_babel import gettext as _gettext
from flask_babel import ngettext as _ngettext
from flask_socketio import SocketIO

from facilitation.models import utcnow
from facilitation.payloads import parse
from facilitation.runtime import runtime
from facilitation.services import drafting, notes, outcomes, participation, summaries
from facilitation.services.actors import Right, require
from facilitation.services.drafting import DraftedIdea, DraftedTheme
from facilitation.services.shapes import (
    ConflictRefused,
    DraftAck,
    NotesAck,
    OutcomeAck,
    OutcomeDeletedAck,
    WorkspaceAck,
)
from facilitation.services.summary_data import Participation, participation_view
from facilitation.services.workspace import Noted
from facilitation.sockets import handles
from facilitation.sockets.connection import current_actor, current_roundtable_id
from facilitation.web.messages import translated

T = TypeVar("T")


def gettext(message: str, **values: object) -> str:
    return str(_gettext(message, **values))


def ngettext(singular: str, plural: str, count: int) -> str:
    return str(_ngettext(singular, plural, count))


# The outcome fields a client may send, by type; sdgs and sources are lists checked in the domain.
OUTCOME_TEXT_FIELDS: dict[str, type] = {
    "kind": str,
    "text": str,
    "owner": str,
    "due": str,
    "status": str,
}
OUTCOME_LISTS = ("sdgs", "source_idea_ids", "source_theme_ids", "stream_ids")


def noted(service: Callable[..., Noted[T]], **fields: Any) -> T:
    """Run one workspace write in this connection's roundtable, then tell the other staff."""
    state = runtime()
    with state.db.writing() as db:
        written = service(
            db, actor=current_actor(), roundtable_id=current_roundtable_id(), **fields
        )
    state.realtime.publish(written.news)
    return written.answer


def _outcome_fields(payload: Any) -> dict[str, Any]:
    fields = parse(payload, optional=OUTCOME_TEXT_FIELDS)
    for name in OUTCOME_LISTS:
        if name in payload:
            fields[name] = payload[name]
    # null clears what only an action item has.
    fields.update(
        {name: None for name in ("owner", "due", "status") if payload.get(name, 0) is None}
    )
    return fields


def _conflict(error: outcomes.EditConflict | notes.NotesConflict) -> ConflictRefused:
    refused: ConflictRefused = {"ok": False, "error": translated(error)}
    if isinstance(error, outcomes.EditConflict):
        refused["outcome"] = error.current
    else:
        refused["notes"] = error.current
    return refused


def worded(item: drafting.Drafted) -> str:
    """A drafted takeaway as a sentence in the reader's language; the room's words unchanged."""
    if isinstance(item, DraftedTheme):
        support = ngettext("%(num)d vote", "%(num)d votes", item.support)
        examples = "; ".join(idea.text for idea in item.examples)
        if not examples:
            return gettext("%(theme)s (%(support)s)", theme=item.name, support=support)
        return gettext(
            "%(theme)s (%(support)s): %(examples)s",
            theme=item.name,
            support=support,
            examples=examples,
        )
    if isinstance(item, DraftedIdea):
        if item.by_engagement:
            replies = ngettext("%(num)d reply", "%(num)d replies", len(item.idea.replies))
            return gettext(
                "%(idea)s (discussed: %(replies)s)", idea=item.idea.text, replies=replies
            )
        votes = ngettext("%(num)d vote", "%(num)d votes", item.idea.votes)
        return gettext("%(idea)s (%(votes)s)", idea=item.idea.text, votes=votes)
    return _participation(item)


def _participation(figures: Participation) -> str:
    sentence = gettext(
        "Participation: %(joined)s joined, %(contributed)s contributed and %(voted)s voted.",
        joined=figures.joined,
        contributed=figures.contributed,
        voted=figures.voted,
    )
    if figures.top_fifth_share is None:
        return sentence
    return (
        sentence
        + " "
        + gettext(
            "The most active fifth made %(share)s%% of the contributions.",
            share=round(figures.top_fifth_share * 100),
        )
    )


def _draft() -> list[outcomes.NewOutcome]:
    """The drafted takeaways not already among the outcomes (same sources, or same text)."""
    state = runtime()
    roundtable_id = current_roundtable_id()
    with state.db.session() as db:
        summary = summaries.build_summary(
            db, actor=current_actor(), roundtable_id=roundtable_id, now=utcnow()
        )
    seen_sources = {
        (frozenset(o.source_idea_ids), frozenset(o.source_theme_ids))
        for o in summary.outcomes
        if o.source_idea_ids or o.source_theme_ids
    }
    seen_texts = {o.text for o in summary.outcomes}
    wanted = []
    for item in drafting.draft(summary):
        idea_ids, theme_ids = drafting.sources(item)
        text = worded(item)[: outcomes.OUTCOME_TEXT_MAX]
        if (frozenset(idea_ids), frozenset(theme_ids)) in seen_sources or text in seen_texts:
            continue
        wanted.append(
            outcomes.NewOutcome(
                kind="takeaway", text=text, source_idea_ids=idea_ids, source_theme_ids=theme_ids
            )
        )
    return wanted


def register(socketio: SocketIO) -> None:
    @handles(socketio, "workspace.load")
    def on_workspace_load(_payload: Any) -> WorkspaceAck:
        roundtable_id = current_roundtable_id()
        actor = require(current_actor(), Right.RECORD_OUTCOMES)
        with runtime().db.session() as db:
            listed = outcomes.list_outcomes(db, actor=actor, roundtable_id=roundtable_id)
            shared = notes.current_notes(db, actor=actor, roundtable_id=roundtable_id)
            figures = participation_view(participation.measure(db, roundtable_id))
        return {"ok": True, "outcomes": listed, "notes": shared, "participation": figures}

    @handles(socketio, "outcome.create")
    def on_outcome_create(payload: Any) -> OutcomeAck:
        fields = _outcome_fields(payload)
        fields.update(parse(payload, optional={"client_id": str}))
        return {"ok": True, "outcome": noted(outcomes.create_outcome, **fields)}

    @handles(socketio, "outcome.update")
    def on_outcome_update(payload: Any) -> OutcomeAck | ConflictRefused:
        fields = parse(payload, required={"outcome_id": int}, optional={"version": int})
        try:
            changed = noted(outcomes.update_outcome, **fields, **_outcome_fields(payload))
        except outcomes.EditConflict as error:
            return _conflict(error)
        return {"ok": True, "outcome": changed}

    @handles(socketio, "outcome.delete")
    def on_outcome_delete(payload: Any) -> OutcomeDeletedAck | ConflictRefused:
        fields = parse(payload, required={"outcome_id": int}, optional={"version": int})
        try:
            return {"ok": True, "outcome": noted(outcomes.delete_outcome, **fields)}
        except outcomes.EditConflict as error:
            return _conflict(error)

    @handles(socketio, "outcome.draft")
    def on_outcome_draft(_payload: Any) -> DraftAck:
        require(current_actor(), Right.RECORD_OUTCOMES)
        wanted = _draft()
        if not wanted:
            return {"ok": True, "outcomes": []}
        return {"ok": True, "outcomes": noted(outcomes.add_outcomes, wanted=wanted)}

    @handles(socketio, "notes.save")
    def on_notes_save(payload: Any) -> NotesAck | ConflictRefused:
        fields = parse(payload, required={"text": str, "base_version": int})
        try:
            saved, was_merged = noted(notes.save_notes, **fields)
        except notes.NotesConflict as error:
            return _conflict(error)
        return {"ok": True, "notes": saved, "merged": was_merged}
