"""The session summary as PDF: the printable page, laid out by WeasyPrint on A4.

The page asks for nothing from outside, and the fetcher refuses anything all the same, so a
summary can never make the server request a URL. The server runs it apart from the live
rooms (exports/apart.py): laying out a large room takes many seconds.
"""

from __future__ import annotations

from typing import NoReturn

from facilitation.exports.html import page
from facilitation.services.summaries import Summary


def _no_fetching(url: str, *args: object, **kwargs: object) -> NoReturn:
    raise ValueError(f"A summary fetches nothing; refused {url[:80]!r}.")


def pdf_of(printable: str) -> bytes:
    """A standalone printable page (HTML with its CSS inline) as an A4 PDF."""
    from weasyprint import HTML  # slow to import: only when a PDF is asked for

    document: bytes = HTML(string=printable, url_fetcher=_no_fetching).write_pdf()
    return document


def render_pdf(summary: Summary) -> bytes:
    """The printable page as an A4 PDF."""
    return pdf_of(page(summary))
