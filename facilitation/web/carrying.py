"""The page that carries the streams' results into another roundtable, such as the wrap-up:
a plain form, so that it works before any script has loaded."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from werkzeug.wrappers import Response as BaseResponse

from facilitation.models import Prompt
from facilitation.runtime import runtime
from facilitation.services import carry
from facilitation.services.errors import DomainError, NotFoundError
from facilitation.services.roundtables import require_access
from facilitation.web.auth import check_csrf, current_actor, page_staff_required
from facilitation.web.messages import translated

bp = Blueprint("carrying", __name__)


def _ids(name: str) -> list[int]:
    """The checked boxes of one list; anything that is not an id is refused."""
    values = request.form.getlist(name)
    if not all(value.isdigit() and len(value) < 10 for value in values):
        abort(400)
    return [int(value) for value in values]


@bp.get("/roundtables/<int(max=2147483647):roundtable_id>/carry")
@page_staff_required
def carry_form(roundtable_id: int) -> str:
    actor = current_actor()
    chosen = request.args.get("prompt_id", "")
    with runtime().db.session() as db:
        try:
            roundtable = require_access(db, actor, roundtable_id)
            prompts = sorted(roundtable.prompts, key=lambda p: (p.position, p.id))
            prompt_id = int(chosen) if chosen.isdigit() else (prompts[0].id if prompts else None)
            if prompt_id is not None and prompt_id not in {p.id for p in prompts}:
                abort(404)
            offered = carry.sources(
                db, actor=actor, roundtable_id=roundtable.id, prompt_id=prompt_id
            )
        except NotFoundError:
            abort(404)
        except DomainError as error:
            abort(403, description=translated(error)["message"])
        return render_template(
            "carry.html",
            roundtable=roundtable,
            prompts=prompts,
            prompt_id=prompt_id,
            sources=offered,
        )


@bp.post("/roundtables/<int(max=2147483647):roundtable_id>/carry")
@page_staff_required
def carry_in(roundtable_id: int) -> BaseResponse:
    check_csrf()
    prompt_id = request.form.get("prompt_id", "")
    if not prompt_id.isdigit() or len(prompt_id) > 9:
        abort(400)
    state = runtime()
    with state.db.writing() as db:
        try:
            written = carry.carry(
                db,
                actor=current_actor(),
                roundtable_id=roundtable_id,
                prompt_id=int(prompt_id),
                outcome_ids=_ids("outcome_id"),
                idea_ids=_ids("idea_id"),
            )
        except NotFoundError:
            abort(404)
        except DomainError as error:
            abort(
                400 if error.status < 500 else error.status,
                description=translated(error)["message"],
            )
        prompt = db.get(Prompt, int(prompt_id))
        prompt_text = prompt.text if prompt else ""
    state.realtime.publish(written.events)
    count = len(written.answer)
    if count:
        flash(
            ngettext(
                "Brought %(num)d item into “%(prompt)s”.",
                "Brought %(num)d items into “%(prompt)s”.",
                count,
                prompt=prompt_text,
            ),
            "done",
        )
    else:
        flash(gettext("Nothing new to bring in: what you chose is there already."), "done")
    return redirect(
        url_for("carrying.carry_form", roundtable_id=roundtable_id, prompt_id=prompt_id)
    )
