// The rapporteur's writes: each LiveRoom method sends one workspace event with its payload,
// and the staff's news reaches its listeners without ever passing as a room event.

import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import { FakeSocket, installWindow, settle } from "./fakes.mjs";

installWindow();
const { LiveRoom, STAFF_NEWS } = await import("../../static/js/live.js");

const SNAPSHOT = {
  roundtable: { id: 7, title: "Town hall", status: "open", attribution: "named" },
  participants: 0,
  prompts: [],
};

async function staffRoom(handlers = {}) {
  let socket;
  const room = new LiveRoom({
    joinCode: "ABCD",
    handlers,
    connect: (options) => (socket = new FakeSocket(options)),
  });
  socket.answer = (event) =>
    event === "roundtable.join"
      ? { ok: true, role: "rapporteur", seq: 4, snapshot: SNAPSHOT }
      : event === "roundtable.sync"
        ? { ok: true, events: [] }
        : { ok: true };
  room.start();
  await settle();
  return { room, socket };
}

beforeEach(() => {
  installWindow();
});

const WRITES = [
  [(room) => room.loadWorkspace(), "workspace.load", {}],
  [
    (room) => room.updateOutcome(5, 3, { text: "Shade first", sdgs: [11, 13] }),
    "outcome.update",
    { text: "Shade first", sdgs: [11, 13], outcome_id: 5, version: 3 },
  ],
  [(room) => room.deleteOutcome(5, 3), "outcome.delete", { outcome_id: 5, version: 3 }],
  [(room) => room.draftOutcomes(), "outcome.draft", {}],
  [
    (room) => room.saveNotes("Heat is the theme", 2),
    "notes.save",
    { text: "Heat is the theme", base_version: 2 },
  ],
  [
    (room) => room.createOutcome({ kind: "action", text: "Map", owner: "Ana", client_id: "c1" }),
    "outcome.create",
    { kind: "action", text: "Map", owner: "Ana", client_id: "c1" },
  ],
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

test("a new outcome carries a client id of its own, so a retry adds it once", async () => {
  const { room, socket } = await staffRoom();
  await room.createOutcome({ kind: "takeaway", text: "Trees" });
  await room.createOutcome({ kind: "takeaway", text: "Trees" });
  const [first, second] = socket.sentOf("outcome.create");
  assert.equal(first.kind, "takeaway");
  assert.equal(first.text, "Trees");
  assert.equal(typeof first.client_id, "string");
  assert.notEqual(first.client_id, second.client_id);
});

test("staff news reaches its listeners and leaves the room's sequence alone", async () => {
  const heard = [];
  const { room, socket } = await staffRoom({ staffNews: (name) => heard.push(`handler ${name}`) });
  const stop = room.onStaffNews((name, payload) =>
    heard.push(`${name} ${JSON.stringify(payload)}`),
  );
  let changes = 0;
  room.handlers.change = () => (changes += 1);
  socket.fire("outcome.updated", { outcome: { id: 5, version: 2 } });
  socket.fire("notes.updated", { notes: { text: "x", version: 3 } });
  stop();
  socket.fire("outcome.deleted", { outcome: { id: 5 } });
  await settle();
  assert.deepEqual(heard, [
    "handler outcome.updated",
    'outcome.updated {"outcome":{"id":5,"version":2}}',
    "handler notes.updated",
    'notes.updated {"notes":{"text":"x","version":3}}',
    "handler outcome.deleted",
  ]);
  assert.equal(room.seq, 4);
  assert.equal(room.pending.length, 0);
  assert.equal(changes, 0);
  assert.deepEqual(STAFF_NEWS, [
    "outcome.created",
    "outcome.updated",
    "outcome.deleted",
    "notes.updated",
  ]);
});

test("a reconnect joins again, so the page hears joined() and can reload its workspace", async () => {
  let joins = 0;
  const { socket } = await staffRoom({ joined: () => (joins += 1) });
  socket.drop();
  socket.connect();
  await settle();
  await settle();
  assert.equal(joins, 2);
});
