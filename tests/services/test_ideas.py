"""Ideas: plain text on an open prompt, once per client_id, only by members."""

from __future__ import annotations

import pytest

from facilitation.models import Idea
from facilitation.services import prompts, roundtables
from tests.services.conftest import Table


def test_an_idea_is_logged_and_shown_with_its_author(table: Table) -> None:
    prompt_id = table.open_prompt()
    view, events = table.create_idea(
        table.join("Ana", "Lisbon"), prompt_id, "Shade trees on every street"
    )
    assert view["text"] == "Shade trees on every street"
    assert (view["author"], view["affiliation"], view["votes"]) == ("Ana", "Lisbon", 0)
    assert [e.name for e in events] == ["idea.created"]
    assert view["mine"] is True
    assert view["my_reactions"] == []
    # Everyone else is sent the author's view less what only the author may know.
    private = ("mine", "my_reactions")
    assert events[0].public["idea"] == {k: v for k, v in view.items() if k not in private}
    assert events[0].payload["idea"]["author_id"] == events[0].payload["idea"]["author_id"] > 0


def test_the_same_client_id_returns_the_first_idea_and_logs_nothing(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    first = table.post(ana, prompt_id, "Cool roofs", client_id="retry-1")
    again, events = table.create_idea(ana, prompt_id, "Cool roofs", client_id="retry-1")
    assert again == first
    assert events == []
    assert table.session.query(Idea).count() == 1


def test_a_retry_is_answered_even_after_the_prompt_closed(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    first = table.post(ana, prompt_id, "Cool roofs", client_id="late")
    prompts.close_prompt(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
    )
    again, events = table.create_idea(ana, prompt_id, "Cool roofs", client_id="late")
    assert (again["id"], events) == (first["id"], [])


def test_another_participant_may_use_the_same_client_id(table: Table) -> None:
    prompt_id = table.open_prompt()
    a = table.post(table.join("Ana"), prompt_id, "One", client_id="same")
    b = table.post(table.join("Ben"), prompt_id, "Two", client_id="same")
    assert a["id"] != b["id"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "text_empty"),
        ("   \n\t ", "text_empty"),
        ("x" * 501, "text_too_long"),
        ("<script>alert(1)</script>", "text_has_markup"),
        ("<img src=x onerror=alert(1)>", "text_has_markup"),
        ("nice <b>bold</b> idea", "text_has_markup"),
    ],
)
def test_bad_text_is_refused_and_nothing_is_stored(table: Table, text: str, code: str) -> None:
    prompt_id = table.open_prompt()
    assert table.refusal(table.post, table.join("Ana"), prompt_id, text, client_id="c1") == code
    assert table.session.query(Idea).count() == 0


def test_text_is_kept_exactly_as_plain_text(table: Table) -> None:
    prompt_id = table.open_prompt()
    text = "a < b & c > d, see https://example.org/?q=1&r=2 — 广州"
    view = table.post(table.join("Ana"), prompt_id, "  " + text + "  ", client_id="c1")
    assert view["text"] == text


def test_the_longest_idea_allowed_is_accepted(table: Table) -> None:
    prompt_id = table.open_prompt()
    view = table.post(table.join("Ana"), prompt_id, "x" * 500, client_id="c1")
    assert len(view["text"]) == 500


def test_no_ideas_on_a_draft_or_closed_prompt(table: Table) -> None:
    draft, _ = prompts.create_prompt(
        table.session, actor=table.facilitator, roundtable_id=table.roundtable_id, text="Later"
    )
    ana = table.join("Ana")
    assert table.refusal(table.post, ana, draft["id"], "Too early") == "prompt_closed"
    opened = table.open_prompt()
    prompts.close_prompt(
        table.session, actor=table.facilitator, roundtable_id=table.roundtable_id, prompt_id=opened
    )
    assert table.refusal(table.post, ana, opened, "Too late") == "prompt_closed"


def test_staff_cannot_post_ideas(table: Table) -> None:
    prompt_id = table.open_prompt()
    assert table.refusal(table.post, table.facilitator, prompt_id, "From the chair") == "forbidden"


def test_a_participant_cannot_write_into_a_roundtable_they_have_not_joined(table: Table) -> None:
    prompt_id = table.open_prompt()
    other = roundtables.create_roundtable(table.session, actor=table.facilitator, title="Other")
    outsider = roundtables.join_roundtable(
        table.session, actor=None, join_code=other.join_code, name="Olu"
    ).participant
    assert outsider is not None
    from facilitation.services.actors import Actor

    assert (
        table.refusal(table.post, Actor.participant(outsider.id), prompt_id, "Sneaky")
        == "forbidden"
    )


def test_a_prompt_of_another_roundtable_does_not_exist_here(table: Table) -> None:
    other = roundtables.create_roundtable(table.session, actor=table.facilitator, title="Other")
    theirs, _ = prompts.create_prompt(
        table.session, actor=table.facilitator, roundtable_id=other.id, text="Theirs"
    )
    assert table.refusal(table.post, table.join("Ana"), theirs["id"], "Wrong room") == "not_found"
