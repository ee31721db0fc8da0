"""Exports: pure functions from one Summary to the bytes of one format."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from facilitation.exports.json_summary import render_json
from facilitation.exports.markdown import render_markdown
from facilitation.services.summaries import Summary


@dataclass(frozen=True)
class Format:
    render: Callable[[Summary], bytes]
    media_type: str
    extension: str


FORMATS: dict[str, Format] = {
    "json": Format(render_json, "application/json", "json"),
    "md": Format(render_markdown, "text/markdown; charset=utf-8", "md"),
}
PLANNED_FORMATS = ("html", "pdf", "docx", "csv")

# Words that only make a file name longer.
_SMALL_WORDS = frozenset({"a", "an", "and", "for", "of", "the", "to", "in", "on", "with"})
NAME_MAX = 80


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, small words left out."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(word for word in words if word not in _SMALL_WORDS)


def file_name(summary: Summary, extension: str) -> str:
    """What a downloaded summary is called: its stream's label and the roundtable's title
    (each without what precedes or follows their colon) and its day, such as
    `stream-1-digital-tools-resilient-planning-2025-06-04.md`."""
    stream_label = summary.stream.split(":", 1)[0] if summary.stream else ""
    title = summary.title.split(":", 1)[-1]
    name = "-".join(part for part in (slug(stream_label), slug(title)) if part)
    name = name[:NAME_MAX].rstrip("-") or f"roundtable-{summary.roundtable_id}"
    day = summary.scheduled_on or summary.generated_at.date().isoformat()
    return f"{name}-{day}.{extension}"
