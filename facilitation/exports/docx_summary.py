"""The session summary as a Word document: headings, paragraphs, tables and the charts as
pictures.

What people wrote only ever goes in as the text of a run, which python-docx escapes; the
characters XML 1.0 cannot carry are left out first, so a hostile idea cannot break the file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Cm, Pt

from facilitation.exports import charts
from facilitation.exports.answered import Block, Heading, Note, result_blocks
from facilitation.exports.content import (
    ACTION_STATUS_LABELS,
    HEADINGS,
    IDEA_HEADER,
    Sources,
    affiliation_name,
    by_kind,
    context_line,
    credit,
    idea_label,
    overview,
    participation_facts,
    prompt_counts,
    reactions_text,
    tag_labels,
    xml_safe,
)
from facilitation.exports.speaking import speaking_blocks
from facilitation.services.summary_data import OutcomeSummary, Participation, PromptSummary, Summary

CHART_WIDTH = Cm(15)
NONE = ("", "", "")


def add_table(
    document: DocumentObject, header: Sequence[str], rows: Sequence[Sequence[str]]
) -> None:
    """A table with its header row, in the style every table of a Word export shares."""
    # Made at its full size at once: adding rows one by one slows down as the table grows.
    table = document.add_table(rows=len(rows) + 1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for row, texts in zip(table.rows, [header, *rows], strict=True):
        for target, text in zip(row.cells, texts, strict=True):
            if text:
                target.text = xml_safe(text)


def _chart(document: DocumentObject, chart: charts.Chart) -> None:
    document.add_picture(io.BytesIO(charts.png(chart)), width=CHART_WIDTH)


def _outcome_extras(document: DocumentObject, outcome: OutcomeSummary, sources: Sources) -> None:
    goals = tag_labels(outcome)
    if goals:
        document.add_paragraph(xml_safe("; ".join(goals)), style="Caption")
    if source := sources.of(outcome):
        document.add_paragraph(xml_safe(source.sentence()), style="Caption")


def _outcomes(document: DocumentObject, summary: Summary) -> None:
    groups = by_kind(summary)
    if not groups:
        return
    document.add_heading(HEADINGS["outcomes"], level=1)
    sources = Sources(summary)
    for kind, title, outcomes in groups:
        document.add_heading(title, level=2)
        if kind == "action":
            add_table(
                document,
                ("Action", "Owner", "Due", "Status", "SDGs", "From"),
                [
                    (
                        o.text,
                        o.owner or "—",
                        o.due or "—",
                        ACTION_STATUS_LABELS.get(o.status or "", o.status or "—"),
                        "; ".join(tag_labels(o)),
                        ", ".join((*sources.of(o).ideas, *sources.of(o).themes)),
                    )
                    for o in outcomes
                ],
            )
            continue
        for outcome in outcomes:
            document.add_paragraph(xml_safe(outcome.text), style="List Bullet")
            _outcome_extras(document, outcome, sources)


def _participation(document: DocumentObject, participation: Participation) -> None:
    document.add_heading(HEADINGS["participation"], level=1)
    add_table(document, ("Measure", "Value"), participation_facts(participation))
    if participation.affiliations:
        document.add_heading(HEADINGS["affiliations"], level=2)
        add_table(
            document,
            ("Name", "People", "Contributions"),
            [
                (affiliation_name(a.name), str(a.people), str(a.contributions))
                for a in participation.affiliations
            ],
        )
    if chart := charts.timeline(participation):
        _chart(document, chart)


def _idea_rows(prompt: PromptSummary) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for idea in prompt.ideas:
        rows.append(
            (
                str(idea.rank),
                idea_label(idea),
                credit(idea.author, idea.affiliation),
                str(idea.votes),
                str(len(idea.replies)),
                reactions_text(idea.reactions),
            )
        )
        rows += [
            ("", f"↳ {r.text}", credit(r.byline.author, r.byline.affiliation), "", "", "")
            for r in idea.replies
        ]
        rows += [
            ("", f"Merged into it: {m.text}", credit(m.byline.author, m.byline.affiliation), *NONE)
            for m in idea.merged
        ]
    return rows


def _block(document: DocumentObject, block: Block) -> None:
    """One part of an answered prompt's results or of speaking time: a heading, a sentence or
    a table."""
    if isinstance(block, Heading):
        document.add_heading(xml_safe(block.text), level=block.level - 1)
    elif isinstance(block, Note):
        document.add_paragraph(xml_safe(block.text))
    else:
        add_table(document, block.header, block.rows)


def _prompt(document: DocumentObject, number: int, prompt: PromptSummary) -> None:
    document.add_heading(xml_safe(f"{number}. {prompt.text}"), level=1)
    document.add_paragraph(prompt_counts(prompt))
    if prompt.results is not None:
        for chart in charts.prompt_charts(prompt):
            _chart(document, chart)
        for block in result_blocks(prompt.results):
            _block(document, block)
        return
    if not prompt.ideas:
        document.add_paragraph("No ideas.")
        return
    if prompt.themes:
        document.add_heading(HEADINGS["themes"], level=2)
        add_table(
            document,
            ("Rank", "Theme", "Supporters", "Votes on the theme", "Ideas"),
            [
                (str(t.rank), t.name, str(t.support), str(t.votes), str(len(t.idea_ids)))
                for t in prompt.themes
            ],
        )
    for chart in charts.prompt_charts(prompt):
        _chart(document, chart)
    document.add_heading(HEADINGS["ideas"], level=2)
    add_table(document, IDEA_HEADER, _idea_rows(prompt))


def render_docx(summary: Summary) -> bytes:
    """The summary as a Word document."""
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = xml_safe(summary.title)[:255]
    document.add_heading(xml_safe(summary.title), level=0)
    if context := context_line(summary):
        document.add_paragraph(xml_safe(context), style="Subtitle")
    if summary.description:
        document.add_paragraph(xml_safe(summary.description))
    document.add_heading(HEADINGS["overview"], level=1)
    for name, value in overview(summary):
        document.add_paragraph(f"{name}: {value}", style="List Bullet")
    _outcomes(document, summary)
    if summary.participation:
        _participation(document, summary.participation)
    if summary.speaking:
        document.add_heading(HEADINGS["speaking"], level=1)
        for block in speaking_blocks(summary.speaking):
            _block(document, block)
    for number, prompt in enumerate(summary.prompts, start=1):
        _prompt(document, number, prompt)
    if summary.unused:
        document.add_heading(HEADINGS["not_used"], level=1)
        for unused in summary.unused:
            document.add_paragraph(xml_safe(unused.text), style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
