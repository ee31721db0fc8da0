"""Links people follow: the join URL (for the room's network), its QR code, presenter links."""

from __future__ import annotations

import io

import segno
from flask import request, url_for

from facilitation.runtime import runtime


def public_base() -> str:
    """Where participants reach this server: the configured address, else this request's."""
    configured = runtime().settings.public_url
    return (configured or request.host_url).rstrip("/")


def join_url(join_code: str) -> str:
    return public_base() + url_for("pages.join", join_code=join_code)


def screen_url(token: str) -> str:
    """The presenter link: the big screen, for whoever holds it."""
    return public_base() + url_for("pages.screen", token=token)


def qr_svg(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=8, border=2, xmldecl=False)
    return out.getvalue()
