"""Speaking time: who held the floor in a roundtable's speakers' queue, for how long, and how
evenly, as the summary reports it. The figures are defined in docs/reports.md ("Speaking
time"); they are measured the way the participation balance is (services/participation.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from facilitation.models import Attribution, Roundtable
from facilitation.services.participation import gini, top_fifth_share
from facilitation.services.queue import spoken, turns_of
from facilitation.services.shapes import SpokenView
from facilitation.services.summary_data import AffiliationTime, SpeakerTime, Speaking


def longest_share(seconds: Sequence[int]) -> float | None:
    """The share (0..1, to 3 decimals) of the speaking time held by the longest speaker; None
    when nobody held the floor for a second."""
    total = sum(seconds)
    return round(max(seconds) / total, 3) if total else None


def by_affiliation(people: Sequence[SpokenView]) -> tuple[AffiliationTime, ...]:
    """Speakers, turns and seconds per affiliation: longest first, then by name, the people who
    gave no affiliation last."""
    speakers: Counter[str] = Counter()
    turns: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    for person in people:
        name = person["affiliation"] or ""
        speakers[name] += 1
        turns[name] += person["turns"]
        seconds[name] += person["seconds"]
    shares = [AffiliationTime(n, speakers[n], turns[n], seconds[n]) for n in speakers]
    return tuple(
        sorted(shares, key=lambda s: (s.name == "", -s.seconds, s.name.casefold(), s.name))
    )


def speaking_time(session: Session, roundtable: Roundtable, *, now: datetime) -> Speaking | None:
    """Who held the floor and for how long; None when nobody was ever given it.

    A turn still running counts up to `now` (the summary's time), or up to the roundtable's
    end if it has ended. Speakers are shown as the roundtable's attribution shows authors: by
    name and affiliation, by affiliation only, or (Chatham House) by neither.
    """
    until = min(now, roundtable.ended_at) if roundtable.ended_at else now
    people = spoken(turns_of(session, roundtable.id), until=until)
    if not people:
        return None
    seconds = [person["seconds"] for person in people]
    attribution = roundtable.settings.get("attribution") or Attribution.NAMED
    named = attribution == Attribution.NAMED
    affiliated = attribution != Attribution.ANONYMOUS
    return Speaking(
        people=tuple(
            SpeakerTime(
                name=person["name"] if named else None,
                affiliation=person["affiliation"] if affiliated else None,
                turns=person["turns"],
                seconds=person["seconds"],
            )
            for person in people
        ),
        affiliations=by_affiliation(people) if affiliated else (),
        longest_share=longest_share(seconds),
        top_fifth_share=top_fifth_share(seconds),
        gini=gini(seconds),
    )
