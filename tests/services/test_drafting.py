"""The draft: takeaways picked by rules a rapporteur can check against the room."""

from __future__ import annotations

from datetime import datetime

from facilitation.services.drafting import (
    TAKEAWAYS_PER_PROMPT,
    DraftedIdea,
    DraftedTheme,
    draft,
    sources,
)
from facilitation.services.summary_data import (
    Byline,
    IdeaSummary,
    Participation,
    PromptSummary,
    ReplySummary,
    Summary,
    ThemeSummary,
)

WHEN = datetime(2025, 6, 4, 10, 0)


def idea(idea_id: int, votes: int, rank: int, *, replies: int = 0, text: str = "") -> IdeaSummary:
    return IdeaSummary(
        id=idea_id,
        text=text or f"Idea {idea_id}",
        author=None,
        affiliation=None,
        votes=votes,
        rank=rank,
        replies=tuple(
            ReplySummary(1000 + n, "yes", Byline(None, None), WHEN) for n in range(replies)
        ),
    )


def prompt(
    ideas: list[IdeaSummary], themes: tuple[ThemeSummary, ...] = (), prompt_id: int = 1
) -> PromptSummary:
    return PromptSummary(
        id=prompt_id,
        text="What first?",
        kind="ideas",
        status="closed",
        phase=None,
        attribution="named",
        ideas=ideas,
        contributors=3,
        voters=3,
        votes_cast=9,
        themes=themes,
    )


def summary(*prompts: PromptSummary, participation: Participation | None = None) -> Summary:
    return Summary(
        roundtable_id=1,
        title="T",
        event="E",
        stream=None,
        description="",
        status="closed",
        participants=10,
        idea_count=0,
        prompts=list(prompts),
        generated_at=WHEN,
        participation=participation,
    )


def test_supported_themes_come_first_with_their_best_ideas_as_examples() -> None:
    ideas = [idea(1, 5, 1), idea(2, 3, 2), idea(3, 2, 3), idea(4, 1, 4)]
    themes = (
        ThemeSummary(id=10, name="Greenery", votes=1, idea_ids=(3, 1, 2), support=11, rank=1),
        ThemeSummary(id=11, name="Unloved", votes=0, idea_ids=(), support=0, rank=2),
    )
    drafted = draft(summary(prompt(ideas, themes)))
    first = drafted[0]
    assert isinstance(first, DraftedTheme)
    assert (first.name, first.support) == ("Greenery", 11)
    assert [i.id for i in first.examples] == [1, 2]  # the theme's two best-supported ideas
    assert sources(first) == ((1, 2), (10,))
    # A theme nobody supported drafts nothing; ideas outside the theme follow, best first.
    assert [type(d).__name__ for d in drafted] == ["DraftedTheme", "DraftedIdea"]
    assert isinstance(drafted[1], DraftedIdea) and drafted[1].idea.id == 4


def test_ideas_without_votes_are_left_out_and_each_prompt_drafts_at_most_five() -> None:
    ideas = [idea(n, 10 - n, n) for n in range(1, 9)] + [idea(20, 0, 9)]
    drafted = draft(summary(prompt(ideas)))
    assert len(drafted) == TAKEAWAYS_PER_PROMPT
    assert [d.idea.id for d in drafted if isinstance(d, DraftedIdea)] == [1, 2, 3, 4, 5]


def test_a_prompt_nobody_voted_on_drafts_the_ideas_that_drew_discussion() -> None:
    ideas = [idea(1, 0, 1), idea(2, 0, 1, replies=3), idea(3, 0, 1, replies=1)]
    drafted = draft(summary(prompt(ideas)))
    assert [(d.idea.id, d.by_engagement) for d in drafted if isinstance(d, DraftedIdea)] == [
        (2, True),
        (3, True),
    ]


def test_prompts_are_drafted_in_order_then_participation_once() -> None:
    figures = Participation(
        joined=12, contributed=8, voted=10, contributions=30, gini=0.3, top_fifth_share=0.4
    )
    drafted = draft(
        summary(
            prompt([idea(1, 2, 1)], prompt_id=1),
            prompt([idea(5, 1, 1)], prompt_id=2),
            participation=figures,
        )
    )
    assert [d.prompt_id for d in drafted if isinstance(d, DraftedIdea)] == [1, 2]
    assert drafted[-1] is figures and sources(figures) == ((), ())


def test_an_empty_room_drafts_nothing() -> None:
    assert draft(summary(prompt([]))) == []
    assert draft(summary(participation=Participation(0, 0, 0, 0, None, None))) == []
