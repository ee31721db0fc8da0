// What the participant page shows of a panel's questions, statements and the speakers' queue:
// the order of the questions, where I stand on the statements, a turn's clock, my place in line.

import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import { placeText, speakerName, turnClock, turnText } from "../../static/js/floor.js";
import { questionOrder, questionsLine, readableQuestions } from "../../static/js/questions.js";
import { useStrings } from "../../static/js/render.js";
import { groupsLine, progressOf, proposalsOf, statementsOf } from "../../static/js/statements.js";

const STRINGS = {
  question_count: { one: "%(n)s question", other: "%(n)s questions" },
  answered_count: { one: "%(n)s answered", other: "%(n)s answered" },
  opinion_groups: {
    one: "%(n)s opinion group among %(voters)s voters.",
    other: "%(n)s opinion groups among %(voters)s voters.",
  },
  too_few_voters: {
    one: "%(n)s voter so far: too few yet to find opinion groups.",
    other: "%(n)s voters so far: too few yet to find opinion groups.",
  },
  time_left: "%(time)s left",
  turn_over: "%(time)s over time",
  turn_running: "%(time)s so far",
  queue_next: "You are next in line.",
  queue_place_one: "You are %(n)sst in line.",
  queue_place_two: "You are %(n)snd in line.",
  queue_place_few: "You are %(n)srd in line.",
  queue_place_other: "You are %(n)sth in line.",
};

beforeEach(() => useStrings(STRINGS, "en"));

function promptOf(ideas) {
  return { ideas: new Map(ideas.map((idea) => [idea.id, idea])) };
}

test("questions: the one being answered first, mine awaiting approval next, then by upvotes", () => {
  const questions = [
    { id: 1, votes: 5, status: "visible" },
    { id: 2, votes: 9, status: "visible", answered: true },
    { id: 3, votes: 2, status: "visible" },
    { id: 4, votes: 5, status: "visible" },
    { id: 5, votes: 0, status: "pending" },
    { id: 6, votes: 1, status: "visible" },
  ];
  const ids = (spotlight) => [...questions].sort(questionOrder(spotlight)).map((q) => q.id);
  // Equal upvotes: the newer question first. Answered ones go last, however many upvotes.
  assert.deepEqual(ids(null), [5, 4, 1, 3, 6, 2]);
  assert.deepEqual(ids(6), [6, 5, 4, 1, 3, 2]);
});

test("questions still sending come first, and sort among themselves without an id", () => {
  const sending = { sending: true, client_id: "a", votes: undefined };
  const order = [{ id: 3, votes: 4 }, sending, { id: 7, votes: 0 }].sort(questionOrder(null));
  assert.deepEqual(order[0], sending);
  assert.deepEqual(
    order.slice(1).map((q) => q.id),
    [3, 7],
  );
});

test("questions: replies and what is withheld from me are not shown; the line counts the rest", () => {
  const prompt = promptOf([
    { id: 1, status: "visible", answered: true },
    { id: 2, status: "visible" },
    { id: 3, status: "pending" },
    { id: 4, hidden: true, status: "pending" },
    { id: 5, parent_id: 1, status: "visible" },
    { id: 6, hidden: true, status: "deleted" },
  ]);
  const shown = readableQuestions(prompt);
  assert.deepEqual(
    shown.map((q) => q.id),
    [1, 2, 3],
  );
  assert.equal(questionsLine(shown), "2 questions · 1 answered");
  assert.equal(questionsLine([{ id: 2, status: "visible" }]), "1 question");
});

test("statements are those in the room, in the order added; my proposals are apart", () => {
  const prompt = promptOf([
    { id: 9, status: "visible" },
    { id: 4, status: "visible" },
    { id: 5, status: "pending", mine: true },
    { id: 6, hidden: true, status: "pending" },
    { id: 7, hidden: true, status: "hidden" },
  ]);
  assert.deepEqual(
    statementsOf(prompt).map((s) => s.id),
    [4, 9],
  );
  assert.deepEqual(
    proposalsOf(prompt).map((s) => s.id),
    [5],
  );
});

test("progress counts the statements I have marked, of those in the room", () => {
  const mine = new Map([
    [4, "agree"],
    [8, "pass"],
  ]);
  const statements = [{ id: 4 }, { id: 9 }, { id: 10 }];
  assert.deepEqual(
    progressOf(statements, (id) => mine.get(id) ?? null),
    { done: 1, total: 3 },
  );
});

test("the results line names the groups, or says there are too few voters yet", () => {
  assert.equal(
    groupsLine({ voters: 12, groups: [{ size: 7 }, { size: 5 }] }),
    "2 opinion groups among 12 voters.",
  );
  assert.equal(groupsLine({ voters: 9, groups: [{ size: 9 }] }), "1 opinion group among 9 voters.");
  assert.equal(
    groupsLine({ voters: 1, groups: [] }),
    "1 voter so far: too few yet to find opinion groups.",
  );
  assert.equal(
    groupsLine({ voters: 4, groups: [] }),
    "4 voters so far: too few yet to find opinion groups.",
  );
});

test("a timed turn counts down, then counts the time over", () => {
  const called = Date.parse("2026-12-03T10:00:00Z");
  const speaker = { called_at: "2026-12-03T10:00:00Z", seconds: 90 };
  assert.deepEqual(turnClock(speaker, called + 500), { spoken: 0, left: 90, over: 0 });
  assert.equal(turnText(turnClock(speaker, called + 25_000)), "1:05 left");
  assert.equal(turnText(turnClock(speaker, called + 90_000)), "0:00 over time");
  assert.equal(turnText(turnClock(speaker, called + 102_400)), "0:12 over time");
  // A clock a little behind the server's never shows time spoken before the turn began.
  assert.deepEqual(turnClock(speaker, called - 2000), { spoken: 0, left: 90, over: 0 });
});

test("a turn without a limit shows how long it has run", () => {
  const speaker = { called_at: "2026-12-03T10:00:00Z", seconds: null };
  const clock = turnClock(speaker, Date.parse("2026-12-03T10:02:05Z"));
  assert.deepEqual(clock, { spoken: 125, left: null, over: 0 });
  assert.equal(turnText(clock), "2:05 so far");
});

test("my place in line reads as an ordinal of the page's language", () => {
  assert.equal(placeText(1, "en"), "You are next in line.");
  assert.equal(placeText(2, "en"), "You are 2nd in line.");
  assert.equal(placeText(3, "en"), "You are 3rd in line.");
  assert.equal(placeText(4, "en"), "You are 4th in line.");
  assert.equal(placeText(11, "en"), "You are 11th in line.");
  assert.equal(placeText(21, "en"), "You are 21st in line.");
  assert.equal(placeText(23, "en"), "You are 23rd in line.");
  // Chinese has no ordinal forms: every place takes the "other" sentence.
  assert.equal(placeText(2, "zh-Hans"), "You are 2th in line.");
});

test("the queue names each speaker with their city or organisation", () => {
  assert.equal(speakerName({ name: "Amina", affiliation: "Dakar" }), "Amina · Dakar");
  assert.equal(speakerName({ name: "Bruno", affiliation: null }), "Bruno");
});
