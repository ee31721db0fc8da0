"""Agenda files: an event with its streams and roundtables, loaded idempotently from YAML;
each roundtable's prompts written ahead, of any kind (services/prompt_specs.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitation.models import Event, Roundtable, Stream
from facilitation.services.errors import DomainError, InvalidInputError
from facilitation.services.prompt_specs import read_spec
from facilitation.services.prompts import PromptPlan
from facilitation.services.roundtables import new_join_code
from facilitation.services.text import TITLE_MAX, clean_line


@dataclass(frozen=True)
class ImportReport:
    event: Event
    created: int

    @property
    def changed(self) -> bool:
        return self.created > 0


# An agenda file is YAML typed by hand: free-form until each field is checked below.
def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidInputError("bad_agenda", f"{where} must be a mapping.")
    return value


def _items(value: Any, where: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInputError("bad_agenda", f"{where} must be a list.")
    return [_mapping(item, f"each entry of {where}") for item in value]


def _text(data: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = data.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str | int | float):
        raise InvalidInputError("bad_agenda", f"{where}.{key} must be text.")
    value = str(value).strip()
    if required and not value:
        raise InvalidInputError("bad_agenda", f"{where} needs a {key}.")
    return value


def _slug(data: dict[str, Any], where: str) -> str:
    slug = _text(data, "slug", where, required=True)
    if not slug.replace("-", "").replace("_", "").isalnum() or len(slug) > 80:
        raise InvalidInputError("bad_agenda", f"{where}.slug must be letters, digits, - or _.")
    return slug


def _prompt(data: dict[str, Any], where: str) -> PromptPlan:
    """A prompt of the agenda, checked by the rules of `prompt.create` (prompt_specs.py)."""
    try:
        return read_spec(data)
    except DomainError as error:
        raise InvalidInputError("bad_agenda", f"{where}: {error.message}") from None


def load_agenda(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise InvalidInputError("bad_agenda", f"{path}: not valid YAML ({error}).") from None
    return _mapping(data, "The agenda file")


def import_agenda(session: Session, data: dict[str, Any]) -> ImportReport:
    """Create what the agenda names and does not exist yet; never change what exists."""
    spec = _mapping(data.get("event"), "event")
    slug = _slug(spec, "event")
    created = 0
    event = session.scalar(select(Event).where(Event.slug == slug))
    if event is None:
        event = Event(
            slug=slug,
            title=clean_line(
                _text(spec, "title", "event", required=True), field="title", max_length=TITLE_MAX
            ),
            subtitle=_text(spec, "subtitle", "event"),
            venue=_text(spec, "venue", "event"),
            starts_on=_text(spec, "starts_on", "event"),
            ends_on=_text(spec, "ends_on", "event"),
            language=_text(spec, "language", "event") or "en",
            description=_text(spec, "description", "event"),
        )
        session.add(event)
        session.flush()
        created += 1

    streams = {s.slug: s for s in event.streams}
    for position, item in enumerate(_items(data.get("streams"), "streams")):
        stream_slug = _slug(item, "stream")
        if stream_slug not in streams:
            stream = Stream(
                event=event,
                slug=stream_slug,
                title=_text(item, "title", f"stream {stream_slug}", required=True),
                description=_text(item, "description", f"stream {stream_slug}"),
                position=position,
            )
            session.add(stream)
            session.flush()
            streams[stream_slug] = stream
            created += 1

    existing = {r.slug for r in event.roundtables if r.slug}
    for position, item in enumerate(_items(data.get("roundtables"), "roundtables")):
        rt_slug = _slug(item, "roundtable")
        if rt_slug in existing:
            continue
        where = f"roundtable {rt_slug}"
        stream_slug = _text(item, "stream", where)
        if stream_slug and stream_slug not in streams:
            raise InvalidInputError("bad_agenda", f"{where} names unknown stream {stream_slug!r}.")
        roundtable = Roundtable(
            event=event,
            stream=streams[stream_slug] if stream_slug else None,
            slug=rt_slug,
            title=clean_line(
                _text(item, "title", where, required=True), field="title", max_length=TITLE_MAX
            ),
            description=_text(item, "description", where),
            scheduled_on=_text(item, "date", where),
            position=position,
            join_code=new_join_code(session),
            settings={},
        )
        session.add(roundtable)
        session.flush()
        plans = [
            _prompt(prompt, f"{where}, prompt {number}")
            for number, prompt in enumerate(_items(item.get("prompts"), f"{where}.prompts"), 1)
        ]
        session.add_all(plan.draft(roundtable, index) for index, plan in enumerate(plans, 1))
        existing.add(rt_slug)
        created += 1
    session.commit()
    return ImportReport(event=event, created=created)
