// What the rapporteur's page knows of the staff's workspace: outcomes by id, the shared notes
// (the server's text and version, what is typed here, whether it is saved) and the conflicts
// waiting for a choice. No browser or network here: the page feeds it, and reads it back.

/**
 * Carry an edit made on `sent` (the text typed when a save left) over to `merged` (what the
 * server made of it), so that what was typed since is kept: `local` is `sent` plus that edit.
 * Null when the edit's place cannot be found in `merged`.
 */
export function rebase(sent, local, merged) {
  if (sent === local) return merged;
  let start = 0;
  while (start < sent.length && start < local.length && sent[start] === local[start]) start += 1;
  let end = 0;
  while (
    end < sent.length - start &&
    end < local.length - start &&
    sent[sent.length - 1 - end] === local[local.length - 1 - end]
  ) {
    end += 1;
  }
  const before = sent.slice(0, start);
  const removed = sent.slice(start, sent.length - end);
  const after = sent.slice(sent.length - end);
  const inserted = local.slice(start, local.length - end);
  if (merged.startsWith(before + removed)) {
    return before + inserted + merged.slice(before.length + removed.length);
  }
  if (merged.endsWith(removed + after)) {
    return merged.slice(0, merged.length - removed.length - after.length) + inserted + after;
  }
  return null;
}

/** The outcomes, notes and conflicts of one roundtable's workspace. */
export class Workspace {
  constructor() {
    this.outcomes = new Map();
    // Ids deleted here or by a colleague: late news about them brings nothing back.
    this.deleted = new Set();
    // Outcome id -> { theirs: OutcomeView, mine: fields } while the editor chooses.
    this.conflicts = new Map();
    this.notes = { text: "", version: 0, updated_by: null, updated_at: null };
    // The notes as typed here, and the server's text and version they were typed on.
    this.local = "";
    this.baseText = "";
    this.baseVersion = 0;
    this.inflight = null;
    // { theirs: NotesView, mine: text } when both changed the same lines.
    this.notesConflict = null;
  }

  // -- outcomes ------------------------------------------------------------------------

  /** Take in an outcome; an older version never replaces a newer one. True if it was taken. */
  upsert(outcome) {
    if (!outcome || typeof outcome.id !== "number" || this.deleted.has(outcome.id)) return false;
    const known = this.outcomes.get(outcome.id);
    if (known && known.version > outcome.version) return false;
    this.outcomes.set(outcome.id, outcome);
    return true;
  }

  remove(outcomeId) {
    this.deleted.add(outcomeId);
    this.conflicts.delete(outcomeId);
    return this.outcomes.delete(outcomeId);
  }

  /** The outcomes as workspace.load lists them: what is gone from the list was deleted. */
  loadOutcomes(list) {
    const listed = new Set(list.map((outcome) => outcome.id));
    for (const id of [...this.outcomes.keys()]) if (!listed.has(id)) this.outcomes.delete(id);
    for (const outcome of list) this.upsert(outcome);
  }

  /** The outcomes of one kind, oldest first. */
  ofKind(kind) {
    return [...this.outcomes.values()].filter((o) => o.kind === kind).sort((a, b) => a.id - b.id);
  }

  /** Counts by kind: { takeaway: 3, action: 1, ... }; a kind without outcomes is left out. */
  counts() {
    const counts = {};
    for (const outcome of this.outcomes.values()) {
      counts[outcome.kind] = (counts[outcome.kind] || 0) + 1;
    }
    return counts;
  }

  /** A save was refused because a colleague saved first: keep both for the editor to choose. */
  conflict(theirs, mine) {
    this.upsert(theirs);
    this.conflicts.set(theirs.id, { theirs, mine });
  }

  resolve(outcomeId) {
    this.conflicts.delete(outcomeId);
  }

  // -- notes -----------------------------------------------------------------------------

  get dirty() {
    return this.local !== this.baseText || this.baseVersion !== this.notes.version;
  }

  /** Something typed here that the server does not have yet. */
  get unsaved() {
    return this.local !== this.notes.text;
  }

  /**
   * The notes as the server has them now (a load, a colleague's save). Returns true when the
   * text here was replaced by them (nothing unsaved here), false when ours is kept: it is
   * merged with theirs by the next save.
   */
  takeNotes(view) {
    if (!view || view.version < this.notes.version) return false;
    const clean = !this.unsaved && !this.inflight && this.baseVersion === this.notes.version;
    this.notes = view;
    if (!clean || this.notesConflict) return false;
    this.local = view.text;
    this.baseText = view.text;
    this.baseVersion = view.version;
    return true;
  }

  /** Typed here. */
  type(text) {
    this.local = text;
  }

  /** What survives a reload: the unsaved text and the version it was typed on, or null. */
  draft() {
    return this.unsaved ? { text: this.local, base_version: this.baseVersion } : null;
  }

  /** Bring back a draft kept over a reload: it is saved (and merged) like any typing. */
  restore(draft) {
    if (!draft || typeof draft.text !== "string" || draft.text === this.notes.text) return false;
    const base = Number.isInteger(draft.base_version) ? draft.base_version : this.notes.version;
    this.local = draft.text;
    this.baseVersion = Math.min(base, this.notes.version);
    this.baseText = this.baseVersion === this.notes.version ? this.notes.text : null;
    return true;
  }

  /** The save to send now ({text, base_version}), or null: nothing new, or one on its way. */
  startSave() {
    if (this.inflight || this.notesConflict || !this.unsaved) return null;
    this.inflight = { text: this.local, base_version: this.baseVersion };
    return this.inflight;
  }

  /**
   * The answer to a save. Returns { merged, replaced }: `replaced` when the text here changed
   * (the merge brought a colleague's lines), `conflict` when both changed the same lines.
   */
  saved(ack) {
    const sent = this.inflight;
    this.inflight = null;
    if (!sent) return { merged: false, replaced: false };
    if (!ack || !ack.ok) {
      if (ack && ack.error && ack.error.code === "notes_conflict" && ack.notes) {
        this.notes = ack.notes.version >= this.notes.version ? ack.notes : this.notes;
        this.notesConflict = { theirs: this.notes, mine: this.local };
        return { merged: false, replaced: false, conflict: true };
      }
      return { merged: false, replaced: false, failed: true };
    }
    const view = ack.notes;
    if (view.version >= this.notes.version) this.notes = view;
    const before = this.local;
    const carried = rebase(sent.text, this.local, view.text);
    if (carried === null) {
      // Typed since, somewhere the merge moved: kept, and merged again on the same base.
      return { merged: Boolean(ack.merged), replaced: false };
    }
    this.local = carried;
    this.baseText = view.text;
    this.baseVersion = view.version;
    return { merged: Boolean(ack.merged), replaced: this.local !== before };
  }

  /** After a conflict: take the colleague's notes; what was typed here is dropped on purpose. */
  useTheirs() {
    const theirs = this.notes;
    this.notesConflict = null;
    this.local = theirs.text;
    this.baseText = theirs.text;
    this.baseVersion = theirs.version;
  }

  /** After a conflict: save what was typed here over the notes as they are now. */
  keepMine() {
    const mine = this.notesConflict ? this.notesConflict.mine : this.local;
    this.notesConflict = null;
    this.local = mine;
    this.baseText = this.notes.text;
    this.baseVersion = this.notes.version;
  }
}
