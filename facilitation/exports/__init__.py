"""Exports: pure functions from one Summary to the bytes of one format."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from facilitation.exports.anonymous import anonymised, anonymised_report
from facilitation.exports.csv_summary import render_csv
from facilitation.exports.docx_summary import render_docx
from facilitation.exports.html import render_html
from facilitation.exports.json_summary import render_json
from facilitation.exports.markdown import render_markdown
from facilitation.exports.pdf import render_pdf
from facilitation.exports.report_csv import render_report_csv
from facilitation.exports.report_docx import render_report_docx
from facilitation.exports.report_html import render_report_html
from facilitation.exports.report_json import render_report_json
from facilitation.exports.report_markdown import render_report_markdown
from facilitation.exports.report_pdf import render_report_pdf
from facilitation.services.summary_data import EventReport, Summary


@dataclass(frozen=True)
class Format:
    render: Callable[[Summary], bytes]
    media_type: str
    extension: str


FORMATS: dict[str, Format] = {
    "json": Format(render_json, "application/json", "json"),
    "md": Format(render_markdown, "text/markdown; charset=utf-8", "md"),
    "html": Format(render_html, "text/html; charset=utf-8", "html"),
    "pdf": Format(render_pdf, "application/pdf", "pdf"),
    "docx": Format(
        render_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "csv": Format(render_csv, "text/csv; charset=utf-8", "csv"),
}


@dataclass(frozen=True)
class ReportFormat:
    render: Callable[[EventReport], bytes]
    media_type: str
    extension: str


# The event report comes in the summary's formats, under the same media types.
REPORT_FORMATS: dict[str, ReportFormat] = {
    name: ReportFormat(render, FORMATS[name].media_type, FORMATS[name].extension)
    for name, render in (
        ("json", render_report_json),
        ("md", render_report_markdown),
        ("html", render_report_html),
        ("pdf", render_report_pdf),
        ("docx", render_report_docx),
        ("csv", render_report_csv),
    )
}
__all__ = [
    "FORMATS",
    "REPORT_FORMATS",
    "Format",
    "ReportFormat",
    "anonymised",
    "anonymised_report",
    "file_name",
    "report_file_name",
    "slug",
]

# Words that only make a file name longer.
_SMALL_WORDS = frozenset({"a", "an", "and", "for", "of", "the", "to", "in", "on", "with"})
NAME_MAX = 80


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, small words left out."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(word for word in words if word not in _SMALL_WORDS)


def file_name(summary: Summary, extension: str, *, anonymous: bool = False) -> str:
    """What a downloaded summary is called: its stream's label and the roundtable's title
    (each without what precedes or follows their colon) and its day, such as
    `stream-1-digital-tools-resilient-planning-2025-06-04.md`; an anonymised one ends in
    `-anonymous` before the extension."""
    stream_label = summary.stream.split(":", 1)[0] if summary.stream else ""
    title = summary.title.split(":", 1)[-1]
    name = "-".join(part for part in (slug(stream_label), slug(title)) if part)
    name = name[:NAME_MAX].rstrip("-") or f"roundtable-{summary.roundtable_id}"
    day = summary.scheduled_on or summary.generated_at.date().isoformat()
    return f"{name}-{day}{'-anonymous' if anonymous else ''}.{extension}"


def report_file_name(report: EventReport, extension: str, *, anonymous: bool = False) -> str:
    """What a downloaded event report is called: the event's title, "report" and the day it
    was made, such as `2025-workshop-thought-leaders-report-2025-06-03.pdf`."""
    name = slug(report.title)[:NAME_MAX].rstrip("-") or f"event-{report.event_id}"
    day = report.generated_at.date().isoformat()
    return f"{name}-report-{day}{'-anonymous' if anonymous else ''}.{extension}"
