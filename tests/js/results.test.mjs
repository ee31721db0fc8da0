// The rows the results are drawn from: read from what the server sent, never counted again.

import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import { useStrings } from "../../static/js/render.js";
import {
  assessmentRows,
  pollRows,
  rankingRows,
  scaleSummary,
  wrapLabel,
} from "../../static/js/results.js";

beforeEach(() => {
  useStrings(
    {
      votes: { one: "%(n)s vote", other: "%(n)s votes" },
      points: { one: "%(n)s point", other: "%(n)s points" },
      responses: { one: "%(n)s response", other: "%(n)s responses" },
      average: "Average %(mean)s",
      spread: "Spread ±%(spread)s",
      score_of: "%(score)s / %(max)s",
      not_scored_yet: "Not scored yet",
    },
    "en",
  );
});

test("a poll's rows keep the options' order, as shares of those who answered", () => {
  const rows = pollRows({
    responses: 4,
    options: [
      { index: 0, text: "Tram", count: 3 },
      { index: 1, text: "Bus", count: 0 },
      { index: 2, text: "Bike", count: 2 },
    ],
  });
  assert.deepEqual(
    rows.map((row) => [row.text, row.share, row.value, row.leader]),
    [
      ["Tram", 0.75, "3 votes · 75%", true],
      ["Bus", 0, "0 votes · 0%", false],
      ["Bike", 0.5, "2 votes · 50%", false],
    ],
  );
});

test("a poll nobody answered has no leader", () => {
  const rows = pollRows({ responses: 0, options: [{ index: 0, text: "Tram", count: 0 }] });
  assert.equal(rows[0].leader, false);
  assert.equal(rows[0].share, 0);
});

test("a ranking's rows go by the server's rank; equal points share it", () => {
  const rows = rankingRows({
    responses: 2,
    options: [
      { index: 0, text: "Shade", borda: 2, rank: 2 },
      { index: 1, text: "Water", borda: 4, rank: 1 },
      { index: 2, text: "Transit", borda: 2, rank: 2 },
    ],
  });
  assert.deepEqual(
    rows.map((row) => [row.rank, row.text, row.value, row.share]),
    [
      [1, "Water", "4 points", 1],
      [2, "Shade", "2 points", 0.5],
      [2, "Transit", "2 points", 0.5],
    ],
  );
});

test("a ranking nobody answered shows no ranks", () => {
  const rows = rankingRows({
    responses: 0,
    options: [
      { index: 0, text: "Shade", borda: 0, rank: 1 },
      { index: 1, text: "Water", borda: 0, rank: 1 },
    ],
  });
  assert.deepEqual(
    rows.map((row) => row.rank),
    [null, null],
  );
});

test("an assessment's items go by weighted score, those nobody scored last", () => {
  const rows = assessmentRows(
    {
      responses: 1,
      items: [
        { index: 0, text: "Park", score: null, rank: null, criteria: [] },
        { index: 1, text: "Lanes", score: 3, rank: 1, criteria: [] },
      ],
    },
    { min: 1, max: 5 },
  );
  assert.deepEqual(
    rows.map((row) => [row.text, row.value, row.share]),
    [
      ["Lanes", "3 / 5", 0.5],
      ["Park", "Not scored yet", 0],
    ],
  );
});

test("a scale's summary gives the average, the spread and how many answered", () => {
  assert.equal(
    scaleSummary({ responses: 2, mean: 8, stdev: 1, distribution: {} }),
    "Average 8 · Spread ±1 · 2 responses",
  );
  assert.equal(
    scaleSummary({ responses: 0, mean: null, stdev: null, distribution: {} }),
    "0 responses",
  );
});

test("a radar's label wraps at words, and cuts Chinese where it must", () => {
  assert.deepEqual(wrapLabel("Significance to the SDGs and the New Urban Agenda", 16), [
    "Significance to",
    "the SDGs and the",
    "New Urban Agenda",
  ]);
  assert.deepEqual(wrapLabel("对可持续发展目标和新城市议程的意义", 16), [
    "对可持续发展目标",
    "和新城市议程的意",
    "义",
  ]);
});
