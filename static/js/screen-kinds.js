// The big screen's boards for a panel's questions and for statements, read from the back of
// the room. Questions: the one being answered, large, at the top, and the questions still
// waiting below, most upvoted first (those answered are counted, not listed). Statements: a
// large agree, disagree and pass bar for each, consensus and divisive ones marked, and how
// each opinion group agreed; while the room may not see results, how many voted.
//
// `board` gives the presenter's layout helpers: container(kind, create), afterLayout(work),
// makeRoom(needsPages), pages(list) (how many it takes), turnPages(key, list) and
// pageNumber(index, count).

import { byline } from "./ideas.js";
import { questionGroups } from "./question-lists.js";
import { el, syncList, t, tn } from "./render.js";
import { opinionGroups, shareText, statementRows, OPINIONS } from "./statement-figures.js";

// Below this share a part of a bar is too narrow to hold its percentage.
const LABELLED_SHARE = 0.08;
// A group agrees (or disagrees) from this share of its members on, as the server decides
// consensus and divisive statements (docs/opinions.md).
const SIDE_SHARE = 0.6;
// How long a question may be and still be shown at the largest size.
const SHORT_QUESTION = 90;
const MEDIUM_QUESTION = 200;

function setText(node, text) {
  node.textContent = text;
  node.hidden = !text;
}

function lengthClass(text) {
  if (text.length <= SHORT_QUESTION) return "short";
  return text.length <= MEDIUM_QUESTION ? "medium" : "long";
}

/** An upvote count as sent: null while the room may not see counts. */
function shownVotes(idea) {
  return typeof idea.votes === "number" ? idea.votes : null;
}

// -- a panel's questions ------------------------------------------------------------

/** "12 questions · 3 answered", for the head of the screen. */
export function questionsLine(prompt) {
  const groups = questionGroups(prompt);
  const asked = groups.waiting.length + groups.answered.length;
  const parts = [tn("count_questions", asked)];
  if (groups.answered.length) parts.push(tn("count_answered", groups.answered.length));
  return parts.join(" · ");
}

export function renderQuestionsBoard(prompt, spotlightId, board) {
  const box = board.container("questions", () =>
    el("div", { className: "questions-board" }, [
      el("section", { className: "answering", "aria-labelledby": "answering-label" }, [
        el("p", { className: "answering-head" }, [
          el("span", { className: "answering-label", id: "answering-label" }, t("answering_label")),
          el("span", { className: "answering-author" }),
          el("span", { className: "answering-votes" }),
        ]),
        el("p", { className: "answering-text" }),
      ]),
      el("ol", { className: "bars question-bars", "aria-label": t("screen_questions") }),
      el("p", { className: "board-empty questions-empty" }),
    ]),
  );
  const groups = questionGroups(prompt, spotlightId);
  const answering = groups.answering;
  const head = box.querySelector(".answering");
  head.hidden = !answering;
  if (answering) {
    const text = head.querySelector(".answering-text");
    text.textContent = answering.text;
    text.dataset.length = lengthClass(answering.text);
    setText(head.querySelector(".answering-author"), byline(answering));
    const votes = shownVotes(answering);
    setText(head.querySelector(".answering-votes"), votes ? tn("upvotes", votes) : "");
  }
  const waiting = groups.waiting;
  const most = Math.max(1, ...waiting.map((idea) => shownVotes(idea) || 0));
  let rank = 0;
  let previous = null;
  const rows = waiting.map((idea, index) => {
    const votes = shownVotes(idea);
    if (votes !== previous) rank = index + 1;
    previous = votes;
    return { idea, votes, rank, share: (votes || 0) / most };
  });
  const list = box.querySelector(".question-bars");
  syncList(list, rows, (row) => row.idea.id, createQuestionRow, updateQuestionRow);
  const empty = box.querySelector(".questions-empty");
  empty.hidden = rows.length > 0 || Boolean(answering);
  empty.textContent = groups.answered.length
    ? t("screen_all_answered")
    : t("screen_no_questions_yet");
  list.hidden = rows.length === 0;
  if (!rows.length) {
    board.pageNumber(0, 1);
    return;
  }
  board.afterLayout(() => {
    // While a question is being answered, the room reads it rather than the prompt.
    board.makeRoom(() => Boolean(answering) || board.pages(list) > 1);
    const index = board.turnPages(`questions-${prompt.id}`, list);
    board.pageNumber(index.page, index.count);
  });
}

function createQuestionRow() {
  return el("li", { className: "bar-row question-row" }, [
    el("span", { className: "bar-track" }, [el("span", { className: "bar-fill" })]),
    el("span", { className: "bar-rank" }),
    el("div", { className: "bar-body" }, [
      el("p", { className: "bar-label" }, [
        el("span", { className: "bar-text" }),
        el("span", { className: "bar-author" }),
      ]),
    ]),
    el("p", { className: "bar-count" }, [
      el("span", { className: "bar-value" }),
      el("span", { className: "bar-unit" }),
    ]),
  ]);
}

function updateQuestionRow(node, row) {
  const counted = row.votes !== null;
  node.classList.toggle("leader", counted && row.rank === 1 && row.votes > 0);
  node.classList.toggle("none", !row.votes);
  node.querySelector(".bar-rank").textContent = String(row.rank);
  node.querySelector(".bar-text").textContent = row.idea.text;
  setText(node.querySelector(".bar-author"), byline(row.idea));
  node.querySelector(".bar-fill").style.setProperty("--share", String(counted ? row.share : 0));
  const count = node.querySelector(".bar-count");
  count.hidden = !counted;
  node.querySelector(".bar-value").textContent = counted ? String(row.votes) : "";
  node.querySelector(".bar-unit").textContent = counted ? tn("unit_upvotes", row.votes) : "";
  count.setAttribute("aria-label", counted ? tn("upvotes", row.votes) : "");
}

// -- statements -----------------------------------------------------------------

/** "24 voters · 9 statements", for the head of the screen. */
export function statementsLine(prompt, rows) {
  return [tn("count_voters", prompt.responses || 0), tn("count_statements", rows.length)].join(
    " · ",
  );
}

export function renderStatementsBoard(prompt, board) {
  if (!prompt.results) {
    renderVotersOnly(prompt, board);
    return;
  }
  const box = board.container("statements", () =>
    el("div", { className: "statements-board" }, [
      el("div", { className: "statements-legend" }, [
        el("p", { className: "opinion-key", "aria-hidden": "true" }, [
          el("span", { className: "key-item agree" }, t("opinion_agree")),
          el("span", { className: "key-item disagree" }, t("opinion_disagree")),
          el("span", { className: "key-item pass" }, t("opinion_pass")),
        ]),
        el("p", { className: "groups-line" }),
      ]),
      el("ol", { className: "statement-rows", "aria-label": t("screen_statements") }),
      el("p", { className: "board-empty statements-empty" }, t("screen_no_statements_yet")),
    ]),
  );
  const rows = statementRows(prompt);
  const groups = opinionGroups(prompt);
  box.querySelector(".groups-line").textContent = groupsLine(prompt, groups);
  const list = box.querySelector(".statement-rows");
  syncList(
    list,
    rows,
    (row) => row.id,
    createStatementRow,
    (node, row) => updateStatementRow(node, row, groups),
  );
  box.querySelector(".statements-empty").hidden = rows.length > 0;
  list.hidden = rows.length === 0;
  if (!rows.length) {
    board.pageNumber(0, 1);
    return;
  }
  board.afterLayout(() => {
    board.makeRoom(() => board.pages(list) > 1);
    const index = board.turnPages(`statements-${prompt.id}`, list);
    board.pageNumber(index.page, index.count);
  });
}

/** "3 opinion groups among 24 voters", or why there are none yet. */
function groupsLine(prompt, groups) {
  const voters = prompt.results.voters || 0;
  if (groups.length > 1) return tn("screen_groups", groups.length, { voters });
  if (groups.length === 1) return t("screen_one_group", { voters });
  return tn("count_voters", voters);
}

function renderVotersOnly(prompt, board) {
  const box = board.container("statements-hidden", () =>
    el("div", { className: "private-count" }, [
      el("span", { className: "private-number" }),
      el("span", { className: "private-label" }),
    ]),
  );
  const voters = prompt.responses || 0;
  box.querySelector(".private-number").textContent = String(voters);
  box.querySelector(".private-label").textContent = tn("unit_voters", voters);
  board.pageNumber(0, 1);
}

function createStatementRow() {
  // The statement, how far each opinion group agrees and its mark on one line; its bar below.
  return el("li", { className: "statement-row" }, [
    el("div", { className: "statement-head" }, [
      el("p", { className: "statement-text" }),
      el("ul", { className: "group-shares" }),
      el("span", { className: "statement-tag consensus" }, t("consensus_badge")),
      el("span", { className: "statement-tag divisive" }, t("divisive_badge")),
    ]),
    el(
      "div",
      { className: "opinion-bar" },
      OPINIONS.map((opinion) =>
        el("span", { className: `opinion-part ${opinion}` }, [el("span", { className: "share" })]),
      ),
    ),
  ]);
}

function updateStatementRow(node, row, groups) {
  node.classList.toggle("consensus", row.consensus);
  node.classList.toggle("divisive", row.divisive);
  node.querySelector(".statement-text").textContent = row.text;
  node.querySelector(".statement-tag.consensus").hidden = !row.consensus;
  node.querySelector(".statement-tag.divisive").hidden = !row.divisive;
  const counts = row.counts;
  const bar = node.querySelector(".opinion-bar");
  bar.classList.toggle("empty", !counts || counts.total === 0);
  for (const opinion of OPINIONS) {
    const share = counts ? counts.shares[opinion] : 0;
    const part = bar.querySelector(`.opinion-part.${opinion}`);
    part.style.setProperty("--share", String(share));
    part.querySelector(".share").textContent = share >= LABELLED_SHARE ? shareText(share) : "";
  }
  bar.setAttribute("role", "img");
  bar.setAttribute(
    "aria-label",
    counts
      ? [
          tn("count_agree", counts.agree),
          tn("count_disagree", counts.disagree),
          tn("count_pass", counts.pass),
        ].join(" · ")
      : t("opinions_hidden"),
  );
  // Each group's agreement, when the room splits into groups.
  const shares = groups.length > 1 ? row.groups : [];
  syncList(
    node.querySelector(".group-shares"),
    shares.map((share, index) => ({ share, index })),
    (entry) => entry.index,
    () => el("li", { className: "group-share" }),
    (item, { share, index }) => {
      item.textContent = t("group_agrees", {
        n: index + 1,
        share: shareText(share ? share.agree : null),
      });
      item.classList.toggle("agrees", Boolean(share && share.agree >= SIDE_SHARE));
      item.classList.toggle("disagrees", Boolean(share && share.disagree >= SIDE_SHARE));
    },
  );
  node.querySelector(".group-shares").hidden = shares.length === 0;
}
