"""A roundtable's shared notes: one text that its staff write together while the room talks.

Every save names the version it was typed on. When the notes moved on meanwhile (a colleague
saved first), the two edits are merged line by line against that version, as version control
merges: changes to different lines both stay, and text both added at the same place is kept,
the colleague's first. Only when both changed the same lines differently is the save refused,
with the notes as they are now, so that the writer sees both and loses neither.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from merge3 import Merge3
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from facilitation.models import NoteRevision, StaffUser, utcnow
from facilitation.services.actors import Actor, Right, require
from facilitation.services.errors import ConflictError, InvalidInputError
from facilitation.services.events import lock_roundtable
from facilitation.services.roundtables import get_roundtable
from facilitation.services.shapes import NotesView
from facilitation.services.workspace import Noted, StaffNews

NOTES_MAX = 50_000
# Revisions kept per roundtable: enough to merge a save typed on a version this far behind.
KEPT_REVISIONS = 200

# Control characters other than tab and line breaks: they have no place in notes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class NotesConflict(ConflictError):
    """Both writers changed the same lines: `current` is the notes as they are now."""

    def __init__(self, current: NotesView) -> None:
        super().__init__(
            "notes_conflict",
            "A colleague changed the same lines of the notes; "
            "your text is kept beside theirs for you to combine.",
        )
        self.current = current


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") + "Z" if moment else None


def _latest(session: Session, roundtable_id: int) -> NoteRevision | None:
    return session.scalar(
        select(NoteRevision)
        .where(NoteRevision.roundtable_id == roundtable_id)
        .order_by(NoteRevision.version.desc())
        .limit(1)
    )


def _view(session: Session, revision: NoteRevision | None) -> NotesView:
    if revision is None:
        return {"text": "", "version": 0, "updated_at": None, "updated_by": None}
    writer = session.get(StaffUser, revision.staff_id) if revision.staff_id else None
    return {
        "text": revision.text,
        "version": revision.version,
        "updated_at": _when(revision.created_at),
        "updated_by": writer.name if writer else None,
    }


def current_notes(session: Session, *, actor: Actor | None, roundtable_id: int) -> NotesView:
    require(actor, Right.RECORD_OUTCOMES)
    get_roundtable(session, roundtable_id)
    return _view(session, _latest(session, roundtable_id))


def _clean(text: str) -> str:
    cleaned = _CONTROL.sub("", unicodedata.normalize("NFC", text.replace("\r\n", "\n")))
    if len(cleaned) > NOTES_MAX:
        raise InvalidInputError(
            "text_too_long", f"The notes are longer than {NOTES_MAX} characters."
        )
    return cleaned


def merged(base: str, theirs: str, mine: str) -> str | None:
    """`mine` and `theirs`, both typed on `base`, as one text; None where they collide."""
    lines = Merge3(
        base.splitlines(keepends=True),
        theirs.splitlines(keepends=True),
        mine.splitlines(keepends=True),
    )
    out: list[str] = []
    region: tuple[int | str, ...]
    for region in lines.merge_regions():
        kind, *bounds = region
        start, end = int(bounds[0]), int(bounds[1])
        if kind == "unchanged":
            out += lines.base[start:end]
        elif kind in ("a", "same"):
            out += lines.a[start:end]
        elif kind == "b":
            out += lines.b[start:end]
        else:  # conflict: the ranges in base, theirs and mine
            a_start, a_end, b_start, b_end = (int(b) for b in bounds[2:6])
            was_lines, their_lines, my_lines = (
                list(lines.base[start:end]),
                list(lines.a[a_start:a_end]),
                list(lines.b[b_start:b_end]),
            )
            if not was_lines:
                # Both added lines at the same place and removed nothing: keep both.
                out += _ending(their_lines) + my_lines
                continue
            by_line = _line_by_line(was_lines, their_lines, my_lines)
            if by_line is None:
                return None
            out += by_line
    return "".join(out)


def _line_by_line(base: list[str], theirs: list[str], mine: list[str]) -> list[str] | None:
    """Neighbouring lines each changed by one writer only (line-based merging calls that a
    collision; two people noting under one another is not)."""
    if not len(base) == len(theirs) == len(mine):
        return None
    out = []
    for was, their, my in zip(base, theirs, mine, strict=True):
        if their in (was, my):
            out.append(my)
        elif my == was:
            out.append(their)
        else:
            return None
    return out


def _ending(block: list[str]) -> list[str]:
    """A block that will have more text after it ends its last line."""
    if block and not block[-1].endswith("\n"):
        return [*block[:-1], block[-1] + "\n"]
    return block


def save_notes(
    session: Session, *, actor: Actor | None, roundtable_id: int, text: str, base_version: int
) -> Noted[tuple[NotesView, bool]]:
    """Save the notes typed on `base_version`; the answer says whether they were merged."""
    actor = require(actor, Right.RECORD_OUTCOMES)
    mine = _clean(text)
    roundtable = lock_roundtable(session, roundtable_id)
    latest = _latest(session, roundtable.id)
    current = latest.version if latest else 0
    if base_version < 0 or base_version > current:
        raise InvalidInputError("bad_request", "base_version is not a version of these notes.")
    combined: str | None = mine
    if base_version != current:
        assert latest is not None
        base = session.scalar(
            select(NoteRevision.text).where(
                NoteRevision.roundtable_id == roundtable.id,
                NoteRevision.version == base_version,
            )
        )
        if base is None and base_version != 0:
            raise NotesConflict(_view(session, latest))
        combined = merged(base or "", latest.text, mine)
        if combined is None:
            raise NotesConflict(_view(session, latest))
        if len(combined) > NOTES_MAX:
            raise NotesConflict(_view(session, latest))
    assert combined is not None
    if latest is not None and combined == latest.text:
        view = _view(session, latest)
        session.commit()
        return Noted((view, base_version != current), [])
    revision = NoteRevision(
        roundtable_id=roundtable.id,
        version=current + 1,
        text=combined,
        staff_id=actor.staff_id,
        created_at=utcnow(),
    )
    session.add(revision)
    session.flush()
    session.execute(
        delete(NoteRevision).where(
            NoteRevision.roundtable_id == roundtable.id,
            NoteRevision.version <= revision.version - KEPT_REVISIONS,
        )
    )
    view = _view(session, revision)
    session.commit()
    return Noted(
        (view, base_version != current),
        [StaffNews(roundtable.id, "notes.updated", {"notes": view})],
    )
