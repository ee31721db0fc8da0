"""The session summary as Markdown that reads well when pasted.

What people wrote stays text: it can start no link, HTML, heading, list, table cell or
emphasis. Only characters that would change the meaning where they stand are escaped,
so ordinary punctuation ("Real-time tools.") stays plain.
"""

from __future__ import annotations

import re

from facilitation.exports.answered import Block, Heading, Note, result_blocks
from facilitation.exports.content import (
    ACTION_STATUS_LABELS,
    HEADINGS,
    Sources,
    affiliation_name,
    by_kind,
    overview,
    participation_facts,
    prompt_counts,
    reactions_text,
    tag_labels,
)
from facilitation.exports.speaking import speaking_blocks
from facilitation.services.summary_data import (
    Byline,
    IdeaSummary,
    OutcomeSummary,
    Participation,
    PromptSummary,
    Summary,
)

# Markup anywhere in a line: code, emphasis, links and images, HTML and autolinks, table
# cells, strikethrough, and the backslash itself.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# Only an entity (&amp; &#38;) turns "&" into something else; "R&D" is fine.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# Bare URLs and addresses that GitHub-flavoured renderers turn into links.
_SCHEME = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*):(?=//)")
_WWW = re.compile(r"(?i)\b(www)\.")
_EMAIL = re.compile(r"(?<=\w)@(?=[\w-]+\.\w)")
# At the start of a line: headings, quotes, lists, thematic breaks, setext underlines.
_BLOCK_START = re.compile(r"^([#>+\-=])")
_NUMBERED = re.compile(r"^(\d{1,9})([.)])")
# A heading loses a trailing run of # after a space.
_CLOSING_HASHES = re.compile(r"(\s)(#+)$")


def escape(text: str) -> str:
    """Text that renders literally inside a line of Markdown, on one line."""
    text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _SCHEME.sub(r"\1\\:", text)
    text = _WWW.sub(r"\1\\.", text)
    return _EMAIL.sub(r"\\@", text)


def paragraph(text: str) -> str:
    """Text that renders literally as a paragraph of its own."""
    return _NUMBERED.sub(r"\1\\\2", _BLOCK_START.sub(r"\\\1", escape(text)))


def heading(level: int, text: str) -> str:
    return "#" * level + " " + _CLOSING_HASHES.sub(r"\1\\\2", escape(text))


def _credit(byline: Byline) -> str:
    if byline.author and byline.affiliation:
        return f"{escape(byline.author)} ({escape(byline.affiliation)})"
    if byline.author or byline.affiliation:
        return escape(byline.author or byline.affiliation or "")
    return "—"


def _overview(summary: Summary) -> list[str]:
    return [*(f"- {name}: {value}" for name, value in overview(summary)), ""]


def _outcome_notes(outcome: OutcomeSummary, sources: Sources) -> str:
    """The goals and the provenance of an outcome, escaped, on one line."""
    notes = [escape(goal) for goal in tag_labels(outcome)]
    if source := sources.of(outcome):
        notes.append(escape(source.sentence()))
    return " · ".join(notes)


def _outcomes(summary: Summary) -> list[str]:
    groups = by_kind(summary)
    if not groups:
        return []
    sources = Sources(summary)
    lines = [heading(2, HEADINGS["outcomes"]), ""]
    for kind, title, outcomes in groups:
        lines += [heading(3, title), ""]
        if kind == "action":
            lines += ["| Action | Owner | Due | Status |", "| --- | --- | --- | --- |"]
            for o in outcomes:
                notes = _outcome_notes(o, sources)
                status = ACTION_STATUS_LABELS.get(o.status or "", o.status or "—")
                lines.append(
                    f"| {escape(o.text)}{f' ({notes})' if notes else ''} "
                    f"| {escape(o.owner) if o.owner else '—'} | {escape(o.due or '—')} "
                    f"| {escape(status)} |"
                )
        else:
            for o in outcomes:
                notes = _outcome_notes(o, sources)
                lines.append(f"- {escape(o.text)}" + (f"  \n  *{notes}*" if notes else ""))
        lines.append("")
    return lines


def _participation(participation: Participation) -> list[str]:
    lines = [heading(2, HEADINGS["participation"]), ""]
    lines += [f"- {name}: {value}" for name, value in participation_facts(participation)]
    lines.append("")
    if participation.affiliations:
        lines += [
            heading(3, HEADINGS["affiliations"]),
            "",
            "| Name | People | Contributions |",
            "| --- | ---: | ---: |",
        ]
        lines += [
            f"| {escape(affiliation_name(a.name))} | {a.people} | {a.contributions} |"
            for a in participation.affiliations
        ]
        lines.append("")
    return lines


def _themes(prompt: PromptSummary) -> list[str]:
    lines = [
        heading(3, "Themes"),
        "",
        "Ranked by supporters: people who voted for the theme or for an idea in it, "
        "each counted once.",
        "",
        "| Rank | Theme | Supporters | Votes on the theme | Ideas |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {t.rank} | {escape(t.name)} | {t.support} | {t.votes} | {len(t.idea_ids)} |"
        for t in prompt.themes
    ]
    return [*lines, ""]


def _idea_rows(idea: IdeaSummary) -> list[str]:
    text = escape(idea.text) + (" *(edited)*" if idea.edited else "")
    text += " *(answered)*" if idea.answered else ""
    if idea.theme:
        text += f" *({escape(idea.theme)})*"
    credit = _credit(Byline(idea.author, idea.affiliation))
    rows = [
        f"| {idea.rank} | {text} | {credit} | {idea.votes} | {reactions_text(idea.reactions)} |"
    ]
    rows += [
        f"|  | ↳ {escape(reply.text)} | {_credit(reply.byline)} |  | "
        f"{reactions_text(reply.reactions)} |"
        for reply in idea.replies
    ]
    rows += [
        f"|  | Merged into it: {escape(merged.text)} | {_credit(merged.byline)} |  |  |"
        for merged in idea.merged
    ]
    return rows


def _block(block: Block) -> list[str]:
    """One part of an answered prompt's results or of speaking time: a heading, a sentence or
    a table."""
    if isinstance(block, Heading):
        return [heading(block.level, block.text), ""]
    if isinstance(block, Note):
        return [paragraph(block.text), ""]
    aligns = ["---:" if i in block.numbers else "---" for i in range(len(block.header))]
    lines = [
        "| " + " | ".join(escape(name) for name in block.header) + " |",
        "| " + " | ".join(aligns) + " |",
    ]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in block.rows]
    return [*lines, ""]


def _prompt(number: int, prompt: PromptSummary) -> list[str]:
    lines = [heading(2, f"{number}. {prompt.text}"), "", prompt_counts(prompt), ""]
    if prompt.results is not None:
        return lines + [line for block in result_blocks(prompt.results) for line in _block(block)]
    if not prompt.ideas:
        return [*lines, "No ideas.", ""]
    if prompt.themes:
        lines += _themes(prompt)
        lines += [heading(3, "Ideas"), ""]
    lines += [
        "| Rank | Idea | Author | Votes | Reactions |",
        "| ---: | --- | --- | ---: | --- |",
    ]
    for idea in prompt.ideas:
        lines += _idea_rows(idea)
    return [*lines, ""]


def render_markdown(summary: Summary) -> bytes:
    lines = [heading(1, summary.title), ""]
    context = " · ".join(escape(part) for part in (summary.event, summary.stream or "") if part)
    if context:
        lines += [f"*{context}*", ""]
    if summary.description:
        lines += [paragraph(summary.description), ""]
    lines += _overview(summary)
    lines += _outcomes(summary)
    if summary.participation:
        lines += _participation(summary.participation)
    if summary.speaking:
        lines += [heading(2, HEADINGS["speaking"]), ""]
        lines += [line for block in speaking_blocks(summary.speaking) for line in _block(block)]
    for number, prompt in enumerate(summary.prompts, start=1):
        lines += _prompt(number, prompt)
    if summary.unused:
        lines += [heading(2, "Not used"), ""]
        lines += [f"- {paragraph(prompt.text)}" for prompt in summary.unused]
        lines.append("")
    return "\n".join(lines).encode("utf-8")
