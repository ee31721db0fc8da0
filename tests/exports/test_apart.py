"""Rendering in a process of its own: the same bytes as rendering in place, a failure reported
with the render's own words, and a process that starts light, because it starts for every
download of a page, a PDF or a Word file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from facilitation.exports import FORMATS
from facilitation.exports.apart import RenderError, render_apart
from tests.exports.readback import html_text, pdf_text
from tests.exports.rich import rich_summary


def test_a_page_rendered_apart_reads_as_the_page_rendered_in_place() -> None:
    summary = rich_summary()
    # Only the charts' clip-path ids differ: matplotlib draws them at random, so that two
    # charts on one page never share one.
    assert html_text(render_apart("summary", "html", summary)) == html_text(
        FORMATS["html"].render(summary)
    )


def test_a_pdf_rendered_apart_reads_as_the_pdf_rendered_in_place() -> None:
    summary = rich_summary()
    assert pdf_text(render_apart("summary", "pdf", summary)) == pdf_text(
        FORMATS["pdf"].render(summary)
    )


def test_a_failed_render_says_why() -> None:
    with pytest.raises(RenderError, match="cannot render a Summary as a report"):
        render_apart("report", "pdf", rich_summary())


def test_the_render_process_loads_neither_the_database_nor_the_web_layers() -> None:
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, facilitation.exports.apart; "
            "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sqlalchemy', 'flask', 'flask_socketio', 'matplotlib') "
            "or m.startswith('facilitation.models'))))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert loaded == []
