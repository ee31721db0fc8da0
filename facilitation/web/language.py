"""The languages people can choose, which one a request speaks, and the switch between them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from flask import Blueprint, Flask, redirect, request, url_for
from flask_babel import format_date, get_locale
from werkzeug.datastructures import LanguageAccept
from werkzeug.wrappers import Response

bp = Blueprint("language", __name__)

COOKIE = "language"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
DEFAULT = "en"


@dataclass(frozen=True)
class Language:
    """A language of the interface: its catalogue code, BCP 47 tag and its own name for itself."""

    code: str
    tag: str
    native_name: str


LANGUAGES = (
    Language("en", "en", "English"),
    Language("zh_Hans", "zh-Hans", "简体中文"),
    Language("fr", "fr", "Français"),
    Language("es", "es", "Español"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
# What browsers send for Simplified Chinese; Traditional (zh-TW, zh-Hant...) is not offered.
_ACCEPTED = {
    "en": "en",
    "zh": "zh_Hans",
    "zh-cn": "zh_Hans",
    "zh-hans": "zh_Hans",
    "zh-hans-cn": "zh_Hans",
    "zh-sg": "zh_Hans",
    "zh-hans-sg": "zh_Hans",
    "fr": "fr",
    "es": "es",
}


def from_accept_language(accept: LanguageAccept) -> str | None:
    """The best offered language for an Accept-Language header, in the browser's order."""
    for value, _quality in accept:
        tag = value.lower().replace("_", "-")
        if tag in _ACCEPTED:
            return _ACCEPTED[tag]
        primary = tag.split("-", 1)[0]
        if primary != "zh" and primary in _ACCEPTED:
            return _ACCEPTED[primary]
    return None


def select_language() -> str:
    """This request's language: the person's choice, else the browser's preference, else English."""
    chosen = request.cookies.get(COOKIE, "")
    if chosen in BY_CODE:
        return chosen
    return from_accept_language(request.accept_languages) or DEFAULT


def current_language() -> Language:
    return BY_CODE.get(str(get_locale() or DEFAULT), BY_CODE[DEFAULT])


def _same_site_path(target: str | None) -> str | None:
    # A local path only: the switch must not send anyone to another site.
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def _same_site_referrer() -> str | None:
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc != request.host or referrer.scheme not in ("http", "https"):
        return None
    return _same_site_path(referrer.path + (f"?{referrer.query}" if referrer.query else ""))


@bp.post("/language")
def choose() -> Response:
    """Remember a language for a year and go back to the page the person was on."""
    code = request.form.get("language", "")
    target = (
        _same_site_path(request.form.get("next")) or _same_site_referrer() or url_for("pages.home")
    )
    response = redirect(target, code=303)
    if code in BY_CODE:
        response.set_cookie(
            COOKIE,
            code,
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure,
        )
    return response


def local_date(value: str) -> str:
    """An ISO date ("2025-06-03") as the person's language writes it; other text as it is."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return str(format_date(day, "medium"))


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.filters["local_date"] = local_date

    @app.context_processor
    def languages_in_templates() -> dict[str, object]:
        return {"languages": LANGUAGES, "language": current_language()}
