"""The session summary as CSV for spreadsheets: one row per idea, reply or merged duplicate,
then the outcomes under their own header in the same file, then, when the roundtable had any,
the results of its polls, scales, rankings and assessments under theirs, then, when anyone
took the floor, speaking time under its own.

UTF-8 with a byte order mark, so Excel reads Chinese; a cell that a spreadsheet would take for
a formula (starting with =, +, -, @, a tab or a carriage return) gets a leading apostrophe, as
OWASP recommends against CSV injection.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import datetime

from facilitation.exports.content import Sources, reactions_text
from facilitation.services.summary_data import (
    AnsweredResults,
    AssessmentSummary,
    PollSummary,
    PromptSummary,
    RankingSummary,
    ScaleSummary,
    Speaking,
    StatementsSummary,
    Summary,
)

IDEA_HEADER = (
    "section",
    "prompt",
    "theme",
    "idea id",
    "parent id",
    "kind",
    "text",
    "author",
    "affiliation",
    "votes",
    "reactions",
    "created at",
)
OUTCOME_HEADER = (
    "section",
    "outcome id",
    "kind",
    "text",
    "owner",
    "due",
    "status",
    "SDGs",
    "source idea ids",
    "source themes",
)
# One row per poll option, scale value (and one for the whole scale), ranked option,
# assessed item, item and criterion, or comment; the columns a row's kind has no use for
# stay empty.
RESULT_COLUMNS = {
    "section": "section",
    "prompt": "prompt",
    "kind": "kind",
    "responses": "responses",
    "rank": "rank",
    "choice": "option, value or item",
    "criterion": "criterion",
    "weight": "weight",
    "count": "count",
    "share": "share",
    "borda": "borda points",
    "score": "score",
    "mean": "mean",
    "stdev": "stdev",
    "n": "n",
    "comment": "comment",
    "agree": "agree",
    "disagree": "disagree",
    "pass": "pass",
    "group": "group",
    "stands": "consensus or divisive",
}
RESULT_HEADER = tuple(RESULT_COLUMNS.values())
# One row for everyone who took the floor (with the measures), then one per person, then one
# per city or organisation; shares are of the whole speaking time.
SPEAKING_HEADER = (
    "section",
    "kind",
    "name",
    "affiliation",
    "people",
    "turns",
    "seconds",
    "share",
    "longest speaker's share",
    "top fifth's share",
    "gini",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLACES = 4  # of a share, mean, spread or score: enough to tell them apart, few enough to read
Cell = str | int | float | None


def cell(value: Cell) -> str:
    """A value as a spreadsheet cell that is never taken for a formula."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _stamp(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") + "Z" if moment else ""


def _idea_rows(prompt: PromptSummary) -> Iterator[tuple[Cell, ...]]:
    for idea in prompt.ideas:
        yield (
            "ideas",
            prompt.text,
            idea.theme,
            idea.id,
            None,
            "idea",
            idea.text,
            idea.author,
            idea.affiliation,
            idea.votes,
            reactions_text(idea.reactions),
            _stamp(idea.created_at),
        )
        for reply in idea.replies:
            yield (
                "ideas",
                prompt.text,
                idea.theme,
                reply.id,
                idea.id,
                "reply",
                reply.text,
                reply.byline.author,
                reply.byline.affiliation,
                None,
                reactions_text(reply.reactions),
                _stamp(reply.created_at),
            )
        for merged in idea.merged:
            yield (
                "ideas",
                prompt.text,
                idea.theme,
                merged.id,
                idea.id,
                "merged",
                merged.text,
                merged.byline.author,
                merged.byline.affiliation,
                None,
                None,
                None,
            )


def _outcome_rows(summary: Summary) -> Iterator[tuple[Cell, ...]]:
    sources = Sources(summary)
    for outcome in summary.outcomes:
        yield (
            "outcomes",
            outcome.id,
            outcome.kind,
            outcome.text,
            outcome.owner,
            outcome.due,
            outcome.status,
            " ".join(str(goal) for goal in outcome.sdgs),
            " ".join(str(idea_id) for idea_id in outcome.source_idea_ids),
            "; ".join(sources.theme_names(outcome)),
        )


def _figure(value: float | None) -> float | None:
    return None if value is None else round(value, PLACES)


def _result_rows(prompt: PromptSummary, results: AnsweredResults) -> Iterator[tuple[Cell, ...]]:
    def row(**values: Cell) -> tuple[Cell, ...]:
        given: dict[str, Cell] = {
            "section": "results",
            "prompt": prompt.text,
            "kind": prompt.kind,
            "responses": results.responses,
            **values,
        }
        return tuple(given.get(key) for key in RESULT_COLUMNS)

    if isinstance(results, PollSummary):
        for option in results.options:
            share = _figure(results.share(option))
            yield row(choice=option.text, count=option.count, share=share)
    elif isinstance(results, ScaleSummary):
        yield row(mean=_figure(results.mean), stdev=_figure(results.stdev), n=results.responses)
        for value, n in results.distribution.items():
            share = _figure(n / results.responses) if results.responses else None
            yield row(choice=value, count=n, share=share)
    elif isinstance(results, RankingSummary):
        for ranked in results.ranked():
            yield row(rank=ranked.rank, choice=ranked.text, borda=ranked.borda)
    elif isinstance(results, StatementsSummary):
        yield from _statement_rows(results, row)
    else:
        yield from _assessment_rows(results, row)


def _assessment_rows(
    assessed: AssessmentSummary, row: Callable[..., tuple[Cell, ...]]
) -> Iterator[tuple[Cell, ...]]:
    for item in assessed.ranked():
        yield row(rank=item.rank, choice=item.text, score=_figure(item.score))
        for c in item.criteria:
            yield row(
                choice=item.text,
                criterion=c.name,
                weight=c.weight,
                mean=_figure(c.mean),
                stdev=_figure(c.stdev),
                n=c.n,
            )
    for comment in assessed.comments:
        item = assessed.items[comment.item]
        yield row(
            choice=item.text,
            criterion=item.criteria[comment.criterion].name,
            comment=comment.text,
        )


def _statement_rows(
    stated: StatementsSummary, row: Callable[..., tuple[Cell, ...]]
) -> Iterator[tuple[Cell, ...]]:
    """Each statement's counts, then each opinion group's shares on it (group 1 the largest)."""
    texts = {s.id: s.text for s in stated.statements}
    for s in stated.statements:
        stands = "consensus" if s.consensus else "divisive" if s.divisive else None
        yield row(
            choice=s.text, agree=s.agree, disagree=s.disagree, stands=stands, **{"pass": s.passes}
        )
    for number, group in enumerate(stated.groups, start=1):
        for share in group.shares:
            yield row(
                group=number,
                n=group.size,
                choice=texts.get(share.idea_id),
                agree=_figure(share.agree),
                disagree=_figure(share.disagree),
            )


def _speaking_rows(speaking: Speaking) -> Iterator[tuple[Cell, ...]]:
    """Everyone who took the floor with the measures, then each person, then each city or
    organisation, in SPEAKING_HEADER's columns."""
    total = speaking.seconds

    def share(seconds: int) -> float | None:
        return _figure(seconds / total) if total else None

    everyone = (len(speaking.people), speaking.turns, total, None)
    measures = (speaking.longest_share, speaking.top_fifth_share, speaking.gini)
    yield ("speaking", "everyone", None, None, *everyone, *measures)
    unmeasured = (None,) * len(measures)
    for p in speaking.people:
        alone: tuple[Cell, ...] = (None, p.turns, p.seconds, share(p.seconds))
        yield ("speaking", "person", p.name, p.affiliation, *alone, *unmeasured)
    for a in speaking.affiliations:
        grouped: tuple[Cell, ...] = (a.people, a.turns, a.seconds, share(a.seconds))
        yield ("speaking", "affiliation", None, a.name, *grouped, *unmeasured)


def render_csv(summary: Summary) -> bytes:
    """Ideas, replies and merged duplicates, then the outcomes, then the answered prompts'
    results, then speaking time, as one CSV file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(IDEA_HEADER)
    for prompt in summary.prompts:
        writer.writerows([cell(value) for value in row] for row in _idea_rows(prompt))
    writer.writerow(())
    writer.writerow(OUTCOME_HEADER)
    writer.writerows([cell(value) for value in row] for row in _outcome_rows(summary))
    answered = [prompt for prompt in summary.prompts if prompt.results is not None]
    if answered:
        writer.writerow(())
        writer.writerow(RESULT_HEADER)
        for prompt in answered:
            assert prompt.results is not None
            rows = _result_rows(prompt, prompt.results)
            writer.writerows([cell(value) for value in row] for row in rows)
    if summary.speaking:
        writer.writerow(())
        writer.writerow(SPEAKING_HEADER)
        writer.writerows([cell(value) for value in row] for row in _speaking_rows(summary.speaking))
    return buffer.getvalue().encode("utf-8-sig")
