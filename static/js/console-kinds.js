// The console's cards for a panel's questions and for statements: what sits under a prompt's
// controls. Questions are approved, put to the panel ("Answer now": the spotlight) and marked
// answered; statements are added, approved when participants propose them, and watched with
// their agree, disagree and pass counts, consensus and divisive badges, and opinion groups.
// The buttons carry `data-action`s that console.js runs (see OWN_ACTIONS there).

import { authorLine } from "./ideas.js";
import { consoleQuestions, questionGroups } from "./question-lists.js";
import { actionButton, el, setLinkedText, syncList, t, tn } from "./render.js";
import {
  opinionGroups,
  proposedStatements,
  removedStatements,
  shareText,
  statementRows,
  OPINIONS,
} from "./statement-figures.js";

/** Each opinion's name, and its count in words. */
const OPINION_WORDS = {
  agree: { name: () => t("opinion_agree"), count: (n) => tn("count_agree", n) },
  disagree: { name: () => t("opinion_disagree"), count: (n) => tn("count_disagree", n) },
  pass: { name: () => t("opinion_pass"), count: (n) => tn("count_pass", n) },
};

// A group "agrees" (or "disagrees") with a statement from this share of its members on, as
// the server decides consensus and divisive statements (docs/opinions.md).
const SIDE_SHARE = 0.6;

const STATUS_NOTES = {
  pending: "status_pending",
  hidden: "status_hidden",
  merged: "status_merged",
  deleted: "status_deleted",
};

/** Show or hide one of an item's buttons by its action. */
function showAction(node, action, shown) {
  const button = node.querySelector(`[data-action="${action}"]`);
  if (button) button.hidden = !shown;
}

function setText(node, text) {
  node.textContent = text;
  node.hidden = !text;
}

/** An item's text, rewritten only when it changed (links stay clickable, focus stays put). */
function updateText(node, text) {
  const shown = node.querySelector(".idea-text");
  if (shown.dataset.text === text) return;
  setLinkedText(shown, text);
  shown.dataset.text = text;
}

// -- a panel's questions ------------------------------------------------------------

/** The questions' list under a questions prompt's controls. */
export function questionsBody(prompt) {
  const headingId = `prompt-${prompt.id}-questions`;
  return el("section", { className: "questions-panel", "aria-labelledby": headingId }, [
    el("h4", { id: headingId }, t("questions_heading")),
    el("ol", { className: "ideas questions" }),
    el("p", { className: "empty" }),
  ]);
}

function createQuestion(canRun) {
  return (idea) => {
    const textId = `console-question-${idea.id}`;
    const button = (action, label, variant = "small quiet") =>
      actionButton(label, action, variant, { "aria-describedby": textId });
    return el("li", { className: "idea question" }, [
      el("div", { className: "idea-main" }, [
        el("p", { className: "idea-text", id: textId }),
        el("span", { className: "author" }),
        el("span", { className: "idea-status" }),
      ]),
      el("div", { className: "tally" }, [
        el("span", { className: "votes" }),
        el("span", { className: "bar", "aria-hidden": "true" }, [
          el("span", { className: "bar-fill" }),
        ]),
      ]),
      canRun
        ? el("div", { className: "moderation" }, [
            button("approve", t("approve"), "small primary"),
            button("spotlight", t("answer_now"), "small primary"),
            button("mark-answered", t("mark_answered")),
            button("clear-spotlight", t("stop_answering")),
            button("undo-answered", t("undo_answered")),
            button("hide", t("hide")),
            button("restore", t("restore")),
          ])
        : null,
    ]);
  };
}

function updateQuestion(node, idea, { top, spotlightId, canRun }) {
  const status = idea.status || "visible";
  const visible = status === "visible";
  const answering = visible && !idea.answered && idea.id === spotlightId;
  updateText(node, idea.text || "");
  node.querySelector(".author").textContent = authorLine(idea);
  node.classList.toggle("pending-approval", status === "pending");
  node.classList.toggle("spotlit", answering);
  node.classList.toggle("answered", Boolean(idea.answered) && visible);
  node.classList.toggle("dimmed", !visible && status !== "pending");
  const notes = [];
  if (STATUS_NOTES[status]) notes.push(t(STATUS_NOTES[status]));
  if (answering) notes.push(t("answering_label"));
  if (idea.answered && visible) notes.push(t("answered"));
  setText(node.querySelector(".idea-status"), notes.join(" · "));
  const votes = idea.votes || 0;
  node.querySelector(".votes").textContent = tn("upvotes", votes);
  node.querySelector(".bar-fill").style.width = top ? `${Math.round((votes / top) * 100)}%` : "0%";
  if (!canRun) return;
  showAction(node, "approve", status === "pending");
  showAction(node, "spotlight", visible && !idea.answered && !answering);
  showAction(node, "mark-answered", visible && !idea.answered);
  showAction(node, "clear-spotlight", answering);
  showAction(node, "undo-answered", visible && Boolean(idea.answered));
  showAction(node, "hide", visible || status === "pending");
  showAction(node, "restore", status === "hidden");
}

/** "12 questions · 3 answered · 2 awaiting approval", for the card's head. */
export function questionsStats(prompt, spotlightId) {
  const groups = questionGroups(prompt, spotlightId);
  const asked = groups.waiting.length + groups.answered.length + (groups.answering ? 1 : 0);
  const parts = [tn("count_questions", asked)];
  if (groups.answered.length) parts.push(tn("count_answered", groups.answered.length));
  if (groups.pending.length) parts.push(tn("count_pending", groups.pending.length));
  return parts.join(" · ");
}

export function updateQuestionsBody(node, prompt, { spotlightId, canRun }) {
  const groups = questionGroups(prompt, spotlightId);
  const questions = consoleQuestions(groups);
  const top = Math.max(0, ...questions.map((idea) => idea.votes || 0));
  syncList(
    node.querySelector(".questions"),
    questions,
    (idea) => idea.id,
    createQuestion(canRun),
    (item, idea) => updateQuestion(item, idea, { top, spotlightId, canRun }),
  );
  const empty = node.querySelector(".questions-panel > .empty");
  empty.hidden = questions.length > 0;
  empty.textContent = prompt.status === "draft" ? t("draft_hint") : t("no_questions_yet_staff");
}

// -- statements -----------------------------------------------------------------

/** The statements, their opinions and the opinion groups under a statements prompt. */
export function statementsBody(prompt, { canRun, maxLength }) {
  const base = `prompt-${prompt.id}`;
  return el("div", { className: "statements-panel" }, [
    el("section", { className: "proposals", "aria-labelledby": `${base}-proposals` }, [
      el("h4", { id: `${base}-proposals` }, t("proposals_heading")),
      el("ol", { className: "ideas proposal-list" }),
    ]),
    el("section", { className: "statements-section", "aria-labelledby": `${base}-statements` }, [
      el("h4", { id: `${base}-statements` }, t("statements_heading")),
      el("p", { className: "hint results-private-note" }, t("opinions_hidden_from_room")),
      opinionKey(),
      el("ol", { className: "ideas statement-list" }),
      el("p", { className: "empty" }),
    ]),
    el("section", { className: "opinion-groups", "aria-labelledby": `${base}-groups` }, [
      el("h4", { id: `${base}-groups` }, t("groups_heading")),
      el("p", { className: "hint groups-note" }),
      el("div", { className: "groups-table-box" }, [el("table", { className: "groups-table" })]),
    ]),
    // Under the statements: a draft is written here, and more come while the room answers.
    canRun ? statementAdder(base, maxLength) : null,
  ]);
}

/** The colours of the bars, said once above them. */
export function opinionKey() {
  return el(
    "p",
    { className: "opinion-key", "aria-hidden": "true" },
    OPINIONS.map((opinion) =>
      el("span", { className: `key-item ${opinion}` }, OPINION_WORDS[opinion].name()),
    ),
  );
}

function statementAdder(base, maxLength) {
  const id = `${base}-new-statements`;
  return el("div", { className: "statement-adder" }, [
    el("label", { for: id }, t("new_statements_label")),
    el("textarea", {
      id,
      className: "new-statements",
      rows: 2,
      "aria-describedby": `${id}-hint ${id}-feedback`,
      "data-max-length": maxLength,
    }),
    el("p", { id: `${id}-hint`, className: "hint" }, t("new_statements_hint")),
    el("div", { className: "prompt-actions" }, [
      actionButton(t("add_statements"), "add-statements", "small primary"),
      el("span", {
        id: `${id}-feedback`,
        className: "control-feedback statement-feedback",
        role: "status",
        "aria-live": "polite",
      }),
    ]),
  ]);
}

/** The statements written in an adder, one a line, without empty lines. */
export function typedStatements(textarea) {
  return textarea.value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function createStatement(canRun) {
  return (idea) => {
    const textId = `console-statement-${idea.id}`;
    const button = (action, label, variant = "small quiet") =>
      actionButton(label, action, variant, { "aria-describedby": textId });
    return el("li", { className: "idea statement" }, [
      el("div", { className: "idea-main" }, [
        el("p", { className: "idea-text", id: textId }),
        el("span", { className: "statement-badges" }, [
          el("span", { className: "stance-badge consensus" }, t("consensus_badge")),
          el("span", { className: "stance-badge divisive" }, t("divisive_badge")),
        ]),
        el("span", { className: "author" }),
        el("span", { className: "idea-status" }),
      ]),
      el("div", { className: "opinion-tally" }, [
        el(
          "span",
          { className: "opinion-bar", "aria-hidden": "true" },
          OPINIONS.map((opinion) => el("span", { className: `opinion-fill ${opinion}` })),
        ),
        el("span", { className: "opinion-counts" }),
      ]),
      canRun
        ? el("div", { className: "moderation" }, [
            button("approve", t("approve"), "small primary"),
            button("hide", t("hide")),
            button("restore", t("restore")),
          ])
        : null,
    ]);
  };
}

/** What a statement's counts say: "8 agree · 1 disagree · 2 pass". */
export function opinionCountsText(counts) {
  if (!counts) return t("opinions_hidden");
  return OPINIONS.map((opinion) => OPINION_WORDS[opinion].count(counts[opinion])).join(" · ");
}

function updateStatement(node, row, idea, canRun) {
  const status = idea.status || "visible";
  updateText(node, idea.text || "");
  node.classList.toggle("pending-approval", status === "pending");
  node.classList.toggle("dimmed", status !== "visible" && status !== "pending");
  node.classList.toggle("consensus", Boolean(row && row.consensus));
  node.classList.toggle("divisive", Boolean(row && row.divisive));
  node.querySelector(".stance-badge.consensus").hidden = !(row && row.consensus);
  node.querySelector(".stance-badge.divisive").hidden = !(row && row.divisive);
  // A statement is nobody's; a proposal says who made it, as the attribution allows.
  setText(node.querySelector(".author"), idea.author_id != null ? authorLine(idea) : "");
  setText(node.querySelector(".idea-status"), STATUS_NOTES[status] ? t(STATUS_NOTES[status]) : "");
  const counts = row ? row.counts : null;
  const tally = node.querySelector(".opinion-tally");
  tally.hidden = status !== "visible";
  for (const opinion of OPINIONS) {
    const share = counts ? counts.shares[opinion] : 0;
    node.querySelector(`.opinion-fill.${opinion}`).style.width = `${(share * 100).toFixed(1)}%`;
  }
  node.querySelector(".opinion-counts").textContent = opinionCountsText(counts);
  if (!canRun) return;
  showAction(node, "approve", status === "pending");
  showAction(node, "hide", status === "visible" || status === "pending");
  showAction(node, "restore", status === "hidden");
}

/** "24 voters · 9 statements · 3 opinion groups", for the card's head. */
export function statementsStats(prompt) {
  const rows = statementRows(prompt);
  const parts = [tn("count_voters", prompt.responses || 0), tn("count_statements", rows.length)];
  const groups = opinionGroups(prompt).length;
  if (groups) parts.push(tn("count_groups", groups));
  const proposed = proposedStatements(prompt).length;
  if (proposed) parts.push(tn("count_pending", proposed));
  return parts.join(" · ");
}

/** `least` is what groups need: {voters, opinions} (client-config's group_min_*). */
export function updateStatementsBody(node, prompt, { canRun, least }) {
  const rows = statementRows(prompt);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const proposals = proposedStatements(prompt);
  const listed = [...rows.map((row) => prompt.ideas.get(row.id)), ...removedStatements(prompt)];
  const sync = (list, ideas) =>
    syncList(
      list,
      ideas,
      (idea) => idea.id,
      createStatement(canRun),
      (item, idea) => updateStatement(item, byId.get(idea.id), idea, canRun),
    );
  sync(node.querySelector(".proposal-list"), proposals);
  node.querySelector(".proposals").hidden = proposals.length === 0;
  sync(node.querySelector(".statement-list"), listed);
  const draft = prompt.status === "draft";
  const adder = node.querySelector(".statement-adder");
  if (adder) adder.hidden = prompt.status === "closed";
  node.querySelector(".results-private-note").hidden = draft || !prompt.tallies_hidden;
  node.querySelector(".opinion-key").hidden = draft || rows.length === 0;
  const empty = node.querySelector(".statements-section > .empty");
  empty.hidden = listed.length > 0;
  empty.textContent = t("no_statements_yet_staff");
  const groupsPanel = node.querySelector(".opinion-groups");
  groupsPanel.hidden = draft || rows.length === 0;
  updateGroups(groupsPanel, prompt, rows, least);
}

/** What the groups amount to, in a sentence above their table. */
function groupsNote(prompt, groups, least) {
  if (!prompt.results || groups.length === 0) return t("groups_too_few", least);
  if (groups.length === 1) return t("groups_one");
  return tn("groups_found", groups.length, { voters: prompt.results.voters });
}

/** Each group's share agreeing and disagreeing with each statement, in a table. */
function updateGroups(panel, prompt, rows, least) {
  const groups = opinionGroups(prompt);
  panel.querySelector(".groups-note").textContent = groupsNote(prompt, groups, least);
  const table = panel.querySelector(".groups-table");
  const box = panel.querySelector(".groups-table-box");
  box.hidden = groups.length < 2;
  const signature = JSON.stringify([groups, rows.map((row) => [row.id, row.text])]);
  if (box.hidden || table.dataset.drawn === signature) return;
  table.dataset.drawn = signature;
  const head = el("tr", {}, [
    el("th", { scope: "col" }, t("statement")),
    ...groups.map((group, index) =>
      el("th", { scope: "col" }, [
        el("span", { className: "group-name" }, t("group_n", { n: index + 1 })),
        el("span", { className: "group-size" }, tn("people", group.size)),
      ]),
    ),
  ]);
  const body = rows.map((row) =>
    el("tr", {}, [
      el("th", { scope: "row" }, row.text),
      ...row.groups.map((share) => groupCell(share)),
    ]),
  );
  table.replaceChildren(
    el("caption", { className: "visually-hidden" }, t("groups_caption")),
    el("thead", {}, [head]),
    el("tbody", {}, body),
  );
}

function groupCell(share) {
  const agree = share ? share.agree : null;
  const cell = el("td", { className: "group-cell" }, [
    el("span", { className: "group-agree" }, t("share_agree", { share: shareText(agree) })),
    el(
      "span",
      { className: "group-disagree" },
      t("share_disagree", { share: shareText(share ? share.disagree : null) }),
    ),
  ]);
  // The cell's own tint says how far the group agrees: the more, the deeper.
  cell.style.setProperty("--agree", String(agree ?? 0));
  cell.style.setProperty("--disagree", String(share ? share.disagree : 0));
  if (agree != null && agree >= SIDE_SHARE) cell.classList.add("agrees");
  if (share && share.disagree >= SIDE_SHARE) cell.classList.add("disagrees");
  return cell;
}
