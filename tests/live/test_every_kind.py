"""Every way a room speaks, on the real server at once: thirty participants answer a poll, a
scale, a ranking and an assessment (changing some answers), ask and upvote a panel's
questions, take sides on statements and raise hands; every client's model ends equal to the
server's state, and the JSON summary equals what this test works out by itself from the
answers the server acknowledged."""

from __future__ import annotations

import math
import random
import threading
from collections import Counter
from typing import Any

import pytest
import requests

from tests.live.client import RoomClient, RoomModel
from tests.live.conftest import Spawn
from tests.live.server import HTTP_TIMEOUT, LiveServer
from tests.live.test_room import SETTLE_TIMEOUT, each

PEOPLE = 30
CAMP = 15  # participants 0-14 take one side of the statements, 15-29 the other
POLL = ["Trams", "Buses", "Bikes", "Walking"]
RANKED = ["Shade", "Water", "Transit", "Housing", "Jobs"]
ITEMS = ["Guangzhou river park", "Bogotá bike lanes", "Lagos ferries"]
CRITERIA = 4  # the starter rubric's
STATEMENTS = ["Cars out of the centre", "Free transit", "More parks", "Night markets"]


class Answers:
    """What the server acknowledged, kept by this test: the last answer of each participant."""

    def __init__(self) -> None:
        self.choices: dict[str, list[int]] = {}
        self.values: dict[str, int] = {}
        self.orders: dict[str, list[int]] = {}
        self.scores: dict[str, dict[tuple[int, int], tuple[int, str]]] = {}
        self.questions: dict[int, str] = {}
        self.upvotes: Counter[int] = Counter()
        self.opinions: dict[str, dict[int, str]] = {}
        self._lock = threading.Lock()

    def submit(self, client: RoomClient, prompt_id: int, **answer: Any) -> dict[str, Any]:
        ack = client.ok("response.submit", {"prompt_id": prompt_id, **answer})
        kept: dict[str, Any] = ack["response"]
        with self._lock:
            if "choices" in kept:
                self.choices[client.label] = kept["choices"]
            elif "value" in kept:
                self.values[client.label] = kept["value"]
            elif "order" in kept:
                self.orders[client.label] = kept["order"]
            mine = self.scores.setdefault(client.label, {})
            for score in answer.get("scores", []):
                mine[(score["item"], score["criterion"])] = (
                    score["value"],
                    score.get("comment", ""),
                )
        return kept


def refused(client: RoomClient, event: str, payload: dict[str, Any], code: str) -> None:
    ack = client.call(event, payload)
    assert ack["ok"] is False and ack["error"]["code"] == code, ack


def setup(staff: RoomClient) -> dict[str, int]:
    """The facilitator's six prompts, each opened, and the statements put to the room."""
    specs: dict[str, dict[str, Any]] = {
        "poll": {"text": "How do you get to work?", "options": POLL, "max_choices": 2},
        "scale": {"text": "Our plan is ambitious enough"},
        "ranking": {"text": "What comes first?", "options": RANKED},
        "assessment": {"text": "Score the initiatives", "items": ITEMS},
        "questions": {"text": "Questions for the panel"},
        "statements": {"text": "Where do we stand?"},
    }
    ids = {}
    for kind, spec in specs.items():
        prompt = staff.ok("prompt.create", {"kind": kind, **spec})["prompt"]
        ids[kind] = prompt["id"]
    for n, text in enumerate(STATEMENTS):
        staff.ok(
            "idea.create", {"prompt_id": ids["statements"], "text": text, "client_id": f"s{n}"}
        )
    for prompt_id in ids.values():
        staff.ok("prompt.open", {"prompt_id": prompt_id})
    return ids


def take_part(
    client: RoomClient, number: int, ids: dict[str, int], answers: Answers, statements: list[int]
) -> None:
    """One participant's whole session, reproducible from its number."""
    rng = random.Random(number)
    chosen = rng.sample(range(len(POLL)), rng.randint(1, 2))
    answers.submit(client, ids["poll"], choices=chosen)
    if number % 3 == 0:  # a change of mind
        answers.submit(client, ids["poll"], choices=[(chosen[0] + 1) % len(POLL)])
    if number == 7:
        refused(
            client,
            "response.submit",
            {"prompt_id": ids["poll"], "choices": [0, 1, 2]},
            "too_many_choices",
        )
    answers.submit(client, ids["scale"], value=rng.randint(1, 5))
    if number % 4 == 0:
        answers.submit(client, ids["scale"], value=rng.randint(1, 5))
    if number == 8:
        refused(client, "response.submit", {"prompt_id": ids["scale"], "value": 6}, "off_scale")
    order = rng.sample(range(len(RANKED)), rng.randint(1, len(RANKED)))  # some rank only a few
    answers.submit(client, ids["ranking"], order=order)
    if number == 9:
        refused(
            client,
            "response.submit",
            {"prompt_id": ids["ranking"], "order": [0, 0]},
            "duplicate_choice",
        )
    # The assessment in two goes, the second also correcting one earlier score.
    first = [
        {"item": i, "criterion": c, "value": rng.randint(1, 5)}
        for i in (0, 1)
        for c in range(CRITERIA)
    ]
    answers.submit(client, ids["assessment"], scores=first)
    second = [
        {
            "item": 2,
            "criterion": c,
            "value": rng.randint(1, 5),
            "comment": f"Note {number}" if c == 0 and number % 5 == 0 else "",
        }
        for c in range(CRITERIA)
    ]
    second.append({"item": 0, "criterion": 0, "value": rng.randint(1, 5)})
    kept = answers.submit(client, ids["assessment"], scores=second)
    assert len(kept["scores"]) == 3 * CRITERIA
    if number < 10:
        ack = client.ok(
            "idea.create",
            {
                "prompt_id": ids["questions"],
                "text": f"Question from {client.label}?",
                "client_id": "q",
            },
        )
        with answers._lock:
            answers.questions[ack["idea"]["id"]] = ack["idea"]["text"]
    for n, statement in enumerate(statements):
        if n == 0:
            side = "agree" if number < CAMP else "disagree"
        elif n == 1:
            side = "disagree" if number < CAMP else "agree"
        elif n == 2:
            side = "agree"
        else:
            side = rng.choice(["agree", "disagree", "pass"])
        if number % 6 == 0:  # first a pass, then the real opinion
            client.ok("opinion.cast", {"idea_id": statement, "opinion": "pass"})
        ack = client.ok("opinion.cast", {"idea_id": statement, "opinion": side})
        with answers._lock:
            answers.opinions.setdefault(client.label, {})[statement] = ack["opinion"]


def upvote(client: RoomClient, number: int, answers: Answers) -> None:
    """Three questions each, chosen reproducibly; no budget, one upvote per question."""
    picked = random.Random(100 + number).sample(sorted(answers.questions), 3)
    for question in picked:
        assert client.ok("vote.cast", {"idea_id": question})["votes_left"] is None
        with answers._lock:
            answers.upvotes[question] += 1
    refused(client, "vote.cast", {"idea_id": picked[0]}, "already_voted")


def mean(values: list[int]) -> float:
    return sum(values) / len(values)


def pstdev(values: list[int]) -> float:
    m = mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / len(values))


def check_summary(
    export: dict[str, Any], ids: dict[str, int], answers: Answers, answered: set[int]
) -> None:
    prompts = {p["id"]: p for p in export["prompts"]}

    polled = prompts[ids["poll"]]["results"]
    counts = Counter(c for chosen in answers.choices.values() for c in chosen)
    assert polled["responses"] == PEOPLE
    assert [(o["text"], o["count"]) for o in polled["options"]] == [
        (text, counts[i]) for i, text in enumerate(POLL)
    ]

    rated = prompts[ids["scale"]]["results"]
    values = list(answers.values.values())
    assert rated["responses"] == PEOPLE
    assert rated["mean"] == pytest.approx(mean(values))
    assert rated["distribution"] == {str(v): values.count(v) for v in range(1, 6)}

    ranked = prompts[ids["ranking"]]["results"]
    points = Counter[int]()
    for order in answers.orders.values():
        for position, option in enumerate(order):
            points[option] += len(RANKED) - 1 - position
    assert [(o["text"], o["borda"]) for o in ranked["options"]] == [
        (text, points[i]) for i, text in enumerate(RANKED)
    ]

    assessed = prompts[ids["assessment"]]["results"]
    assert assessed["responses"] == PEOPLE
    for i, item in enumerate(assessed["items"]):
        means = []
        for c, criterion in enumerate(item["criteria"]):
            given = [scores[(i, c)][0] for scores in answers.scores.values()]
            assert criterion["n"] == PEOPLE
            assert criterion["mean"] == pytest.approx(mean(given))
            assert criterion["stdev"] == pytest.approx(pstdev(given))
            means.append(mean(given))
        assert item["score"] == pytest.approx(mean(means))  # the starter rubric weighs alike
    comments = sorted(
        text for scores in answers.scores.values() for _, text in scores.values() if text
    )
    assert sorted(c["text"] for c in assessed["comments"]) == comments

    questions = {i["id"]: i for i in prompts[ids["questions"]]["ideas"]}
    assert {i: q["text"] for i, q in questions.items()} == answers.questions
    assert {i: q["votes"] for i, q in questions.items()} == {
        i: answers.upvotes[i] for i in answers.questions
    }
    assert {i for i, q in questions.items() if q["answered"]} == answered

    stated = prompts[ids["statements"]]
    for statement in stated["ideas"]:
        sides = Counter(mine[statement["id"]] for mine in answers.opinions.values())
        assert (statement["agree"], statement["disagree"], statement["pass"]) == (
            sides["agree"],
            sides["disagree"],
            sides["pass"],
        )
    results = stated["results"]
    first, second, everyone = (i["id"] for i in stated["ideas"][:3])
    assert results["voters"] == PEOPLE
    assert sorted(g["size"] for g in results["groups"]) == [CAMP, PEOPLE - CAMP]
    assert everyone in results["consensus"]
    assert {first, second} <= set(results["divisive"])


def public(truth: dict[str, Any]) -> dict[str, Any]:
    """The server's state as participants see it: an assessment's comments are for staff."""
    prompts = {}
    for prompt_id, prompt in truth["prompts"].items():
        results = prompt.get("results")
        if isinstance(results, dict) and "comments" in results:
            prompt = {**prompt, "results": {k: v for k, v in results.items() if k != "comments"}}
        prompts[prompt_id] = prompt
    return {**truth, "prompts": prompts}


def run_every_kind(server: LiveServer, clients: list[RoomClient]) -> None:
    roundtable = server.create_roundtable("Every way a room speaks")
    code = roundtable["join_code"]
    staff = RoomClient("staff")
    clients.append(staff)
    staff.connect(server.url, auth={"token": server.token})
    staff.join(code)
    ids = setup(staff)
    statements = sorted(
        i
        for i, idea in RoomModel.from_snapshot(
            server.get_json(f"/api/roundtables/{roundtable['id']}")
        ).ideas.items()
        if idea["prompt_id"] == ids["statements"]
    )

    people = [RoomClient(f"participant {n}") for n in range(PEOPLE)]
    clients.extend(people)
    each(people, lambda c: (c.connect(server.url), c.join(code, name=c.label.title())))
    answers = Answers()
    each(people, lambda c: take_part(c, people.index(c), ids, answers, statements))
    each(people, lambda c: upvote(c, people.index(c), answers))

    # A few hands, the floor given twice and taken back.
    for hand in people[:3]:
        hand.ok("hand.raise", {})
    staff.ok("floor.give", {"seconds": 60})
    queue = staff.ok("floor.give", {})["queue"]
    assert queue["speaking"]["name"] == "Participant 1" and len(queue["waiting"]) == 1
    staff.ok("floor.end", {})

    # The panel answers the two most upvoted questions, the first from the spotlight.
    top = sorted(answers.questions, key=lambda i: (-answers.upvotes[i], i))[:2]
    staff.ok("idea.spotlight", {"idea_id": top[0]})
    for question in top:
        staff.ok("question.answered", {"idea_id": question})

    for prompt_id in ids.values():
        staff.ok("prompt.close", {"prompt_id": prompt_id})

    snapshot = server.get_json(f"/api/roundtables/{roundtable['id']}")
    truth = RoomModel.from_snapshot(snapshot).state()
    everyone = [staff, *people]
    each(everyone, lambda c: c.wait_for_seq(snapshot["seq"], SETTLE_TIMEOUT))
    for client in everyone:
        client.check_stream()
        expected = truth if client is staff else public(truth)
        assert client.model.state() == expected, client.label
    assert people[5].model.queue is not None and people[5].model.queue["speaking"] is None

    response = requests.get(
        f"{server.url}/api/roundtables/{roundtable['id']}/export",
        params={"format": "json"},
        headers=server.headers(),
        timeout=HTTP_TIMEOUT,
    )
    assert response.status_code == 200, response.text
    check_summary(response.json(), ids, answers, set(top))


@pytest.mark.live
def test_thirty_clients_answer_every_kind_and_the_summary_adds_up(
    launch: Spawn, clients: list[RoomClient]
) -> None:
    server = launch(async_mode="gevent")
    run_every_kind(server, clients)
    for client in clients:
        client.close()
    assert server.stop() == 0
