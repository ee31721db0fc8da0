"""Exports: pure functions from one Summary to the bytes of one format."""

from __future__ import annotations

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
