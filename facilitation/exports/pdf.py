"""The session summary as PDF, laid out by ReportLab on A4: the printable page's sections in
the same order and words (exports/content.py), its charts as pictures.

The server runs it apart from the live rooms (exports/apart.py), like every heavy format.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from facilitation.exports import charts
from facilitation.exports.answered import Block, Heading, Note, result_blocks
from facilitation.exports.content import (
    HEADINGS,
    IDEA_HEADER,
    Sources,
    action_status,
    affiliation_name,
    by_kind,
    context_line,
    credit,
    idea_label,
    overview,
    participation_facts,
    prompt_counts,
    reactions_text,
    status_text,
    tag_labels,
    xml_safe,
)
from facilitation.exports.pdf_layout import (
    Cell,
    Styles,
    chart,
    document,
    facts,
    heading,
    table,
    text,
)
from facilitation.exports.speaking import speaking_blocks
from facilitation.services.summary_data import OutcomeSummary, Participation, PromptSummary, Summary

IDEA_WIDTHS = (0.07, 0.45, 0.2, 0.07, 0.09, 0.12)


def extras(
    outcome: OutcomeSummary, sources: Sources, styles: Styles, *, in_cell: bool = False
) -> list[Flowable]:
    """The goals and streams an outcome is tagged with, and what it came from."""
    shown: list[Flowable] = []
    if goals := tag_labels(outcome):
        shown.append(text("  ·  ".join(goals), styles.cell_tags if in_cell else styles.tags))
    if source := sources.of(outcome):
        shown.append(text(source.sentence(), styles.cell_source if in_cell else styles.source))
    return shown


def outcomes(summary: Summary, styles: Styles, title_style: ParagraphStyle) -> list[Flowable]:
    """The outcomes grouped by kind under their kind's heading; action items as a table."""
    story: list[Flowable] = []
    sources = Sources(summary)
    for kind, title, chosen in by_kind(summary):
        story.append(text(title, title_style))
        if kind == "action":
            story.append(
                table(
                    ("Action", "Owner", "Due", "Status"),
                    [
                        (
                            [text(o.text, styles.cell), *extras(o, sources, styles, in_cell=True)],
                            o.owner or "—",
                            o.due or "—",
                            action_status(o),
                        )
                        for o in chosen
                    ],
                    (0.53, 0.2, 0.14, 0.13),
                    styles,
                )
            )
            continue
        for outcome in chosen:
            story.append(text(outcome.text, styles.bullet, bullet="•"))
            story += extras(outcome, sources, styles)
    return story


def _participation(participation: Participation, styles: Styles) -> list[Flowable]:
    story = [
        *heading(HEADINGS["participation"], styles),
        facts(participation_facts(participation), styles),
    ]
    if participation.affiliations:
        story.append(text(HEADINGS["affiliations"], styles.h3))
        story.append(
            table(
                ("Name", "People", "Contributions"),
                [
                    (affiliation_name(a.name), str(a.people), str(a.contributions))
                    for a in participation.affiliations
                ],
                (0.6, 0.15, 0.25),
                styles,
                numbers=frozenset({1, 2}),
            )
        )
    if drawn := charts.timeline(participation):
        story.append(chart(drawn))
    return story


def _idea_rows(prompt: PromptSummary, styles: Styles) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = []
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
            (
                "",
                text(f"↳ {reply.text}", styles.reply),
                credit(reply.byline.author, reply.byline.affiliation),
                "",
                "",
                reactions_text(reply.reactions),
            )
            for reply in idea.replies
        ]
        rows += [
            (
                "",
                text(f"Merged into it: {merged.text}", styles.merged),
                credit(merged.byline.author, merged.byline.affiliation),
                "",
                "",
                "",
            )
            for merged in idea.merged
        ]
    return rows


def _block(block: Block, styles: Styles) -> Flowable:
    """One part of an answered prompt's results or of speaking time: a heading, a sentence or
    a table."""
    if isinstance(block, Heading):
        return text(block.text, styles.h4 if block.level > 3 else styles.h3)
    if isinstance(block, Note):
        return text(block.text, styles.note)
    return table(block.header, block.rows, block.widths, styles, numbers=block.numbers)


def _prompt(number: int, prompt: PromptSummary, styles: Styles) -> list[Flowable]:
    story = heading(f"{number}. {prompt.text}", styles)
    story.append(text(prompt_counts(prompt), styles.lead))
    if prompt.results is not None:
        story += [chart(drawn) for drawn in charts.prompt_charts(prompt)]
        return story + [_block(block, styles) for block in result_blocks(prompt.results)]
    if not prompt.ideas:
        return [*story, text("No ideas.", styles.body)]
    if prompt.themes:
        story.append(text(HEADINGS["themes"], styles.h3))
        story.append(
            table(
                ("Rank", "Theme", "Supporters", "Votes on the theme", "Ideas"),
                [
                    (str(t.rank), t.name, str(t.support), str(t.votes), str(len(t.idea_ids)))
                    for t in prompt.themes
                ],
                (0.08, 0.47, 0.14, 0.19, 0.12),
                styles,
                numbers=frozenset({0, 2, 3, 4}),
            )
        )
    story += [chart(drawn) for drawn in charts.prompt_charts(prompt)]
    story.append(text(HEADINGS["ideas"], styles.h3))
    story.append(
        table(
            IDEA_HEADER,
            _idea_rows(prompt, styles),
            IDEA_WIDTHS,
            styles,
            numbers=frozenset({0, 3, 4}),
        )
    )
    return story


def render_pdf(summary: Summary) -> bytes:
    """The summary as an A4 PDF."""
    styles = Styles()
    day = summary.scheduled_on or summary.generated_at.date().isoformat()
    context = " · ".join(
        part for part in (context_line(summary), day, status_text(summary)) if part
    )
    story: list[Flowable] = [text(summary.title, styles.title), text(context, styles.context)]
    if summary.description:
        story.append(text(summary.description, styles.body))
    story += [*heading(HEADINGS["overview"], styles), facts(overview(summary), styles)]
    if summary.outcomes:
        story += [*heading(HEADINGS["outcomes"], styles), *outcomes(summary, styles, styles.h3)]
    if summary.participation:
        story += _participation(summary.participation, styles)
    if summary.speaking:
        story += heading(HEADINGS["speaking"], styles)
        story += [_block(block, styles) for block in speaking_blocks(summary.speaking)]
    for number, prompt in enumerate(summary.prompts, start=1):
        story += _prompt(number, prompt, styles)
    if summary.unused:
        story += heading(HEADINGS["not_used"], styles)
        story += [text(unused.text, styles.bullet, bullet="•") for unused in summary.unused]
    return document(xml_safe(summary.title), story)
