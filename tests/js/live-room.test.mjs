// LiveRoom on a fake connection: sequence tracking and catch-up, the idea outbox, acks.

import assert from "node:assert/strict";
import { afterEach, beforeEach, mock, test } from "node:test";

import { FakeSocket, TIMED_OUT, installWindow, settle } from "./fakes.mjs";

installWindow();
const { LiveRoom } = await import("../../static/js/live.js");

const OUTBOX = "outbox:ABCD";
const TOKEN = "token:ABCD";

function snapshot() {
  return {
    roundtable: { id: 7, title: "Town hall", status: "open" },
    participants: 2,
    prompts: [
      {
        id: 1,
        status: "open",
        phase: "collect",
        votes_per_participant: 2,
        ideas: [{ id: 10, prompt_id: 1, status: "visible", text: "Seen", votes: 0 }],
        my_votes: [],
        my_theme_votes: [],
      },
    ],
  };
}

function joinAck(seq = 5) {
  return {
    ok: true,
    role: "participant",
    participant: { id: 3, name: "Ada", token: "tok-3" },
    seq,
    snapshot: snapshot(),
    server_time: new Date(Date.now()).toISOString(),
  };
}

function ideaEvent(seq, id) {
  return { seq, idea: { id, prompt_id: 1, status: "visible", text: `Idea ${id}`, votes: 0 } };
}

function ideaAck(payload, id = 50) {
  return {
    ok: true,
    idea: { id, prompt_id: payload.prompt_id, status: "visible", text: payload.text, votes: 0 },
  };
}

/** A participant's room on a fake socket; `answers` by event name, the rest answered ok. */
function openRoom(answers = {}, { start = true } = {}) {
  let socket;
  const refused = [];
  const answersRefused = [];
  const room = new LiveRoom({
    joinCode: "ABCD",
    tokenKey: TOKEN,
    outboxKey: OUTBOX,
    handlers: {
      ideaRefused: (entry, error) => refused.push({ entry, error }),
      answerRefused: (entry, error) => answersRefused.push({ entry, error }),
    },
    connect: (options) => (socket = new FakeSocket(options)),
  });
  socket.answer = (event, payload) => {
    const answer = answers[event];
    if (typeof answer === "function") return answer(payload);
    if (answer !== undefined) return answer;
    if (event === "roundtable.join") return joinAck();
    if (event === "idea.create") return ideaAck(payload);
    return { ok: true, events: [] };
  };
  if (start) room.start();
  return { room, socket, refused, answersRefused };
}

function ideaIds(room) {
  return [...room.state.prompts.get(1).ideas.keys()];
}

// The fake window's storage, fresh for each test.
let storage;

beforeEach(() => {
  storage = installWindow().localStorage;
  storage.setItem(TOKEN, "tok-3");
  mock.timers.enable({ apis: ["setTimeout", "Date"], now: 1_750_000_000_000 });
});

afterEach(() => {
  mock.timers.reset();
});

// -- joining and sequence tracking ------------------------------------------

test("joining takes the snapshot and its seq, and presents the stored token", async () => {
  const { room, socket } = openRoom();
  await settle();
  assert.equal(room.joined, true);
  assert.equal(room.seq, 5);
  assert.deepEqual(ideaIds(room), [10]);
  assert.deepEqual(socket.sentOf("roundtable.join"), [{ join_code: "ABCD" }]);
  let presented;
  socket.options.auth((payload) => (presented = payload));
  assert.deepEqual(presented, { participant_token: "tok-3" });
});

test("a participant without a token is asked for a name before joining", async () => {
  storage.removeItem(TOKEN);
  let asked = 0;
  let socket;
  const room = new LiveRoom({
    joinCode: "ABCD",
    tokenKey: TOKEN,
    handlers: { needName: () => (asked += 1) },
    connect: (options) => (socket = new FakeSocket(options)),
  });
  room.start();
  await settle();
  assert.equal(asked, 1);
  assert.deepEqual(socket.sent, []);
});

test("events are applied in seq order, whatever order they arrive in", async () => {
  const { room, socket } = openRoom();
  await settle();
  socket.fire("idea.created", ideaEvent(7, 12));
  assert.deepEqual(ideaIds(room), [10], "seq 7 waits for seq 6");
  socket.fire("idea.created", ideaEvent(6, 11));
  assert.deepEqual(ideaIds(room), [10, 11, 12]);
  assert.equal(room.seq, 7);
});

test("an event seen already, or older than the snapshot, is ignored", async () => {
  const { room, socket } = openRoom();
  await settle();
  socket.fire("idea.created", ideaEvent(4, 99));
  socket.fire("idea.created", ideaEvent(6, 11));
  socket.fire("idea.updated", { ...ideaEvent(6, 11), idea: { id: 11, prompt_id: 1, text: "X" } });
  assert.deepEqual(ideaIds(room), [10, 11]);
  assert.equal(room.state.prompts.get(1).ideas.get(11).text, "Idea 11");
  assert.equal(room.seq, 6);
  mock.timers.tick(1000);
  await settle();
  assert.deepEqual(socket.sentOf("roundtable.sync"), [], "nothing is missing");
});

test("a gap asks the server what was missed, and what it sends fills the gap", async () => {
  const { room, socket } = openRoom({
    "roundtable.sync": (payload) => ({
      ok: true,
      events: payload.since_seq === 5 ? [{ type: "idea.created", ...ideaEvent(6, 11) }] : [],
    }),
  });
  await settle();
  socket.fire("idea.created", ideaEvent(7, 12));
  assert.deepEqual(socket.sentOf("roundtable.sync"), []);
  mock.timers.tick(1000);
  await settle();
  assert.deepEqual(socket.sentOf("roundtable.sync"), [{ since_seq: 5 }]);
  assert.deepEqual(ideaIds(room), [10, 11, 12]);
  assert.equal(room.seq, 7);
});

test("a sync answered with a snapshot replaces the room", async () => {
  const fresh = snapshot();
  fresh.prompts[0].ideas.push({ id: 20, prompt_id: 1, status: "visible", text: "New" });
  const { room, socket } = openRoom({
    "roundtable.sync": { ok: true, seq: 40, snapshot: fresh },
  });
  await settle();
  socket.fire("idea.created", ideaEvent(9, 12));
  mock.timers.tick(1000);
  await settle();
  assert.equal(room.seq, 40);
  assert.deepEqual(ideaIds(room), [10, 20]);
});

test("after a drop, rejoining catches up from the last seq seen", async () => {
  const { room, socket } = openRoom();
  await settle();
  socket.fire("idea.created", ideaEvent(6, 11));
  socket.drop();
  assert.equal(room.joined, false);
  socket.connect();
  await settle();
  assert.equal(socket.sentOf("roundtable.join").length, 2);
  assert.deepEqual(socket.sentOf("roundtable.sync"), [{ since_seq: 6 }]);
  assert.equal(room.seq, 6);
});

// -- the outbox -------------------------------------------------------------

test("an idea posted offline is kept, stored, and sent once connected", async () => {
  const { room, socket } = openRoom({}, { start: false });
  const entry = room.postIdea(1, "More buses");
  assert.deepEqual(socket.sentOf("idea.create"), []);
  assert.equal(room.pendingIdeas(1).length, 1);
  assert.deepEqual(JSON.parse(storage.getItem(OUTBOX)), [entry]);
  room.start();
  await settle();
  assert.deepEqual(socket.sentOf("idea.create"), [
    { prompt_id: 1, text: "More buses", client_id: entry.client_id },
  ]);
  assert.deepEqual(room.outbox, []);
  assert.deepEqual(JSON.parse(storage.getItem(OUTBOX)), []);
});

test("an outbox kept in storage by an earlier page is sent on joining", async () => {
  const kept = { client_id: "c-1", prompt_id: 1, text: "From before", at: 1 };
  storage.setItem(OUTBOX, JSON.stringify([kept]));
  const { room, socket } = openRoom();
  await settle();
  assert.equal(socket.sentOf("idea.create")[0].client_id, "c-1");
  assert.deepEqual(room.outbox, []);
});

test("an idea acknowledged ok leaves the outbox and becomes mine", async () => {
  const { room } = openRoom();
  await settle();
  room.postIdea(1, "Cheaper tickets");
  await settle();
  assert.deepEqual(room.outbox, []);
  assert.equal(room.state.isMine(50), true);
  assert.equal(room.state.prompts.get(1).ideas.get(50).text, "Cheaper tickets");
});

test("a reply is sent with the idea it builds on", async () => {
  const { room, socket } = openRoom();
  await settle();
  room.postIdea(1, "Yes, and at night", 10);
  await settle();
  assert.equal(socket.sentOf("idea.create")[0].parent_id, 10);
});

test("a rate-limited idea is kept and sent again once `retry_after` has passed", async () => {
  let refusals = 1;
  const { room, socket, refused } = openRoom({
    "idea.create": (payload) =>
      refusals-- > 0
        ? { ok: false, error: { code: "rate_limited", message: "Slow down", retry_after: 5 } }
        : ideaAck(payload),
  });
  await settle();
  const entry = room.postIdea(1, "Too fast");
  await settle();
  assert.deepEqual(room.outbox, [entry]);
  assert.deepEqual(JSON.parse(storage.getItem(OUTBOX)), [entry]);
  assert.deepEqual(refused, []);
  mock.timers.tick(4999);
  await settle();
  assert.equal(socket.sentOf("idea.create").length, 1);
  mock.timers.tick(1);
  await settle();
  const sent = socket.sentOf("idea.create");
  assert.equal(sent.length, 2);
  assert.equal(sent[1].client_id, entry.client_id, "the same idea, so it is created once");
  assert.deepEqual(room.outbox, []);
  assert.deepEqual(refused, []);
});

test("an idea with no answer in time is kept and sent again later", async () => {
  let answered = false;
  const { room, socket } = openRoom({
    "idea.create": (payload) => (answered ? ideaAck(payload) : TIMED_OUT),
  });
  await settle();
  room.postIdea(1, "Slow network");
  await settle();
  assert.equal(room.outbox.length, 1);
  answered = true;
  mock.timers.tick(3000);
  await settle();
  assert.equal(socket.sentOf("idea.create").length, 2);
  assert.deepEqual(room.outbox, []);
});

test("an idea refused for another reason is dropped and the refusal reported", async () => {
  const error = { code: "prompt_closed", message: "The prompt is closed." };
  const { room, socket, refused } = openRoom({ "idea.create": { ok: false, error } });
  await settle();
  const entry = room.postIdea(1, "Too late");
  await settle();
  assert.deepEqual(room.outbox, []);
  assert.deepEqual(JSON.parse(storage.getItem(OUTBOX)), []);
  assert.deepEqual(refused, [{ entry, error }]);
  mock.timers.tick(10_000);
  await settle();
  assert.equal(socket.sentOf("idea.create").length, 1);
});

test("an idea being sent is not sent a second time while it waits for its ack", async () => {
  const { room, socket } = openRoom();
  await settle();
  room.postIdea(1, "Once");
  room.flushOutbox();
  await settle();
  assert.equal(socket.sentOf("idea.create").length, 1);
});

// -- votes ------------------------------------------------------------------

test("a vote acknowledged ok, or refused as already cast, counts as mine", async () => {
  const { room } = openRoom({ "vote.cast": { ok: false, error: { code: "already_voted" } } });
  await settle();
  const ack = await room.vote(10);
  assert.equal(ack.ok, false);
  assert.deepEqual([...room.state.votedFor(1)], [10]);
});

test("a vote refused for another reason leaves my votes as they were", async () => {
  const { room } = openRoom({ "vote.cast": { ok: false, error: { code: "no_votes_left" } } });
  await settle();
  await room.vote(10);
  assert.deepEqual([...room.state.votedFor(1)], []);
});

test("a retracted vote is mine no more", async () => {
  const { room } = openRoom({ "vote.cast": { ok: true }, "vote.retract": { ok: true } });
  await settle();
  await room.vote(10);
  await room.vote(10, { retract: true });
  assert.deepEqual([...room.state.votedFor(1)], []);
});

// -- answers: polls, scales, rankings, assessments -----------------------------------

const ANSWERS = `${OUTBOX}.answers`;

function pollSnapshot(myResponse = null) {
  const base = snapshot();
  base.prompts.push({
    id: 2,
    kind: "poll",
    status: "open",
    options: ["Trams", "Buses", "Bikes"],
    max_choices: 2,
    responses: 0,
    results: null,
    my_response: myResponse,
    ideas: [],
    themes: [],
  });
  return base;
}

function answeredJoin(myResponse = null) {
  return { ...joinAck(), snapshot: pollSnapshot(myResponse) };
}

function responseAck(payload) {
  const { prompt_id: promptId, ...answer } = payload;
  return { ok: true, prompt_id: promptId, response: answer };
}

test("results.updated is applied in seq order, and one seen already is ignored", async () => {
  const { room, socket } = openRoom({ "roundtable.join": answeredJoin() });
  await settle();
  const counted = (n) => ({ responses: n, options: [{ index: 0, text: "Trams", count: n }] });
  socket.fire("results.updated", { seq: 7, prompt_id: 2, responses: 2, results: counted(2) });
  assert.equal(room.state.prompts.get(2).responses, 0, "seq 7 waits for seq 6");
  socket.fire("results.updated", { seq: 6, prompt_id: 2, responses: 1, results: counted(1) });
  assert.equal(room.state.prompts.get(2).responses, 2);
  socket.fire("results.updated", { seq: 5, prompt_id: 2, responses: 9, results: null });
  assert.equal(room.state.prompts.get(2).responses, 2);
  assert.deepEqual(room.state.prompts.get(2).results, counted(2));
});

test("an answer is sent with its prompt, and the ack's answer becomes mine", async () => {
  const { room, socket } = openRoom({
    "roundtable.join": answeredJoin(),
    "response.submit": responseAck,
  });
  await settle();
  const ack = await room.submitResponse(2, { choices: [0, 2] });
  assert.equal(ack.ok, true);
  assert.deepEqual(socket.sentOf("response.submit"), [{ prompt_id: 2, choices: [0, 2] }]);
  assert.deepEqual(room.state.responseTo(2), { choices: [0, 2] });
  assert.deepEqual(room.pendingAnswers(2), []);
  assert.deepEqual(JSON.parse(storage.getItem(ANSWERS)), []);
});

test("my answer comes back with my snapshot when I rejoin", async () => {
  let joins = 0;
  const { room, socket } = openRoom({
    "roundtable.join": () => (joins++ ? answeredJoin({ choices: [1] }) : answeredJoin()),
  });
  await settle();
  assert.equal(room.state.responseTo(2), null);
  socket.drop();
  socket.connect();
  await settle();
  assert.deepEqual(room.state.responseTo(2), { choices: [1] });
});

test("an answer given offline is kept, stored, and sent once joined", async () => {
  const { room, socket } = openRoom(
    { "roundtable.join": answeredJoin(), "response.submit": responseAck },
    { start: false },
  );
  const ack = await room.submitResponse(2, { choices: [1] });
  assert.equal(ack.ok, false);
  assert.equal(ack.kept, true);
  assert.equal(ack.error.code, "answer_kept");
  assert.equal(room.pendingAnswers(2).length, 1);
  assert.equal(JSON.parse(storage.getItem(ANSWERS))[0].prompt_id, 2);
  room.start();
  await settle();
  assert.deepEqual(socket.sentOf("response.submit"), [{ prompt_id: 2, choices: [1] }]);
  assert.deepEqual(room.pendingAnswers(2), []);
  assert.deepEqual(room.state.responseTo(2), { choices: [1] });
});

test("an answer kept by an earlier page is sent on joining", async () => {
  const kept = { key: "2", prompt_id: 2, fields: { choices: [2] }, id: "a-1" };
  storage.setItem(ANSWERS, JSON.stringify([kept]));
  const { room, socket } = openRoom({
    "roundtable.join": answeredJoin(),
    "response.submit": responseAck,
  });
  await settle();
  assert.deepEqual(socket.sentOf("response.submit"), [{ prompt_id: 2, choices: [2] }]);
  assert.deepEqual(room.answers, []);
});

test("an answer with no ack in time is kept and sent again later", async () => {
  let answered = false;
  const { room, socket } = openRoom({
    "roundtable.join": answeredJoin(),
    "response.submit": (payload) => (answered ? responseAck(payload) : TIMED_OUT),
  });
  await settle();
  const ack = await room.submitResponse(2, { choices: [0] });
  assert.equal(ack.kept, true);
  assert.equal(room.pendingAnswers(2).length, 1);
  answered = true;
  mock.timers.tick(3000);
  await settle();
  assert.equal(socket.sentOf("response.submit").length, 2);
  assert.deepEqual(room.pendingAnswers(2), []);
  assert.deepEqual(room.state.responseTo(2), { choices: [0] });
});

test("a refused answer leaves the outbox; refused when sent later, it is reported", async () => {
  const error = { code: "prompt_closed", message: "This prompt is closed." };
  const { room, answersRefused } = openRoom(
    { "roundtable.join": answeredJoin(), "response.submit": { ok: false, error } },
    { start: false },
  );
  await room.submitResponse(2, { choices: [0] });
  room.start();
  await settle();
  assert.deepEqual(room.answers, []);
  assert.equal(answersRefused.length, 1);
  assert.deepEqual(answersRefused[0].error, error);
  assert.deepEqual(answersRefused[0].entry.fields, { choices: [0] });
  const ack = await room.submitResponse(2, { choices: [1] });
  assert.deepEqual(ack, { ok: false, error });
  assert.equal(answersRefused.length, 1, "the page hears a direct refusal in the ack");
});

test("two answers to one prompt are sent one after the other, the last one last", async () => {
  const order = [];
  const { room, socket } = openRoom({
    "roundtable.join": answeredJoin(),
    "response.submit": (payload) => {
      order.push(payload.choices[0]);
      return responseAck(payload);
    },
  });
  await settle();
  const first = room.submitResponse(2, { choices: [0] });
  const second = room.submitResponse(2, { choices: [1] });
  assert.equal(socket.sentOf("response.submit").length <= 1, true, "never two at once");
  const acks = await Promise.all([first, second]);
  assert.equal(acks[0].ok && acks[1].ok, true);
  assert.deepEqual(order.at(-1), 1);
  assert.deepEqual(room.state.responseTo(2), { choices: [1] });
  assert.deepEqual(room.answers, []);
});

test("an assessment's items are kept apart in the outbox, each until its ack", async () => {
  const { room } = openRoom({}, { start: false });
  const score = (item, value) => ({ item, criterion: 0, value });
  await room.submitResponse(4, { scores: [score(0, 3)] });
  await room.submitResponse(4, { scores: [score(1, 5)] });
  await room.submitResponse(4, { scores: [score(0, 4)] });
  const kept = room.pendingAnswers(4).map((entry) => entry.fields.scores[0]);
  assert.deepEqual(kept, [score(1, 5), score(0, 4)]);
});
