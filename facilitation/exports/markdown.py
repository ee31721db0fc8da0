"""The session summary as Markdown, every user-written string escaped."""

from __future__ import annotations

import re

from facilitation.services.summaries import Summary

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~])")


ATTRIBUTION_NOTES = {
    "affiliation": " Ideas are attributed to cities and organisations only.",
    "anonymous": " Ideas are not attributed (Chatham House).",
}


def escape(text: str) -> str:
    """Text that Markdown renders literally: no links, emphasis, HTML or headings sneak in."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(summary: Summary) -> bytes:
    lines = [f"# {escape(summary.title)}", ""]
    context = " · ".join(escape(part) for part in (summary.event, summary.stream or "") if part)
    if context:
        lines += [f"*{context}*", ""]
    if summary.description:
        lines += [escape(summary.description), ""]
    lines += [
        f"- Participants: {summary.participants}",
        f"- Ideas: {summary.idea_count}",
        f"- Prompts: {len(summary.prompts)}",
        f"- Generated: {summary.generated_at.strftime('%Y-%m-%d %H:%M')} UTC",
        "",
    ]
    for number, prompt in enumerate(summary.prompts, start=1):
        lines += [
            f"## {number}. {escape(prompt.text)}",
            "",
            f"{len(prompt.ideas)} ideas from {prompt.contributors} contributors; "
            f"{prompt.votes_cast} votes from {prompt.voters} voters."
            + (f" Phase reached: {prompt.phase}." if prompt.phase else "")
            + ATTRIBUTION_NOTES.get(prompt.attribution, ""),
            "",
        ]
        if not prompt.ideas:
            lines += ["No ideas yet.", ""]
            continue
        if prompt.themes:
            lines += ["Themes:", ""]
            lines += [
                f"- {escape(t.name)}: {len(t.idea_ids)} ideas, {t.votes} votes"
                for t in prompt.themes
            ]
            lines.append("")
        lines += ["| Rank | Idea | Author | Votes |", "| ---: | --- | --- | ---: |"]
        for idea in prompt.ideas:
            author = escape(idea.author) if idea.author else "—"
            if idea.affiliation:
                author += f" ({escape(idea.affiliation)})"
            text = escape(idea.text)
            if idea.theme:
                text += f" *({escape(idea.theme)})*"
            for reply in idea.replies:
                text += f" ↳ {escape(reply)}"
            lines.append(f"| {idea.rank} | {text} | {author} | {idea.votes} |")
        lines.append("")
    return "\n".join(lines).encode("utf-8")
