// One way to count a prompt and rank its themes, for the console, the phone and the big
// screen alike; the exports count the same way on the server (docs/protocol.md, "Counting").

import { tn } from "./render.js";

// Why an idea is not in the room, by its status, in the order a count line names them.
const LEFT_OUT = { pending: "pending", hidden: "hidden", deleted: "withdrawn", merged: "merged" };

/**
 * How many ideas and replies a prompt has in the room, and how many are left out and why.
 * Works on what any audience is sent: a redacted idea still carries its status, and a
 * private one (status "private" for participants) counts as an idea before the reveal.
 */
export function countIdeas(ideas) {
  const list = ideas instanceof Map ? [...ideas.values()] : ideas || [];
  const byId = new Map(list.map((idea) => [idea.id, idea]));
  const counts = { ideas: 0, replies: 0, pending: 0, hidden: 0, withdrawn: 0, merged: 0 };
  for (const idea of list) {
    let status = idea.status;
    const parent = idea.parent_id != null ? byId.get(idea.parent_id) : null;
    if (!(status in LEFT_OUT) && parent && parent.status in LEFT_OUT) status = parent.status;
    if (status in LEFT_OUT) counts[LEFT_OUT[status]] += 1;
    else if (idea.parent_id != null) counts.replies += 1;
    else counts.ideas += 1;
  }
  return counts;
}

/** Votes cast on a prompt: on its ideas and on its themes; null while tallies are hidden. */
export function votesCast(prompt) {
  let total = 0;
  for (const idea of prompt.ideas.values()) {
    if (idea.parent_id != null || idea.votes == null) continue;
    total += idea.votes;
  }
  for (const theme of prompt.themes.values()) {
    if (theme.votes == null) return null;
    total += theme.votes;
  }
  const hidden = [...prompt.ideas.values()].some((i) => i.votes === null && !i.hidden);
  return hidden ? null : total;
}

/** Themes best first: by support, then their own votes, then their order (the server's rule). */
export function rankThemes(themes) {
  const list = themes instanceof Map ? [...themes.values()] : [...(themes || [])];
  return list.sort(
    (a, b) =>
      (b.support || 0) - (a.support || 0) ||
      (b.votes || 0) - (a.votes || 0) ||
      a.position - b.position ||
      a.id - b.id,
  );
}

/**
 * "13 ideas · 4 replies · 2 hidden · 1 merged": the count line every view shows, built from
 * the page's strings `count_ideas`, `count_replies`, `count_pending`, `count_hidden`,
 * `count_withdrawn` and `count_merged` (each a plural, with a form per plural category).
 */
export function countLine(counts) {
  const parts = [tn("count_ideas", counts.ideas)];
  for (const key of ["replies", "pending", "hidden", "withdrawn", "merged"]) {
    if (counts[key]) parts.push(tn(`count_${key}`, counts[key]));
  }
  return parts.join(" · ");
}
