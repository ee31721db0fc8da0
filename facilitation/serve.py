"""Running the server in the chosen async mode, until SIGTERM or SIGINT, then exiting 0."""

from __future__ import annotations

import contextlib
import fcntl
import signal
import socket
import struct
import sys
from typing import Any

from facilitation.config import Settings


def prepare_async(mode: str) -> None:
    """Monkey-patch for gevent or eventlet: first thing, before anything else is imported."""
    if mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
        from psycopg import pq  # noqa: F401  (psycopg 3 cooperates with gevent once patched)
    elif mode == "eventlet":
        import eventlet

        eventlet.monkey_patch()


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback, read from its interfaces."""
    found = []
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        for _index, name in socket.if_nameindex():
            request = struct.pack("256s", name.encode()[:15])
            try:
                answer = fcntl.ioctl(probe.fileno(), 0x8915, request)  # SIOCGIFADDR
            except OSError:
                continue
            address = socket.inet_ntoa(answer[20:24])
            if not address.startswith("127."):
                found.append(address)
    finally:
        probe.close()
    return found


def _announce(settings: Settings, host: str, port: int) -> Settings:
    import dataclasses

    local = f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{port}"
    print(f"Roundtable is serving on {local}/ ({settings.async_mode})", flush=True)
    if host in ("0.0.0.0", ""):
        addresses = lan_addresses()
        for address in addresses:
            print(f"  on the local network: http://{address}:{port}/", flush=True)
        if addresses and settings.public_url is None:
            settings = dataclasses.replace(settings, public_url=f"http://{addresses[0]}:{port}")
    if settings.public_url:
        print(f"  join links and QR codes point to {settings.public_url}/", flush=True)
    return settings


def serve(settings: Settings, *, host: str, port: int) -> int:
    from facilitation.app import build_app

    settings = _announce(settings, host, port)
    app = build_app({"public_url": settings.public_url})
    app.extensions["socketio"].start_background_task(_move_on_when_time_is_up, app)
    runners = {"gevent": _serve_gevent, "eventlet": _serve_eventlet, "threading": _serve_threading}
    runners[settings.async_mode](app, host, port)
    print("Roundtable stopped.", flush=True)
    return 0


TIMER_CHECK_SECONDS = 0.5


def _move_on_when_time_is_up(app: Any) -> None:
    """Advance prompts whose timers ran out, and group the opinions of statements prompts that
    came after their last grouping; every process may do it, the database decides once."""
    import logging

    from facilitation.models import utcnow
    from facilitation.services.phases import advance_expired_timers, timers_due
    from facilitation.services.statements import groups_due, publish_due_groups

    state = app.extensions["facilitation"]
    socketio = app.extensions["socketio"]
    while True:
        socketio.sleep(TIMER_CHECK_SECONDS)
        try:
            with state.db.session() as db:
                timers, groups = timers_due(db, now=utcnow()), groups_due(db, now=utcnow())
            if timers:
                with state.db.writing() as db:
                    state.realtime.publish(advance_expired_timers(db, now=utcnow()))
            if groups:
                with state.db.writing() as db:
                    state.realtime.publish(publish_due_groups(db, now=utcnow()))
        except Exception:  # a database hiccup must not stop the timers for good
            logging.getLogger(__name__).exception("moving on expired timers failed")


def _serve_gevent(app: Any, host: str, port: int) -> None:
    import gevent
    from gevent import pywsgi
    from geventwebsocket.handler import WebSocketHandler

    server = pywsgi.WSGIServer((host, port), app, handler_class=WebSocketHandler, log=None)
    for signum in (signal.SIGTERM, signal.SIGINT):
        gevent.signal_handler(signum, server.stop, 2)
    server.serve_forever()


class _Stop(BaseException):
    """Raised by the signal handler; not an Exception, so no error handler swallows it."""


def _raise_stop(_signum: int, _frame: Any) -> None:
    raise _Stop


def _serve_eventlet(app: Any, host: str, port: int) -> None:
    import eventlet
    import eventlet.wsgi
    from eventlet.event import Event

    # The signal may land in any green thread (a handler, the timer loop), so it only sets
    # an event; the main green thread waits for it and then stops the server.
    stopped = Event()

    def stop(_signum: int, _frame: Any) -> None:
        if not stopped.ready():
            stopped.send(None)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server = eventlet.spawn(
        eventlet.wsgi.server, eventlet.listen((host, port)), app, log_output=False
    )
    stopped.wait()
    server.kill()


def _serve_threading(app: Any, host: str, port: int) -> None:
    socketio = app.extensions["socketio"]
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGINT, _raise_stop)
    with contextlib.suppress(_Stop):
        socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True, log_output=False)
    sys.stdout.flush()
