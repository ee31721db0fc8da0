"""Staff sign-in: a login session cookie in the browser, a Bearer token for the API."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response

from facilitation.models import StaffUser
from facilitation.runtime import runtime
from facilitation.services import staff
from facilitation.services.actors import Actor
from facilitation.services.errors import NotAuthenticatedError, RateLimitedError
from facilitation.throttle import TOO_MANY_LOGINS, TOO_MANY_TOKENS

bp = Blueprint("auth", __name__)
F = TypeVar("F", bound=Callable[..., Any])


class _WrongPassword(Exception):
    """A failed sign-in: raised inside the attempt so that it stays spent."""


def current_staff() -> StaffUser | None:
    """The staff member behind this request (token or cookie), looked up once per request."""
    if "staff" in g:
        found: StaffUser | None = g.staff
        return found
    found = None
    state = runtime()
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        g.staff = None  # an error page shown for a refused token asks again
        state.throttles.logins.take(address_key(), TOO_MANY_TOKENS)
        with state.db.session() as db:
            found = staff.staff_for_token(db, header.removeprefix("Bearer ").strip())
        if found is not None:
            state.throttles.logins.give_back(address_key())
    elif staff_id := session.get("staff_id"):
        with state.db.session() as db:
            found = staff.get_staff(db, staff_id)
    g.staff = found
    return found


def current_actor() -> Actor | None:
    member = current_staff()
    return Actor.staff(member.id, member.role) if member else None


def api_staff_required(view: F) -> F:
    """JSON endpoints: 401 without a staff identity."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_staff() is None:
            raise NotAuthenticatedError("Send an API token or sign in.")
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def page_staff_required(view: F) -> F:
    """Pages: send a visitor without a staff identity to the sign-in page."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_staff() is None:
            return redirect(url_for("auth.login", next=request.full_path))
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    token: str = session["csrf"]
    return token


def check_csrf() -> None:
    sent = request.form.get("csrf", "")
    if not sent or not secrets.compare_digest(sent, session.get("csrf", "")):
        abort(400, description=_("The form has expired; please try again."))


def _safe_next(target: str | None) -> str:
    # Only local paths: a crafted link must not bounce a signed-in user elsewhere.
    if not target or urlsplit(target).netloc or not target.startswith("/") or "//" in target:
        return url_for("pages.home")
    return target


def address_key() -> str:
    """Whom an HTTP request's attempts count against: its client address."""
    return f"address:{request.remote_addr or 'unknown'}"


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int, dict[str, str]]:
    if request.method == "POST":
        check_csrf()
        state = runtime()
        try:
            with state.throttles.logins.attempt(TOO_MANY_LOGINS, address_key()):
                with state.db.session() as db:
                    member = staff.authenticate(
                        db,
                        email=request.form.get("email", "")[:254],
                        password=request.form.get("password", "")[:1000],
                    )
                if member is None:
                    raise _WrongPassword
        except _WrongPassword:
            flash(_("That email and password do not match a staff account."))
        except RateLimitedError as error:
            flash(
                ngettext(
                    "Too many sign-in attempts from here; try again in %(num)d second.",
                    "Too many sign-in attempts from here; try again in %(num)d seconds.",
                    error.retry_after,
                )
            )
            page = render_template("login.html", next=request.args.get("next", ""))
            return page, 429, {"Retry-After": str(error.retry_after)}
        else:
            session.clear()
            session["staff_id"] = member.id
            session.permanent = True
            return redirect(_safe_next(request.args.get("next")))
    return render_template("login.html", next=request.args.get("next", ""))


@bp.post("/logout")
def logout() -> Response:
    check_csrf()
    session.clear()
    return redirect(url_for("pages.home"))
