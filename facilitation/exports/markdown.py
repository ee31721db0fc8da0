"""The session summary as Markdown that reads well when pasted.

What people wrote stays text: it can start no link, HTML, heading, list, table cell or
emphasis. Only characters that would change the meaning where they stand are escaped,
so ordinary punctuation ("Real-time tools.") stays plain.
"""

from __future__ import annotations

import re
from datetime import datetime

from facilitation.services import sdgs
from facilitation.services.summaries import (
    Byline,
    IdeaSummary,
    OutcomeSummary,
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

ATTRIBUTION_NOTES = {
    "affiliation": "Ideas are attributed to cities and organisations only.",
    "anonymous": "Ideas are not attributed (Chatham House).",
}


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


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") + " UTC"


def _credit(byline: Byline) -> str:
    if byline.author and byline.affiliation:
        return f"{escape(byline.author)} ({escape(byline.affiliation)})"
    if byline.author or byline.affiliation:
        return escape(byline.author or byline.affiliation or "")
    return "—"


def _reactions(reactions: dict[str, int]) -> str:
    return " · ".join(f"{emoji} {n}" for emoji, n in reactions.items())


def _status(summary: Summary) -> str:
    if summary.status == "closed":
        return "Ended" + (f" {_when(summary.ended_at)}" if summary.ended_at else "")
    return {"live": "Live", "scheduled": "Not started"}.get(summary.status, summary.status)


def _overview(summary: Summary) -> list[str]:
    ideas = plural(summary.idea_count, "idea", "ideas")
    if summary.reply_count:
        ideas += f" and {plural(summary.reply_count, 'reply', 'replies')}"
    prompts = plural(len(summary.prompts), "prompt", "prompts")
    if summary.unused:
        prompts += f" ({len(summary.unused)} more written but not used)"
    return [
        f"- Status: {_status(summary)}",
        f"- Participants: {summary.participants}",
        f"- Contributions: {ideas}",
        f"- Prompts: {prompts}",
        f"- Generated: {_when(summary.generated_at)}",
        "",
    ]


def _prompt_counts(prompt: PromptSummary) -> str:
    ideas = plural(len(prompt.ideas), "idea", "ideas")
    if prompt.replies:
        ideas += f" and {plural(prompt.replies, 'reply', 'replies')}"
    votes = plural(prompt.votes_cast, "vote", "votes")
    if prompt.theme_votes:
        votes += f" ({prompt.theme_votes} on themes)"
    sentences = [
        f"{ideas} from {plural(prompt.contributors, 'contributor', 'contributors')}; "
        f"{votes} from {plural(prompt.voters, 'voter', 'voters')}"
        + (f"; {plural(prompt.reactions, 'reaction', 'reactions')}" if prompt.reactions else "")
        + "."
    ]
    left_out = prompt.left_out
    if left_out.total:
        reasons = [
            f"{n} {reason}"
            for n, reason in (
                (left_out.pending, "never approved"),
                (left_out.hidden, "hidden"),
                (left_out.withdrawn, "withdrawn"),
                (left_out.merged, "merged"),
            )
            if n
        ]
        sentences.append(f"Left out: {', '.join(reasons)}.")
    if prompt.phase:
        sentences.append(f"Phase reached: {prompt.phase}.")
    if prompt.attribution in ATTRIBUTION_NOTES:
        sentences.append(ATTRIBUTION_NOTES[prompt.attribution])
    return " ".join(sentences)


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
    if idea.theme:
        text += f" *({escape(idea.theme)})*"
    credit = _credit(Byline(idea.author, idea.affiliation))
    rows = [f"| {idea.rank} | {text} | {credit} | {idea.votes} | {_reactions(idea.reactions)} |"]
    rows += [
        f"|  | ↳ {escape(reply.text)} | {_credit(reply.byline)} |  | "
        f"{_reactions(reply.reactions)} |"
        for reply in idea.replies
    ]
    rows += [
        f"|  | Merged into it: {escape(merged.text)} | {_credit(merged.byline)} |  |  |"
        for merged in idea.merged
    ]
    return rows


def _prompt(number: int, prompt: PromptSummary) -> list[str]:
    lines = [heading(2, f"{number}. {prompt.text}"), "", _prompt_counts(prompt), ""]
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


OUTCOME_HEADINGS = {
    "takeaway": "Takeaways",
    "decision": "Decisions",
    "action": "Action items",
    "question": "Open questions",
}
ACTION_STATUS_NAMES = {"open": "open", "in_progress": "in progress", "done": "done"}


def _outcome(outcome: OutcomeSummary) -> str:
    details = []
    if outcome.kind == "action":
        if outcome.owner:
            details.append(f"owner: {escape(outcome.owner)}")
        if outcome.due:
            details.append(f"due {outcome.due}")
        if outcome.status:
            details.append(ACTION_STATUS_NAMES.get(outcome.status, outcome.status))
    details += [escape(sdgs.label(goal)) for goal in outcome.sdgs]
    return f"- {paragraph(outcome.text)}" + (f" ({'; '.join(details)})" if details else "")


def _outcomes(summary: Summary) -> list[str]:
    """The rapporteur's outcomes, by kind, before what the room wrote."""
    lines: list[str] = []
    for kind, title in OUTCOME_HEADINGS.items():
        chosen = [outcome for outcome in summary.outcomes if outcome.kind == kind]
        if chosen:
            lines += [heading(2, title), "", *(_outcome(o) for o in chosen), ""]
    return lines


def render_markdown(summary: Summary) -> bytes:
    lines = [heading(1, summary.title), ""]
    context = " · ".join(escape(part) for part in (summary.event, summary.stream or "") if part)
    if context:
        lines += [f"*{context}*", ""]
    if summary.description:
        lines += [paragraph(summary.description), ""]
    lines += _overview(summary)
    lines += _outcomes(summary)
    for number, prompt in enumerate(summary.prompts, start=1):
        lines += _prompt(number, prompt)
    if summary.unused:
        lines += [heading(2, "Not used"), ""]
        lines += [f"- {paragraph(prompt.text)}" for prompt in summary.unused]
        lines.append("")
    return "\n".join(lines).encode("utf-8")
