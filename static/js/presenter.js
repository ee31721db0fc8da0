// The big screen: one roundtable on the projector, showing what participants see.
// It connects as a screen (through a presenter link, or opened by signed-in staff), so the
// server sends it only the participants' version of everything: ideas kept from the room
// arrive hidden, authors as the attribution allows, no tallies while they are hidden. The
// page shows what it was sent and decides none of that again: a poll's results arrive null
// while the room may not see them, and the board then shows how many answered. A panel's
// questions and statements have boards of their own (screen-kinds.js); the speakers' queue
// runs along the bottom (screen-queue.js).

import { clientConfig } from "./config.js";
import { rankThemes } from "./counts.js";
import { byline, repliesByParent } from "./ideas.js";
import { LiveRoom } from "./live.js";
import { PageTurner, pageSeconds, showPage, splitPages } from "./paging.js";
import { questionGroups } from "./question-lists.js";
import {
  questionsLine,
  renderQuestionsBoard,
  renderStatementsBoard,
  statementsLine,
} from "./screen-kinds.js";
import { setUpQueueBand } from "./screen-queue.js";
import { statementRows } from "./statement-figures.js";
import {
  assessmentRows,
  byRank,
  createScaleChart,
  decimal,
  isAnswered,
  percent,
  radarChart,
  rankingRows,
  responsesLine,
  scaleOf,
  updateScaleChart,
} from "./results.js";
import {
  clockText,
  el,
  loadStrings,
  newestFirst,
  reactionsText,
  secondsLeft,
  syncList,
  t,
  tn,
} from "./render.js";
import { showConnection } from "./status.js";
import { spiralLayout, weight, wordFrequencies } from "./wordcloud.js";

const config = clientConfig();
const PHASES = config.phases;
const TICK_MS = 250;
const FRESH_MS = 6000;
const CONTROLS_IDLE_MS = 3000;
// Card sizes by how many ideas they suit, biggest first (see .cards[data-size]); the last
// is still read from the back of the room, and takes as many pages as it needs.
const CARD_SIZES = [
  [1, "1"],
  [4, "4"],
  [9, "9"],
  [Infinity, "many"],
];
// An idea this long takes two columns of cards, so that it stays a few lines tall.
const WIDE_CARD_CHARS = 140;
// Theme columns side by side; the board turns pages when there are more.
const THEME_COLUMNS = 5;
const CLOUD_WORDS = 45;
// How much the cloud's words may grow or shrink to fill the board.
const CLOUD_MAX_SCALE = 1.6;
// Below this the smallest words could not be read from the back of the room.
const CLOUD_MIN_SCALE = 0.8;
const CLOUD_SCALE_STEP = 0.1;
// How far the join screen's words may shrink to stay clear of the strip at the bottom.
const WELCOME_MIN_FIT = 0.55;
const WELCOME_FIT_STEP = 0.05;

const stage = document.getElementById("presenter");
const { joinCode, roundtableId, screenToken } = stage.dataset;
const lang = document.documentElement.lang || "en";
loadStrings();

const ui = {
  welcome: document.getElementById("welcome"),
  promptScreen: document.getElementById("prompt-screen"),
  participants: document.getElementById("participants"),
  participantsLabel: document.getElementById("participants-label"),
  phase: document.getElementById("phase"),
  ideaCount: document.getElementById("idea-count"),
  promptText: document.getElementById("prompt-text"),
  timer: document.getElementById("timer"),
  timerClock: document.getElementById("timer-clock"),
  timerLabel: document.getElementById("timer-label"),
  boardNote: document.getElementById("board-note"),
  boardBody: document.getElementById("board-body"),
  boardPage: document.getElementById("board-page"),
  ended: document.getElementById("ended"),
  welcomeText: document.querySelector(".welcome-text"),
  spotlight: document.getElementById("spotlight"),
  spotlightText: document.getElementById("spotlight-text"),
  spotlightAuthor: document.getElementById("spotlight-author"),
  spotlightVotes: document.getElementById("spotlight-votes"),
  connection: document.getElementById("connection"),
  toggleMode: document.getElementById("toggle-mode"),
  toggleModeLabel: document.getElementById("toggle-mode-label"),
  toggleJoin: document.getElementById("toggle-join"),
  toggleJoinLabel: document.getElementById("toggle-join-label"),
  toggleFullscreen: document.getElementById("toggle-fullscreen"),
  revoked: document.getElementById("revoked"),
  queueBand: document.getElementById("queue-band"),
};

// -- the room ----------------------------------------------------------------------

const room = new LiveRoom({
  joinCode,
  auth: screenToken ? { screen_token: screenToken } : { screen_of: Number(roundtableId) },
  handlers: {
    change: render,
    connection: (status) => {
      if (!room.stopped) showConnection(ui.connection, status);
    },
    revoked: showRevoked,
    joinFailed: (error) => {
      showConnection(ui.connection, "offline", (error && error.message) || t("connection_offline"));
    },
  },
});

const queueBand = setUpQueueBand(ui.queueBand, { room });

/** The presenter link was revoked (or never opened anything): say so, and show nothing else. */
function showRevoked() {
  stage.dataset.screen = "revoked";
  ui.welcome.hidden = true;
  ui.promptScreen.hidden = true;
  ui.spotlight.hidden = true;
  ui.queueBand.hidden = true;
  ui.revoked.hidden = false;
  showConnection(ui.connection, "offline", t("revoked"));
}

// -- what the server sent for the room ------------------------------------------------

/** Ideas the room may see: those the server did not send hidden. */
function visibleIdeas(prompt) {
  return [...prompt.ideas.values()].filter((idea) => !idea.hidden);
}

/** How many ideas are on the board; in a private brainstorm, those not revealed yet too. */
function ideaTotal(prompt, ideas) {
  if (!prompt.ideas_hidden) return ideas.length;
  return (
    [...prompt.ideas.values()].filter((idea) => idea.status === "private").length + ideas.length
  );
}

/** A prompt's themes (kept by the live client in a map by id), in their order. */
function themesOf(prompt) {
  const themes = prompt.themes instanceof Map ? [...prompt.themes.values()] : [];
  return themes.sort((a, b) => a.position - b.position || a.id - b.id);
}

/** A vote count as sent: null while the server keeps tallies from the room. */
function shownVotes(item) {
  return typeof item.votes === "number" ? item.votes : null;
}

// -- which prompt is on screen ----------------------------------------------------

/** When the prompt was last opened, by the server's clock; 0 when it never was. */
function openedAt(prompt) {
  const when = prompt.opened_at ? Date.parse(prompt.opened_at) : NaN;
  return Number.isNaN(when) ? 0 : when;
}

function hasEnded(state) {
  return Boolean(state.roundtable) && state.roundtable.status === "closed";
}

/**
 * The facilitator's focus (unless a draft), else the most recently opened open prompt; once
 * the roundtable has ended, the one opened last, so that its results stay up.
 */
function currentPrompt(state) {
  const focusId = state.roundtable ? state.roundtable.focus_prompt_id : null;
  const focused = focusId === null || focusId === undefined ? null : state.prompts.get(focusId);
  if (focused && focused.status !== "draft") return focused;
  const ended = hasEnded(state);
  let latest = null;
  for (const prompt of state.prompts.values()) {
    if (prompt.status !== "open" && !(ended && prompt.status === "closed")) continue;
    if (!latest || openedAt(prompt) > openedAt(latest)) latest = prompt;
  }
  return latest;
}

// -- page state ------------------------------------------------------------------

let mode = "list"; // or "cloud"
let joinScreen = false; // the facilitator asked for the join screen over the prompt
let shownPromptId = null;
let wasPrivate = false;
const seenIdeas = new Set();
const freshUntil = new Map();
let freshTimer = null;
// Lists that turn pages by themselves, and those paged in the latest render.
const pager = new PageTurner({ seconds: pageSeconds(), onTurn: () => render() });
const pagedNow = new Set();

/** Ideas that arrived since the prompt went up are highlighted for a few seconds. */
function markFresh(prompt, ideas) {
  const now = Date.now();
  const baseline = prompt.id !== shownPromptId || wasPrivate;
  for (const idea of ideas) {
    if (!seenIdeas.has(idea.id) && !baseline) freshUntil.set(idea.id, now + FRESH_MS);
    seenIdeas.add(idea.id);
  }
  for (const [id, until] of freshUntil) if (until <= now) freshUntil.delete(id);
  if (freshUntil.size && !freshTimer) {
    freshTimer = window.setTimeout(() => {
      freshTimer = null;
      render();
    }, FRESH_MS + 100);
  }
}

function isFresh(idea) {
  return (freshUntil.get(idea.id) || 0) > Date.now();
}

// -- rendering --------------------------------------------------------------------

function render() {
  const state = room.state;
  if (!state.roundtable || room.stopped) return;
  ui.participants.textContent = String(state.participants);
  ui.participantsLabel.textContent = tn("joined", state.participants);

  const prompt = currentPrompt(state);
  const screen = prompt && !joinScreen ? "prompt" : "welcome";
  stage.dataset.screen = screen;
  ui.welcome.hidden = screen !== "welcome";
  ui.promptScreen.hidden = screen !== "prompt";
  ui.toggleJoinLabel.textContent = joinScreen && prompt ? t("back_to_prompt") : t("join_screen");
  ui.toggleModeLabel.textContent = mode === "cloud" ? t("idea_list") : t("word_cloud");
  stage.dataset.mode = mode;
  ui.ended.hidden = !hasEnded(state);
  queueBand.render();
  if (screen === "welcome") afterLayout(fitWelcome);

  if (prompt) {
    const ideas = visibleIdeas(prompt);
    markFresh(prompt, ideas);
    if (screen === "prompt") renderPrompt(prompt, ideas);
    shownPromptId = prompt.id;
    wasPrivate = Boolean(prompt.ideas_hidden);
  } else {
    shownPromptId = null;
  }
  renderSpotlight(state, screen === "prompt" ? prompt : null);
  tick();
  // After this render's layout work: lists no longer on screen stop turning pages.
  afterLayout(() => {
    pager.retain((key) => pagedNow.has(key));
    pagedNow.clear();
  });
}

function renderPrompt(prompt, ideas) {
  if (ui.promptText.dataset.text !== prompt.text) {
    ui.promptText.textContent = prompt.text;
    ui.promptText.dataset.text = prompt.text;
    ui.promptText.dataset.length = lengthClass(prompt.text, 90, 200);
  }
  const phase = prompt.status === "open" && PHASES.includes(prompt.phase) ? prompt.phase : null;
  ui.phase.textContent = phase ? t(`screen_phase_${phase}`) : t(`status_${prompt.status}`);
  ui.phase.dataset.phase = phase || prompt.status;
  ui.ideaCount.textContent = tn("count_ideas", ideaTotal(prompt, ideas));
  ui.timer.dataset.endsAt = (prompt.timer && prompt.timer.ends_at) || "";
  if (isAnswered(prompt)) {
    renderAnswered(prompt);
    return;
  }
  if (prompt.kind === "questions" || prompt.kind === "statements") {
    renderPanel(prompt);
    return;
  }

  const board = boardKind(prompt, ideas);
  ui.boardBody.dataset.kind = board;
  const note = boardNote(prompt, board);
  ui.boardNote.hidden = !note;
  ui.boardNote.textContent = note;
  // Boards that take pages ask for more room once they are laid out (see makeRoom).
  ui.promptScreen.removeAttribute("data-crowded");
  const draw = {
    private: renderPrivate,
    cloud: renderCloud,
    bars: renderBars,
    themes: renderThemes,
    cards: renderCards,
  }[board];
  draw(prompt, ideas);
}

/** What the board shows for this prompt now. */
function boardKind(prompt, ideas) {
  if (prompt.ideas_hidden) return "private";
  if (mode === "cloud") return "cloud";
  const voting =
    prompt.status === "open" && (prompt.phase === "vote" || prompt.phase === "results");
  const counted = prompt.status === "closed" && ideas.some((idea) => (idea.votes || 0) > 0);
  if ((voting || counted) && !prompt.tallies_hidden) return "bars";
  if (themesOf(prompt).length && !voting) return "themes";
  return "cards";
}

function boardNote(prompt, board) {
  if (board === "private") return t("screen_private_note");
  if (prompt.status !== "open" || prompt.phase !== "vote") return "";
  return prompt.tallies_hidden ? t("voting_open") : t("voting_live");
}

/** The board's content: a fresh container when the kind of board changes. */
function boardContainer(kind, create) {
  const current = ui.boardBody.firstElementChild;
  if (current && current.dataset.board === kind) return current;
  const container = create();
  container.dataset.board = kind;
  ui.boardBody.replaceChildren(container);
  return container;
}

/** "Page 2 of 3" under the board while it turns pages; nothing when all of it fits. */
function showPageNumber(index, count) {
  ui.boardPage.textContent = count > 1 ? t("page_of", { page: index + 1, pages: count }) : "";
}

function lengthClass(text, short, medium) {
  if (text.length <= short) return "short";
  return text.length <= medium ? "medium" : "long";
}

// A panel's questions and statements (screen-kinds.js draws their boards).

/** The presenter's layout helpers, for the boards drawn in other modules. */
const board = {
  container: (kind, create) => boardContainer(kind, create),
  afterLayout: (work) => afterLayout(work),
  makeRoom: (needsPages) => makeRoom(needsPages),
  pages: (list) => splitPages(list).pages.length,
  turnPages: (key, list) => turnPages(key, list),
  pageNumber: (index, count) => showPageNumber(index, count),
};

function renderPanel(prompt) {
  const questions = prompt.kind === "questions";
  if (prompt.status === "open") {
    ui.phase.textContent = t(`kind_${prompt.kind}`);
    ui.phase.dataset.phase = "open";
  }
  ui.ideaCount.textContent = questions
    ? questionsLine(prompt)
    : statementsLine(prompt, statementRows(prompt));
  ui.boardBody.dataset.kind = prompt.kind;
  const spotlightId = room.state.roundtable.spotlight_idea_id ?? null;
  // While a question is being answered the room listens: no note over the board then.
  const answering = questions && questionGroups(prompt, spotlightId).answering;
  let note = "";
  if (prompt.status === "open" && questions && !answering) note = t("screen_questions_note");
  else if (prompt.status === "open" && !questions) {
    note = prompt.results ? t("screen_statements_live") : t("screen_statements_hidden");
  }
  ui.boardNote.hidden = !note;
  ui.boardNote.textContent = note;
  ui.promptScreen.removeAttribute("data-crowded");
  if (questions) {
    renderQuestionsBoard(prompt, spotlightId, board);
  } else {
    renderStatementsBoard(prompt, board);
  }
}

// Polls, scales, rankings and assessments: their results, or while the room may not see them,
// how many answered.

function renderAnswered(prompt) {
  if (prompt.status === "open") {
    ui.phase.textContent = t(`kind_${prompt.kind}`);
    ui.phase.dataset.phase = "open";
  }
  ui.ideaCount.textContent = responsesLine(prompt.responses);
  const results = prompt.results;
  const board = results ? prompt.kind : "answers-hidden";
  ui.boardBody.dataset.kind = board;
  let note = "";
  if (prompt.status === "open")
    note = results ? t("screen_answer_live") : t("screen_answer_hidden");
  ui.boardNote.hidden = !note;
  ui.boardNote.textContent = note;
  ui.promptScreen.removeAttribute("data-crowded");
  const draw = {
    "answers-hidden": renderAnswersHidden,
    poll: renderPollBoard,
    scale: renderScaleBoard,
    ranking: renderRankingBoard,
    assessment: renderAssessmentBoard,
  }[board];
  draw(prompt, results);
}

function renderAnswersHidden(prompt) {
  const box = boardContainer("answers-hidden", () =>
    el("div", { className: "private-count" }, [
      el("span", { className: "private-number" }),
      el("span", { className: "private-label" }),
    ]),
  );
  const total = prompt.responses || 0;
  box.querySelector(".private-number").textContent = String(total);
  box.querySelector(".private-label").textContent = tn("unit_responses", total);
  showPageNumber(0, 1);
}

function createAnswerBar() {
  return el("li", { className: "bar-row answer-row" }, [
    el("span", { className: "bar-track" }, [el("span", { className: "bar-fill" })]),
    el("span", { className: "bar-rank" }),
    el("div", { className: "bar-body" }, [
      el("p", { className: "bar-label" }, [el("span", { className: "bar-text" })]),
    ]),
    el("p", { className: "bar-count" }, [
      el("span", { className: "bar-value" }),
      el("span", { className: "bar-unit" }),
    ]),
  ]);
}

/** One row of a poll, ranking or assessment: {text, share, rank, leader, value, unit, said}. */
function updateAnswerBar(node, row) {
  node.classList.toggle("leader", Boolean(row.leader));
  node.classList.toggle("none", !row.share);
  node.classList.toggle("unranked", row.rank == null);
  node.querySelector(".bar-rank").textContent = row.rank == null ? "" : String(row.rank);
  node.querySelector(".bar-text").textContent = row.text;
  node.querySelector(".bar-fill").style.setProperty("--share", String(row.share));
  node.querySelector(".bar-value").textContent = row.big;
  node.querySelector(".bar-unit").textContent = row.unit;
  node.querySelector(".bar-count").setAttribute("aria-label", row.said);
}

/** Bars in a list that turns pages when they do not all fit. */
function renderAnswerBars(prompt, rows, label) {
  const list = boardContainer(`answer-bars-${prompt.kind}`, () =>
    el("ol", { className: "bars answer-bars", "aria-label": label }),
  );
  syncList(list, rows, (row) => row.key, createAnswerBar, updateAnswerBar);
  afterLayout(() => {
    makeRoom(() => splitPages(list).pages.length > 1);
    const index = turnPages(`answers-${prompt.id}`, list);
    showPageNumber(index.page, index.count);
  });
}

function renderPollBoard(prompt, results) {
  const responses = results.responses || 0;
  const most = Math.max(0, ...results.options.map((option) => option.count));
  const rows = results.options.map((option) => ({
    key: option.index,
    text: option.text,
    // Bars measured against everyone who answered, so that they read as shares of the room.
    share: responses ? option.count / responses : 0,
    rank: null,
    leader: most > 0 && option.count === most,
    big: percent(responses ? option.count / responses : 0),
    unit: tn("votes", option.count),
    said: tn("votes", option.count),
  }));
  renderAnswerBars(prompt, rows, t("results_poll"));
}

function renderRankingBoard(prompt, results) {
  const rows = rankingRows(results).map((row) => ({
    ...row,
    big: String(row.count),
    unit: tn("unit_points", row.count),
    said: tn("points", row.count),
  }));
  renderAnswerBars(prompt, rows, t("results_ranking"));
}

function renderScaleBoard(prompt, results) {
  const board = boardContainer("scale", () =>
    el("div", { className: "scale-board" }, [
      el("div", { className: "scale-figures" }, [
        el("p", { className: "scale-average-label" }, t("average_heading")),
        el("p", { className: "scale-average" }),
        el("p", { className: "scale-of" }),
        el("p", { className: "scale-spread" }),
      ]),
      createScaleChart(),
    ]),
  );
  const scale = scaleOf(prompt);
  board.querySelector(".scale-average").textContent =
    results.mean == null ? "–" : decimal(results.mean);
  board.querySelector(".scale-of").textContent = t("scale_from_to", scale);
  const spread = board.querySelector(".scale-spread");
  spread.hidden = results.stdev == null;
  spread.textContent = results.stdev == null ? "" : t("spread", { spread: decimal(results.stdev) });
  updateScaleChart(board.querySelector(".scale-chart"), results, scale);
  showPageNumber(0, 1);
}

function renderAssessmentBoard(prompt, results) {
  const board = boardContainer("assessment", () =>
    el("div", { className: "assessment-board" }, [
      el("ol", { className: "bars answer-bars", "aria-label": t("results_assessment") }),
      el("ol", { className: "radar-grid" }),
    ]),
  );
  const scale = scaleOf(prompt);
  const rows = assessmentRows(results, scale).map((row) => ({
    ...row,
    big: row.count == null ? "–" : decimal(row.count),
    unit: row.count == null ? t("not_scored_yet") : t("out_of", { max: scale.max }),
    said: row.value,
  }));
  const list = board.querySelector(".answer-bars");
  syncList(list, rows, (row) => row.key, createAnswerBar, updateAnswerBar);
  // One radar a page, as large as the board allows, so that its labels read from afar.
  const grid = board.querySelector(".radar-grid");
  const items = byRank(results.items);
  syncList(
    grid,
    items,
    (item) => item.index,
    () =>
      el("li", { className: "radar-card" }, [
        el("h2", { className: "radar-title" }, [
          el("span", { className: "radar-rank" }),
          el("span", { className: "radar-name" }),
        ]),
        el("div", { className: "radar-box" }),
      ]),
    (node, item) => {
      const rank = node.querySelector(".radar-rank");
      rank.hidden = item.rank == null;
      rank.textContent = item.rank == null ? "" : String(item.rank);
      node.querySelector(".radar-name").textContent = item.text;
      const signature = JSON.stringify(item.criteria);
      const box = node.querySelector(".radar-box");
      if (box.dataset.drawn === signature) return;
      box.dataset.drawn = signature;
      box.replaceChildren(radarChart(item, scale, { size: "screen" }));
    },
  );
  afterLayout(() => {
    makeRoom(() => splitPages(list).pages.length > 1 || splitPages(grid).pages.length > 1);
    turnPages(`assessment-items-${prompt.id}`, list);
    const radars = turnPages(`assessment-radars-${prompt.id}`, grid);
    showPageNumber(radars.page, radars.count);
  });
}

// Private brainstorm: a count, never the ideas.

function renderPrivate(prompt, ideas) {
  const box = boardContainer("private", () =>
    el("div", { className: "private-count" }, [
      el("span", { className: "private-number" }),
      el("span", { className: "private-label" }),
    ]),
  );
  const total = ideaTotal(prompt, ideas);
  box.querySelector(".private-number").textContent = String(total);
  box.querySelector(".private-label").textContent = tn("private_count", total);
  showPageNumber(0, 1);
}

// Cards: the ideas, newest first, as many as the screen holds.

function topLevel(ideas) {
  return ideas.filter((idea) => !idea.parent_id);
}

function createCard() {
  return el("li", { className: "idea-card" }, [
    el("p", { className: "idea-text" }),
    el("p", { className: "idea-foot" }, [
      el("span", { className: "idea-author" }),
      el("span", { className: "idea-replies" }),
      el("span", { className: "idea-reactions" }),
      el("span", { className: "idea-votes" }),
    ]),
  ]);
}

function updateCard(node, idea, replies) {
  node.querySelector(".idea-text").textContent = idea.text;
  node.classList.toggle("wide", idea.text.length > WIDE_CARD_CHARS);
  node.classList.toggle("fresh", isFresh(idea));
  setText(node.querySelector(".idea-author"), byline(idea));
  const replyCount = (replies.get(idea.id) || []).length;
  setText(node.querySelector(".idea-replies"), replyCount ? tn("count_replies", replyCount) : "");
  setText(node.querySelector(".idea-reactions"), reactionsText(idea, "  "));
  const votes = shownVotes(idea);
  setText(node.querySelector(".idea-votes"), votes ? tn("votes", votes) : "");
  const foot = node.querySelector(".idea-foot");
  foot.hidden = [...foot.children].every((part) => part.hidden);
}

function setText(node, text) {
  node.textContent = text;
  node.hidden = !text;
}

function renderCards(prompt, ideas) {
  const list = boardContainer("cards", () => el("ol", { className: "cards" }));
  const shown = topLevel(ideas).sort(newestFirst);
  const replies = repliesByParent(ideas);
  syncList(
    list,
    shown,
    (idea) => idea.id,
    createCard,
    (node, idea) => updateCard(node, idea, replies),
  );
  if (!shown.length) {
    showPageNumber(0, 1);
    list.replaceChildren(el("li", { className: "board-empty" }, t("screen_no_ideas_yet")));
    return;
  }
  afterLayout(() => {
    // The biggest cards that hold every idea on one screen; failing that, the smallest
    // (still large), a page at a time.
    const sizes = CARD_SIZES.slice(CARD_SIZES.findIndex(([most]) => shown.length <= most));
    const fitCards = () => {
      for (const [, size] of sizes) {
        list.dataset.size = size;
        const { pages, tooTall } = splitPages(list);
        if (pages.length === 1 && !tooTall) return false;
      }
      return true;
    };
    if (makeRoom(fitCards)) fitCards();
    const index = turnPages(`cards-${prompt.id}`, list);
    showPageNumber(index.page, index.count);
  });
}

// Themes: one column per theme with its ideas, and the ideas not grouped yet.

function renderThemes(prompt, ideas) {
  const grid = boardContainer("themes", () => el("div", { className: "themes" }));
  // Best supported first once votes are in; until then, support is 0 and the order stays.
  const themes = rankThemes(prompt.themes);
  const known = new Set(themes.map((theme) => theme.id));
  const shown = topLevel(ideas);
  const groups = themes.map((theme) => ({
    key: `theme-${theme.id}`,
    name: theme.name,
    ideas: shown.filter((idea) => idea.theme_id === theme.id).sort(newestFirst),
  }));
  const loose = shown.filter((idea) => !known.has(idea.theme_id)).sort(newestFirst);
  if (loose.length)
    groups.push({ key: "ungrouped", name: t("ungrouped"), ideas: loose, loose: true });
  // Up to THEME_COLUMNS side by side, as tall as the board; more take further pages.
  grid.dataset.count = String(Math.min(groups.length, THEME_COLUMNS));
  syncList(grid, groups, (group) => group.key, createThemeColumn, updateThemeColumn);
  afterLayout(() => {
    makeRoom(
      () =>
        splitPages(grid).pages.length > 1 ||
        [...grid.children].some(
          (column) => splitPages(column.querySelector(".theme-ideas")).pages.length > 1,
        ),
    );
    const columns = turnPages(`themes-${prompt.id}`, grid);
    showPageNumber(columns.page, columns.count);
    for (const column of grid.children) {
      if (column.hidden) continue;
      const ideasOf = turnPages(
        `${column.dataset.key}-${prompt.id}`,
        column.querySelector(".theme-ideas"),
      );
      const more = column.querySelector(".theme-more");
      more.textContent =
        ideasOf.count > 1 ? t("page_of", { page: ideasOf.page + 1, pages: ideasOf.count }) : "";
    }
  });
}

function createThemeColumn() {
  return el("section", { className: "theme-column" }, [
    el("h2", { className: "theme-name" }),
    el("ol", { className: "theme-ideas" }),
    el("p", { className: "theme-more" }),
  ]);
}

function updateThemeColumn(node, group) {
  node.classList.toggle("loose", Boolean(group.loose));
  node.querySelector(".theme-name").textContent = group.name;
  syncList(
    node.querySelector(".theme-ideas"),
    group.ideas,
    (idea) => idea.id,
    () =>
      el("li", { className: "theme-idea" }, [
        el("p", { className: "idea-text" }),
        el("p", { className: "idea-author" }),
      ]),
    (item, idea) => {
      item.querySelector(".idea-text").textContent = idea.text;
      item.classList.toggle("fresh", isFresh(idea));
      setText(item.querySelector(".idea-author"), byline(idea));
    },
  );
}

// Bars: the themes ranked by support (the server's figure), then the ideas ranked by votes.

/** Rows ranked within their kind: equal counts share a rank; a 0 never leads. */
function rankRows(rows) {
  let rank = 0;
  let previous = null;
  rows.forEach((row, index) => {
    if (row.count !== previous) rank = index + 1;
    previous = row.count;
    row.rank = rank;
  });
  const most = Math.max(1, ...rows.map((row) => row.count));
  for (const row of rows) row.share = row.count / most;
  return rows;
}

function renderBars(prompt, ideas) {
  const list = boardContainer("bars", () =>
    el("ol", { className: "bars", "aria-label": t("screen_results") }),
  );
  const themes = rankThemes(prompt.themes).map((theme) => ({
    key: `theme-${theme.id}`,
    text: theme.name,
    theme: true,
    count: theme.support || 0,
  }));
  const ranked = topLevel(ideas)
    .map((idea) => ({
      key: `idea-${idea.id}`,
      id: idea.id,
      text: idea.text,
      theme: false,
      count: shownVotes(idea) || 0,
    }))
    .sort((a, b) => b.count - a.count || a.id - b.id);
  const rows = [...rankRows(themes), ...rankRows(ranked)];
  syncList(list, rows, (row) => row.key, createBar, updateBar);
  if (!rows.length) {
    showPageNumber(0, 1);
    list.replaceChildren(el("li", { className: "board-empty" }, t("screen_no_ideas_yet")));
    return;
  }
  afterLayout(() => {
    makeRoom(() => splitPages(list).pages.length > 1);
    const index = turnPages(`bars-${prompt.id}`, list);
    showPageNumber(index.page, index.count);
  });
}

function createBar() {
  return el("li", { className: "bar-row" }, [
    el("span", { className: "bar-track" }, [el("span", { className: "bar-fill" })]),
    el("span", { className: "bar-rank" }),
    el("div", { className: "bar-body" }, [
      el("p", { className: "bar-label" }, [
        el("span", { className: "bar-tag" }, t("theme")),
        el("span", { className: "bar-text" }),
      ]),
    ]),
    el("p", { className: "bar-count" }, [
      el("span", { className: "bar-value" }),
      el("span", { className: "bar-unit" }),
    ]),
  ]);
}

function updateBar(node, row) {
  node.classList.toggle("theme", row.theme);
  node.classList.toggle("leader", row.rank === 1 && row.count > 0);
  node.classList.toggle("none", row.count === 0);
  node.querySelector(".bar-rank").textContent = String(row.rank);
  node.querySelector(".bar-tag").hidden = !row.theme;
  node.querySelector(".bar-text").textContent = row.text;
  node.querySelector(".bar-fill").style.setProperty("--share", String(row.share));
  // A theme counts people (each once), an idea counts votes: the unit says which.
  const kind = row.theme ? "supporters" : "votes";
  node.querySelector(".bar-value").textContent = String(row.count);
  node.querySelector(".bar-unit").textContent = tn(`unit_${kind}`, row.count);
  node.querySelector(".bar-count").setAttribute("aria-label", tn(kind, row.count));
}

// Word cloud: the ideas' words, sized by how often people used them.

function renderCloud(prompt, ideas) {
  const cloud = boardContainer("cloud", () => el("div", { className: "cloud" }));
  const words = wordFrequencies(
    ideas.map((idea) => idea.text),
    { lang, limit: CLOUD_WORDS },
  );
  showPageNumber(0, 1);
  if (!words.length) {
    cloud.replaceChildren(el("span", { className: "board-empty" }, t("no_words_yet")));
    return;
  }
  const least = words[words.length - 1].count;
  const most = words[0].count;
  syncList(
    cloud,
    words,
    (word) => word.key,
    () => el("span", { className: "cloud-word" }),
    (node, word) => {
      node.textContent = word.word;
      node.style.setProperty("--weight", weight(word.count, least, most).toFixed(3));
      node.dataset.count = String(word.count);
    },
  );
  [...cloud.children].forEach((node, index) => {
    node.dataset.tone = String(index % 5);
  });
  afterLayout(() => fitCloud(cloud));
}

/**
 * Lay the cloud out as big as the board allows: from a large size down, the first at which
 * every word has room. When even the smallest leaves a word out, that word and every rarer
 * one stay out, never a more frequent one for a rarer one.
 */
function fitCloud(cloud) {
  const words = [...cloud.querySelectorAll(".cloud-word")];
  let scale = CLOUD_MAX_SCALE;
  let fitted = false;
  for (; scale >= CLOUD_MIN_SCALE && !fitted; scale -= CLOUD_SCALE_STEP) {
    cloud.style.setProperty("--scale", scale.toFixed(2));
    fitted = spiralLayout(cloud, words, { giveUp: true }) === 0;
  }
  if (!fitted) {
    cloud.style.setProperty("--scale", String(CLOUD_MIN_SCALE));
    const missed = spiralLayout(cloud, words, { giveUp: true });
    // Placed most frequent first, so the words before the first miss are placed as before.
    const room = words.findIndex((word) => word.hidden);
    if (missed && room >= 0) {
      for (const word of words.slice(room)) word.hidden = true;
      spiralLayout(cloud, words.slice(0, room));
    }
  }
  // Placed words glide to their new spots from now on; new ones fade in where they land.
  window.requestAnimationFrame(() => {
    for (const word of words) word.classList.add("placed");
  });
}

// Spotlight: one idea, big, over everything; a question being answered is shown on its own
// prompt's board instead, while that prompt is on screen.

function renderSpotlight(state, onScreen) {
  const ideaId = state.roundtable.spotlight_idea_id;
  const prompt = ideaId === null || ideaId === undefined ? null : state.promptOf(ideaId);
  const idea = prompt ? prompt.ideas.get(ideaId) : null;
  const onBoard = Boolean(prompt) && prompt === onScreen && prompt.kind === "questions";
  const shown = Boolean(idea) && !idea.hidden && !onBoard;
  ui.spotlight.hidden = !shown;
  stage.classList.toggle("spotlit", shown);
  if (!shown) return;
  ui.spotlightText.textContent = idea.text;
  ui.spotlightText.dataset.length = lengthClass(idea.text, 80, 200);
  setText(ui.spotlightAuthor, byline(idea));
  const votes = shownVotes(idea);
  setText(ui.spotlightVotes, votes ? tn("votes", votes) : "");
  // Anonymous and without a count: no empty footer under the idea.
  ui.spotlightAuthor.parentElement.hidden = ui.spotlightAuthor.hidden && ui.spotlightVotes.hidden;
}

// -- fitting the screen -------------------------------------------------------------

let layoutQueued = [];

/** Run `work` once the browser has laid the page out, batched per frame. */
function afterLayout(work) {
  layoutQueued.push(work);
  if (layoutQueued.length > 1) return;
  window.requestAnimationFrame(() => {
    const queued = layoutQueued;
    layoutQueued = [];
    for (const job of queued) job();
  });
}

/** Show the page of `list` due now (see paging.js); returns {page, count}. */
function turnPages(key, list) {
  const { pages } = splitPages(list);
  const page = pager.pageOf(key, pages.length);
  showPage(pages, page);
  pagedNow.add(key);
  return { page, count: pages.length };
}

/**
 * Give the board the room of a smaller question when it will take pages: `needsPages()`
 * measures with the question at full size. Returns whether it made room.
 */
function makeRoom(needsPages) {
  ui.promptScreen.removeAttribute("data-crowded");
  const crowded = needsPages();
  ui.promptScreen.toggleAttribute("data-crowded", crowded);
  return crowded;
}

/** Shrink the join screen's words together until they fit above the strip at the bottom. */
function fitWelcome() {
  const text = ui.welcomeText;
  let fit = 1;
  text.style.setProperty("--fit", "1");
  while (text.scrollHeight > ui.welcome.clientHeight && fit > WELCOME_MIN_FIT) {
    fit -= WELCOME_FIT_STEP;
    text.style.setProperty("--fit", fit.toFixed(2));
  }
}

window.addEventListener("resize", () => render());

// -- the timer ----------------------------------------------------------------------

function tick() {
  queueBand.tick();
  const endsAt = ui.timer.dataset.endsAt;
  ui.timer.hidden = !endsAt;
  if (!endsAt) return;
  const left = secondsLeft(endsAt, room.serverNow());
  const clock = clockText(left);
  if (ui.timerClock.textContent !== clock) ui.timerClock.textContent = clock;
  const label = left > 0 ? t("screen_time_left") : t("time_up");
  if (ui.timerLabel.textContent !== label) ui.timerLabel.textContent = label;
  ui.timer.dataset.urgency = left === 0 ? "over" : left <= 10 ? "ending" : left <= 60 ? "soon" : "";
}

window.setInterval(tick, TICK_MS);

// -- controls: keys and a toolbar that shows when the mouse moves ----------------------

function toggleMode() {
  mode = mode === "cloud" ? "list" : "cloud";
  render();
}

function toggleJoin() {
  joinScreen = !joinScreen;
  render();
}

function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  else if (document.documentElement.requestFullscreen) {
    document.documentElement.requestFullscreen().catch(() => {});
  }
}

ui.toggleMode.addEventListener("click", toggleMode);
ui.toggleJoin.addEventListener("click", toggleJoin);
ui.toggleFullscreen.addEventListener("click", toggleFullscreen);

const KEYS = { w: toggleMode, j: toggleJoin, f: toggleFullscreen };

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
  const action = KEYS[event.key.toLowerCase()];
  if (!action) return;
  event.preventDefault();
  action();
});

let idleTimer = null;

function wake() {
  stage.classList.add("awake");
  window.clearTimeout(idleTimer);
  idleTimer = window.setTimeout(() => {
    if (!stage.contains(document.activeElement) || document.activeElement === document.body) {
      stage.classList.remove("awake");
    }
  }, CONTROLS_IDLE_MS);
}

document.addEventListener("mousemove", wake);
document.addEventListener("focusin", wake);

// -- start ----------------------------------------------------------------------

room.start();
