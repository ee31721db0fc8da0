"""The session summary as a standalone, printable page: Jinja2 with autoescaping, inline CSS and
inline SVG charts, nothing fetched from anywhere."""

from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from facilitation.exports import charts
from facilitation.exports.answered import result_blocks
from facilitation.exports.content import (
    HEADINGS,
    Sources,
    action_status,
    affiliation_name,
    by_kind,
    context_line,
    credit,
    overview,
    participation_facts,
    prompt_counts,
    reactions_text,
    status_text,
    tag_labels,
)
from facilitation.exports.speaking import speaking_blocks
from facilitation.services.summary_data import Summary


@functools.cache
def environment() -> Environment:
    """The templates of every printable page: autoescaped, from exports/templates."""
    return Environment(
        loader=PackageLoader("facilitation.exports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page(summary: Summary) -> str:
    """The page as text."""
    # The charts are matplotlib's SVG, whose text it escapes itself: they go in as markup.
    drawn = {chart.key: Markup(charts.svg(chart)) for chart in charts.all_charts(summary)}
    return (
        environment()
        .get_template("summary.html")
        .render(
            summary=summary,
            context=context_line(summary),
            day=summary.scheduled_on or summary.generated_at.date().isoformat(),
            status_line=status_text(summary),
            headings=HEADINGS,
            overview=overview(summary),
            outcome_groups=by_kind(summary),
            sources=Sources(summary),
            tag_labels=tag_labels,
            status=action_status,
            participation=summary.participation,
            participation_facts=(
                participation_facts(summary.participation) if summary.participation else []
            ),
            charts=drawn,
            prompt_charts=charts.prompt_charts,
            prompt_counts=prompt_counts,
            result_blocks=result_blocks,
            speaking_blocks=speaking_blocks(summary.speaking) if summary.speaking else [],
            credit=credit,
            reactions=reactions_text,
            affiliation_name=affiliation_name,
        )
    )


def render_html(summary: Summary) -> bytes:
    """The printable page, as UTF-8."""
    return page(summary).encode("utf-8")
