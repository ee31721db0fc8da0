"""The summary's charts, drawn once by matplotlib: SVG with text kept as text for the page and
the PDF, PNG for the Word file. Only the top ideas are drawn, so a large room stays fast; a
poll's counts and a scale's distribution are drawn whole (20 options, 11 values at most)."""

from __future__ import annotations

import functools
import io
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitation.exports.content import HEADINGS, REPORT_HEADINGS, xml_safe
from facilitation.services.sdgs import label
from facilitation.services.summary_data import (
    EventReport,
    Participation,
    PollSummary,
    PromptSummary,
    ScaleSummary,
    Summary,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TOP_IDEAS = 10
TOP_THEMES = 10
LABEL_MAX = 36  # columns: a Chinese character takes two
ACCENT = "#2f6f8f"
# Latin first, then a CJK family for the glyphs it lacks (matplotlib falls back glyph by glyph).
FONTS = ("DejaVu Sans", "Noto Sans CJK SC")
CJK_FONT_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",)
STYLE: dict[str, Any] = {
    "svg.fonttype": "none",  # text stays text: searchable, selectable, and CJK via the reader
    "font.size": 9,
    "text.parse_math": False,  # "$5 to $10" is money, not mathematics
    "axes.spines.top": False,
    "axes.spines.right": False,
}
PNG_DPI = 150
# rc_context changes matplotlib's process-wide settings: one chart at a time.
_DRAWING = threading.Lock()
# What matplotlib puts around an SVG that an inline chart does not need (and that names URLs).
_PROLOGUE = re.compile(r"\A.*?(?=<svg)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)


@dataclass(frozen=True)
class Chart:
    """What one chart shows: bars with labels, or contributions over time."""

    key: str
    title: str
    labels: tuple[str, ...]
    values: tuple[int, ...]
    over_time: bool = False
    unit: str = "Votes"  # what a bar counts, under the axis of a bar chart


def _columns(character: str) -> int:
    return 2 if unicodedata.east_asian_width(character) in "WF" else 1


def _label(text: str) -> str:
    """At most LABEL_MAX columns wide, so it fits the chart's left margin, and without
    characters the SVG (which is XML) or a font cannot carry."""
    text = " ".join(xml_safe(text).split())
    widths = [_columns(character) for character in text]
    if sum(widths) <= LABEL_MAX:
        return text
    used, cut = 1, 0  # one column for the ellipsis
    while used + widths[cut] <= LABEL_MAX:
        used, cut = used + widths[cut], cut + 1
    return text[:cut].rstrip() + "…"


def idea_votes(prompt: PromptSummary) -> Chart | None:
    """Votes for the prompt's top ideas, most first."""
    top = [idea for idea in prompt.ideas if idea.votes][:TOP_IDEAS]
    if not top:
        return None
    return Chart(
        key=f"prompt-{prompt.id}-ideas",
        title=f"Votes per idea (top {len(top)})",
        labels=tuple(_label(idea.text) for idea in top),
        values=tuple(idea.votes for idea in top),
    )


def theme_votes(prompt: PromptSummary) -> Chart | None:
    """Votes per theme, counting votes on the theme and on the ideas in it, in theme rank."""
    if not prompt.themes:
        return None
    votes = {idea.id: idea.votes for idea in prompt.ideas}
    themes = prompt.themes[:TOP_THEMES]
    return Chart(
        key=f"prompt-{prompt.id}-themes",
        title="Votes per theme (on the theme and its ideas)",
        labels=tuple(_label(theme.name) for theme in themes),
        values=tuple(
            theme.votes + sum(votes.get(i, 0) for i in theme.idea_ids) for theme in themes
        ),
    )


def poll_counts(prompt: PromptSummary) -> Chart | None:
    """How many chose each option of a poll, in the options' order."""
    poll = prompt.results
    if not isinstance(poll, PollSummary) or not poll.responses:
        return None
    return Chart(
        key=f"prompt-{prompt.id}-poll",
        title="Responses per option",
        labels=tuple(_label(option.text) for option in poll.options),
        values=tuple(option.count for option in poll.options),
        unit="Responses",
    )


def scale_distribution(prompt: PromptSummary) -> Chart | None:
    """How many gave each value of a scale, lowest first."""
    rated = prompt.results
    if not isinstance(rated, ScaleSummary) or not rated.responses:
        return None
    return Chart(
        key=f"prompt-{prompt.id}-scale",
        title=f"Responses per value (scale of {rated.low} to {rated.high})",
        labels=tuple(str(value) for value in rated.distribution),
        values=tuple(rated.distribution.values()),
        unit="Responses",
    )


def _minutes(count: int) -> str:
    """ "minute" or "5 minutes": what one bar of the timeline counts."""
    return "minute" if count == 1 else f"{count} minutes"


def timeline(participation: Participation | None) -> Chart | None:
    """Ideas and replies per interval."""
    if participation is None or not participation.timeline:
        return None
    return Chart(
        key="timeline",
        title=f"{HEADINGS['contributions_over_time']} "
        f"(per {_minutes(participation.interval_minutes)}, UTC)",
        labels=tuple(point.at.strftime("%H:%M") for point in participation.timeline),
        values=tuple(point.contributions for point in participation.timeline),
        over_time=True,
    )


def prompt_charts(prompt: PromptSummary) -> list[Chart]:
    """The charts drawn under a prompt: its top ideas and its themes, or a poll's counts or a
    scale's distribution, those it has."""
    drawn = (
        idea_votes(prompt),
        theme_votes(prompt),
        poll_counts(prompt),
        scale_distribution(prompt),
    )
    return [chart for chart in drawn if chart]


def all_charts(summary: Summary) -> Iterator[Chart]:
    """Every chart of the summary: the timeline, then each prompt's."""
    if chart := timeline(summary.participation):
        yield chart
    for prompt in summary.prompts:
        yield from prompt_charts(prompt)


def goal_outcomes(report: EventReport) -> Chart | None:
    """Outcomes per goal across the event, in goal order, for the goals served at all."""
    counted: dict[int, int] = {}
    for stream in report.streams:
        for goal, n in stream.goals.items():
            counted[goal] = counted.get(goal, 0) + n
    if not counted:
        return None
    goals = sorted(counted)
    return Chart(
        key="outcomes-per-goal",
        title=REPORT_HEADINGS["outcomes_per_goal"],
        labels=tuple(_label(label(goal)) for goal in goals),
        values=tuple(counted[goal] for goal in goals),
        unit="Outcomes",
    )


def _matplotlib() -> Any:
    """matplotlib on its file-only backend, chosen here and not when the package is imported."""
    import matplotlib

    matplotlib.use("Agg")
    return matplotlib


@functools.cache
def _families() -> tuple[str, ...]:
    """The installed ones of FONTS: asking matplotlib for a missing family logs every time."""
    from matplotlib import font_manager

    installed = set(font_manager.get_font_names())
    if not installed & set(FONTS[1:]):
        # matplotlib's font cache predates the fonts installed since: add Debian's CJK fonts.
        for path in CJK_FONT_FILES:
            if Path(path).exists():
                font_manager.fontManager.addfont(path)
        installed = set(font_manager.get_font_names())
    return tuple(font for font in FONTS if font in installed) or ("sans-serif",)


def _style() -> dict[str, Any]:
    return {**STYLE, "font.family": list(_families())}


# Margins in inches, fixed rather than measured (tight_layout draws every chart twice):
# labels are at most LABEL_MAX characters, so the left margin of a bar chart is known.
WIDTH = 6.6
TOP, BOTTOM = 0.32, 0.48
LABELS_LEFT = 2.85
AXIS_LEFT = 0.6


def _frame(figure: Figure, left: float) -> None:
    width, height = figure.get_size_inches()
    figure.subplots_adjust(
        left=left / width, right=1 - 0.25 / width, top=1 - TOP / height, bottom=BOTTOM / height
    )


def _draw(chart: Chart) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    if chart.over_time:
        figure = Figure(figsize=(WIDTH, 2.4))
        axes = figure.subplots()
        positions = range(len(chart.values))
        axes.bar(positions, chart.values, color=ACCENT, width=0.8)
        step = max(1, len(chart.labels) // 12)
        axes.set_xticks(list(positions)[::step], chart.labels[::step])
        axes.set_ylabel("Contributions")
        _frame(figure, AXIS_LEFT)
    else:
        figure = Figure(figsize=(WIDTH, TOP + BOTTOM + 0.1 + 0.28 * len(chart.values)))
        axes = figure.subplots()
        positions = range(len(chart.values))
        axes.barh(positions, chart.values, color=ACCENT, height=0.7)
        axes.set_yticks(list(positions), chart.labels)
        axes.invert_yaxis()  # the first (most voted) at the top
        for position, value in zip(positions, chart.values, strict=True):
            axes.annotate(
                str(value),
                (value, position),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
            )
        axes.set_xlabel(chart.unit)
        axes.margins(x=0.08)
        _frame(figure, LABELS_LEFT)
    counts = axes.yaxis if chart.over_time else axes.xaxis
    counts.set_major_locator(MaxNLocator(integer=True))
    # Over the whole figure from its left edge, so a long title is never cut by the labels.
    figure.suptitle(
        chart.title,
        x=0.1 / WIDTH,
        y=1 - 0.06 / figure.get_size_inches()[1],
        ha="left",
        va="top",
        fontsize=10,
    )
    return figure


def svg(chart: Chart) -> str:
    """The chart as an SVG element to put inside a page: no XML prologue, no metadata."""
    matplotlib = _matplotlib()
    with _DRAWING, matplotlib.rc_context(_style()):
        buffer = io.StringIO()
        _draw(chart).savefig(buffer, format="svg")
    text = _METADATA.sub("", _PROLOGUE.sub("", buffer.getvalue(), count=1), count=1)
    return text.replace("<svg ", f'<svg role="img" aria-label="{_attribute(chart.title)}" ', 1)


def png(chart: Chart) -> bytes:
    """The chart as a PNG picture."""
    matplotlib = _matplotlib()
    with _DRAWING, matplotlib.rc_context(_style()):
        buffer = io.BytesIO()
        _draw(chart).savefig(buffer, format="png", dpi=PNG_DPI)
    return buffer.getvalue()


def _attribute(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
