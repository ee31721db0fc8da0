"""Templates: a roundtable's prompts kept to start another roundtable from.

Four templates ship with the server as files (facilitation/agendas/templates/, by slug) and
are offered in every roundtable. Staff save more from a roundtable's prompts; a saved
template belongs to that roundtable's event, which is where its wording (the cities, the
initiatives assessed) makes sense, and is offered in that event's roundtables only.

Using a template appends its prompts to the roundtable's list as drafts, each checked again
by the rules of `prompt.create` first: a file edited by hand, or a template saved under
older rules, adds nothing unless every prompt of it passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from facilitation.models import Event, Prompt, Roundtable, RoundtableStatus, RoundtableTemplate
from facilitation.services.actors import Actor, Right, require
from facilitation.services.errors import (
    ConflictError,
    DomainError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
)
from facilitation.services.events import (
    PromptCreated,
    RoomChange,
    Written,
    lock_roundtable,
    record,
)
from facilitation.services.prompt_specs import read_spec, spec_of
from facilitation.services.prompts import PromptPlan, next_position, ordered
from facilitation.services.roundtables import get_roundtable
from facilitation.services.shapes import PromptView, TemplateView
from facilitation.services.text import clean_line, clean_text
from facilitation.services.views import prompt_view

# The shipped templates, in the order they are offered: each a file <slug>.yaml.
SHIPPED = ("stream-roundtable", "panel-qa", "assessment-session", "wrap-up")
NAME_MAX = 120
DESCRIPTION_MAX = 500
PROMPTS_MAX = 50  # a day's agenda is a dozen prompts; fifty is a template gone wrong
TEMPLATES_MAX = 200  # saved per event


@dataclass(frozen=True)
class Template:
    """A template as read, shipped or saved; its prompts are unchecked specs until used."""

    name: str
    description: str
    prompts: tuple[Any, ...]  # each a spec (services/prompt_specs.py) as the file or row has it
    slug: str | None = None
    template_id: int | None = None
    saved_by: str | None = None
    saved_at: str | None = None

    @property
    def kinds(self) -> list[str]:
        return [str(p.get("kind", "ideas")) if isinstance(p, dict) else "" for p in self.prompts]

    def view(self) -> TemplateView:
        return {
            "id": self.template_id,
            "slug": self.slug,
            "name": self.name,
            "description": self.description,
            "prompts": len(self.prompts),
            "kinds": self.kinds,
            "shipped": self.slug is not None,
            "saved_by": self.saved_by,
            "saved_at": self.saved_at,
        }


def _bad(message: str) -> InvalidInputError:
    return InvalidInputError("bad_template", message)


@cache
def shipped_template(slug: str) -> Template:
    """A template that ships with the server, read once from its file."""
    if slug not in SHIPPED:
        raise NotFoundError("template")
    source = files("facilitation.agendas").joinpath("templates", f"{slug}.yaml")
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise _bad(f"The template {slug} is not valid YAML ({error}).") from None
    if not isinstance(data, dict) or not isinstance(data.get("prompts"), list):
        raise _bad(f"The template {slug} needs a name, a description and a list of prompts.")
    return Template(
        name=str(data.get("name") or slug),
        description=str(data.get("description") or ""),
        prompts=tuple(data["prompts"]),
        slug=slug,
    )


def _saved(row: RoundtableTemplate) -> Template:
    return Template(
        name=row.name,
        description=row.description,
        prompts=tuple(row.prompts) if isinstance(row.prompts, list) else (),
        template_id=row.id,
        saved_by=row.author.name if row.author else None,
        saved_at=row.created_at.isoformat() + "Z",
    )


def _saved_in(session: Session, event_id: int) -> list[RoundtableTemplate]:
    return list(
        session.scalars(
            select(RoundtableTemplate)
            .where(RoundtableTemplate.event_id == event_id)
            .order_by(func.lower(RoundtableTemplate.name), RoundtableTemplate.id)
        )
    )


def find_template(session: Session, roundtable: Roundtable, ref: int | str) -> Template:
    """The template a client names: a shipped one by slug, or one of the roundtable's event
    by id; a saved template of another event does not exist for the caller."""
    if isinstance(ref, str):
        return shipped_template(ref)
    row = session.get(RoundtableTemplate, ref)
    if row is None or row.event_id != roundtable.event_id:
        raise NotFoundError("template")
    return _saved(row)


def plans_of(template: Template) -> list[PromptPlan]:
    """Every prompt of the template, checked as `prompt.create` checks one: all or none."""
    if not template.prompts:
        raise ConflictError("template_empty", "This template has no prompts.")
    if len(template.prompts) > PROMPTS_MAX:
        raise _bad(f"A template holds at most {PROMPTS_MAX} prompts.")
    plans = []
    for number, spec in enumerate(template.prompts, start=1):
        try:
            plans.append(read_spec(spec))
        except DomainError as error:
            raise _bad(f"Prompt {number} of {template.name!r}: {error.message}") from None
    return plans


def list_templates(
    session: Session, *, actor: Actor | None, roundtable_id: int
) -> list[TemplateView]:
    """The templates a roundtable can start from: the shipped ones, then its event's."""
    require(actor, Right.RUN_PROMPTS)
    roundtable = get_roundtable(session, roundtable_id)
    shipped = [shipped_template(slug).view() for slug in SHIPPED]
    return shipped + [_saved(row).view() for row in _saved_in(session, roundtable.event_id)]


def save_template(
    session: Session,
    *,
    actor: Actor | None,
    roundtable_id: int,
    name: str,
    description: str = "",
) -> Written[TemplateView]:
    """Keep the roundtable's prompts, whatever their status, as a template of its event:
    their wording and setup, not what the room did with them. Nobody else is told."""
    member = require(actor, Right.RUN_PROMPTS)
    clean_name = clean_line(name, field="template's name", max_length=NAME_MAX)
    clean_description = clean_text(
        description, field="description", max_length=DESCRIPTION_MAX, required=False
    )
    roundtable = get_roundtable(session, roundtable_id)
    specs = [spec_of(prompt) for prompt in ordered(session, roundtable)]
    if not specs:
        raise ConflictError("template_empty", "This roundtable has no prompts to save yet.")
    # What is saved must be usable: a prompt made under older rules is caught now, not later.
    plans_of(Template(clean_name, clean_description, tuple(specs)))
    taken = {shipped_template(slug).name.casefold() for slug in SHIPPED}
    saved = _saved_in(session, roundtable.event_id)
    taken |= {row.name.casefold() for row in saved}
    if clean_name.casefold() in taken:
        raise ConflictError("template_exists", "A template with that name exists already.")
    if len(saved) >= TEMPLATES_MAX:
        raise ConflictError(
            "too_many_templates", f"An event keeps at most {TEMPLATES_MAX} templates."
        )
    row = RoundtableTemplate(
        event_id=roundtable.event_id,
        name=clean_name,
        description=clean_description,
        prompts=specs,
        created_by=member.staff_id,
    )
    session.add(row)
    try:
        session.commit()
    except IntegrityError:  # the same name saved at the same moment by someone else
        session.rollback()
        raise ConflictError(
            "template_exists", "A template with that name exists already."
        ) from None
    return Written(_saved(row).view(), [])


def use_template(
    session: Session, *, actor: Actor | None, roundtable_id: int, template: int | str
) -> Written[list[PromptView]]:
    """Append the template's prompts to the roundtable's list as drafts, in order; each is
    logged as `prompt.created`. An ended roundtable takes none: reopen it first."""
    require(actor, Right.RUN_PROMPTS)
    found = find_template(session, get_roundtable(session, roundtable_id), template)
    plans = plans_of(found)
    roundtable = lock_roundtable(session, roundtable_id)
    if roundtable.status == RoundtableStatus.CLOSED:
        raise ConflictError("roundtable_closed", "This roundtable has ended; reopen it first.")
    start = next_position(session, roundtable)
    made: list[Prompt] = []
    for offset, plan in enumerate(plans):
        made.append(plan.draft(roundtable, start + offset))
        session.add(made[-1])
    session.flush()
    changes: list[RoomChange] = [PromptCreated.of(prompt) for prompt in made]
    views = [prompt_view(prompt) for prompt in made]
    return Written(views, record(session, roundtable, changes, actor=actor))


def delete_template(
    session: Session, *, actor: Actor | None, roundtable_id: int, template: int | str
) -> Written[TemplateView]:
    """Remove a template saved in the roundtable's event; the shipped ones stay."""
    require(actor, Right.RUN_PROMPTS)
    roundtable = get_roundtable(session, roundtable_id)
    found = find_template(session, roundtable, template)
    if found.template_id is None:
        raise ForbiddenError("The templates that ship with the server cannot be deleted.")
    row = session.get(RoundtableTemplate, found.template_id)
    session.delete(row)
    session.commit()
    return Written(found.view(), [])


def all_templates(session: Session) -> list[tuple[str | None, TemplateView]]:
    """Every template with the slug of the event it belongs to (None: shipped), for the
    command line."""
    listed: list[tuple[str | None, TemplateView]] = [
        (None, shipped_template(slug).view()) for slug in SHIPPED
    ]
    rows = session.execute(
        select(Event.slug, RoundtableTemplate)
        .join(Event, Event.id == RoundtableTemplate.event_id)
        .order_by(Event.id, func.lower(RoundtableTemplate.name), RoundtableTemplate.id)
    ).all()
    listed += [(slug, _saved(row).view()) for slug, row in rows]
    return listed
