"""What the exports record is true: anonymity kept, replies credited to their own authors,
one count, themes ranked by support, what happened (merges, hidden ideas, reactions), and
the end of the session."""

from __future__ import annotations

import json
from typing import Any

from tests.web.conftest import Roundtable
from tests.web.test_exports import summary


def steer(roundtable: Roundtable, event: str, **payload: Any) -> dict[str, Any]:
    ack: dict[str, Any] = roundtable.facilitator.emit(event, payload)
    assert ack["ok"], ack
    return ack


def react(roundtable: Roundtable, person: str, idea_id: int, emoji: str) -> None:
    ack = roundtable.person(person).emit("idea.react", {"idea_id": idea_id, "emoji": emoji})
    assert ack["ok"], ack


def reply(roundtable: Roundtable, author: str, prompt_id: int, parent_id: int, text: str) -> int:
    payload = {"prompt_id": prompt_id, "parent_id": parent_id, "text": text, "client_id": text}
    ack = roundtable.person(author).emit("idea.create", payload)
    assert ack["ok"], ack
    return int(ack["idea"]["id"])


def exports(roundtable: Roundtable) -> str:
    """Every available export of the roundtable, as one text to search."""
    return "\n".join(
        roundtable.get("/export", query_string={"format": name}).get_data(as_text=True)
        for name in ("json", "md")
    )


def test_an_idea_posted_anonymously_is_never_named_in_an_export(roundtable: Roundtable) -> None:
    steer(roundtable, "roundtable.configure", attribution="anonymous")
    prompt_id = roundtable.open_prompt("What is not said aloud?")
    roundtable.person("Secretname", affiliation="Secretville")
    secret = roundtable.idea("Secretname", prompt_id, "Confidential: our drainage data is outdated")
    reply(roundtable, "Secretname", prompt_id, secret, "And nobody admits it")
    steer(roundtable, "roundtable.configure", attribution="named")
    roundtable.idea("Secretname", prompt_id, "Flood sensors on bridges")
    everything = exports(roundtable)
    assert "our drainage data is outdated" in everything
    [prompt] = summary(roundtable)["prompts"]
    by_text = {idea["text"]: idea for idea in prompt["ideas"]}
    anonymous = by_text["Confidential: our drainage data is outdated"]
    assert (anonymous["author"], anonymous["affiliation"]) == (None, None)
    assert (anonymous["replies"][0]["author"], anonymous["replies"][0]["affiliation"]) == (
        None,
        None,
    )
    assert by_text["Flood sensors on bridges"]["author"] == "Secretname"
    md = roundtable.get("/export", query_string={"format": "md"}).get_data(as_text=True)
    named_rows = [line for line in md.splitlines() if "Secretname" in line]
    assert all("Flood sensors" in line for line in named_rows), named_rows
    assert len(named_rows) == 1
    # Secretville is named only for the named idea: in the ideas, and in the participation
    # balance, where its one contribution is the named one (the anonymous two are not its).
    (city,) = summary(roundtable)["participation"]["affiliations"]
    assert (city["name"], city["people"], city["contributions"]) == ("Secretville", 1, 1)
    assert [line for line in md.splitlines() if "Secretville" in line] == [
        line
        for line in md.splitlines()
        if "Secretville" in line and ("Flood" in line or "| 1 |" in line)
    ]


def test_replies_are_credited_to_their_own_authors(roundtable: Roundtable) -> None:
    prompt_id = roundtable.open_prompt("What first?")
    roundtable.person("Bob", affiliation="Quito")
    idea = roundtable.idea("Ana", prompt_id, "Shade trees")
    reply(roundtable, "Bob", prompt_id, idea, "Native species")
    [prompt] = summary(roundtable)["prompts"]
    [entry] = prompt["ideas"]
    assert entry["author"] == "Ana"
    [answer] = entry["replies"]
    assert (answer["text"], answer["author"], answer["affiliation"]) == (
        "Native species",
        "Bob",
        "Quito",
    )
    assert answer["created_at"].endswith("Z")
    md = roundtable.get("/export", query_string={"format": "md"}).get_data(as_text=True)
    assert "|  | ↳ Native species | Bob (Quito) |" in md
    assert prompt["counts"]["ideas"] == 1 and prompt["counts"]["replies"] == 1


def test_the_export_records_merges_hidden_ideas_and_reactions(roundtable: Roundtable) -> None:
    prompt_id = roundtable.open_prompt("What first?")
    kept = roundtable.idea("Ana", prompt_id, "Shade trees")
    duplicate = roundtable.idea("Bob", prompt_id, "More shade trees")
    hidden = roundtable.idea("Chen", prompt_id, "Off-topic rant")
    react(roundtable, "Bob", kept, "💡")
    steer(roundtable, "idea.merge", idea_id=kept, duplicate_id=duplicate)
    steer(roundtable, "idea.hide", idea_id=hidden)
    [prompt] = summary(roundtable)["prompts"]
    [entry] = prompt["ideas"]
    assert entry["reactions"] == {"💡": 1}
    assert [(m["id"], m["text"]) for m in entry["merged"]] == [(duplicate, "More shade trees")]
    assert prompt["counts"]["left_out"] == {"pending": 0, "hidden": 1, "withdrawn": 0, "merged": 1}
    assert "Off-topic rant" not in exports(roundtable)


def test_theme_votes_count_in_the_totals_and_themes_rank_by_support(
    roundtable: Roundtable,
) -> None:
    prompt_id = roundtable.open_prompt("What first?")
    shade = roundtable.idea("Ana", prompt_id, "Shade trees")
    water = roundtable.idea("Ana", prompt_id, "Water fountains")
    green = steer(roundtable, "theme.create", prompt_id=prompt_id, name="Green", idea_ids=[shade])
    blue = steer(roundtable, "theme.create", prompt_id=prompt_id, name="Blue", idea_ids=[water])
    roundtable.votes(shade, "Bob", "Chen", "Dan")
    ack = roundtable.person("Eve").emit("vote.cast", {"theme_id": blue["theme"]["id"]})
    assert ack["ok"]
    [prompt] = summary(roundtable)["prompts"]
    assert (prompt["counts"]["votes"], prompt["counts"]["votes_on_themes"]) == (4, 1)
    assert prompt["counts"]["voters"] == 4
    assert [(t["name"], t["support"], t["votes"]) for t in prompt["themes"]] == [
        ("Green", 3, 0),
        ("Blue", 1, 1),
    ]
    assert green["theme"]["id"] == prompt["themes"][0]["id"]


def test_prompts_never_opened_are_listed_apart(roundtable: Roundtable) -> None:
    roundtable.idea("Ana", roundtable.open_prompt("Asked"), "An idea")
    steer(roundtable, "prompt.create", text="Never asked")
    body = summary(roundtable)
    assert [p["text"] for p in body["prompts"]] == ["Asked"]
    assert [p["text"] for p in body["unused_prompts"]] == ["Never asked"]


def test_an_ended_roundtable_says_so_in_its_summary(roundtable: Roundtable) -> None:
    roundtable.idea("Ana", roundtable.open_prompt("Asked"), "An idea")
    steer(roundtable, "roundtable.end")
    body = summary(roundtable)
    assert body["roundtable"]["status"] == "closed"
    assert body["roundtable"]["ended_at"].endswith("Z")
    assert [p["status"] for p in body["prompts"]] == ["closed"]
    md = roundtable.get("/export", query_string={"format": "md"}).get_data(as_text=True)
    assert "- Status: Ended " in md


def test_the_export_is_named_after_the_roundtable(roundtable: Roundtable) -> None:
    response = roundtable.get("/export", query_string={"format": "md"})
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="resilient-cities-20')
    assert json.dumps(disposition).isascii()
