// Statements and their opinions, read from what the server sent for the console and the big
// screen alike: each statement's agree, disagree and pass counts, whether the room agrees on
// it or splits, and how each opinion group voted. Nothing is worked out again: the groups,
// consensus and divisive statements are the server's (docs/opinions.md).

import { percent } from "./results.js";

export const OPINIONS = ["agree", "disagree", "pass"];

const statusOf = (idea) => idea.status || "visible";

function ideasOf(prompt) {
  return prompt.ideas instanceof Map ? [...prompt.ideas.values()] : prompt.ideas || [];
}

/** The statements put to the room, in the order they were added (not replies, not redacted). */
export function roomStatements(prompt) {
  return ideasOf(prompt)
    .filter((idea) => idea.parent_id == null && !idea.hidden && statusOf(idea) === "visible")
    .sort((a, b) => a.id - b.id);
}

/** Statements proposed by participants and waiting for approval, oldest first. */
export function proposedStatements(prompt) {
  return ideasOf(prompt)
    .filter((idea) => idea.parent_id == null && !idea.hidden && statusOf(idea) === "pending")
    .sort((a, b) => a.id - b.id);
}

/** Statements taken away from the room (hidden, withdrawn, merged), for staff to restore. */
export function removedStatements(prompt) {
  return ideasOf(prompt)
    .filter(
      (idea) =>
        idea.parent_id == null && !idea.hidden && !["visible", "pending"].includes(statusOf(idea)),
    )
    .sort((a, b) => a.id - b.id);
}

/**
 * One statement's counts as shares of everyone who marked it (passes included), or null
 * while the counts are kept from the viewer: {agree, disagree, pass, total, shares}.
 */
export function opinionShares(opinions) {
  if (!opinions) return null;
  const counts = Object.fromEntries(OPINIONS.map((key) => [key, opinions[key] || 0]));
  const total = counts.agree + counts.disagree + counts.pass;
  const shares = Object.fromEntries(OPINIONS.map((key) => [key, total ? counts[key] / total : 0]));
  return { ...counts, total, shares };
}

/**
 * The rows of a statements prompt: each statement in the room with its counts (null while
 * hidden), whether it is a consensus or divisive one, and each group's shares of it ({agree,
 * disagree}, or null when the group has none for it), in the order of `results.groups`.
 */
export function statementRows(prompt) {
  const results = prompt.results || null;
  const consensus = new Set(results ? results.consensus || [] : []);
  const divisive = new Set(results ? results.divisive || [] : []);
  const groups = results ? results.groups || [] : [];
  return roomStatements(prompt).map((idea) => ({
    id: idea.id,
    text: idea.text || "",
    counts: opinionShares(idea.opinions),
    consensus: consensus.has(idea.id),
    divisive: divisive.has(idea.id),
    groups: groups.map(
      (group) => group.statements.find((entry) => entry.idea_id === idea.id) || null,
    ),
  }));
}

/** The opinion groups of the results ({size, statements}), in the server's order. */
export function opinionGroups(prompt) {
  const results = prompt.results || null;
  return results ? results.groups || [] : [];
}

/** A share as the page's language writes a percentage, or "–" where there is none. */
export function shareText(share) {
  return share == null ? "–" : percent(share);
}
