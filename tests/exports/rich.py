"""One rich summary for the format tests: several prompts, replies, reactions, themes, outcomes
of every kind, the participation balance, Chinese, and text that tries to be markup."""

from __future__ import annotations

from datetime import datetime, timedelta

from facilitation.services.summary_data import (
    AffiliationShare,
    Byline,
    IdeaSummary,
    LeftOut,
    MergedSummary,
    OutcomeSummary,
    Participation,
    PromptSummary,
    ReplySummary,
    Summary,
    ThemeSummary,
    TimelinePoint,
    UnusedPrompt,
)

WHEN = datetime(2025, 6, 4, 15, 0)
CHINESE = "推广屋顶绿化，降低城市热岛效应"
FORMULA = '=HYPERLINK("http://x")'
SCRIPT = "<script>alert(1)</script>"
BOLD = "**bold** claim"
# Names that appear nowhere else, so an anonymised export can be searched for them.
NAMES = ("Zebulon Quartermain", "Philippa Wolstenholme", "Ignatius Fairweather", "Dana Okonkwo")
AFFILIATIONS = ("Xylophone Guild", "Quokka Council", "Marmalade Institute")

# A stream an outcome speaks to beyond its own roundtable's.
STREAM_TAGGED = "Stream 2: Caring cities"


def rich_summary() -> Summary:
    ana, ben, chen, dana = NAMES
    guild, council, institute = AFFILIATIONS
    first = PromptSummary(
        id=3,
        text="What should cities try first?",
        kind="ideas",
        status="closed",
        phase="results",
        attribution="named",
        ideas=[
            IdeaSummary(
                id=7,
                text="Shade trees on every school street",
                author=ana,
                affiliation=guild,
                votes=9,
                rank=1,
                theme="Greenery",
                created_at=WHEN,
                reactions={"👍": 3},
                replies=(
                    ReplySummary(9, "Use native species", Byline(ben, council), WHEN, {"💡": 1}),
                    ReplySummary(12, FORMULA, Byline(chen, None), WHEN),
                ),
                merged=(MergedSummary(8, "More trees please", Byline(None, institute)),),
            ),
            IdeaSummary(
                id=10,
                text=CHINESE,
                author=chen,
                affiliation=institute,
                votes=6,
                rank=2,
                theme="Greenery",
                created_at=WHEN,
            ),
            IdeaSummary(
                id=11,
                text=f"Ban cars downtown {SCRIPT}",
                author=ben,
                affiliation=council,
                votes=4,
                rank=3,
                created_at=WHEN,
                edited=True,
            ),
        ],
        contributors=3,
        voters=8,
        votes_cast=21,
        theme_votes=2,
        replies=2,
        reactions=4,
        themes=(ThemeSummary(id=2, name="Greenery", votes=2, idea_ids=(7, 10), support=8),),
        left_out=LeftOut(hidden=1),
        opened_at=WHEN,
        closed_at=WHEN + timedelta(minutes=30),
    )
    second = PromptSummary(
        id=4,
        text="What stands in the way?",
        kind="ideas",
        status="closed",
        phase=None,
        attribution="named",
        ideas=[
            IdeaSummary(
                id=20,
                text=BOLD,
                author=dana,
                affiliation=guild,
                votes=3,
                rank=1,
                created_at=WHEN,
                replies=(ReplySummary(21, "-1 for this", Byline(ana, guild), WHEN),),
            ),
            IdeaSummary(
                id=22,
                text="Budgets are annual",
                author=None,
                affiliation=council,
                votes=0,
                rank=2,
                created_at=WHEN,
            ),
        ],
        contributors=2,
        voters=3,
        votes_cast=3,
        replies=1,
    )
    outcomes = (
        OutcomeSummary(
            1,
            "takeaway",
            "Trees cool streets cheaply",
            sdgs=(11, 13),
            source_idea_ids=(7, 10),
            source_theme_ids=(2,),
        ),
        OutcomeSummary(
            2,
            "decision",
            "Pilot the school streets in Lisbon",
            sdgs=(11,),
            source_idea_ids=(7,),
            stream_ids=(2,),
            streams=(STREAM_TAGGED,),
        ),
        OutcomeSummary(
            3,
            "action",
            "Draft the tree budget",
            owner=dana,
            due="2025-09-30",
            status="in_progress",
            sdgs=(13,),
            source_theme_ids=(2,),
        ),
        OutcomeSummary(4, "question", "Who maintains the trees?", source_idea_ids=(20,)),
    )
    participation = Participation(
        joined=14,
        contributed=5,
        voted=9,
        contributions=8,
        gini=0.42,
        top_fifth_share=0.5,
        affiliations=(
            AffiliationShare(guild, 4, 4),
            AffiliationShare(council, 3, 2),
            AffiliationShare(institute, 2, 2),
        ),
        timeline=tuple(
            TimelinePoint(WHEN + timedelta(minutes=5 * i), n) for i, n in enumerate((3, 1, 4))
        ),
    )
    return Summary(
        roundtable_id=1,
        title="Resilient cities",
        event="Workshop",
        stream="Stream 1: Digital tools",
        description="Cooling the city",
        status="closed",
        participants=14,
        idea_count=5,
        reply_count=3,
        prompts=[first, second],
        generated_at=WHEN + timedelta(hours=1),
        ended_at=WHEN + timedelta(minutes=50),
        unused=(UnusedPrompt(5, "Never asked"),),
        scheduled_on="2025-06-04",
        outcomes=outcomes,
        participation=participation,
    )
