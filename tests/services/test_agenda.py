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
from facilitation.services.answers import STARTER_RUBRIC
from facilitation.services.errors import DomainError
from facilitation.services.prompt_specs import read_spec, spec_of
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
    assert len(titles) == 7
    assert titles[0] == "Introductory Session" and titles[1].startswith("Panel Discussion")
    assert any("Civitas Novus" in t for t in titles)
    assert any("Wrapping up" in t for t in titles)
    for stream in report.event.streams:
        assert len(stream.roundtables) == 1
    assert all(len(r.join_code) == 6 for r in report.event.roundtables)
    assert {r.scheduled_on for r in report.event.roundtables[:3]} == {"2025-06-04"}


def _prompts_of(session: Session, slug: str) -> list[Prompt]:
    roundtable = session.scalar(select(Roundtable).where(Roundtable.slug == slug))
    assert roundtable is not None
    return list(roundtable.prompts)


def test_the_demo_workshop_has_a_prompt_of_every_kind_set_up(session: Session) -> None:
    import_agenda(session, load_agenda(DEMO))
    kinds = {p.kind for p in session.scalars(select(Prompt))}
    assert kinds == {"ideas", "poll", "scale", "ranking", "assessment", "questions", "statements"}
    assert all(p.status == "draft" for p in session.scalars(select(Prompt)))
    questions, closing = _prompts_of(session, "panel-discussion")
    assert questions.kind == "questions" and questions.settings == {"premoderate": True}
    assert closing.kind == "scale" and closing.settings["scale"] == {"min": 1, "max": 5}
    assessment = _prompts_of(session, "civitas-novus")[0]
    assert assessment.kind == "assessment"
    # No criteria in the file: the Guangzhou Award's four, equally weighted.
    criteria = assessment.settings["criteria"]
    assert [c["name"] for c in criteria] == [c.name for c in STARTER_RUBRIC]
    assert {c["weight"] for c in criteria} == {1.0}
    assert len(assessment.settings["items"]) == 5
    assert all(":" in item for item in assessment.settings["items"])  # "City: initiative"
    warm_up = _prompts_of(session, "introductory-session")[0]
    assert warm_up.kind == "poll" and warm_up.settings["max_choices"] == 1
    assert warm_up.timer_seconds == 120
    stream_kinds = {
        p.kind
        for stream in ("resilient-city", "transport-energy")
        for p in _stream(session, stream)
    }
    assert {"scale", "poll"} <= stream_kinds
    assert [p.kind for p in _prompts_of(session, "wrap-up")] == [
        "ideas",
        "ranking",
        "statements",
        "ideas",
    ]
    # The wrap-up's statements are put to the room by staff: shown, and credited to nobody.
    stated = _prompts_of(session, "wrap-up")[2]
    assert stated.settings == {"participant_statements": True}
    assert len(stated.ideas) == 6
    assert {(i.status, i.participant_id, i.attribution) for i in stated.ideas} == {
        ("visible", None, "anonymous")
    }


STATED = {"text": "Where do we stand?", "kind": "statements"}


def test_statements_are_read_and_written_back_with_their_prompt(session: Session) -> None:
    plan = read_spec({**STATED, "statements": ["A", "B"]})
    assert plan.statements == ("A", "B")
    for wrong in (
        {"text": "Ideas", "statements": ["A"]},  # only a statements prompt has statements
        {"text": "S", "kind": "statements", "statements": []},
        {"text": "S", "kind": "statements", "statements": ["<b>A</b>"]},
        {"text": "S", "kind": "statements", "statements": [1]},
    ):
        with pytest.raises(DomainError):
            read_spec(wrong)
    import_agenda(
        session,
        {
            "event": {"slug": "s", "title": "S"},
            "roundtables": [
                {"slug": "r", "title": "R", "prompts": [{**STATED, "statements": ["A", "B"]}]}
            ],
        },
    )
    [prompt] = _prompts_of(session, "r")
    assert spec_of(prompt)["statements"] == ["A", "B"]


def _stream(session: Session, slug: str) -> list[Prompt]:
    stream = session.scalar(select(Stream).where(Stream.slug == slug))
    assert stream is not None
    return [p for roundtable in stream.roundtables for p in roundtable.prompts]


def test_an_agenda_prompt_is_set_up_as_prompt_create_would(session: Session) -> None:
    agenda = {
        "event": {"slug": "e", "title": "E"},
        "roundtables": [
            {
                "slug": "r",
                "title": "R",
                "prompts": [
                    {"text": "Brainstorm", "phases": True, "private": True, "attribution": None},
                    {
                        "text": "Rank",
                        "kind": "ranking",
                        "options": ["A", "B"],
                        "hide_tallies": True,
                    },
                    {"text": "Ask", "kind": "questions", "attribution": "anonymous"},
                ],
            }
        ],
    }
    import_agenda(session, agenda)
    brainstorm, rank, ask = _prompts_of(session, "r")
    assert (brainstorm.phase, brainstorm.settings) == ("collect", {"private": True})
    assert rank.settings == {"hide_tallies": True, "options": ["A", "B"]}
    assert ask.settings == {"attribution": "anonymous"}
    assert [p.position for p in (brainstorm, rank, ask)] == [1, 2, 3]


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
        *(
            {
                "event": {"slug": "e", "title": "E"},
                "roundtables": [{"slug": "r", "title": "R", "prompts": [{"text": "Q", **bad}]}],
            }
            for bad in (
                {"kind": "debate"},
                {"kind": "poll"},
                {"kind": "poll", "options": ["Only one"]},
                {"kind": "scale", "scale": {"min": 3, "max": 2}},
                {"kind": "assessment", "items": []},
                {"kind": "scale", "phases": True},
                {"premoderated": True},
                {"private": "yes"},
                {"attribution": "secret"},
                {"timer_seconds": 3},
            )
        ),
    ],
)
def test_a_bad_agenda_is_refused_with_a_reason(session: Session, agenda: dict[str, Any]) -> None:
    with pytest.raises(DomainError) as refused:
        import_agenda(session, agenda)
    assert refused.value.code == "bad_agenda"
    assert refused.value.message
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Prompt)) == 0


def test_a_bad_prompt_is_named_in_the_refusal(session: Session) -> None:
    agenda = {
        "event": {"slug": "e", "title": "E"},
        "roundtables": [
            {"slug": "r", "title": "R", "prompts": [{"text": "Q"}, {"text": "P", "kind": "poll"}]}
        ],
    }
    with pytest.raises(DomainError) as refused:
        import_agenda(session, agenda)
    assert refused.value.message.startswith("roundtable r, prompt 2:")
    assert "options" in refused.value.message


def test_a_file_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "agenda.yaml"
    broken.write_text("event: [unclosed\n")
    assert refusal(load_agenda, broken) == "bad_agenda"
