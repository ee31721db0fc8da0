"""The draft: takeaways the rapporteur starts from, picked by rules from what the room produced.

No model writes them: each drafted takeaway is a theme or an idea the room supported, with
its support and its source, so a rapporteur can tell at once why it is there. The rules, in
the order they are applied to each prompt the room answered (docs/reports.md, "The draft"):

1. Themes the room supported (votes on the theme and on its ideas), best first, at most
   THEMES_PER_PROMPT: one takeaway each, with its best-supported ideas as examples.
2. Ideas with votes that are not in one of those themes, best first, until the prompt has
   TAKEAWAYS_PER_PROMPT takeaways.
3. A prompt nobody voted on: its ideas that drew replies or reactions, most first, at most
   THEMES_PER_PROMPT of them.
4. Once for the roundtable, when its participation is known: who took part, and how evenly.

The words around them ("12 votes") are the caller's, in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitation.services.summary_data import IdeaSummary, Participation, PromptSummary, Summary

THEMES_PER_PROMPT = 3
TAKEAWAYS_PER_PROMPT = 5
EXAMPLES_PER_THEME = 2


@dataclass(frozen=True)
class DraftedTheme:
    prompt_id: int
    theme_id: int
    name: str
    support: int
    examples: tuple[IdeaSummary, ...]


@dataclass(frozen=True)
class DraftedIdea:
    prompt_id: int
    idea: IdeaSummary
    # True when the room did not vote and the idea is here for the discussion it drew.
    by_engagement: bool = False


Drafted = DraftedTheme | DraftedIdea | Participation


def sources(item: Drafted) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The idea ids and theme ids a drafted takeaway came from."""
    if isinstance(item, DraftedTheme):
        return tuple(idea.id for idea in item.examples), (item.theme_id,)
    if isinstance(item, DraftedIdea):
        return (item.idea.id,), ()
    return (), ()


def _engagement(idea: IdeaSummary) -> int:
    return len(idea.replies) + sum(idea.reactions.values())


def _from_prompt(prompt: PromptSummary) -> list[Drafted]:
    by_id = {idea.id: idea for idea in prompt.ideas}
    drafted: list[Drafted] = []
    themed: set[int] = set()
    for theme in [t for t in prompt.themes if t.support > 0][:THEMES_PER_PROMPT]:
        members = sorted(
            (by_id[i] for i in theme.idea_ids if i in by_id), key=lambda i: (i.rank, i.id)
        )
        themed.update(theme.idea_ids)
        drafted.append(
            DraftedTheme(
                prompt.id, theme.id, theme.name, theme.support, tuple(members[:EXAMPLES_PER_THEME])
            )
        )
    # prompt.ideas is ranked already: most votes first, ties in arrival order.
    for idea in prompt.ideas:
        if len(drafted) >= TAKEAWAYS_PER_PROMPT or idea.votes == 0:
            break
        if idea.id not in themed:
            drafted.append(DraftedIdea(prompt.id, idea))
    if drafted:
        return drafted
    discussed = sorted(
        (idea for idea in prompt.ideas if _engagement(idea) > 0),
        key=lambda idea: (-_engagement(idea), idea.id),
    )
    return [
        DraftedIdea(prompt.id, idea, by_engagement=True) for idea in discussed[:THEMES_PER_PROMPT]
    ]


def draft(summary: Summary) -> list[Drafted]:
    """The drafted takeaways of a roundtable, prompt by prompt, then its participation."""
    drafted = [item for prompt in summary.prompts for item in _from_prompt(prompt)]
    if summary.participation is not None and summary.participation.joined:
        drafted.append(summary.participation)
    return drafted
