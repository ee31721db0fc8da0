// A panel's questions, sorted the way the console and the big screen show them: those
// waiting for approval, the one being answered (the spotlight), the rest by upvotes, and
// those already answered. Nothing is counted again: the upvotes are the server's.

/** Order: the most upvotes first; ties keep the order they were asked in. */
const byUpvotes = (a, b) => (b.votes || 0) - (a.votes || 0) || a.id - b.id;

const statusOf = (idea) => idea.status || "visible";

/**
 * A questions prompt's questions (not replies), in groups: `pending` (oldest first),
 * `answering` (the spotlit one, or null), `waiting` and `answered` (by upvotes), `removed`
 * (hidden, withdrawn or merged). Ideas sent redacted (`hidden: true`) are left out.
 */
export function questionGroups(prompt, spotlightId = null) {
  const groups = { pending: [], answering: null, waiting: [], answered: [], removed: [] };
  const ideas = prompt.ideas instanceof Map ? [...prompt.ideas.values()] : prompt.ideas || [];
  for (const idea of ideas) {
    if (idea.parent_id != null || idea.hidden) continue;
    const status = statusOf(idea);
    if (status === "pending") groups.pending.push(idea);
    else if (status !== "visible") groups.removed.push(idea);
    else if (idea.answered) groups.answered.push(idea);
    else if (idea.id === spotlightId) groups.answering = idea;
    else groups.waiting.push(idea);
  }
  groups.pending.sort((a, b) => a.id - b.id);
  groups.waiting.sort(byUpvotes);
  groups.answered.sort(byUpvotes);
  groups.removed.sort(byUpvotes);
  return groups;
}

/** Every question once, in the console's order: pending, answering, waiting, answered, removed. */
export function consoleQuestions(groups) {
  return [
    ...groups.pending,
    ...(groups.answering ? [groups.answering] : []),
    ...groups.waiting,
    ...groups.answered,
    ...groups.removed,
  ];
}
