"""The pages people open: home, join, the participant page, the facilitator console."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from sqlalchemy.orm import Session
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as BaseResponse

from facilitation.models import Roundtable
from facilitation.runtime import runtime
from facilitation.services import outcomes, roundtables, screens
from facilitation.services.actors import Actor, Right
from facilitation.services.errors import NotFoundError, RateLimitedError
from facilitation.services.roundtables import normalise_join_code
from facilitation.services.screens import InvalidPresenterLinkError, NoPresenterLinkError
from facilitation.services.summary_data import OUTCOME_KINDS
from facilitation.throttle import TOO_MANY_JOINS, TOO_MANY_SCREENS
from facilitation.web.auth import address_key, current_actor, current_staff, page_staff_required
from facilitation.web.links import join_url, public_base, qr_svg, screen_url
from facilitation.web.messages import message_for, translated
from facilitation.web.rubric import starter_rubric

bp = Blueprint("pages", __name__)


@bp.get("/")
def home() -> str:
    member = current_staff()
    if member is None:
        return render_template("home.html")
    actor = current_actor()
    with runtime().db.session() as db:
        return render_template(
            "dashboard.html",
            events=roundtables.events_for_dashboard(db, actor=actor),
            staff=member,
            may_create=actor is not None and actor.may(Right.CREATE_ROUNDTABLE),
            may_export=actor is not None and actor.may(Right.EXPORT),
            may_run=actor is not None and actor.may(Right.RUN_PROMPTS),
            outcome_counts=outcomes.counts_by_roundtable(db, actor=actor),
            outcome_kinds=OUTCOME_KINDS,
        )


@bp.get("/join")
def join_form() -> str | BaseResponse:
    code = normalise_join_code(request.args.get("code", ""))
    if code:
        return redirect(url_for("pages.join", join_code=code))
    return render_template("home.html")


@bp.get("/join/<join_code>")
def join(join_code: str) -> str | BaseResponse:
    code = normalise_join_code(join_code)
    if code != join_code:
        return redirect(url_for("pages.join", join_code=code))
    with runtime().db.session() as db:
        try:
            roundtable = _by_join_code(db, code)
        except NotFoundError:
            return Response(render_template("not_found.html", code=code), status=404)
        return render_template(
            "participant.html",
            roundtable=roundtable,
            event=roundtable.event,
            join_code=code,
            attribution=roundtable.settings.get("attribution") or "named",
        )


@bp.get("/join/<join_code>/qr.svg")
def join_qr(join_code: str) -> Response:
    with runtime().db.session() as db:
        try:
            roundtable = _by_join_code(db, join_code)
        except NotFoundError:
            abort(404)
        svg = qr_svg(join_url(roundtable.join_code))
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.get("/roundtables/<int(max=2147483647):roundtable_id>")
@page_staff_required
def console(roundtable_id: int) -> Response:
    state = runtime()
    actor = current_actor()
    with state.db.session() as db:
        roundtable = _readable(db, actor, roundtable_id)
        may_share = actor is not None and actor.may(Right.SHARE_SCREEN)
        presenter_link = None
        if may_share:
            try:
                link = screens.current_link(
                    db, actor=actor, roundtable_id=roundtable.id, secret=state.settings.secret_key
                )
                presenter_link = screen_url(link.token)
            except NoPresenterLinkError:
                pass
        response = Response(
            render_template(
                "console.html",
                roundtable=roundtable,
                event=roundtable.event,
                join_link=join_url(roundtable.join_code),
                public_base=public_base(),
                may_run=actor is not None and actor.may(Right.RUN_PROMPTS),
                may_export=actor is not None and actor.may(Right.EXPORT),
                may_share=may_share,
                presenter_link=presenter_link,
                starter_rubric=starter_rubric(),
            )
        )
    # The page may carry the presenter link's secret: kept out of every cache.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/roundtables/<int(max=2147483647):roundtable_id>/report")
@page_staff_required
def report(roundtable_id: int) -> Response:
    """The rapporteur's page: what the room produced, the outcomes, the notes, the balance."""
    actor = current_actor()
    if actor is None or not actor.may(Right.RECORD_OUTCOMES):
        abort(403)
    with runtime().db.session() as db:
        roundtable = _readable(db, actor, roundtable_id)
        response = Response(
            render_template(
                "rapporteur.html",
                roundtable=roundtable,
                event=roundtable.event,
                may_run=actor.may(Right.RUN_PROMPTS),
                may_export=actor.may(Right.EXPORT),
                outcome_kinds=OUTCOME_KINDS,
                streams=[{"id": s.id, "title": s.title} for s in roundtable.event.streams],
            )
        )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/roundtables/<int(max=2147483647):roundtable_id>/present")
@page_staff_required
def presenter(roundtable_id: int) -> str:
    """The big screen: what the room sees, for the projector; staff only, read-only."""
    with runtime().db.session() as db:
        return _big_screen(_readable(db, current_actor(), roundtable_id))


@bp.get("/screen/<token>")
def screen(token: str) -> Response:
    """The big screen through a presenter link: the same page, opened by the link's token."""
    state = runtime()
    with state.db.session() as db:
        try:
            with state.throttles.join_attempts.attempt(TOO_MANY_SCREENS, address_key()):
                found = screens.resolve(db, token=token)
        except InvalidPresenterLinkError:
            # The same page as any unknown address: nothing tells whether the link ever was.
            page = render_template(
                "error.html",
                error_page=True,
                message=message_for("not_found", NotFound.description),
            )
            response = Response(page, status=404)
        except RateLimitedError as error:
            page = render_template(
                "error.html", error_page=True, message=translated(error)["message"]
            )
            response = Response(page, status=429)
            response.headers["Retry-After"] = str(error.retry_after)
        else:
            shown = Actor.screen(found.roundtable_id, found.link_id)
            roundtable = roundtables.require_access(db, shown, found.roundtable_id)
            response = Response(_big_screen(roundtable, screen_token=token))
    # The token is the key: it must not leak to other sites nor stay in a cache.
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


def _by_join_code(db: Session, code: str) -> Roundtable:
    """The roundtable a join code opens; a wrong guess spends one of this address's attempts."""
    with runtime().throttles.join_attempts.attempt(TOO_MANY_JOINS, address_key()):
        return roundtables.find_by_code(db, code)


def _readable(db: Session, actor: Actor | None, roundtable_id: int) -> Roundtable:
    """The roundtable, if this actor may read it; an unknown one is the plain 404 page."""
    try:
        return roundtables.require_access(db, actor, roundtable_id)
    except NotFoundError:
        abort(404)


def _big_screen(roundtable: Roundtable, *, screen_token: str | None = None) -> str:
    return render_template(
        "presenter.html",
        roundtable=roundtable,
        event=roundtable.event,
        join_base_display=_without_scheme(public_base()),
        join_path=url_for("pages.join", join_code=roundtable.join_code),
        screen_token=screen_token,
    )


def _without_scheme(url: str) -> str:
    """An address as people type it from a screen: no `http://` in front."""
    return url.split("://", 1)[-1]
