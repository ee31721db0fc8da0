// A panel's questions, statements and the speakers' queue as the console and the big screen
// read them from what the server sent: nothing counted again but the running turn's clock.

import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import { consoleQuestions, questionGroups } from "../../static/js/question-lists.js";
import { useStrings } from "../../static/js/render.js";
import { endingSoon, speakerName, speakingTimes, turnClock } from "../../static/js/speakers.js";
import {
  opinionGroups,
  opinionShares,
  proposedStatements,
  removedStatements,
  roomStatements,
  shareText,
  statementRows,
} from "../../static/js/statement-figures.js";

beforeEach(() => useStrings({}, "en"));

function question(id, fields = {}) {
  return { id, prompt_id: 1, text: `Question ${id}`, status: "visible", votes: 0, ...fields };
}

function ideas(list) {
  return new Map(list.map((idea) => [idea.id, idea]));
}

test("questions: pending first, the one being answered, the rest by upvotes, answered last", () => {
  const prompt = {
    ideas: ideas([
      question(1, { votes: 2 }),
      question(2, { votes: 5 }),
      question(3, { votes: 9, answered: true }),
      question(4, { status: "pending", votes: 0 }),
      question(5, { votes: 5 }),
      question(6, { votes: 1 }),
      question(7, { status: "hidden", votes: 3 }),
      question(8, { parent_id: 1 }),
      { id: 9, prompt_id: 1, hidden: true, status: "pending", text: null, votes: null },
    ]),
  };
  const groups = questionGroups(prompt, 6);
  assert.deepEqual(
    groups.pending.map((q) => q.id),
    [4],
  );
  assert.equal(groups.answering.id, 6);
  // Equal upvotes keep the order they were asked in.
  assert.deepEqual(
    groups.waiting.map((q) => q.id),
    [2, 5, 1],
  );
  assert.deepEqual(
    groups.answered.map((q) => q.id),
    [3],
  );
  assert.deepEqual(
    consoleQuestions(groups).map((q) => q.id),
    [4, 6, 2, 5, 1, 3, 7],
  );
});

test("an answered question is not the one being answered, even if still in the spotlight", () => {
  const groups = questionGroups({ ideas: [question(1, { answered: true })] }, 1);
  assert.equal(groups.answering, null);
  assert.deepEqual(
    groups.answered.map((q) => q.id),
    [1],
  );
});

test("a statement's shares count passes in the denominator; hidden counts stay null", () => {
  const counts = opinionShares({ agree: 6, disagree: 2, pass: 2 });
  assert.deepEqual(counts.shares, { agree: 0.6, disagree: 0.2, pass: 0.2 });
  assert.equal(counts.total, 10);
  assert.deepEqual(opinionShares({ agree: 0, disagree: 0, pass: 0 }).shares, {
    agree: 0,
    disagree: 0,
    pass: 0,
  });
  assert.equal(opinionShares(null), null);
});

test("statement rows: in the order added, with consensus, divisive and each group's shares", () => {
  const prompt = {
    ideas: ideas([
      question(12, { opinions: { agree: 1, disagree: 7, pass: 0 } }),
      question(11, { opinions: { agree: 8, disagree: 0, pass: 0 } }),
      question(13, { status: "pending", opinions: { agree: 0, disagree: 0, pass: 0 } }),
      question(14, { status: "hidden" }),
    ]),
    results: {
      voters: 8,
      groups: [
        { size: 5, statements: [{ idea_id: 11, agree: 1, disagree: 0 }] },
        {
          size: 3,
          statements: [
            { idea_id: 11, agree: 1, disagree: 0 },
            { idea_id: 12, agree: 0, disagree: 1 },
          ],
        },
      ],
      consensus: [11],
      divisive: [12],
    },
  };
  const rows = statementRows(prompt);
  assert.deepEqual(
    rows.map((row) => [row.id, row.consensus, row.divisive, row.counts.agree]),
    [
      [11, true, false, 8],
      [12, false, true, 1],
    ],
  );
  assert.deepEqual(rows[1].groups, [null, { idea_id: 12, agree: 0, disagree: 1 }]);
  assert.deepEqual(
    opinionGroups(prompt).map((group) => group.size),
    [5, 3],
  );
  assert.deepEqual(
    proposedStatements(prompt).map((s) => s.id),
    [13],
  );
  assert.deepEqual(
    removedStatements(prompt).map((s) => s.id),
    [14],
  );
  assert.deepEqual(
    roomStatements(prompt).map((s) => s.id),
    [11, 12],
  );
});

test("statements while the results are hidden: no counts, no groups, no badges", () => {
  const prompt = { ideas: [question(1, { opinions: null })], results: null };
  const [row] = statementRows(prompt);
  assert.equal(row.counts, null);
  assert.equal(row.consensus, false);
  assert.deepEqual(row.groups, []);
  assert.deepEqual(opinionGroups(prompt), []);
  assert.equal(shareText(null), "–");
  assert.equal(shareText(0.625), "63%");
});

const CALLED = "2026-06-04T10:00:00Z";
const at = (seconds) => Date.parse(CALLED) + seconds * 1000;

test("a timed turn counts down, then counts the time over", () => {
  const speaker = { name: "Amina", called_at: CALLED, seconds: 60 };
  assert.deepEqual(turnClock(speaker, at(15.4)), { elapsed: 15, limit: 60, left: 45, over: 0 });
  assert.equal(endingSoon(turnClock(speaker, at(50))), true);
  assert.deepEqual(turnClock(speaker, at(72)), { elapsed: 72, limit: 60, left: 0, over: 12 });
  assert.equal(endingSoon(turnClock(speaker, at(72))), false);
});

test("a turn without a limit only counts up; a clock running slow never goes below zero", () => {
  const speaker = { name: "Amina", called_at: CALLED, seconds: null };
  assert.deepEqual(turnClock(speaker, at(90)), { elapsed: 90, limit: null, left: null, over: 0 });
  assert.equal(turnClock(speaker, at(-3)).elapsed, 0);
  assert.equal(endingSoon(turnClock(speaker, at(90))), false);
});

test("speaking time adds the running turn to its speaker's ended turns", () => {
  const queue = {
    speaking: { name: "Bruno", affiliation: "Porto Alegre", called_at: CALLED, seconds: 60 },
    waiting: [],
    spoken: [
      { name: "Amina", affiliation: "Dakar", turns: 1, seconds: 100 },
      { name: "Bruno", affiliation: "Porto Alegre", turns: 1, seconds: 30 },
    ],
  };
  assert.deepEqual(
    speakingTimes(queue, at(80)).map((row) => [row.name, row.turns, row.seconds, row.speaking]),
    [
      ["Bruno", 2, 110, true],
      ["Amina", 1, 100, false],
    ],
  );
  // Someone speaking for the first time gets a row of their own.
  queue.speaking = { name: "Chen", affiliation: null, called_at: CALLED, seconds: null };
  assert.deepEqual(
    speakingTimes(queue, at(5)).map((row) => [row.name, row.turns, row.seconds]),
    [
      ["Amina", 1, 100],
      ["Bruno", 1, 30],
      ["Chen", 1, 5],
    ],
  );
  assert.deepEqual(speakingTimes({ speaking: null, waiting: [] }, at(5)), []);
});

test("a speaker is called by name, with their city or organisation when they gave one", () => {
  assert.equal(speakerName({ name: "Amina", affiliation: "Dakar" }), "Amina (Dakar)");
  assert.equal(speakerName({ name: "Chen", affiliation: null }), "Chen");
  assert.equal(speakerName(null), "");
});
