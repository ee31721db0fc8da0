"""What the room thinks of a statements prompt's statements: each statement's counts, and the
opinion groups, consensus and divisive statements of services/opinions.py, as views show them.

Grouping runs PCA and k-means, a tenth of a second for a room of 40 (bench/opinions.py), so
its result is kept per prompt until an opinion or the set of statements changes: every
participant's snapshot after a change reuses the first one's.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from facilitation.models import Idea, IdeaStatus, Opinion, Prompt, PromptKind
from facilitation.services.shapes import OpinionCounts, StatementsResultsView

Side = Literal["agree", "disagree", "pass"]
SIDES: tuple[Side, ...] = ("agree", "disagree", "pass")
_KEPT = 64  # prompts whose groups are kept; a server runs a handful of rooms at once

# Grouping keyed by what it was computed from: the prompt, its statements, its opinions.
Key = tuple[int, tuple[int, ...], int, datetime | None]
_results: OrderedDict[Key, StatementsResultsView] = OrderedDict()
_lock = threading.Lock()


def is_statement(idea: Idea) -> bool:
    return idea.prompt.kind == PromptKind.STATEMENTS and idea.parent_id is None


def counts_of(session: Session, prompt_id: int) -> dict[int, OpinionCounts]:
    """Each statement's counts, for the statements anyone has marked."""
    rows = session.execute(
        select(Opinion.idea_id, Opinion.opinion, func.count())
        .where(Opinion.prompt_id == prompt_id)
        .group_by(Opinion.idea_id, Opinion.opinion)
    ).all()
    counts: dict[int, OpinionCounts] = {}
    for idea_id, side, n in rows:
        entry = counts.setdefault(int(idea_id), no_opinions())
        if side == "agree":
            entry["agree"] += int(n)
        elif side == "disagree":
            entry["disagree"] += int(n)
        else:
            entry["pass"] += int(n)
    return counts


def no_opinions() -> OpinionCounts:
    return {"agree": 0, "disagree": 0, "pass": 0}


def idea_counts(idea: Idea) -> OpinionCounts:
    session = object_session(idea)
    if session is None:
        return no_opinions()
    return counts_of(session, idea.prompt_id).get(idea.id, no_opinions())


def statement_ids(prompt: Prompt) -> list[int]:
    """The statements in the room: shown, not replies, in the order they were added."""
    return [i.id for i in prompt.ideas if i.status == IdeaStatus.VISIBLE and i.parent_id is None]


def statements_results(session: Session, prompt: Prompt) -> StatementsResultsView:
    """Voters, opinion groups, consensus and divisive statements of the current opinions."""
    statements = tuple(statement_ids(prompt))
    count, latest = session.execute(
        select(func.count(), func.max(Opinion.updated_at)).where(Opinion.prompt_id == prompt.id)
    ).one()
    key: Key = (prompt.id, statements, int(count), latest)
    with _lock:
        if key in _results:
            _results.move_to_end(key)
            return _results[key]
    # Imported here: scikit-learn takes a second to load, and most rooms never group.
    from facilitation.services.opinions import opinion_results, results_summary

    rows = session.execute(
        select(Opinion.participant_id, Opinion.idea_id, Opinion.opinion)
        .where(Opinion.prompt_id == prompt.id)
        .order_by(Opinion.updated_at, Opinion.id)
    ).all()
    opinions = [(int(p), int(i), o) for p, i, o in rows if o in SIDES]
    summary = results_summary(opinion_results(opinions, list(statements)))
    view: StatementsResultsView = {
        "voters": summary["voters"],
        "groups": summary["groups"],
        "consensus": summary["consensus"],
        "divisive": summary["divisive"],
    }
    with _lock:
        _results[key] = view
        while len(_results) > _KEPT:
            _results.popitem(last=False)
    return view


def my_opinions(
    session: Session, roundtable_id: int, participant_id: int
) -> dict[int, dict[str, str]]:
    """One participant's opinions in a roundtable, by prompt, then by statement id."""
    rows = session.execute(
        select(Opinion.prompt_id, Opinion.idea_id, Opinion.opinion)
        .join(Prompt, Prompt.id == Opinion.prompt_id)
        .where(Prompt.roundtable_id == roundtable_id, Opinion.participant_id == participant_id)
    ).all()
    mine: dict[int, dict[str, str]] = {}
    for prompt_id, idea_id, side in rows:
        mine.setdefault(int(prompt_id), {})[str(idea_id)] = str(side)
    return mine
