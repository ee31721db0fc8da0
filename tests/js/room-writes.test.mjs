// The facilitator's writes: each LiveRoom method sends one event with its payload, and
// what the ack returns is taken into the room.

import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import { FakeSocket, installWindow, settle } from "./fakes.mjs";

installWindow();
const { LiveRoom } = await import("../../static/js/live.js");

function snapshot() {
  return {
    roundtable: { id: 7, title: "Town hall", status: "open", attribution: "named" },
    participants: 0,
    prompts: [
      {
        id: 1,
        status: "open",
        phase: "collect",
        ideas: [{ id: 10, prompt_id: 1, status: "visible", text: "Shade", votes: 0 }],
        themes: [{ id: 30, prompt_id: 1, name: "Trees", position: 1 }],
      },
    ],
  };
}

/** A console's room (staff: no participant token), joined, on a fake socket. */
async function staffRoom(answer = () => ({ ok: true })) {
  let socket;
  const room = new LiveRoom({
    joinCode: "ABCD",
    connect: (options) => (socket = new FakeSocket(options)),
  });
  socket.answer = (event, payload) =>
    event === "roundtable.join"
      ? { ok: true, role: "facilitator", seq: 1, snapshot: snapshot() }
      : answer(event, payload);
  room.start();
  await settle();
  return { room, socket };
}

beforeEach(() => {
  installWindow();
});

const WRITES = [
  [
    (room) => room.createPrompt({ text: "Why?", kind: "ideas" }),
    "prompt.create",
    { text: "Why?", kind: "ideas" },
  ],
  [
    (room) => room.updatePrompt(1, { text: "How?" }),
    "prompt.update",
    { prompt_id: 1, text: "How?" },
  ],
  [
    (room) =>
      room.createPrompt({ text: "Which?", kind: "poll", options: ["A", "B"], max_choices: 2 }),
    "prompt.create",
    { text: "Which?", kind: "poll", options: ["A", "B"], max_choices: 2 },
  ],
  [
    (room) =>
      room.createPrompt({
        text: "Score them",
        kind: "assessment",
        items: ["Park"],
        criteria: [{ name: "Impact", weight: 2, description: "" }],
        scale: { min: 1, max: 5 },
      }),
    "prompt.create",
    {
      text: "Score them",
      kind: "assessment",
      items: ["Park"],
      criteria: [{ name: "Impact", weight: 2, description: "" }],
      scale: { min: 1, max: 5 },
    },
  ],
  [
    (room) => room.updatePrompt(1, { options: ["A", "B", "C"] }),
    "prompt.update",
    { prompt_id: 1, options: ["A", "B", "C"] },
  ],
  [(room) => room.deletePrompt(1), "prompt.delete", { prompt_id: 1 }],
  [(room) => room.movePrompt(1, 2), "prompt.move", { prompt_id: 1, position: 2 }],
  [(room) => room.openPrompt(1), "prompt.open", { prompt_id: 1 }],
  [(room) => room.closePrompt(1), "prompt.close", { prompt_id: 1 }],
  [(room) => room.setPhase(1, "vote"), "prompt.phase", { prompt_id: 1, phase: "vote" }],
  [(room) => room.revealIdeas(1), "prompt.reveal", { prompt_id: 1 }],
  [
    (room) => room.configurePrompt(1, { hide_tallies: true }),
    "prompt.configure",
    { prompt_id: 1, hide_tallies: true },
  ],
  [(room) => room.focusPrompt(1), "roundtable.focus", { prompt_id: 1 }],
  [(room) => room.focusPrompt(null), "roundtable.focus", { prompt_id: null }],
  [
    (room) => room.startTimer(1, 90, true),
    "timer.start",
    { prompt_id: 1, seconds: 90, advance: true },
  ],
  [(room) => room.stopTimer(1), "timer.stop", { prompt_id: 1 }],
  [
    (room) => room.setAttribution("anonymous"),
    "roundtable.configure",
    { attribution: "anonymous" },
  ],
  [(room) => room.endRoundtable(), "roundtable.end", {}],
  [(room) => room.reopenRoundtable(), "roundtable.reopen", {}],
  [(room) => room.hideIdea(10), "idea.hide", { idea_id: 10 }],
  [(room) => room.restoreIdea(10), "idea.restore", { idea_id: 10 }],
  [(room) => room.approveIdea(10), "idea.approve", { idea_id: 10 }],
  [(room) => room.spotlightIdea(10), "idea.spotlight", { idea_id: 10 }],
  [(room) => room.spotlightIdea(null), "idea.spotlight", { idea_id: null }],
  [(room) => room.editIdea(10, "Shade trees"), "idea.update", { idea_id: 10, text: "Shade trees" }],
  [(room) => room.mergeIdea(10, 11), "idea.merge", { idea_id: 10, duplicate_id: 11 }],
  [(room) => room.suggestThemes(1), "theme.suggest", { prompt_id: 1 }],
  [(room) => room.createTheme(1, "Water"), "theme.create", { prompt_id: 1, name: "Water" }],
  [
    (room) => room.createTheme(1, "Water", [10]),
    "theme.create",
    { prompt_id: 1, name: "Water", idea_ids: [10] },
  ],
  [(room) => room.renameTheme(30, "Shade"), "theme.rename", { theme_id: 30, name: "Shade" }],
  [(room) => room.deleteTheme(1, 30), "theme.delete", { theme_id: 30 }],
  [(room) => room.assignTheme(10, 30), "theme.assign", { idea_id: 10, theme_id: 30 }],
];

for (const [write, event, payload] of WRITES) {
  test(`${event} is sent as ${JSON.stringify(payload)}`, async () => {
    const { room, socket } = await staffRoom();
    const ack = await write(room);
    assert.equal(ack.ok, true);
    const sent = socket.sent.filter((each) => each.event !== "roundtable.join");
    assert.deepEqual(sent, [{ event, payload }]);
  });
}

test("what a write's ack returns is in the room before the event arrives", async () => {
  const { room } = await staffRoom((event) =>
    event === "prompt.phase"
      ? { ok: true, prompt: { id: 1, status: "open", phase: "vote" } }
      : { ok: true, roundtable: { focus_prompt_id: 1 } },
  );
  let changes = 0;
  room.handlers.change = () => (changes += 1);
  await room.setPhase(1, "vote");
  assert.equal(room.state.prompts.get(1).phase, "vote");
  assert.equal(room.state.prompts.get(1).ideas.size, 1);
  await room.focusPrompt(1);
  assert.equal(room.state.roundtable.focus_prompt_id, 1);
  assert.equal(room.state.roundtable.title, "Town hall");
  assert.equal(changes, 2);
});

test("a deleted theme and a deleted draft leave the room once the server agrees", async () => {
  const { room } = await staffRoom();
  let changes = 0;
  room.handlers.change = () => (changes += 1);
  await room.deleteTheme(1, 30);
  assert.equal(room.state.prompts.get(1).themes.has(30), false);
  assert.equal(changes, 1, "the page redraws once, with the theme gone");
  await room.deletePrompt(1);
  assert.equal(room.state.prompts.has(1), false);
});

test("a refused write changes nothing in the room", async () => {
  const { room } = await staffRoom(() => ({ ok: false, error: { code: "forbidden" } }));
  const ack = await room.deletePrompt(1);
  assert.equal(ack.ok, false);
  assert.equal(room.state.prompts.has(1), true);
});
