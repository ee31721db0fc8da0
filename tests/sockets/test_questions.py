"""A panel's Q&A: participants ask and upvote (one upvote a question, no budget), the moderator
approves when pre-moderating, puts the question being answered in the spotlight and marks it
answered."""

from __future__ import annotations

from tests.conftest import acked
from tests.rooms import Room
from tests.sockets.facilitating import come_back, ideas_by_id, post, prompt_in, steer


def test_questions_are_upvoted_without_a_budget(room: Room) -> None:
    prompt_id = room.open_prompt("Questions for the panel", kind="questions", votes=1)
    alice, bob = room.participant("Alice"), room.participant("Bob")
    asked = [post(room, alice, prompt_id, f"Question {n}?")["id"] for n in range(4)]
    acks = [acked(bob.emit("vote.cast", {"idea_id": i})) for i in asked]
    assert [ack["votes_left"] for ack in acks] == [None] * 4
    room.refuses(bob, "vote.cast", {"idea_id": asked[0]}, code="already_voted")
    retracted = acked(bob.emit("vote.retract", {"idea_id": asked[0]}))
    assert retracted["votes_left"] is None
    votes = {i["id"]: i["votes"] for i in prompt_in(room.snapshot(), prompt_id)["ideas"]}
    assert votes == {asked[0]: 0, asked[1]: 1, asked[2]: 1, asked[3]: 1}


def test_every_question_says_whether_it_was_answered(room: Room) -> None:
    prompt_id = room.open_prompt("Questions for the panel", kind="questions")
    alice = room.participant("Alice")
    question = post(room, alice, prompt_id, "How is it funded?")
    assert question["answered"] is False
    brainstorm = room.open_prompt("Ideas")
    idea = post(room, alice, brainstorm, "Shade trees")
    assert "answered" not in idea


def test_the_question_being_answered_is_spotlit_then_marked_answered(room: Room) -> None:
    prompt_id = room.open_prompt("Questions for the panel", kind="questions")
    alice = room.participant("Alice")
    question_id = post(room, alice, prompt_id, "How is it funded?")["id"]
    room.quiet()
    spotlit = steer(room, "idea.spotlight", idea_id=question_id)
    assert spotlit["roundtable"]["spotlight_idea_id"] == question_id
    room.quiet()
    ack = steer(room, "question.answered", idea_id=question_id)
    assert ack["idea"]["answered"] is True
    heard = alice.events()
    assert [name for name, _ in heard] == ["idea.updated", "roundtable.updated"]
    assert heard[0][1]["idea"]["answered"] is True
    assert heard[1][1]["roundtable"]["spotlight_idea_id"] is None
    # A slip is undone: the question is open again.
    undone = steer(room, "question.answered", idea_id=question_id, answered=False)
    assert undone["idea"]["answered"] is False
    snapshot = come_back(room, alice)["snapshot"]
    assert ideas_by_id(prompt_in(snapshot, prompt_id))[question_id]["answered"] is False


def test_marking_answered_twice_emits_nothing(room: Room) -> None:
    prompt_id = room.open_prompt("Questions for the panel", kind="questions")
    question_id = post(room, room.participant("Alice"), prompt_id, "Why?")["id"]
    steer(room, "question.answered", idea_id=question_id)
    room.quiet()
    assert steer(room, "question.answered", idea_id=question_id)["idea"]["answered"] is True
    assert room.heard() == []


def test_pre_moderated_questions_wait_for_approval(room: Room) -> None:
    prompt_id = room.open_prompt("Questions", kind="questions", premoderate=True)
    alice, bob = room.participant("Alice"), room.participant("Bob")
    question_id = post(room, alice, prompt_id, "Who pays?")["id"]
    room.refuses(bob, "vote.cast", {"idea_id": question_id}, code="idea_unavailable")
    room.refuses(
        room.facilitator, "question.answered", {"idea_id": question_id}, code="idea_unavailable"
    )
    steer(room, "idea.approve", idea_id=question_id)
    assert acked(bob.emit("vote.cast", {"idea_id": question_id}))["votes_left"] is None


def test_anonymous_questions_keep_their_author_from_everyone_but_staff(room: Room) -> None:
    prompt_id = room.open_prompt("Questions", kind="questions", attribution="anonymous")
    alice, bob = room.participant("Alice"), room.participant("Bob")
    question_id = post(room, alice, prompt_id, "Is it fair?")["id"]
    seen = ideas_by_id(prompt_in(come_back(room, bob)["snapshot"], prompt_id))[question_id]
    assert seen["author"] is None and seen["affiliation"] is None
    assert "author_id" not in seen


def test_only_staff_mark_a_question_answered(room: Room) -> None:
    prompt_id = room.open_prompt("Questions", kind="questions")
    alice = room.participant("Alice")
    question_id = post(room, alice, prompt_id, "Why?")["id"]
    room.refuses(alice, "question.answered", {"idea_id": question_id}, code="forbidden")


def test_only_a_question_is_answered(room: Room) -> None:
    brainstorm = room.open_prompt("Ideas")
    alice = room.participant("Alice")
    idea_id = post(room, alice, brainstorm, "Shade trees")["id"]
    room.refuses(room.facilitator, "question.answered", {"idea_id": idea_id}, code="wrong_kind")
    questions = room.open_prompt("Questions", kind="questions")
    question_id = post(room, alice, questions, "Why?")["id"]
    reply = acked(
        alice.emit(
            "idea.create",
            {
                "prompt_id": questions,
                "text": "Also: how?",
                "client_id": "r",
                "parent_id": question_id,
            },
        )
    )["idea"]
    room.refuses(room.facilitator, "question.answered", {"idea_id": reply["id"]}, code="wrong_kind")
    room.refuses(
        room.facilitator,
        "question.answered",
        {"idea_id": question_id, "answered": "yes"},
        code="bad_request",
    )


def test_questions_take_no_phases(room: Room) -> None:
    room.refuses(
        room.facilitator,
        "prompt.create",
        {"text": "Questions", "kind": "questions", "phases": True},
        code="bad_request",
    )


def test_the_summary_says_which_questions_were_answered(room: Room) -> None:
    prompt_id = room.open_prompt("Questions for the panel", kind="questions")
    alice = room.participant("Alice")
    answered = post(room, alice, prompt_id, "How is it funded?")["id"]
    waiting = post(room, alice, prompt_id, "Who maintains it?")["id"]
    steer(room, "question.answered", idea_id=answered)
    summary = room.get("/export", query_string={"format": "json"}).get_json()
    [prompt] = [p for p in summary["prompts"] if p["id"] == prompt_id]
    assert {i["id"]: i["answered"] for i in prompt["ideas"]} == {answered: True, waiting: False}
    markdown = room.get("/export", query_string={"format": "md"}).get_data(as_text=True)
    assert "How is it funded? *(answered)*" in markdown
    assert "Who maintains it? |" in markdown
    brainstorm = room.open_prompt("Ideas")
    post(room, alice, brainstorm, "Shade trees")
    summary = room.get("/export", query_string={"format": "json"}).get_json()
    [ideas] = [p for p in summary["prompts"] if p["id"] == brainstorm]
    assert "answered" not in ideas["ideas"][0]
