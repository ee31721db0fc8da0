"""The session summary as PDF: the printable page, laid out by WeasyPrint on A4.

The page asks for nothing from outside, and the fetcher refuses anything all the same, so a
summary can never make the server request a URL.

Laying out a large room takes WeasyPrint many seconds of pure computation. Inside the server
that would hold every live connection of the process still (one process serves a room's
sockets under gevent or eventlet), so the layout runs in a process of its own
(`python -m facilitation.exports.pdf`), which the serving process waits for cooperatively; a
few at a time, so a burst of downloads cannot take every core from the rooms.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from typing import NoReturn

from facilitation.exports.html import page
from facilitation.services.summaries import Summary

# Long enough for a PDF of thousands of ideas on a slow machine; a hung layout is stopped.
LAYOUT_TIMEOUT = 300
# PDFs laid out at once; the next download waits its turn.
_layouts = threading.BoundedSemaphore(2)


class PdfError(RuntimeError):
    """The layout process failed; its own error output says why."""


def _no_fetching(url: str, *args: object, **kwargs: object) -> NoReturn:
    raise ValueError(f"A summary fetches nothing; refused {url[:80]!r}.")


def laid_out(printable: str) -> bytes:
    """The page as a PDF, laid out in this process: what the layout process runs."""
    from weasyprint import HTML  # slow to import: only when a PDF is asked for

    document: bytes = HTML(string=printable, url_fetcher=_no_fetching).write_pdf()
    return document


def pdf_of(printable: str) -> bytes:
    """A standalone printable page (HTML with its CSS inline) as an A4 PDF, laid out in a
    process of its own."""
    with _layouts:
        done = subprocess.run(
            [sys.executable, "-m", "facilitation.exports.pdf"],
            input=printable.encode("utf-8"),
            capture_output=True,
            timeout=LAYOUT_TIMEOUT,
            check=False,
        )
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF"):
        raise PdfError(done.stderr.decode("utf-8", "replace")[-2000:] or "no PDF was made")
    return done.stdout


def render_pdf(summary: Summary) -> bytes:
    """The printable page as an A4 PDF."""
    return pdf_of(page(summary))


if __name__ == "__main__":
    sys.stdout.buffer.write(laid_out(sys.stdin.buffer.read().decode("utf-8")))
