// Ideas as every page shows them: who wrote one, and replies under the idea they build on.
// The server decides what may be shown (an author left out, a tally withheld); these only
// lay out what it sent.

import { announce, t } from "./render.js";

/** Who wrote an idea, as the server sent it: "Name · City", "Name", "City", or "". An idea
 * carried in from another roundtable is credited to that room: "From Stream 1 · Roundtable". */
export function byline(idea) {
  if (idea.origin) return t("carried_from", { place: originOf(idea.origin) });
  return [idea.author, idea.affiliation].filter(Boolean).join(" · ");
}

/** Where a carried idea came from: the stream's label (its title up to a colon) and the
 * roundtable's title. */
export function originOf(origin) {
  const stream = origin.stream ? origin.stream.split(":")[0].trim() : "";
  return [stream, origin.roundtable].filter(Boolean).join(" · ");
}

/** The byline, or the anonymous label when the server names no one. */
export function authorLine(idea) {
  return byline(idea) || t("anonymous");
}

/** The attribution a prompt's next ideas are posted under: its own, else the roundtable's. */
export function attributionOf(prompt, roundtable) {
  if (prompt.attribution_override) return prompt.attribution_override;
  return (roundtable && roundtable.attribution) || prompt.attribution || "named";
}

// Ideas not saved yet (no id) come after those that are, in the order given.
const placed = (idea) => (typeof idea.id === "number" ? idea.id : Number.MAX_SAFE_INTEGER);
const oldestFirst = (a, b) => placed(a) - placed(b);

/** Replies (ideas with a `parent_id`) by the idea they build on, oldest first. */
export function repliesByParent(ideas) {
  const replies = new Map();
  for (const idea of [...ideas].sort(oldestFirst)) {
    if (!idea.parent_id) continue;
    if (!replies.has(idea.parent_id)) replies.set(idea.parent_id, []);
    replies.get(idea.parent_id).push(idea);
  }
  return replies;
}

/**
 * Ideas in their given order, each followed by the replies building on it (oldest first);
 * replies whose idea is not among them come last.
 */
export function threaded(ideas) {
  const replies = repliesByParent(ideas);
  const ids = new Set(ideas.map((idea) => idea.id));
  const orphans = ideas.filter((idea) => idea.parent_id && !ids.has(idea.parent_id));
  return [
    ...ideas
      .filter((idea) => !idea.parent_id)
      .flatMap((idea) => [idea, ...(replies.get(idea.id) || [])]),
    ...orphans,
  ];
}

/** A text form's counter (its `.counter`): how many of `max` characters its text box holds. */
export function showCharacters(form, max) {
  const used = form.querySelector("textarea").value.length;
  const counter = form.querySelector(".counter");
  counter.textContent = t("characters_used", { n: used, max });
  counter.classList.toggle("near-limit", used > max - 50);
}

/**
 * A form that posts one text (an idea, a question, a statement): the counter and the kept
 * draft follow the typing; on submit an empty text is refused in the form's `.form-error`,
 * any other is handed to `send(text)` and the box emptied. `keep(text)` stores the draft.
 */
export function wirePostForm(form, { max, keep, send }) {
  const textarea = form.querySelector("textarea");
  const error = form.querySelector(".form-error");
  textarea.addEventListener("input", () => {
    showCharacters(form, max);
    keep(textarea.value);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (!text) {
      announce(error, t("error_text_empty"));
      textarea.focus();
      return;
    }
    error.textContent = "";
    send(text);
    textarea.value = "";
    keep("");
    showCharacters(form, max);
  });
  showCharacters(form, max);
}
