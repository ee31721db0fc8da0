"""Rendering the heavy formats in a process of their own.

Drawing charts, filling a Word file or laying out a PDF takes seconds of pure computation for a
large room (bench/export.py). Inside the server that would hold every live connection of the
process still, since one process serves a room's sockets under gevent or eventlet. So the
server hands the summary (or the event report) to `python -m facilitation.exports.apart`,
which renders it and writes the bytes back, while the serving process waits cooperatively;
a few at a time, so that a burst of downloads cannot take every core from the rooms.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from typing import Literal

from facilitation.services.summary_data import EventReport, Summary

# The formats worth a process of their own: the others take a tenth of a second or less.
HEAVY = frozenset({"html", "pdf", "docx"})
# Long enough for a PDF of thousands of ideas on a slow machine; a hung render is stopped.
RENDER_TIMEOUT = 300
_renders = threading.BoundedSemaphore(2)

Kind = Literal["summary", "report"]


class RenderError(RuntimeError):
    """The rendering process failed; its own error output says why."""


def render_apart(kind: Kind, format_name: str, document: Summary | EventReport) -> bytes:
    """The document in that format, rendered by a process of its own."""
    with _renders:
        done = subprocess.run(
            [sys.executable, "-m", "facilitation.exports.apart", kind, format_name],
            # Only ever read by the process started here, from this process's own objects.
            input=pickle.dumps(document),
            capture_output=True,
            timeout=RENDER_TIMEOUT,
            check=False,
        )
    if done.returncode != 0 or not done.stdout:
        raise RenderError(done.stderr.decode("utf-8", "replace")[-2000:] or "nothing rendered")
    return done.stdout


def _render_here(kind: str, format_name: str, pickled: bytes) -> bytes:
    from facilitation.exports import FORMATS, REPORT_FORMATS

    document = pickle.loads(pickled)
    if kind == "summary" and isinstance(document, Summary):
        return FORMATS[format_name].render(document)
    if kind == "report" and isinstance(document, EventReport):
        return REPORT_FORMATS[format_name].render(document)
    raise RenderError(f"cannot render a {type(document).__name__} as a {kind}")


if __name__ == "__main__":
    sys.stdout.buffer.write(_render_here(sys.argv[1], sys.argv[2], sys.stdin.buffer.read()))
