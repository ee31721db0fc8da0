"""The PDF as a reader receives it: every font embedded, Chinese and emoji drawn by fonts that
have them, charts as vector graphics with their text, a footer with the page count, and what
people wrote kept as text however it is shaped."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from facilitation.exports import FORMATS, REPORT_FORMATS
from facilitation.exports.pdf_fonts import CJK_FILES, SYMBOL_FILES, marked
from facilitation.services.summary_data import EventReport, OutcomeSummary, StreamReport, Summary
from tests.conftest import unavailable
from tests.exports.readback import pdf_text
from tests.exports.rich import CHINESE, WHEN, rich_summary

# Paragraph markup, a link and a picture, as someone might type them into an idea.
MARKUP = (
    '<font face="Courier" color="red">big</font> <a href="https://x.test">x</a> '
    '<img src="/etc/passwd"/> &amp; <b>'
)


def fonts_of(document: bytes) -> dict[str, DictionaryObject]:
    """Every font the pages use, by its PDF name (such as `AAAAAA+WenQuanYiZenHei`)."""
    found: dict[str, DictionaryObject] = {}
    for page in PdfReader(io.BytesIO(document)).pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def embedded(font: DictionaryObject) -> bool:
    descriptors = [font.get("/FontDescriptor")]
    descriptors += [d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
    return any(
        key in descriptor.get_object()
        for descriptor in descriptors
        if descriptor is not None
        for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def installed(paths: tuple[str, ...]) -> None:
    if not any(Path(path).exists() for path in paths):
        unavailable(f"none of {', '.join(paths)} is installed")


def with_idea_text(summary: Summary, text: str) -> Summary:
    prompt = summary.prompts[0]
    changed = replace(prompt.ideas[0], text=text)
    return replace(summary, prompts=[replace(prompt, ideas=[changed, *prompt.ideas[1:]])])


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return FORMATS["pdf"].render(rich_summary())


def test_every_font_the_pdf_uses_travels_inside_it(pdf: bytes) -> None:
    fonts = fonts_of(pdf)
    assert fonts
    assert all(embedded(font) for font in fonts.values()), list(fonts)


def test_chinese_is_drawn_by_an_embedded_cjk_font(pdf: bytes) -> None:
    installed(CJK_FILES)
    assert CHINESE in pdf_text(pdf).replace("\n", "")
    names = [name for name, font in fonts_of(pdf).items() if embedded(font)]
    assert any("WenQuanYi" in name or "Droid" in name or "gbsn" in name for name in names), names


def test_the_reactions_emoji_are_drawn_by_an_embedded_symbol_font(pdf: bytes) -> None:
    installed(SYMBOL_FILES)
    assert "👍 3" in pdf_text(pdf)
    assert any("Symbola" in name for name in fonts_of(pdf))


def test_people_text_is_marked_up_as_nothing_but_text() -> None:
    assert marked("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert marked("a\x00b\ufe0f") == "ab"  # what XML cannot carry, and the emoji selector
    assert marked("城市 plan").startswith('<font face="Text-')


def test_markup_in_an_idea_is_printed_not_obeyed() -> None:
    document = FORMATS["pdf"].render(with_idea_text(rich_summary(), MARKUP))
    assert " ".join(MARKUP.split()) in " ".join(pdf_text(document).split())
    assert b"/URI" not in document and b"/Link" not in document
    assert b"/Subtype /Image" not in document
    assert not any("Courier" in name for name in fonts_of(document))


def test_the_charts_are_vector_graphics_with_their_words_as_text(pdf: bytes) -> None:
    text = pdf_text(pdf)
    assert "Votes per idea (top 3)" in text
    assert "Contributions over time" in text
    assert b"/Subtype /Image" not in pdf


def test_each_page_names_the_document_and_counts_the_pages(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    assert reader.metadata is not None and reader.metadata.title == rich_summary().title
    for number, page in enumerate(reader.pages, start=1):
        assert f"{number} / {pages}" in page.extract_text()
        assert rich_summary().title in page.extract_text()


def test_text_longer_than_a_page_and_without_spaces_still_prints() -> None:
    """The longest outcome the workshop accepts, in Chinese (no spaces to break at), in the
    narrow column of the event report's action table, beside a 200-character owner and an idea
    that is nothing but emoji: every character reaches the PDF."""
    endless = ("城市绿化降温" * 170)[:1000]
    emoji = "🌳🚲💡" * 160
    action = OutcomeSummary(
        id=90, kind="action", text=endless, owner="O" * 200, due="2025-09-30", status="open"
    )
    summary = with_idea_text(rich_summary(), emoji)
    summary = replace(summary, outcomes=(*summary.outcomes, action))
    for document in (
        FORMATS["pdf"].render(summary),
        REPORT_FORMATS["pdf"].render(
            EventReport(
                event_id=1,
                title="Workshop",
                subtitle="",
                venue="",
                starts_on="2025-06-03",
                ends_on="2025-06-05",
                generated_at=WHEN,
                streams=(StreamReport("Stream 1", (summary,)),),
            )
        ),
    ):
        text = "".join(pdf_text(document).split())
        assert endless in text
        assert "O" * 200 in text
    assert emoji in "".join(pdf_text(FORMATS["pdf"].render(summary)).split())
