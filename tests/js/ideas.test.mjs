// The shared idea helpers: the byline as the server sent it, replies under their idea.

import assert from "node:assert/strict";
import { test } from "node:test";

import { authorLine, byline, originOf, repliesByParent, threaded } from "../../static/js/ideas.js";

test("the byline shows what the server sent, and nothing it left out", () => {
  assert.equal(byline({ author: "Ada", affiliation: "Lyon" }), "Ada · Lyon");
  assert.equal(byline({ author: "Ada", affiliation: null }), "Ada");
  assert.equal(byline({ author: null, affiliation: "Lyon" }), "Lyon");
  assert.equal(byline({ author: null, affiliation: null }), "");
});

test("a carried idea is credited to the room it came from, never to a person", () => {
  const origin = { stream: "Stream 1: Resilient city", roundtable: "Roundtable A", kind: "idea" };
  assert.equal(originOf(origin), "Stream 1 · Roundtable A");
  assert.equal(originOf({ stream: null, roundtable: "Methodology" }), "Methodology");
  // No strings are loaded here, so the label is its key.
  assert.equal(byline({ author: "Ada", affiliation: "Lyon", origin }), "carried_from");
});

test("an idea credited to no one reads as anonymous", () => {
  // No strings are loaded here, so the label is its key.
  assert.equal(authorLine({ author: null, affiliation: null }), "anonymous");
  assert.equal(authorLine({ author: "Ada", affiliation: null }), "Ada");
});

test("replies are grouped under their idea, oldest first", () => {
  const ideas = [
    { id: 5, parent_id: 1 },
    { id: 1, parent_id: null },
    { id: 3, parent_id: 1 },
    { id: 4, parent_id: 2 },
    { id: 2 },
  ];
  const replies = repliesByParent(ideas);
  assert.deepEqual([...replies.keys()].sort(), [1, 2]);
  assert.deepEqual(
    replies.get(1).map((reply) => reply.id),
    [3, 5],
  );
  assert.deepEqual(
    replies.get(2).map((reply) => reply.id),
    [4],
  );
});

test("replies still being sent come after the saved ones, in the order written", () => {
  const ideas = [
    { pending: true, client_id: "b", parent_id: 1 },
    { id: 7, parent_id: 1 },
    { pending: true, client_id: "c", parent_id: 1 },
    { id: 6, parent_id: 1 },
  ];
  const keys = repliesByParent(ideas)
    .get(1)
    .map((reply) => reply.id ?? reply.client_id);
  assert.deepEqual(keys, [6, 7, "b", "c"]);
});

test("threading keeps the ideas' order and puts each idea's replies after it", () => {
  const ranked = [
    { id: 2 },
    { id: 9, parent_id: 1 },
    { id: 1 },
    { id: 8, parent_id: 2 },
    { id: 7, parent_id: 99 },
  ];
  assert.deepEqual(
    threaded(ranked).map((idea) => idea.id),
    [2, 8, 1, 9, 7],
  );
});
