"""The demo's recorded sessions, played into their roundtables through the product's own rules.

Joining, ideas, replies, reactions, votes, themes, questions approved, upvoted and answered,
answers to polls, scales, rankings and assessments, outcomes and notes go through the same use
cases as in a live room, so the demo's results, summaries and report are what a real session
gives; only the clock is set afterwards, to the day the session took place.

A recorded session (YAML) names its roundtable, its people and, for each prompt played (by
its text, as the agenda wrote it), what the room did with it:

- `minutes`: `[opened, closed]` after `starts_at`, or `[opened]` with `still_open: true` for
  a prompt the session leaves open;
- `ideas`, `replies` (`to` an idea's key), `reactions`, `themes`, `votes` (idea key: voters;
  on a `questions` prompt, the upvotes);
- `pending`: the keys of questions or ideas a pre-moderated prompt leaves waiting (the others
  are approved as they come);
- `answered`: the keys of a panel's questions it answered;
- `answers`: person: answer, as `response.submit` takes it (`choices`, `value`, `order`); an
  assessment's `scores` may be written as a table, a row per item and a column per criterion
  (null where that person gave no score), with `comments` on some cells
  (`{item, criterion, text}`).

A session without `ends_at` is still under way: its roundtable is left live, for a newcomer
to join and take part in.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitation.models import (
    Idea,
    IdeaStatus,
    Membership,
    Participant,
    Prompt,
    Response,
    Roundtable,
    Vote,
)
from facilitation.services import (
    ideas,
    lifecycle,
    moderation,
    notes,
    outcomes,
    prompts,
    responses,
    roundtables,
    themes,
)
from facilitation.services import votes as ballots
from facilitation.services.actors import Actor
from facilitation.services.errors import InvalidInputError
from facilitation.services.outcomes import NewOutcome


def scores_from_table(
    table: list[list[int | None]], comments: list[dict[str, Any]] | None = None
) -> list[dict[str, object]]:
    """An assessment's scores written as a table (a row per item, a column per criterion,
    null where nothing was given), with any comments on its cells, as `response.submit`
    takes them."""
    said = {(c["item"], c["criterion"]): c["text"] for c in comments or ()}
    scores: list[dict[str, object]] = []
    for item, row in enumerate(table):
        for criterion, value in enumerate(row):
            if value is None:
                continue
            score: dict[str, object] = {"item": item, "criterion": criterion, "value": value}
            if (item, criterion) in said:
                score["comment"] = said[item, criterion]
            scores.append(score)
    return scores


def _answer(given: dict[str, Any]) -> dict[str, object]:
    scores = given.get("scores")
    if isinstance(scores, list) and scores and all(isinstance(row, list) for row in scores):
        return {"scores": scores_from_table(scores, given.get("comments"))}
    return dict(given)


class _Session:
    """One recorded session being played into a roundtable."""

    def __init__(self, db: Session, roundtable: Roundtable, facilitator: Actor) -> None:
        self.db = db
        self.roundtable = roundtable
        self.facilitator = facilitator
        self.people: dict[str, Actor] = {}
        self.ideas: dict[str, int] = {}
        self.themes: dict[str, int] = {}
        self.moments: dict[int, datetime] = {}
        self.last_minute = 0

    def act(self, call: Any, **fields: Any) -> Any:
        return call(self.db, roundtable_id=self.roundtable.id, **fields).answer

    def join(self, person: dict[str, Any]) -> None:
        """The person joins; one who took part in another session of the event comes back
        as the same participant, so that the event's report counts each person once."""
        affiliation = person.get("affiliation") or ""
        known = self.db.scalar(
            select(Participant.id)
            .where(
                Participant.event_id == self.roundtable.event_id,
                Participant.name == person["name"],
                Participant.affiliation == affiliation,
            )
            .order_by(Participant.id)
            .limit(1)
        )
        joined = roundtables.join_roundtable(
            self.db,
            actor=Actor.participant(known) if known is not None else None,
            join_code=self.roundtable.join_code,
            name=person["name"],
            affiliation=affiliation or None,
        )
        assert joined.participant is not None
        self.people[person["key"]] = Actor.participant(joined.participant.id)

    def prompt(self, spec: dict[str, Any], start: datetime) -> None:
        # A brainstorm the agenda lacks is written on the spot (see _unanswerable for others).
        found = next((p for p in self.roundtable.prompts if p.text == spec["text"]), None)
        prompt_id = (
            found.id
            if found is not None
            else self.act(prompts.create_prompt, actor=self.facilitator, text=spec["text"])["id"]
        )
        self.act(prompts.open_prompt, actor=self.facilitator, prompt_id=prompt_id)
        pending = set(spec.get("pending", ()))
        for item in spec.get("ideas", []):
            posted = self.post(prompt_id, item, start)
            if item.get("key") not in pending:
                self.approve(posted)
        for item in spec.get("replies", []):
            self.approve(self.post(prompt_id, item, start, parent=self.ideas[item["to"]]))
        for reaction in spec.get("reactions", []):
            for who in reaction["by"]:
                self.act(
                    ideas.react,
                    actor=self.people[who],
                    idea_id=self.ideas[reaction["idea"]],
                    emoji=reaction["emoji"],
                )
        for theme in spec.get("themes", []):
            made = self.act(
                themes.create_theme,
                actor=self.facilitator,
                prompt_id=prompt_id,
                name=theme["name"],
                idea_ids=[self.ideas[key] for key in theme["ideas"]],
            )
            self.themes[theme["name"]] = made["id"]
        for key, voters in spec.get("votes", {}).items():
            for who in voters:
                self.act(ballots.cast_vote, actor=self.people[who], idea_id=self.ideas[key])
        for key in spec.get("answered", []):
            self.act(moderation.mark_answered, actor=self.facilitator, idea_id=self.ideas[key])
        for who, given in spec.get("answers", {}).items():
            self.act(
                responses.submit_response,
                actor=self.people[who],
                prompt_id=prompt_id,
                answer=_answer(given),
            )
        minutes = spec["minutes"]
        if not spec.get("still_open"):
            self.act(prompts.close_prompt, actor=self.facilitator, prompt_id=prompt_id)
        prompt = self.db.get(Prompt, prompt_id)
        assert prompt is not None
        prompt.opened_at = start + timedelta(minutes=minutes[0])
        if not spec.get("still_open"):
            prompt.closed_at = start + timedelta(minutes=minutes[1])
        self.last_minute = max(self.last_minute, *minutes)

    def post(
        self, prompt_id: int, item: dict[str, Any], start: datetime, parent: int | None = None
    ) -> int:
        made = self.act(
            ideas.create_idea,
            actor=self.people[item["by"]],
            prompt_id=prompt_id,
            text=item["text"],
            client_id=f"demo-{item.get('key') or len(self.moments)}",
            parent_id=parent,
        )
        if "key" in item:
            self.ideas[item["key"]] = made["id"]
        self.moments[made["id"]] = start + timedelta(minutes=item["at"])
        self.last_minute = max(self.last_minute, item["at"])
        return int(made["id"])

    def approve(self, idea_id: int) -> None:
        """Let an idea of a pre-moderated prompt through, as the facilitator would."""
        idea = self.db.get(Idea, idea_id)
        if idea is not None and idea.status == IdeaStatus.PENDING:
            self.act(moderation.approve_idea, actor=self.facilitator, idea_id=idea_id)


def _used(db: Session, roundtable: Roundtable) -> bool:
    """Whether the roundtable's room has given ideas or answers already."""
    for table in (Idea, Response):
        found = db.scalar(
            select(table.id).join(Prompt).where(Prompt.roundtable_id == roundtable.id).limit(1)
        )
        if found is not None:
            return True
    return False


def _unanswerable(roundtable: Roundtable, data: dict[str, Any]) -> bool:
    """Whether the session answers a prompt its roundtable lacks: one loaded from an agenda
    older than the recording, which the session leaves alone rather than half-played."""
    texts = {prompt.text for prompt in roundtable.prompts}
    return any(
        spec["text"] not in texts and ("answers" in spec or "answered" in spec)
        for spec in data["prompts"]
    )


def play_session(
    db: Session, data: dict[str, Any], *, facilitator: Actor, rapporteur: Actor
) -> bool:
    """Play the recorded session into its roundtable; False if the roundtable already has
    ideas or answers (it was played before, or someone used it) or lacks a prompt the session
    answers, and is left as it is."""
    slug = data["roundtable"]
    roundtable = db.scalar(select(Roundtable).where(Roundtable.slug == slug))
    if roundtable is None:
        raise InvalidInputError("bad_demo", f"The agenda has no roundtable {slug!r}.")
    if _used(db, roundtable) or _unanswerable(roundtable, data):
        return False
    start = datetime.fromisoformat(data["starts_at"])
    played = _Session(db, roundtable, facilitator)
    for person in data["participants"]:
        played.join(person)
    for spec in data["prompts"]:
        played.prompt(spec, start)
    if data.get("outcomes"):
        played.act(
            outcomes.add_outcomes,
            actor=rapporteur,
            wanted=[
                NewOutcome(
                    kind=o["kind"],
                    text=o["text"],
                    owner=o.get("owner"),
                    due=o.get("due"),
                    status=o.get("status"),
                    sdgs=tuple(o.get("sdgs", ())),
                    source_idea_ids=tuple(played.ideas[key] for key in o.get("ideas", ())),
                    source_theme_ids=tuple(played.themes[name] for name in o.get("themes", ())),
                )
                for o in data["outcomes"]
            ],
        )
    if data.get("notes"):
        played.act(notes.save_notes, actor=rapporteur, text=data["notes"], base_version=0)
    ended = datetime.fromisoformat(data["ends_at"]) if data.get("ends_at") else None
    if ended is not None:
        played.act(lifecycle.end_roundtable, actor=facilitator, now=ended)
    _set_clock(db, played, start, ended)
    db.commit()
    return True


def _set_clock(db: Session, played: _Session, start: datetime, ended: datetime | None) -> None:
    """Dates as the session had them: people joined at the start, each idea at its minute,
    answers spread over their prompt's time, votes by its close, the roundtable ended at its
    end (if it has ended)."""
    roundtable = played.roundtable
    end = ended or start + timedelta(minutes=played.last_minute)
    for membership in db.scalars(
        select(Membership).where(Membership.roundtable_id == roundtable.id)
    ):
        membership.joined_at = start
    for idea_id, moment in played.moments.items():
        idea = db.get(Idea, idea_id)
        assert idea is not None
        idea.created_at = moment
    for prompt in roundtable.prompts:
        closed = prompt.closed_at or end
        for vote in db.scalars(select(Vote).where(Vote.prompt_id == prompt.id)):
            vote.created_at = closed - timedelta(minutes=3)
        answers = list(
            db.scalars(
                select(Response).where(Response.prompt_id == prompt.id).order_by(Response.id)
            )
        )
        opened = prompt.opened_at or start
        for index, response in enumerate(answers, start=1):
            response.created_at = response.updated_at = opened + (closed - opened) * index / (
                len(answers) + 1
            )
    if ended is not None:
        roundtable.ended_at = ended
