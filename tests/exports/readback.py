"""Reading every export format back as text, the way a reader or a spreadsheet would."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import docx
from pypdf import PdfReader

from facilitation.exports import FORMATS
from facilitation.services.summary_data import Summary


class _Text(HTMLParser):
    """The text of a page, without what is inside <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.skipping += tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.skipping -= tag == "style"

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(page: bytes) -> tuple[str, list[str]]:
    """The page's text and the tags it opens."""
    parser = _Text()
    parser.feed(page.decode())
    return " ".join(parser.parts), parser.tags


def pdf_text(document: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(document)).pages)


def docx_text(document: bytes) -> str:
    opened = docx.Document(io.BytesIO(document))
    parts = [paragraph.text for paragraph in opened.paragraphs]
    parts += [cell.text for table in opened.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def csv_rows(document: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(document.decode("utf-8-sig"))))


def text_of(name: str, summary: Summary) -> str:
    """What a reader finds in the summary rendered as `name`, as one string."""
    rendered = FORMATS[name].render(summary)
    if name == "pdf":
        return pdf_text(rendered)
    if name == "docx":
        return docx_text(rendered)
    if name == "html":
        return html_text(rendered)[0]
    if name == "csv":
        return "\n".join(" | ".join(row) for row in csv_rows(rendered))
    if name == "json":
        return json.dumps(json.loads(rendered), ensure_ascii=False)
    return rendered.decode()
