"""Assembling the Flask app: settings, database, Socket.IO, translations, blueprints."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import Babel
from flask_socketio import SocketIO
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from facilitation import config
from facilitation.db import Database
from facilitation.identity import ParticipantTokens
from facilitation.realtime import Realtime
from facilitation.runtime import Runtime
from facilitation.services.errors import DomainError, RateLimitedError
from facilitation.sockets import register_handlers
from facilitation.throttle import Throttles
from facilitation.web.language import select_language
from facilitation.web.messages import message_for, translated

PACKAGE = Path(__file__).resolve().parent
# In a wheel, templates/ and static/ sit inside the package; in a checkout, beside it.
ASSETS = PACKAGE if (PACKAGE / "templates").is_dir() else PACKAGE.parent
MAX_MESSAGE_BYTES = 64 * 1024
# Pages load scripts, styles and sockets from this server only; no inline code runs.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "connect-src 'self' ws: wss:",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    )
)

log = logging.getLogger(__name__)


# test_config: any settings a test overrides, checked by config.py.
def build_app(test_config: dict[str, Any] | None = None) -> Flask:
    settings = config.from_environment_with(test_config or {})
    app = Flask(
        "facilitation",
        template_folder=str(ASSETS / "templates"),
        static_folder=str(ASSETS / "static"),
        instance_path=str(settings.instance_path),
    )
    app.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(days=14),
        MAX_CONTENT_LENGTH=1024 * 1024,
        BABEL_TRANSLATION_DIRECTORIES=str(PACKAGE / "translations"),
        JSON_SORT_KEYS=False,
    )
    app.config.update({k: v for k, v in (test_config or {}).items() if k.isupper()})

    Babel(app, locale_selector=select_language)
    database = Database(settings.database_url)
    socketio = SocketIO(
        app,
        async_mode=settings.async_mode,
        message_queue=settings.message_queue,
        channel=config.queue_channel(settings.message_queue),
        cors_allowed_origins=settings.allowed_origins,
        max_http_buffer_size=MAX_MESSAGE_BYTES,
        ping_interval=20,
        ping_timeout=20,
        json=None,
    )
    app.extensions["facilitation"] = Runtime(
        settings=settings,
        db=database,
        realtime=Realtime(socketio),
        tokens=ParticipantTokens(settings.secret_key),
        throttles=Throttles(settings.limits),
    )
    register_handlers(socketio)
    if settings.trusted_proxies:
        # Outside Socket.IO's own middleware, so that its connections see the client's address.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=settings.trusted_proxies, x_proto=settings.trusted_proxies
        )
    _register_blueprints(app)
    _register_errors(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from facilitation.web import api, auth, carrying, language, pages
    from facilitation.web.auth import csrf_token
    from facilitation.web.client_config import client_config
    from facilitation.web.client_strings import client_strings

    app.register_blueprint(api.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(carrying.bp)
    language.init_app(app)
    app.jinja_env.globals["csrf_token"] = csrf_token
    # The server's limits, for form attributes and each live page's `client-config` block.
    app.jinja_env.globals["client_config"] = client_config()
    app.jinja_env.globals["client_strings"] = client_strings

    @app.context_processor
    # Jinja's context: names for the templates, of any type.
    def staff_in_templates() -> dict[str, Any]:
        from facilitation.web.auth import current_staff

        return {"current_staff": current_staff}

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def _register_errors(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(error: DomainError) -> Response:
        details = translated(error)
        if _wants_json():
            response = jsonify(error=details)
        else:
            response = Response(
                render_template("error.html", error_page=True, message=details["message"])
            )
        response.status_code = error.status
        if isinstance(error, RateLimitedError):
            response.headers["Retry-After"] = str(error.retry_after)
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[Response | str, int]:
        status = error.code or 500
        code = (error.name or "error").lower().replace(" ", "_")
        message = error.description or error.name
        if error.description == type(error).description:
            # Werkzeug's own words, in English; a description given on purpose is kept.
            message = message_for(code, message)
        if _wants_json():
            return jsonify(error={"code": code, "message": message}), status
        return render_template("error.html", error_page=True, message=message), status

    @app.errorhandler(Exception)
    def server_error(error: Exception) -> tuple[Response | str, int]:
        log.exception("unhandled error", exc_info=error)
        message = message_for("server_error", "Something went wrong on the server.")
        if _wants_json():
            return jsonify(error={"code": "server_error", "message": message}), 500
        return render_template("error.html", error_page=True, message=message), 500
