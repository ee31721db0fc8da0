// RoomState: the room as a snapshot and the events after it leave it.

import assert from "node:assert/strict";
import { test } from "node:test";

import { RoomState } from "../../static/js/room-state.js";

function idea(fields) {
  return { prompt_id: 1, status: "visible", votes: 0, text: "An idea", ...fields };
}

function snapshot() {
  return {
    roundtable: { id: 7, title: "Town hall", status: "open" },
    participants: 3,
    prompts: [
      {
        id: 1,
        text: "What should we fix first?",
        status: "open",
        phase: "vote",
        votes_per_participant: 3,
        ideas: [idea({ id: 10, mine: true, text: "Mine" }), idea({ id: 11 }), idea({ id: 12 })],
        themes: [{ id: 100, prompt_id: 1, name: "Transport", votes: 0 }],
        my_votes: [11],
        my_theme_votes: [100],
      },
      { id: 2, text: "A draft", status: "draft", votes_per_participant: 1, ideas: [] },
    ],
  };
}

function room() {
  const state = new RoomState();
  state.replace(snapshot());
  return state;
}

test("a snapshot gives the roundtable, its prompts with their ideas and themes, my votes", () => {
  const state = room();
  assert.equal(state.roundtable.title, "Town hall");
  assert.equal(state.participants, 3);
  assert.deepEqual([...state.prompts.keys()], [1, 2]);
  const prompt = state.prompts.get(1);
  assert.deepEqual([...prompt.ideas.keys()], [10, 11, 12]);
  assert.equal(prompt.themes.get(100).name, "Transport");
  assert.deepEqual([...state.votedFor(1)], [11]);
  assert.deepEqual([...state.themesVotedFor(1)], [100]);
  assert.equal(state.votesLeft(prompt), 1);
});

test("my own votes are kept apart, not on the prompt", () => {
  const prompt = room().prompts.get(1);
  assert.equal("my_votes" in prompt, false);
  assert.equal("my_theme_votes" in prompt, false);
});

test("ideas marked mine in the snapshot are my ideas", () => {
  const state = room();
  assert.equal(state.isMine(10), true);
  assert.equal(state.isMine(11), false);
});

test("a new snapshot replaces the prompts it no longer has", () => {
  const state = room();
  const next = snapshot();
  next.prompts = next.prompts.slice(0, 1);
  state.replace(next);
  assert.deepEqual([...state.prompts.keys()], [1]);
});

test("an idea created is added to its prompt, and applying it twice changes nothing", () => {
  const state = room();
  const event = { type: "idea.created", idea: idea({ id: 13, text: "More buses" }) };
  state.apply(event);
  const once = structuredClone([...state.prompts.get(1).ideas.values()]);
  state.apply(event);
  assert.deepEqual([...state.prompts.get(1).ideas.values()], once);
  assert.equal(state.prompts.get(1).ideas.get(13).text, "More buses");
});

test("a tally sets an idea's votes, mine included, and a theme's votes and support", () => {
  const state = room();
  state.apply({ type: "vote.tally", idea_id: 10, votes: 4 });
  state.apply({ type: "vote.tally", theme_id: 100, votes: 2, support: 5 });
  assert.equal(state.prompts.get(1).ideas.get(10).votes, 4);
  assert.equal(state.myIdeas.get(10).votes, 4);
  assert.equal(state.prompts.get(1).themes.get(100).votes, 2);
  assert.equal(state.prompts.get(1).themes.get(100).support, 5);
});

test("a prompt updated without its themes keeps them; its ideas are kept too", () => {
  const state = room();
  state.apply({ type: "prompt.updated", prompt: { id: 1, phase: "results" } });
  const prompt = state.prompts.get(1);
  assert.equal(prompt.phase, "results");
  assert.equal(prompt.text, "What should we fix first?");
  assert.equal(prompt.themes.size, 1);
  assert.equal(prompt.ideas.size, 3);
});

test("a deleted theme ungroups its ideas and takes my vote on it away", () => {
  const state = room();
  state.apply({ type: "idea.updated", idea: idea({ id: 11, theme_id: 100 }) });
  state.apply({ type: "theme.deleted", theme: { id: 100, prompt_id: 1 } });
  assert.equal(state.prompts.get(1).themes.size, 0);
  assert.equal(state.prompts.get(1).ideas.get(11).theme_id, null);
  assert.equal(state.themesVotedFor(1).size, 0);
});

test("an idea I voted for that is hidden gives my vote back", () => {
  const state = room();
  state.apply({ type: "idea.updated", idea: idea({ id: 11, status: "hidden", hidden: true }) });
  assert.equal(state.votedFor(1).size, 0);
});

test("an idea I voted for that is merged moves my vote to the one it went into", () => {
  const state = room();
  state.apply({ type: "idea.updated", idea: idea({ id: 11, status: "merged", merged_into: 12 }) });
  assert.deepEqual([...state.votedFor(1)], [12]);
});

test("the room's hidden copy of my private idea does not blank the one I hold", () => {
  const state = room();
  state.apply({
    type: "idea.updated",
    idea: { id: 10, prompt_id: 1, status: "private", hidden: true, votes: 0 },
  });
  const shown = state.prompts.get(1).ideas.get(10);
  assert.equal(shown.text, "Mine");
  assert.equal("hidden" in shown, false);
});

test("my idea hidden by the facilitator is gone for me too", () => {
  const state = room();
  state.apply({
    type: "idea.updated",
    idea: { id: 10, prompt_id: 1, status: "hidden", hidden: true },
  });
  assert.equal(state.prompts.get(1).ideas.get(10).hidden, true);
});

test("participants, the roundtable and a deleted draft follow their events", () => {
  const state = room();
  state.apply({ type: "participants.count", participants: 9 });
  state.apply({ type: "roundtable.updated", roundtable: { status: "closed" } });
  state.apply({ type: "prompt.deleted", prompt: { id: 2 } });
  assert.equal(state.participants, 9);
  assert.deepEqual(state.roundtable, { id: 7, title: "Town hall", status: "closed" });
  assert.equal(state.prompts.has(2), false);
});

test("an event of a kind the client does not know changes nothing", () => {
  const state = room();
  const before = structuredClone(state.prompts);
  state.apply({ type: "something.new", prompt: { id: 1, phase: "gone" } });
  assert.deepEqual(state.prompts, before);
});

// -- polls, scales, rankings and assessments ----------------------------------------

function answeredSnapshot() {
  const base = snapshot();
  base.prompts.push({
    id: 3,
    kind: "poll",
    text: "How do you get to work?",
    status: "open",
    options: ["Trams", "Buses"],
    max_choices: 1,
    responses: 1,
    results: { responses: 1, options: [{ index: 0, text: "Trams", count: 1 }] },
    my_response: { choices: [0] },
    ideas: [],
    themes: [],
  });
  return base;
}

test("my answer in the snapshot is kept apart, not on the prompt", () => {
  const state = new RoomState();
  state.replace(answeredSnapshot());
  assert.deepEqual(state.responseTo(3), { choices: [0] });
  assert.equal("my_response" in state.prompts.get(3), false);
  assert.equal(state.responseTo(1), null);
});

test("results.updated sets how many answered and the results", () => {
  const state = new RoomState();
  state.replace(answeredSnapshot());
  const results = {
    responses: 2,
    options: [
      { index: 0, text: "Trams", count: 1 },
      { index: 1, text: "Buses", count: 1 },
    ],
  };
  state.apply({ type: "results.updated", prompt_id: 3, responses: 2, results });
  const prompt = state.prompts.get(3);
  assert.equal(prompt.responses, 2);
  assert.deepEqual(prompt.results, results);
  assert.equal(prompt.text, "How do you get to work?");
});

test("results.updated while results are hidden keeps the count and no results", () => {
  const state = new RoomState();
  state.replace(answeredSnapshot());
  state.apply({ type: "results.updated", prompt_id: 3, responses: 4, results: null });
  assert.equal(state.prompts.get(3).responses, 4);
  assert.equal(state.prompts.get(3).results, null);
});

test("results.updated for a prompt the client does not know changes nothing", () => {
  const state = new RoomState();
  state.replace(answeredSnapshot());
  const before = structuredClone(state.prompts);
  state.apply({ type: "results.updated", prompt_id: 99, responses: 1, results: null });
  assert.deepEqual(state.prompts, before);
});

test("a prompt updated by the room keeps my answer; my ack replaces it", () => {
  const state = new RoomState();
  state.replace(answeredSnapshot());
  state.apply({ type: "prompt.updated", prompt: { id: 3, status: "closed" } });
  assert.deepEqual(state.responseTo(3), { choices: [0] });
  state.takeMyResponse(3, { choices: [1] });
  assert.deepEqual(state.responseTo(3), { choices: [1] });
});

test("a later snapshot without my answer forgets it", () => {
  const state = new RoomState();
  state.replace(answeredSnapshot());
  const next = answeredSnapshot();
  next.prompts[2].my_response = null;
  state.replace(next);
  assert.equal(state.responseTo(3), null);
});

test("statements: my opinions come from my snapshot and acks, counts from opinion.tally", () => {
  const state = new RoomState();
  state.replace({
    roundtable: { id: 7 },
    participants: 2,
    prompts: [
      {
        id: 5,
        kind: "statements",
        status: "open",
        ideas: [idea({ id: 50, prompt_id: 5, opinions: { agree: 1, disagree: 0, pass: 0 } })],
        my_opinions: { 50: "agree" },
      },
    ],
  });
  assert.equal(state.opinionOn(5, 50), "agree");
  assert.equal(state.prompts.get(5).my_opinions, undefined);
  state.apply({ type: "opinion.tally", idea_id: 50, opinions: { agree: 1, disagree: 1, pass: 0 } });
  assert.deepEqual(state.prompts.get(5).ideas.get(50).opinions, { agree: 1, disagree: 1, pass: 0 });
  state.takeMyOpinion(5, 50, "pass");
  assert.equal(state.opinionOn(5, 50), "pass");
  assert.equal(state.opinionOn(5, 51), null);
});

test("the queue: my turn from my snapshot, kept through everyone's queue.updated", () => {
  const state = new RoomState();
  const waiting = [
    { turn_id: 1, name: "Ana" },
    { turn_id: 2, name: "Ben" },
  ];
  state.replace({
    roundtable: { id: 7 },
    participants: 2,
    prompts: [],
    queue: { speaking: null, waiting, seconds: 60, mine: 2 },
  });
  assert.deepEqual(state.myHand(), { state: "waiting", place: 2 });
  assert.equal(state.queue.mine, undefined);
  state.apply({
    type: "queue.updated",
    queue: { speaking: waiting[1], waiting: [waiting[0]], seconds: 60 },
  });
  assert.deepEqual(state.myHand(), { state: "speaking" });
  state.apply({ type: "queue.updated", queue: { speaking: null, waiting: [], seconds: 60 } });
  assert.equal(state.myHand(), null);
  assert.equal(state.myTurn, null);
});

test("a panel's questions have no vote budget", () => {
  const state = new RoomState();
  state.replace({
    roundtable: { id: 7 },
    participants: 1,
    prompts: [{ id: 9, kind: "questions", votes_per_participant: 3, ideas: [], my_votes: [] }],
  });
  assert.equal(state.votesLeft(state.prompts.get(9)), null);
});
