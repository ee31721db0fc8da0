"""Templates: the shipped ones are valid, a roundtable's prompts are saved as one of its event,
and using one in another roundtable adds the same prompts as drafts; refusals change nothing."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from facilitation.models import (
    Event,
    Idea,
    Prompt,
    Roundtable,
    RoundtableTemplate,
    Stream,
    utcnow,
)
from facilitation.services import (
    ideas,
    lifecycle,
    phases,
    prompts,
    responses,
    roundtables,
    templates,
)
from facilitation.services.actors import Actor
from facilitation.services.answers import STARTER_RUBRIC
from facilitation.services.errors import DomainError
from facilitation.services.prompt_specs import read_spec, spec_of
from tests.services.conftest import Table, staff_actor

TEMPLATE_FILES = Path(str(files("facilitation.agendas").joinpath("templates")))


def _prompts(session: Session, roundtable_id: int) -> list[Prompt]:
    return list(
        session.scalars(
            select(Prompt).where(Prompt.roundtable_id == roundtable_id).order_by(Prompt.position)
        )
    )


def _another_table(table: Table, title: str = "Housing for all") -> Table:
    """A second roundtable of the same event, run by the same facilitator."""
    made = roundtables.create_roundtable(table.session, actor=table.facilitator, title=title)
    return Table(table.session, made.id, made.join_code, table.facilitator)


def _elsewhere(table: Table) -> Table:
    """A roundtable of another event."""
    event = Event(slug="next-year", title="Next year's workshop")
    stream = Stream(event=event, slug="s", title="Stream")
    table.session.add_all([event, stream])
    table.session.flush()
    made = roundtables.create_roundtable(
        table.session, actor=table.facilitator, title="Elsewhere", stream_id=stream.id
    )
    return Table(table.session, made.id, made.join_code, table.facilitator)


def _use(table: Table, template: int | str) -> list[dict[str, Any]]:
    views, _ = table.act(templates.use_template, actor=table.facilitator, template=template)
    return [dict(view) for view in views]


def _save(table: Table, name: str = "Our stream", **fields: Any) -> dict[str, Any]:
    view, events = table.act(templates.save_template, actor=table.facilitator, name=name, **fields)
    assert events == []  # the room is not told
    return dict(view)


def test_every_shipped_template_is_offered_and_valid(table: Table) -> None:
    assert sorted(p.stem for p in TEMPLATE_FILES.glob("*.yaml")) == sorted(templates.SHIPPED)
    listed = table.act(templates.list_templates, actor=table.facilitator)
    assert [t["slug"] for t in listed] == list(templates.SHIPPED)
    assert all(t["shipped"] and t["id"] is None and t["name"] for t in listed)
    kinds = {t["slug"]: t["kinds"] for t in listed}
    assert kinds == {
        "stream-roundtable": ["poll", "ideas", "scale", "ranking"],
        "panel-qa": ["questions", "scale", "poll"],
        "assessment-session": ["assessment", "poll"],
        "wrap-up": ["statements", "ranking", "poll"],
    }
    for slug in templates.SHIPPED:
        assert templates.plans_of(templates.shipped_template(slug))


def test_using_a_shipped_template_appends_its_prompts_as_drafts(table: Table) -> None:
    table.act(prompts.create_prompt, actor=table.facilitator, text="Already here")
    views, events = table.act(
        templates.use_template, actor=table.facilitator, template="stream-roundtable"
    )
    assert [v["position"] for v in views] == [2, 3, 4, 5]
    assert {v["status"] for v in views} == {"draft"}
    assert [e.name for e in events] == ["prompt.created"] * 4
    assert [e.seq for e in events] == list(range(events[0].seq, events[0].seq + 4))
    poll, brainstorm, scale, ranking = views
    assert poll["kind"] == "poll" and len(poll["options"]) == 4 and poll["max_choices"] == 1
    assert poll["timer_seconds"] == 120
    assert brainstorm["phase"] == "collect" and brainstorm["votes_per_participant"] == 3
    assert scale["scale"] == {"min": 1, "max": 5}
    assert ranking["kind"] == "ranking" and len(ranking["options"]) == 3
    assert _prompts(table.session, table.roundtable_id)[0].text == "Already here"


def test_the_shipped_panel_and_assessment_templates_set_up_their_kinds(table: Table) -> None:
    questions, closing, poll = _use(table, "panel-qa")
    assert questions["kind"] == "questions" and questions["premoderate"] is True
    assert closing["kind"] == "scale" and poll["kind"] == "poll"
    assessment, _ = _use(table, "assessment-session")
    assert [c["name"] for c in assessment["criteria"]] == [c.name for c in STARTER_RUBRIC]
    assert len(assessment["items"]) == 3
    statements, _, next_steps = _use(table, "wrap-up")
    assert statements["kind"] == "statements" and statements["participant_statements"] is True
    assert next_steps["max_choices"] == 2


def _busy_source(table: Table) -> None:
    """A roundtable whose prompts use every kind, budget, phase, switch and setup field, and
    some of which the room has already used."""
    make = table.facilitator
    created = [
        dict(text="Brainstorm", phases=True, votes_per_participant=5, private=True),
        dict(text="Open", late_ideas=True, hide_tallies=True, attribution="anonymous"),
        dict(text="Poll", kind="poll", setup={"options": ["A", "B", "C"], "max_choices": 2}),
        dict(text="Scale", kind="scale", setup={"scale": {"min": 0, "max": 10}}),
        dict(text="Rank", kind="ranking", setup={"options": ["X", "Y"]}, hide_tallies=True),
        dict(
            text="Assess",
            kind="assessment",
            setup={
                "items": ["Canton Tower park", "Bogotá bike lanes"],
                "criteria": [{"name": "Impact", "weight": 2, "description": "What changed"}],
                "scale": {"min": 1, "max": 7},
            },
        ),
        dict(text="Ask the panel", kind="questions", premoderate=True, attribution="affiliation"),
        dict(text="Agree?", kind="statements", premoderate=True),
    ]
    ids = [table.act(prompts.create_prompt, actor=make, **fields)[0]["id"] for fields in created]
    # The brainstorm ran: opened, revealed, moved to voting, timed, with an idea in it.
    brainstorm = ids[0]
    table.act(prompts.open_prompt, actor=make, prompt_id=brainstorm)
    ana = table.join("Ana")
    table.post(ana, brainstorm, "Shade trees")
    table.act(prompts.reveal_ideas, actor=make, prompt_id=brainstorm)
    table.act(phases.set_phase, actor=make, prompt_id=brainstorm, phase="vote")
    table.act(phases.start_timer, actor=make, prompt_id=brainstorm, seconds=300, now=utcnow())
    table.act(prompts.open_prompt, actor=make, prompt_id=ids[2])
    table.act(responses.submit_response, actor=ana, prompt_id=ids[2], answer={"choices": [0]})
    table.act(prompts.close_prompt, actor=make, prompt_id=ids[2])


def test_a_saved_template_reproduces_the_prompts_in_another_roundtable(table: Table) -> None:
    _busy_source(table)
    saved = _save(table, "Full day", description="Every kind")
    assert saved["prompts"] == 8 and saved["shipped"] is False and saved["slug"] is None
    assert saved["saved_by"] == "Facilitator" and saved["saved_at"]
    other = _another_table(table)
    views = _use(other, saved["id"])
    source = _prompts(table.session, table.roundtable_id)
    copied = _prompts(table.session, other.roundtable_id)
    assert [spec_of(p) for p in copied] == [spec_of(p) for p in source]
    assert [p.kind for p in copied] == [
        "ideas",
        "ideas",
        "poll",
        "scale",
        "ranking",
        "assessment",
        "questions",
        "statements",
    ]
    brainstorm = views[0]
    # Its wording and setup, not what the room did with it.
    assert brainstorm["status"] == "draft" and brainstorm["phase"] == "collect"
    assert brainstorm["private"] is True and brainstorm["revealed"] is False
    assert brainstorm["votes_per_participant"] == 5 and brainstorm["timer_seconds"] == 300
    assert brainstorm["timer"] is None and brainstorm["ideas"] == []
    assert views[1]["attribution_override"] == "anonymous" and views[1]["late_ideas"] is True
    assert views[2]["max_choices"] == 2 and views[2]["responses"] == 0
    assert views[5]["criteria"] == [
        {"name": "Impact", "weight": 2.0, "description": "What changed"}
    ]
    assert views[5]["scale"] == {"min": 1, "max": 7}
    assert views[6]["premoderate"] is True and views[6]["attribution"] == "affiliation"


def test_saved_templates_are_listed_after_the_shipped_ones_by_name(table: Table) -> None:
    table.act(prompts.create_prompt, actor=table.facilitator, text="One")
    _save(table, "zebra crossings")
    _save(table, "Avenues")
    listed = table.act(templates.list_templates, actor=table.facilitator)
    assert [t["name"] for t in listed if not t["shipped"]] == ["Avenues", "zebra crossings"]
    # Another roundtable of the event is offered them too; another event's is not.
    assert len(_another_table(table).act(templates.list_templates, actor=table.facilitator)) == 6
    elsewhere = _elsewhere(table)
    assert len(elsewhere.act(templates.list_templates, actor=table.facilitator)) == 4


def test_a_template_can_be_used_again_and_deleted(table: Table) -> None:
    table.act(prompts.create_prompt, actor=table.facilitator, text="One")
    saved = _save(table)
    _use(table, saved["id"])
    assert [p.position for p in _prompts(table.session, table.roundtable_id)] == [1, 2]
    deleted, events = table.act(
        templates.delete_template, actor=table.facilitator, template=saved["id"]
    )
    assert deleted["id"] == saved["id"] and events == []
    assert (
        table.refusal(templates.use_template, table.session, **_on(table), template=saved["id"])
        == "not_found"
    )
    # The roundtable keeps the prompts the template added.
    assert len(_prompts(table.session, table.roundtable_id)) == 2


def _on(table: Table, *as_actor: Actor | None) -> dict[str, Any]:
    """The keywords of a use case run in the table's roundtable, by its facilitator unless
    another actor (or None) is given."""
    actor = as_actor[0] if as_actor else table.facilitator
    return {"actor": actor, "roundtable_id": table.roundtable_id}


@pytest.mark.parametrize(
    ("name", "description", "code"),
    [
        ("", "", "text_empty"),
        ("   ", "", "text_empty"),
        ("x" * 121, "", "text_too_long"),
        ("<b>Bold</b>", "", "text_has_markup"),
        ("Fine", "y" * 501, "text_too_long"),
        ("Stream roundtable", "", "template_exists"),  # a shipped template's name
        ("OUR STREAM", "", "template_exists"),
    ],
)
def test_a_bad_or_taken_name_is_refused(
    table: Table, name: str, description: str, code: str
) -> None:
    table.act(prompts.create_prompt, actor=table.facilitator, text="One")
    _save(table, "Our stream")
    refused = table.refusal(
        templates.save_template, table.session, **_on(table), name=name, description=description
    )
    assert refused == code
    assert table.session.scalar(select(func.count()).select_from(RoundtableTemplate)) == 1


def test_a_roundtable_without_prompts_saves_no_template(table: Table) -> None:
    assert table.refusal(templates.save_template, table.session, **_on(table), name="Empty") == (
        "template_empty"
    )


def test_an_event_keeps_a_bounded_number_of_templates(
    table: Table, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templates, "TEMPLATES_MAX", 2)
    table.act(prompts.create_prompt, actor=table.facilitator, text="One")
    _save(table, "First")
    _save(table, "Second")
    refused = table.refusal(templates.save_template, table.session, **_on(table), name="Third")
    assert refused == "too_many_templates"


def test_only_those_who_run_prompts_use_templates(table: Table) -> None:
    table.act(prompts.create_prompt, actor=table.facilitator, text="One")
    saved = _save(table)
    rapporteur = staff_actor(table.session, "rapporteur")
    ana = table.join("Ana")
    for actor in (rapporteur, ana, None):
        expected = "unauthenticated" if actor is None else "forbidden"
        calls: list[tuple[Any, dict[str, Any]]] = [
            (templates.list_templates, {}),
            (templates.save_template, {"name": "Mine"}),
            (templates.use_template, {"template": "panel-qa"}),
            (templates.delete_template, {"template": saved["id"]}),
        ]
        for call, fields in calls:
            assert table.refusal(call, table.session, **_on(table, actor), **fields) == expected
    assert len(_prompts(table.session, table.roundtable_id)) == 1


def test_a_shipped_template_cannot_be_deleted(table: Table) -> None:
    refused = table.refusal(
        templates.delete_template, table.session, **_on(table), template="wrap-up"
    )
    assert refused == "forbidden"


def test_unknown_and_other_events_templates_do_not_exist_here(table: Table) -> None:
    elsewhere = _elsewhere(table)
    elsewhere.act(prompts.create_prompt, actor=table.facilitator, text="Theirs")
    theirs = _save(elsewhere, "Theirs")
    for ref in ("no-such-template", theirs["id"], 999_999):
        refused = table.refusal(templates.use_template, table.session, **_on(table), template=ref)
        assert refused == "not_found"
    assert _prompts(table.session, table.roundtable_id) == []


def test_an_ended_roundtable_takes_no_template_until_reopened(table: Table) -> None:
    table.act(lifecycle.end_roundtable, actor=table.facilitator, now=utcnow())
    refused = table.refusal(
        templates.use_template, table.session, **_on(table), template="panel-qa"
    )
    assert refused == "roundtable_closed"
    table.act(lifecycle.reopen_roundtable, actor=table.facilitator)
    assert len(_use(table, "panel-qa")) == 3


def _tamper(table: Table, template_id: int, prompts_json: list[Any]) -> None:
    table.session.execute(
        update(RoundtableTemplate)
        .where(RoundtableTemplate.id == template_id)
        .values(prompts=prompts_json)
    )
    table.session.commit()


@pytest.mark.parametrize(
    ("stored", "code"),
    [
        ([], "template_empty"),
        ([{"text": "Poll", "kind": "poll", "options": ["Only one"]}], "bad_template"),
        ([{"text": "Ok"}, {"text": "<script>x</script>"}], "bad_template"),
        ([{"text": "Ok"}, {"text": "Scale", "kind": "scale", "phases": True}], "bad_template"),
        ([{"text": "Ok", "votes_per_participant": 99}], "bad_template"),
        ([{"text": "Ok", "kind": "debate"}], "bad_template"),
        ([{"text": "Ok", "colour": "red"}], "bad_template"),
        ([{"text": "Ok", "timer_seconds": 1}], "bad_template"),
        (["just text"], "bad_template"),
        ([{"text": "Ok"}] * 51, "bad_template"),
    ],
)
def test_a_stored_template_is_checked_again_before_anything_is_added(
    table: Table, stored: list[Any], code: str
) -> None:
    table.act(prompts.create_prompt, actor=table.facilitator, text="One")
    saved = _save(table)
    _tamper(table, saved["id"], stored)
    roundtable = table.session.get(Roundtable, table.roundtable_id)
    assert roundtable is not None
    seq = roundtable.last_seq
    refused = table.refusal(
        templates.use_template, table.session, **_on(table), template=saved["id"]
    )
    assert refused == code
    assert len(_prompts(table.session, table.roundtable_id)) == 1
    table.session.refresh(roundtable)
    assert roundtable.last_seq == seq


def test_a_template_message_names_the_prompt_at_fault(table: Table) -> None:
    table.act(prompts.create_prompt, actor=table.facilitator, text="One")
    saved = _save(table)
    _tamper(table, saved["id"], [{"text": "Ok"}, {"text": "Poll", "kind": "poll"}])
    with pytest.raises(DomainError) as refused:
        table.act(templates.use_template, actor=table.facilitator, template=saved["id"])
    assert "Prompt 2" in refused.value.message and "options" in refused.value.message


def test_a_spec_reads_back_what_a_prompt_was_made_with(table: Table) -> None:
    view, _ = table.act(
        prompts.create_prompt,
        actor=table.facilitator,
        text="Rank",
        kind="ranking",
        setup={"options": ["A", "B"]},
        hide_tallies=True,
        attribution="named",
    )
    prompt = table.session.get(Prompt, view["id"])
    assert prompt is not None
    spec = spec_of(prompt)
    assert spec == {
        "text": "Rank",
        "kind": "ranking",
        "votes_per_participant": 3,
        "hide_tallies": True,
        "attribution": "named",
        "options": ["A", "B"],
    }
    plan = read_spec(spec)
    assert plan.settings == prompt.settings and plan.kind == "ranking"


@pytest.mark.parametrize(
    ("spec", "code"),
    [
        ({"kind": "poll"}, "bad_request"),  # no text
        ({"text": 5}, "bad_request"),
        ({"text": "Q", "votes_per_participant": True}, "bad_request"),
        ({"text": "Q", "private": "yes"}, "bad_request"),
        ({"text": "Q", "timer_seconds": 99_999}, "bad_timer"),
        ({"text": "Q", "attribution": "secret"}, "bad_attribution"),
        ({"text": "Q", "kind": "assessment"}, "bad_request"),  # no items
        ({"text": "Q", "kind": "assessment", "items": ["A", "a"]}, "bad_items"),
        ({"text": "Q", "options": ["A", "B"]}, "bad_request"),  # an ideas prompt has none
    ],
)
def test_a_bad_spec_is_refused_with_the_code_prompt_create_would_give(
    spec: dict[str, Any], code: str
) -> None:
    with pytest.raises(DomainError) as refused:
        read_spec(spec)
    assert refused.value.code == code


def test_ideas_and_answers_stay_with_the_roundtable_they_were_given_in(table: Table) -> None:
    prompt_id = table.open_prompt("Where first?")
    ana = table.join("Ana")
    table.post(ana, prompt_id, "The river front")
    saved = _save(table, "With ideas")
    other = _another_table(table)
    (copied,) = _use(other, saved["id"])
    assert copied["ideas"] == [] and copied["status"] == "draft"
    assert table.session.scalar(select(func.count()).select_from(Idea)) == 1


def test_a_statements_prompt_takes_its_statements_into_the_template(table: Table) -> None:
    made, _ = table.act(
        prompts.create_prompt, actor=table.facilitator, text="Where?", kind="statements"
    )
    for n, text in enumerate(("Free transit", "More parks")):
        table.act(
            ideas.create_idea,
            actor=table.facilitator,
            prompt_id=made["id"],
            text=text,
            client_id=f"s{n}",
        )
    saved = _save(table, "Stances")
    [stated] = [p for p in _use(_another_table(table), saved["id"]) if p["kind"] == "statements"]
    assert [(i["text"], i["author"]) for i in stated["ideas"]] == [
        ("Free transit", None),
        ("More parks", None),
    ]
