"""Agenda files: the demo workshop loads, a second import changes nothing, bad files say why."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitation.models import Event, Prompt, Roundtable, Stream
from facilitation.services.agenda import import_agenda, load_agenda
from facilitation.services.errors import DomainError
from tests.services.conftest import refusal

DEMO = Path(str(files("facilitation.agendas").joinpath("workshop-2025.yaml")))


def _counts(session: Session) -> tuple[int, ...]:
    return tuple(
        session.scalar(select(func.count()).select_from(model)) or 0
        for model in (Event, Stream, Roundtable, Prompt)
    )


def test_the_demo_workshop_loads_its_streams_and_roundtables(session: Session) -> None:
    report = import_agenda(session, load_agenda(DEMO))
    assert report.event.title == "2025 Workshop for Thought Leaders"
    assert [s.title for s in report.event.streams] == [
        "Stream 1: Digital Tools for a Better Planned and Resilient City",
        "Stream 2: Digital Tools for a More Caring and Inclusive City",
        "Stream 3: Embracing the Future of Transport, Energy and Mobility",
    ]
    titles = [r.title for r in report.event.roundtables]
    assert len(titles) == 5
    assert any("Civitas Novus" in t for t in titles)
    assert any("Wrapping up" in t for t in titles)
    for stream in report.event.streams:
        assert len(stream.roundtables) == 1
    assert all(len(r.join_code) == 6 for r in report.event.roundtables)


def test_importing_twice_changes_nothing(session: Session) -> None:
    import_agenda(session, load_agenda(DEMO))
    before = _counts(session)
    codes = session.scalars(select(Roundtable.join_code).order_by(Roundtable.id)).all()
    again = import_agenda(session, load_agenda(DEMO))
    assert not again.changed
    assert _counts(session) == before
    assert session.scalars(select(Roundtable.join_code).order_by(Roundtable.id)).all() == codes


@pytest.mark.parametrize(
    "agenda",
    [
        {"event": "not a mapping"},
        {"event": {"title": "No slug"}},
        {"event": {"slug": "e", "title": "E"}, "streams": "nope"},
        {
            "event": {"slug": "e", "title": "E"},
            "roundtables": [{"slug": "r", "title": "R", "stream": "missing"}],
        },
        {"event": {"slug": "e", "title": "E"}, "roundtables": [{"slug": "r"}]},
        {"event": {"slug": "bad slug!", "title": "E"}},
        {
            "event": {"slug": "e", "title": "E"},
            "roundtables": [
                {
                    "slug": "r",
                    "title": "R",
                    "prompts": [{"text": "Q", "votes_per_participant": "x"}],
                }
            ],
        },
    ],
)
def test_a_bad_agenda_is_refused_with_a_reason(session: Session, agenda: dict[str, Any]) -> None:
    with pytest.raises(DomainError) as refused:
        import_agenda(session, agenda)
    assert refused.value.code == "bad_agenda"
    assert refused.value.message


def test_a_file_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "agenda.yaml"
    broken.write_text("event: [unclosed\n")
    assert refusal(load_agenda, broken) == "bad_agenda"
