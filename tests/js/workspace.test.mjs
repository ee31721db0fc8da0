// The rapporteur's workspace state: outcomes by version, notes saved and merged, conflicts kept.

import assert from "node:assert/strict";
import { test } from "node:test";

import { Workspace, rebase } from "../../static/js/workspace.js";

const outcome = (id, version, fields = {}) => ({
  id,
  version,
  kind: "takeaway",
  text: `Outcome ${id} v${version}`,
  sdgs: [],
  source_idea_ids: [],
  source_theme_ids: [],
  ...fields,
});
const notes = (text, version, by = "Ana") => ({ text, version, updated_by: by, updated_at: null });

test("an older version of an outcome never replaces a newer one", () => {
  const ws = new Workspace();
  assert.equal(ws.upsert(outcome(1, 3)), true);
  assert.equal(ws.upsert(outcome(1, 2)), false);
  assert.equal(ws.outcomes.get(1).version, 3);
  assert.equal(ws.upsert(outcome(1, 4)), true);
  assert.equal(ws.outcomes.get(1).text, "Outcome 1 v4");
});

test("a deleted outcome does not come back with late news", () => {
  const ws = new Workspace();
  ws.upsert(outcome(1, 1));
  ws.remove(1);
  assert.equal(ws.upsert(outcome(1, 2)), false);
  assert.equal(ws.outcomes.size, 0);
});

test("a load drops what the server no longer lists and keeps newer versions", () => {
  const ws = new Workspace();
  ws.upsert(outcome(1, 5));
  ws.upsert(outcome(2, 1));
  ws.loadOutcomes([outcome(1, 4), outcome(3, 1, { kind: "action" })]);
  assert.deepEqual([...ws.outcomes.keys()].sort(), [1, 3]);
  assert.equal(ws.outcomes.get(1).version, 5);
  assert.deepEqual(
    ws.ofKind("action").map((o) => o.id),
    [3],
  );
  assert.deepEqual(ws.counts(), { takeaway: 1, action: 1 });
});

test("a conflict keeps both versions until the editor chooses", () => {
  const ws = new Workspace();
  ws.upsert(outcome(1, 1));
  ws.conflict(outcome(1, 2, { text: "Theirs", updated_by: "Bo" }), { text: "Mine" });
  assert.equal(ws.outcomes.get(1).text, "Theirs");
  assert.deepEqual(ws.conflicts.get(1).mine, { text: "Mine" });
  ws.resolve(1);
  assert.equal(ws.conflicts.size, 0);
});

test("colleagues' notes replace ours only when nothing here is unsaved", () => {
  const ws = new Workspace();
  assert.equal(ws.takeNotes(notes("One", 1)), true);
  assert.equal(ws.local, "One");
  ws.type("One\nMine");
  assert.equal(ws.takeNotes(notes("Zero\nOne", 2)), false);
  assert.equal(ws.local, "One\nMine");
  assert.deepEqual(ws.startSave(), { text: "One\nMine", base_version: 1 });
  assert.equal(ws.startSave(), null, "one save at a time");
  const result = ws.saved({ ok: true, merged: true, notes: notes("Zero\nOne\nMine", 3, "Me") });
  assert.deepEqual(result, { merged: true, replaced: true });
  assert.equal(ws.local, "Zero\nOne\nMine");
  assert.equal(ws.unsaved, false);
  assert.equal(ws.baseVersion, 3);
});

test("what is typed while a save travels is kept after a merge", () => {
  const ws = new Workspace();
  ws.takeNotes(notes("A", 1));
  ws.type("A\nB");
  ws.startSave();
  ws.type("A\nB and more");
  ws.saved({ ok: true, merged: true, notes: notes("Top\nA\nB", 3) });
  assert.equal(ws.local, "Top\nA\nB and more");
  assert.equal(ws.unsaved, true);
  assert.deepEqual(ws.startSave(), { text: "Top\nA\nB and more", base_version: 3 });
});

test("rebase carries an edit to where it was, or says it cannot", () => {
  assert.equal(rebase("ab", "abc", "xab"), "xabc");
  assert.equal(rebase("hello world", "hello big world", "hello world!"), "hello big world!");
  assert.equal(rebase("abc", "aXc", "zzz"), null);
  assert.equal(rebase("same", "same", "merged"), "merged");
});

test("a notes conflict keeps my text beside theirs, and either choice resolves it", () => {
  const ws = new Workspace();
  ws.takeNotes(notes("Line", 1));
  ws.type("My line");
  ws.startSave();
  const result = ws.saved({
    ok: false,
    error: { code: "notes_conflict", message: "..." },
    notes: notes("Their line", 2, "Bo"),
  });
  assert.equal(result.conflict, true);
  assert.equal(ws.local, "My line");
  assert.equal(ws.notesConflict.theirs.text, "Their line");
  assert.equal(ws.startSave(), null, "nothing is sent until the choice");
  ws.keepMine();
  assert.deepEqual(ws.startSave(), { text: "My line", base_version: 2 });
  ws.saved({ ok: false, error: { code: "notes_conflict" }, notes: notes("Third", 3) });
  ws.useTheirs();
  assert.equal(ws.local, "Third");
  assert.equal(ws.unsaved, false);
});

test("a failed save stays unsaved and is sent again", () => {
  const ws = new Workspace();
  ws.takeNotes(notes("", 0));
  ws.type("Offline words");
  ws.startSave();
  assert.equal(ws.saved({ ok: false, error: { code: "timeout" } }).failed, true);
  assert.deepEqual(ws.startSave(), { text: "Offline words", base_version: 0 });
});

test("a draft kept over a reload is restored and saved on the version it was typed on", () => {
  const ws = new Workspace();
  ws.takeNotes(notes("A", 1));
  ws.type("A and B");
  const kept = ws.draft();
  assert.deepEqual(kept, { text: "A and B", base_version: 1 });
  const after = new Workspace();
  after.takeNotes(notes("Z\nA", 2));
  assert.equal(after.restore(kept), true);
  assert.deepEqual(after.startSave(), { text: "A and B", base_version: 1 });
  assert.equal(new Workspace().draft(), null);
});
