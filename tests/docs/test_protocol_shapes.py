"""docs/protocol.md, the typed shapes of services/shapes.py and the JSON the services build
agree: a key added on one side and not the others fails here."""

from __future__ import annotations

import json
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NotRequired, Union, get_args, get_origin

import pytest
from sqlalchemy.orm import Session

from facilitation.db import Database
from facilitation.exports.json_summary import SummaryDocument
from facilitation.exports.report_json import ReportDocument, report_dict
from facilitation.models import utcnow
from facilitation.services import (
    ideas,
    moderation,
    notes,
    outcomes,
    participation,
    phases,
    prompts,
    responses,
    roundtables,
    speakers,
    staff,
    statements,
    summaries,
    templates,
    themes,
    votes,
)
from facilitation.services import shapes as s
from facilitation.services.actors import Actor
from facilitation.services.summary_data import participation_view
from facilitation.services.views import EVERYONE, STAFF, Viewer, snapshot

PROTOCOL = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"


# Reading the documented shapes.


@dataclass
class Shape:
    """A documented object: its keys, which of them are optional (`?`), and the objects
    documented inside it, by key."""

    required: set[str] = field(default_factory=set)
    optional: set[str] = field(default_factory=set)
    nested: dict[str, Shape] = field(default_factory=dict)
    open: bool = False  # written with `...`: only some of its keys are named

    def extend(self, more: Shape) -> None:
        self.required |= more.required
        self.optional |= more.optional
        self.nested.update(more.nested)


def parse_object(text: str, at: int) -> tuple[Shape, int]:
    """The object written at text[at] == "{", and the index just after its "}"."""
    assert text[at] == "{"
    shape, i = Shape(), at + 1
    while True:
        while text[i] in " \n,":
            i += 1
        if text[i] == "}":
            return shape, i + 1
        if text.startswith("...", i):
            shape.open, i = True, i + 3
            continue
        assert text[i] == '"', f"expected a key at {text[i : i + 30]!r}"
        end = text.index('"', i + 1)
        key, i = text[i + 1 : end], end + 1
        optional = text[i] == "?"
        i += optional
        (shape.optional if optional else shape.required).add(key)
        while text[i] == " ":
            i += 1
        if text[i] == ":":
            i = parse_value(text, i + 1, shape, key)


def parse_value(text: str, i: int, shape: Shape, key: str) -> int:
    """Skip a key's value up to the next top-level "," or "}", keeping any object in it."""
    depth = 0
    while depth or text[i] not in ",}":
        if text[i] == "{" and text[i + 1 :].lstrip()[:1] in ('"', "}"):
            inner, i = parse_object(text, i)
            shape.nested.setdefault(key, inner)
            continue
        if text[i] == '"':  # a value's string: never a key
            i = text.index('"', i + 1)
        depth += {"[": 1, "]": -1, "{": 1, "}": -1}.get(text[i], 0)  # lists, and maps
        i += 1
    return i


def fenced_blocks(language: str) -> list[str]:
    """The protocol's fenced blocks of one language ("" for plain ones), in order."""
    blocks: list[str] = []
    fence: str | None = None  # the language of the block being read, if inside one
    lines: list[str] = []
    for line in PROTOCOL.read_text(encoding="utf-8").splitlines(keepends=True):
        if not line.startswith("```"):
            lines.append(line)
        elif fence is None:
            fence, lines = line.strip()[3:], []
        else:
            if fence == language:
                blocks.append("".join(lines))
            fence = None
    return blocks


def documented_shapes() -> dict[str, Shape]:
    """The `name = {...}` and `name += {...}` blocks of the protocol, each name's shape
    extended by every later `+=` block; a shape written inside another defines its name."""
    found: dict[str, Shape] = {}
    for block in fenced_blocks(""):
        block = re.sub(r"#[^\n]*", "", block)
        for match in re.finditer(r"^(\w+)\s*(\+?=)\s*\{", block, flags=re.M):
            shape, _ = parse_object(block, match.end() - 1)
            name = match.group(1)
            if match.group(2) == "=":
                assert name not in found, f"{name} is defined twice"
                found[name] = Shape()
            found[name].extend(shape)
            for inner_name, inner in shape.nested.items():  # the snapshot's roundtable
                if inner_name not in found and inner_name in SHAPES:
                    found[inner_name] = inner
    return found


def documented_rows(header: str) -> list[tuple[list[str], list[Shape]]]:
    """Rows of the tables whose header starts with `header`: the events named in the first
    column, and the objects written in the last one."""
    rows = []
    in_table = False
    for line in PROTOCOL.read_text(encoding="utf-8").splitlines():
        if line.startswith("| event |"):
            in_table = line.startswith(header)
            continue
        if not (in_table and line.startswith("| `")):
            in_table = in_table and line.startswith("|")
            continue
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        names = re.findall(r"`([a-z]+\.[a-z]+)`", cells[0])
        objects = [
            parse_object(span, 0)[0] for span in re.findall(r"`(\{.*?\})`", cells[-1]) if span
        ]
        rows.append((names, objects))
    return rows


# The typed shapes.

SHAPES: dict[str, type] = {
    "snapshot": s.Snapshot,
    "roundtable": s.RoundtableView,
    "prompt": s.PromptView,
    "idea": s.IdeaView,
    "redacted": s.RedactedIdea,
    "theme": s.ThemeView,
    "outcome": s.OutcomeView,
    "notes": s.NotesView,
    "participation": s.ParticipationView,
    "speaker": s.SpeakerView,
    "template": s.TemplateView,
}

EVENTS: dict[str, list[type]] = {
    "prompt.created": [s.PromptChanged],
    "prompt.updated": [s.PromptChanged],
    "prompt.deleted": [s.PromptDeletedPayload],
    "idea.created": [s.IdeaChanged],
    "idea.updated": [s.IdeaChanged],
    "vote.tally": [s.IdeaTally, s.ThemeTally],
    "participants.count": [s.ParticipantsCount],
    "roundtable.updated": [s.RoundtableChanged],
    "theme.created": [s.ThemeChanged],
    "theme.updated": [s.ThemeChanged],
    "theme.deleted": [s.ThemeDeletedPayload],
    "outcome.created": [s.OutcomeChanged],
    "outcome.updated": [s.OutcomeChanged],
    "outcome.deleted": [s.OutcomeChanged],
    "notes.updated": [s.NotesChanged],
    "results.updated": [s.ResultsChanged],
    "queue.updated": [s.QueueChanged],
    "opinion.tally": [s.OpinionTally],
}

PROMPT_WRITES = ("create", "open", "close", "configure", "phase", "reveal", "update", "move")
IDEA_WRITES = ("create", "update", "delete", "approve", "hide", "restore", "merge")
ACKS: dict[str, list[type]] = {
    "roundtable.join": [s.JoinAck],
    "roundtable.sync": [s.EventsSinceAck, s.SnapshotAck],
    **{f"prompt.{verb}": [s.PromptAck] for verb in PROMPT_WRITES},
    "timer.start": [s.PromptAck],
    "timer.stop": [s.PromptAck],
    "prompt.delete": [s.PromptDeletedAck],
    **{f"idea.{verb}": [s.IdeaAck] for verb in IDEA_WRITES},
    "idea.react": [s.ReactionAck],
    "idea.spotlight": [s.RoundtableAck],
    **{f"roundtable.{verb}": [s.RoundtableAck] for verb in ("configure", "focus", "end", "reopen")},
    "theme.create": [s.ThemeAck],
    "theme.rename": [s.ThemeAck],
    "theme.delete": [s.ThemeAck],
    "theme.assign": [s.IdeaAck],
    "theme.suggest": [s.SuggestionsAck],
    "vote.cast": [s.IdeaVoteAck, s.ThemeVoteAck],
    "vote.retract": [s.IdeaVoteAck, s.ThemeVoteAck],
    "workspace.load": [s.WorkspaceAck],
    "outcome.create": [s.OutcomeAck],
    "outcome.update": [s.OutcomeAck],
    "outcome.delete": [s.OutcomeDeletedAck],
    "outcome.draft": [s.DraftAck],
    "notes.save": [s.NotesAck],
    "response.submit": [s.ResponseAck],
    "question.answered": [s.IdeaAck],
    "opinion.cast": [s.OpinionAck],
    **{event: [s.QueueAck] for event in ("hand.raise", "hand.lower", "floor.give", "floor.end")},
    "template.list": [s.TemplatesAck],
    "template.save": [s.TemplateAck],
    "template.use": [s.TemplateUsedAck],
    "template.delete": [s.TemplateAck],
}


def typed_dicts_in(hint: Any) -> list[type]:
    """The TypedDicts a type hint can hold: itself, or inside a union, a list or NotRequired."""
    if typing.is_typeddict(hint):
        return [hint]
    if get_origin(hint) in (Union, types.UnionType, list, NotRequired):
        return [t for arg in get_args(hint) for t in typed_dicts_in(arg)]
    return []


def disagreements(
    doc: Shape, typed: type, where: str, *, ignore: frozenset[str] = frozenset()
) -> list[str]:
    """How a documented shape and a TypedDict differ, nested shapes included; [] if they agree."""
    required = set(typed.__required_keys__) - ignore
    optional = set(typed.__optional_keys__)
    found = []
    if doc.open:  # only some keys are named: those must exist
        required, optional = required & doc.required, optional & doc.optional
    if doc.required != required:
        found.append(f"{where}: documented {sorted(doc.required)}, typed {sorted(required)}")
    if doc.optional != optional:
        found.append(f"{where}?: documented {sorted(doc.optional)}, typed {sorted(optional)}")
    hints = typing.get_type_hints(typed)
    for key, inner in doc.nested.items():
        candidates = typed_dicts_in(hints.get(key))
        if candidates and not any(
            not disagreements(inner, t, f"{where}.{key}") for t in candidates
        ):
            found += disagreements(inner, candidates[0], f"{where}.{key}")
    return found


def test_every_documented_shape_is_typed_and_agrees() -> None:
    shapes = documented_shapes()
    assert set(shapes) == set(SHAPES), "a shape block names a shape that has no type, or none"
    problems = [
        p for name, typed in SHAPES.items() for p in disagreements(shapes[name], typed, name)
    ]
    assert not problems, "\n".join(problems)


def matches(
    rows: list[tuple[list[str], list[Shape]]], table: dict[str, list[type]], ignore: frozenset[str]
) -> None:
    """Each documented object is one of its event's types, and each type is documented."""
    seen: set[tuple[str, type]] = set()
    problems = []
    for names, objects in rows:
        for name in names:
            if name not in table:
                continue
            for obj in objects:
                fitting = [t for t in table[name] if not disagreements(obj, t, name, ignore=ignore)]
                if not fitting:
                    problems += disagreements(obj, table[name][0], name, ignore=ignore)
                seen.update((name, t) for t in fitting)
    missing = {(name, t.__name__) for name, types_ in table.items() for t in types_} - {
        (name, t.__name__) for name, t in seen
    }
    assert not problems, "\n".join(problems)
    assert not missing, f"typed but not documented: {sorted(missing)}"


def test_every_event_payload_is_documented_as_typed() -> None:
    matches(documented_rows("| event | payload |"), EVENTS, ignore=frozenset())


def test_every_ack_is_documented_as_typed() -> None:
    # The docs say once that every ack carries "ok"; each table shows what comes with it.
    matches(
        documented_rows("| event | who | payload | ack on success |"),
        ACKS,
        ignore=frozenset({"ok"}),
    )


def test_the_summary_and_report_examples_have_the_typed_keys() -> None:
    summary, report = [json.loads(block) for block in fenced_blocks("json")]
    assert not mismatches(summary, SummaryDocument, "summary")
    assert not mismatches(report, ReportDocument, "report")


def test_the_report_is_built_in_exactly_the_typed_shape() -> None:
    from tests.exports.test_event_report import event_report

    built = report_dict(event_report())
    assert built["streams"][0]["roundtables"] and built["action_items"] and built["top_ideas"]
    assert not mismatches(built, ReportDocument, "report")


def test_a_key_documented_but_not_typed_is_caught() -> None:
    shape = documented_shapes()["idea"]
    shape.required.add("colour")
    assert disagreements(shape, s.IdeaView, "idea")
    shape = documented_shapes()["prompt"]
    shape.optional.discard("my_votes")
    assert disagreements(shape, s.PromptView, "prompt")


# What the services build has exactly the typed keys.


def mismatches(value: Any, hint: Any, where: str) -> list[str]:
    """How a value built at runtime differs from its type hint's TypedDicts, recursively."""
    if get_origin(hint) in (Union, types.UnionType):
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        if value is None or not options:
            return []
        results = [mismatches(value, arg, where) for arg in options]
        return [] if any(not r for r in results) else results[0]
    if get_origin(hint) is list:
        (item,) = get_args(hint)
        return [p for i, v in enumerate(value) for p in mismatches(v, item, f"{where}[{i}]")]
    if get_origin(hint) is Literal or not typing.is_typeddict(hint):
        return []
    if not isinstance(value, dict):
        return [f"{where}: {value!r} is not an object"]
    keys = set(value)
    problems = []
    if missing := hint.__required_keys__ - keys:
        problems.append(f"{where}: missing {sorted(missing)}")
    if extra := keys - hint.__required_keys__ - hint.__optional_keys__:
        problems.append(f"{where}: untyped {sorted(extra)}")
    for key, inner in typing.get_type_hints(hint).items():
        if key in value:
            problems += mismatches(value[key], inner, f"{where}.{key}")
    return problems


def staff_actor(session: Session) -> Actor:
    member = staff.create_staff(
        session, email="facilitator@example.org", name="Facilitator", role="facilitator"
    )
    return Actor.staff(member.id, member.role)


@pytest.fixture
def session(database: Database) -> typing.Iterator[Session]:
    with database.writing() as db:
        yield db


def test_a_busy_room_is_built_in_exactly_the_typed_shapes(session: Session) -> None:
    facilitator = staff_actor(session)
    roundtable = roundtables.create_roundtable(session, actor=facilitator, title="Shapes")
    room = {"session": session, "roundtable_id": roundtable.id}

    events = []

    def join(name: str) -> Actor:
        joined = roundtables.join_roundtable(
            session, actor=None, join_code=roundtable.join_code, name=name, affiliation="Lima"
        )
        assert joined.participant is not None
        events.extend(joined.events)
        return Actor.participant(joined.participant.id)

    def prompt(text: str, **options: Any) -> int:
        view, _ = prompts.create_prompt(**room, actor=facilitator, text=text, **options)
        prompts.open_prompt(**room, actor=facilitator, prompt_id=view["id"])
        return view["id"]

    ana, ben = join("Ana"), join("Ben")
    open_id, private_id = prompt("Open"), prompt("Private", private=True)
    posted = []
    for n, author in enumerate((ana, ben, ana)):
        written = ideas.create_idea(
            **room, actor=author, prompt_id=open_id, text=f"Idea {n}", client_id=str(n)
        )
        posted.append(written)
    first, second, third = (w.answer["id"] for w in posted)
    ideas.create_idea(
        **room, actor=ben, prompt_id=open_id, text="Reply", client_id="r", parent_id=first
    )
    ideas.create_idea(**room, actor=ben, prompt_id=private_id, text="Secret", client_id="p")
    grouped = themes.create_theme(
        **room, actor=facilitator, prompt_id=open_id, name="Shade", idea_ids=[first]
    )
    events += [e for w in posted for e in w.events] + list(grouped.events)
    events += votes.cast_vote(**room, actor=ben, idea_id=first).events
    events += votes.cast_theme_vote(**room, actor=ana, theme_id=grouped.answer["id"]).events
    events += ideas.react(**room, actor=ben, idea_id=first, emoji="💡").events
    events += moderation.hide_idea(**room, actor=facilitator, idea_id=second).events
    events += moderation.merge_ideas(
        **room, actor=facilitator, idea_id=first, duplicate_id=third
    ).events
    events += phases.start_timer(
        **room, actor=facilitator, prompt_id=open_id, seconds=60, now=utcnow()
    ).events
    events += prompts.delete_prompt(
        **room,
        actor=facilitator,
        prompt_id=prompts.create_prompt(**room, actor=facilitator, text="Draft").answer["id"],
    ).events
    events += roundtables.focus_prompt(**room, actor=facilitator, prompt_id=open_id).events
    # Answered kinds: a poll whose results are hidden from the room, and an assessment.
    poll_id = prompt("Poll", kind="poll", setup={"options": ["A", "B"]}, hide_tallies=True)
    assessed_id = prompt("Assess", kind="assessment", setup={"items": ["X", "Y"]})
    events += responses.submit_response(
        **room, actor=ben, prompt_id=poll_id, answer={"choices": [1]}
    ).events
    scored = responses.submit_response(
        **room,
        actor=ben,
        prompt_id=assessed_id,
        answer={"scores": [{"item": 0, "criterion": 0, "value": 4, "comment": "Good"}]},
    )
    events += scored.events
    stated = prompt("Statements", kind="statements", participant_statements=True)
    statement = ideas.create_idea(
        **room, actor=facilitator, prompt_id=stated, text="Free transit", client_id="s"
    )
    events += statement.events
    events += statements.cast_opinion(
        **room, actor=ben, idea_id=statement.answer["id"], opinion="agree"
    ).events
    events += speakers.raise_hand(**room, actor=ana).events
    events += speakers.raise_hand(**room, actor=ben).events
    events += speakers.give_floor(**room, actor=facilitator, seconds=60).events
    events += speakers.give_floor(**room, actor=facilitator).events  # Ana's turn has ended
    problems_first = mismatches(scored.answer, s.AnswerView, "response")
    assert not problems_first, problems_first
    events += themes.delete_theme(**room, actor=facilitator, theme_id=grouped.answer["id"]).events
    # The workspace, beside the room: its news goes to staff only, in the same typed shapes.
    made = outcomes.create_outcome(
        **room,
        actor=facilitator,
        kind="action",
        text="Act",
        owner="Lima",
        source_idea_ids=[first],
        sdgs=[11],
    )
    changed = outcomes.update_outcome(
        **room, actor=facilitator, outcome_id=made.answer["id"], version=1, status="done"
    )
    gone = outcomes.delete_outcome(**room, actor=facilitator, outcome_id=made.answer["id"])
    saved = notes.save_notes(**room, actor=facilitator, text="Notes", base_version=0)
    news = made.news + changed.news + gone.news + saved.news

    session.refresh(roundtable)
    seen = {
        "staff": snapshot(session, roundtable, STAFF),
        "the room": snapshot(session, roundtable, EVERYONE),
        "Ben": snapshot(session, roundtable, Viewer(participant_id=ben.participant_id)),
    }
    problems = [p for who, view in seen.items() for p in mismatches(view, s.Snapshot, who)]
    for item in news:
        problems += mismatches(item.payload, s.StaffNewsPayload, item.name)
    problems += mismatches(made.answer, s.OutcomeView, "outcome")
    problems += mismatches(saved.answer[0], s.NotesView, "notes")
    figures = participation_view(participation.measure(session, roundtable.id))
    problems += mismatches(figures, s.ParticipationView, "participation")
    for event in events:
        problems += mismatches(event.payload, s.EventPayload, event.name)
        problems += mismatches(event.public, s.EventPayload, f"{event.name} (public)")
    assert not problems, "\n".join(problems)
    # Every variant was built: redacted ideas, a participant's own marks, a timer.
    room_ideas = seen["the room"]["prompts"][0]["ideas"]
    assert {i.get("status") for i in room_ideas} >= {"visible", "hidden", "merged"}
    assert seen["the room"]["prompts"][1]["ideas"][0]["hidden"] is True
    assert "my_votes" in seen["Ben"]["prompts"][0]
    assert any("mine" in i for i in seen["Ben"]["prompts"][0]["ideas"])
    assert seen["staff"]["prompts"][0]["timer"] is not None
    names = {e.name for e in events} | {n.name for n in news}
    assert names >= set(EVENTS) - {"prompt.created", "theme.updated"}


def test_the_summary_is_built_in_exactly_the_typed_shape(session: Session) -> None:
    from facilitation.exports.json_summary import summary_dict

    facilitator = staff_actor(session)
    roundtable = roundtables.create_roundtable(session, actor=facilitator, title="Summary")
    room = {"session": session, "roundtable_id": roundtable.id}
    joined = roundtables.join_roundtable(
        session, actor=None, join_code=roundtable.join_code, name="Ana"
    )
    assert joined.participant is not None
    ana = Actor.participant(joined.participant.id)
    view, _ = prompts.create_prompt(**room, actor=facilitator, text="What first?")
    prompts.open_prompt(**room, actor=facilitator, prompt_id=view["id"])
    one = ideas.create_idea(**room, actor=ana, prompt_id=view["id"], text="Trees", client_id="1")
    ideas.create_idea(
        **room,
        actor=ana,
        prompt_id=view["id"],
        text="Yes",
        client_id="2",
        parent_id=one.answer["id"],
    )
    two = ideas.create_idea(**room, actor=ana, prompt_id=view["id"], text="Tree", client_id="3")
    moderation.merge_ideas(
        **room, actor=facilitator, idea_id=one.answer["id"], duplicate_id=two.answer["id"]
    )
    themes.create_theme(
        **room, actor=facilitator, prompt_id=view["id"], name="Green", idea_ids=[one.answer["id"]]
    )
    prompts.create_prompt(**room, actor=facilitator, text="Unused")
    # One prompt of each answered kind, answered: their results in the summary too.
    answered = {
        "poll": ({"options": ["A", "B"]}, {"choices": [1]}),
        "scale": ({}, {"value": 4}),
        "ranking": ({"options": ["A", "B"]}, {"order": [1, 0]}),
        "assessment": (
            {"items": ["X"]},
            {"scores": [{"item": 0, "criterion": 0, "value": 4, "comment": "Good"}]},
        ),
    }
    for kind, (setup, answer) in answered.items():
        made, _ = prompts.create_prompt(
            **room, actor=facilitator, text=kind, kind=kind, setup=setup
        )
        prompts.open_prompt(**room, actor=facilitator, prompt_id=made["id"])
        responses.submit_response(**room, actor=ana, prompt_id=made["id"], answer=answer)
    # Ana held the floor once: speaking time in the summary too.
    speakers.raise_hand(**room, actor=ana)
    speakers.give_floor(**room, actor=facilitator)
    speakers.end_turn(**room, actor=facilitator)
    summary = summaries.build_summary(
        session, actor=facilitator, roundtable_id=roundtable.id, now=utcnow()
    )
    built = summary_dict(summary)
    assert built["prompts"][0]["ideas"][0]["replies"] and built["prompts"][0]["ideas"][0]["merged"]
    assert built["speaking"] is not None and built["speaking"]["people"][0]["name"] == "Ana"
    assert [p["kind"] for p in built["prompts"] if "results" in p] == list(answered)
    assert built["prompts"][-1]["results"]["comments"]
    assert not mismatches(built, SummaryDocument, "summary")


def test_templates_are_built_in_exactly_the_typed_shapes(session: Session) -> None:
    facilitator = staff_actor(session)
    roundtable = roundtables.create_roundtable(session, actor=facilitator, title="Templates")
    room = {"session": session, "roundtable_id": roundtable.id}
    used = templates.use_template(**room, actor=facilitator, template="stream-roundtable")
    saved = templates.save_template(**room, actor=facilitator, name="Ours", description="Mine")
    listed = templates.list_templates(**room, actor=facilitator)
    problems = mismatches(saved.answer, s.TemplateView, "template")
    problems += mismatches(listed, list[s.TemplateView], "templates")
    problems += mismatches(used.answer, list[s.PromptView], "prompts")
    for event in used.events:
        problems += mismatches(event.payload, s.EventPayload, event.name)
    assert not problems, "\n".join(problems)
    assert {t["shipped"] for t in listed} == {True, False}
