// The participant page: join with a name, post ideas, vote, answer polls, scales, rankings
// and assessments (answering.js), ask and upvote a panel's questions (questions.js), agree or
// disagree with statements (statements.js), raise a hand to speak (floor.js), watch the room live.

import { runBusy } from "./actions.js";
import { setUpAnswering } from "./answering.js";
import { clientConfig } from "./config.js";
import { countIdeas, countLine, rankThemes } from "./counts.js";
import { setUpFloor } from "./floor.js";
import {
  attributionOf,
  authorLine,
  repliesByParent,
  showCharacters,
  wirePostForm,
} from "./ideas.js";
import { LiveRoom, failureMessage } from "./live.js";
import {
  actionButton,
  announce,
  byVotes,
  countdownText,
  el,
  errorMessage,
  loadStrings,
  newestFirst,
  setCountdown,
  setLinkedText,
  syncList,
  t,
  tickCountdowns,
  tn,
} from "./render.js";
import { setUpQuestions } from "./questions.js";
import { isAnswered } from "./results.js";
import { setUpStatements } from "./statements.js";
import { showConnection } from "./status.js";

const config = clientConfig();
const IDEA_MAX = config.idea_max;

const page = document.getElementById("participant");
const { joinCode, eventId } = page.dataset;
loadStrings();

const ui = {
  connection: document.getElementById("connection"),
  participants: document.getElementById("participants"),
  joinSection: document.getElementById("join"),
  joinForm: document.getElementById("join-form"),
  joinError: document.getElementById("join-error"),
  joinButton: document.querySelector("#join-form button[type=submit]"),
  room: document.getElementById("room"),
  whoami: document.getElementById("whoami"),
  openPrompts: document.getElementById("open-prompts"),
  closedPrompts: document.getElementById("closed-prompts"),
  resultsHeading: document.getElementById("results-heading"),
  waiting: document.getElementById("waiting"),
  ended: document.getElementById("ended"),
  messages: document.getElementById("messages"),
  announcer: document.getElementById("announcer"),
};

// Often enough that the shown second turns over on time; the DOM changes once a second.
const TICK_MS = 250;

const seenIdeas = new Set();
// Who I am, as the room may credit me: from my join ack.
let me = null;
let firstRender = true;
// The prompt the facilitator last brought everyone to, so we scroll there once per move.
let followed = null;

const room = new LiveRoom({
  joinCode,
  tokenKey: `roundtable.participant.${eventId}`,
  outboxKey: `roundtable.outbox.${joinCode}`,
  handlers: {
    change: render,
    connection: (status) =>
      showConnection(
        ui.connection,
        status,
        t(status === "offline" ? "connection_offline_kept" : `connection_${status}`),
      ),
    needName: showJoinForm,
    joined: (ack) => showRoom(ack),
    joinFailed: (error) => {
      announce(ui.joinSection.hidden ? ui.messages : ui.joinError, errorMessage(error));
    },
    ideaRefused: (entry, error) => {
      const section = ui.openPrompts.querySelector(`[data-key="${entry.prompt_id}"]`);
      const parent = entry.parent_id && section?.querySelector(`li[data-key="${entry.parent_id}"]`);
      const form = parent ? partOf(parent, "reply-form") : section?.querySelector(".idea-form");
      const message = t(entry.parent_id ? "reply_refused" : refusedKey(entry.prompt_id), {
        reason: errorMessage(error),
      });
      if (!form) {
        announce(ui.messages, message);
        return;
      }
      const textarea = form.querySelector("textarea");
      // Give the words back, so nothing typed is lost.
      if (!textarea.value.trim()) {
        textarea.value = entry.text;
        if (!parent) showCharacters(form, IDEA_MAX);
      }
      if (parent && form.hidden && !parent.querySelector('[data-action="build-on"]').hidden) {
        form.hidden = false;
      }
      announce(form.querySelector(".form-error"), message);
    },
    answerRefused: (entry, error) => answering.refused(entry, error),
  },
});

const answering = setUpAnswering({ room, redraw: render, announcer: ui.announcer });
const drafts = { read: readDraft, keep: keepDraft };
const questions = setUpQuestions({
  room,
  redraw: render,
  announcer: ui.announcer,
  me: () => me,
  drafts,
});
const statements = setUpStatements({ room, redraw: render, drafts });
const floor = setUpFloor({ room, root: document.getElementById("floor"), announcer: ui.announcer });

/** A poll, scale, ranking or assessment: answered, not written. */
/**
 * The module that draws a prompt of a kind other than ideas: answered kinds, a panel's
 * questions, statements; null for an ideas prompt, which this page draws itself.
 */
function drawerOf(prompt) {
  if (isAnswered(prompt)) return answering;
  if (prompt.kind === "questions") return questions;
  if (prompt.kind === "statements") return statements;
  return null;
}

/** What a refused post was called: an idea, a question, a statement. */
function refusedKey(promptId) {
  const kind = room.state.prompts.get(promptId)?.kind;
  if (kind === "questions") return "question_refused";
  if (kind === "statements") return "statement_refused";
  return "idea_refused";
}

// -- joining ------------------------------------------------------------------

function showJoinForm() {
  ui.joinSection.hidden = false;
  ui.room.hidden = true;
}

function showRoom(ack) {
  ui.joinSection.hidden = true;
  ui.room.hidden = false;
  if (ack.role !== "participant") announce(ui.messages, t("signed_in_as_staff"));
  if (ack.participant) {
    me = { author: ack.participant.name, affiliation: ack.participant.affiliation };
    ui.whoami.textContent = t("you_are", { name: authorLine(me) });
  }
}

ui.joinForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(ui.joinForm);
  const name = String(form.get("name") || "").trim();
  const affiliation = String(form.get("affiliation") || "").trim();
  if (!name) {
    announce(ui.joinError, t("error_name_required"));
    return;
  }
  ui.joinButton.disabled = true;
  try {
    await room.whenConnected();
    const ack = await room.join({ name, affiliation: affiliation || undefined });
    // The form is gone: put focus where the room begins, not on the page's body.
    if (ack.ok) ui.whoami.focus();
    else if (ack.error && ack.error.code === "rate_limited") {
      // A whole venue may share one address: join by itself once the wait is over.
      window.setTimeout(() => ui.joinForm.requestSubmit(), ack.error.retry_after * 1000);
    }
  } catch (error) {
    announce(ui.joinError, failureMessage(error));
  } finally {
    ui.joinButton.disabled = false;
  }
});

// -- the room -------------------------------------------------------------------

function render() {
  const state = room.state;
  if (!state.roundtable) return;
  ui.participants.textContent = tn("participants", state.participants);
  const prompts = [...state.prompts.values()].sort(
    (a, b) => a.position - b.position || a.id - b.id,
  );
  const open = prompts.filter((prompt) => prompt.status === "open");
  const closed = prompts.filter((prompt) => prompt.status === "closed").reverse();
  // Follow me: the facilitator brought everyone to one open prompt; show that one alone.
  const focusId = state.roundtable.focus_prompt_id ?? null;
  const focused = open.find((prompt) => prompt.id === focusId) || null;
  const shown = focused ? [focused] : open;
  syncList(
    ui.openPrompts,
    shown,
    (p) => p.id,
    createOpenPrompt,
    (section, prompt) => updateOpenPrompt(section, prompt, prompt === focused),
  );
  syncList(ui.closedPrompts, closed, (p) => p.id, createClosedPrompt, updateClosedPrompt);
  const ended = state.roundtable.status === "closed";
  ui.ended.hidden = !ended;
  ui.waiting.hidden = open.length > 0 || ended;
  ui.resultsHeading.hidden = closed.length === 0;
  announceNewIdeas(prompts);
  follow(focused);
  floor.render();
}

/** Bring the prompt the facilitator chose into view, once each time they choose one. */
function follow(focused) {
  const focusId = focused ? focused.id : null;
  if (focusId === followed) return;
  followed = focusId;
  if (!focused) return;
  const section = ui.openPrompts.querySelector(`[data-key="${focusId}"]`);
  if (!section) return;
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  section.scrollIntoView({ behavior: still ? "auto" : "smooth", block: "start" });
  announce(ui.announcer, t("brought_here"));
}

function announceNewIdeas(prompts) {
  const fresh = [];
  for (const prompt of prompts) {
    for (const idea of prompt.ideas.values()) {
      if (!seenIdeas.has(idea.id)) {
        seenIdeas.add(idea.id);
        if (prompt.status === "open" && !idea.hidden && !isMine(idea)) fresh.push(idea);
      }
    }
  }
  if (!firstRender && fresh.length) announce(ui.announcer, arrivals(fresh));
  firstRender = false;
}

/** What to say of ideas that just arrived, in the words of their prompt's kind. */
function arrivals(fresh) {
  const kind = room.state.prompts.get(fresh[0].prompt_id)?.kind;
  const alike = fresh.every((idea) => idea.prompt_id === fresh[0].prompt_id);
  const name = authorLine(fresh[0]);
  if (alike && kind === "statements") return tn("new_statements", fresh.length);
  if (alike && kind === "questions") {
    return fresh.length === 1
      ? t("new_question_from", { name })
      : tn("new_questions", fresh.length);
  }
  return fresh.length === 1 ? t("new_idea_from", { name }) : tn("new_ideas", fresh.length);
}

/** Mine: acked to me, marked in my snapshot, or (arriving before its ack) still in my outbox. */
function isMine(idea) {
  if (room.state.isMine(idea.id)) return true;
  return room.pendingIdeas(idea.prompt_id).some((entry) => entry.text === idea.text);
}

/** The phase's name and what one can do in it, or nothing for a prompt run without phases. */
function phaseOf(prompt) {
  return config.phases.includes(prompt.phase) ? prompt.phase : null;
}

function draftKey(promptId) {
  return `roundtable.draft.${joinCode}.${promptId}`;
}

function readDraft(promptId) {
  try {
    return window.localStorage.getItem(draftKey(promptId)) || "";
  } catch {
    return "";
  }
}

function keepDraft(promptId, text) {
  try {
    if (text) window.localStorage.setItem(draftKey(promptId), text);
    else window.localStorage.removeItem(draftKey(promptId));
  } catch {
    // No storage: the draft lives as long as the page.
  }
}

function createOpenPrompt(prompt) {
  const drawer = drawerOf(prompt);
  if (drawer) return drawer.create(prompt);
  const textareaId = `idea-input-${prompt.id}`;
  const counterId = `idea-counter-${prompt.id}`;
  const textarea = el("textarea", {
    id: textareaId,
    name: "text",
    rows: 3,
    maxLength: IDEA_MAX,
    required: true,
    "aria-describedby": `${counterId} credit-${prompt.id}`,
    value: readDraft(prompt.id),
  });
  const form = el("form", { className: "idea-form", noValidate: true }, [
    el("label", { for: textareaId }, t("your_idea")),
    textarea,
    el("div", { className: "form-row" }, [
      el("span", { id: counterId, className: "counter" }),
      el("button", { type: "submit", className: "button primary" }, t("post_idea")),
    ]),
    el("p", { className: "form-error", role: "status", "aria-live": "polite" }),
  ]);
  const section = el(
    "section",
    { className: "card prompt", "aria-labelledby": `prompt-${prompt.id}` },
    [
      el("p", { className: "focus-note" }, t("brought_here")),
      el("div", { className: "prompt-head" }, [
        el("span", { className: "badge open" }, t("status_open")),
        el("span", { className: "countdown", role: "timer" }),
        el("p", { className: "budget", "aria-live": "polite" }),
      ]),
      el("h2", { id: `prompt-${prompt.id}`, className: "prompt-text", tabIndex: -1 }),
      el("p", { className: "phase-help" }),
      el("p", { className: "hint private-note" }, t("private_note")),
      el("p", { className: "hint credit-note", id: `credit-${prompt.id}` }),
      form,
      el("p", { className: "hint tallies-note" }, t("tallies_hidden")),
      el("p", { className: "hint idea-count" }),
      el("p", { className: "hidden-count" }),
      el("div", { className: "idea-groups" }),
      el("p", { className: "empty" }),
      el("p", { className: "form-error action-error", role: "status", "aria-live": "polite" }),
    ],
  );
  wirePostForm(form, {
    max: IDEA_MAX,
    keep: (text) => keepDraft(prompt.id, text),
    send: (text) => room.postIdea(prompt.id, text),
  });
  const groups = section.querySelector(".idea-groups");
  groups.addEventListener("click", (event) => onIdeaClick(event, prompt.id));
  groups.addEventListener("submit", (event) => onIdeaSubmit(event, prompt.id));
  return section;
}

/** How my next idea on a prompt will be credited, said before I post it. */
function creditNote(attribution) {
  let line;
  if (attribution === "anonymous") line = t("credit_anonymous");
  else if (attribution === "affiliation") {
    line = me.affiliation
      ? t("credit_affiliation", { affiliation: me.affiliation })
      : t("credit_affiliation_none");
  } else line = t("credit_named", { name: authorLine(me) });
  return t("two_sentences", { first: line, second: t("credit_kept") });
}

/** What this page's viewer may see and do on a prompt right now. */
function contextOf(prompt) {
  const phase = phaseOf(prompt);
  const open = prompt.status === "open";
  const participant = room.role === "participant";
  return {
    results: !open || phase === "results",
    canPost: open && participant && prompt.can_post !== false,
    canVote: open && participant && prompt.can_vote !== false,
    // Authors may change or withdraw their ideas only while ideas are collected.
    collecting: open && participant && (phase === null || phase === "collect"),
    canReact: open && participant,
    voted: room.state.votedFor(prompt.id),
    themesVoted: room.state.themesVotedFor(prompt.id),
    left: room.state.votesLeft(prompt),
    attribution: attributionOf(prompt, room.state.roundtable),
  };
}

function updateOpenPrompt(section, prompt, focused) {
  const drawer = drawerOf(prompt);
  if (drawer) {
    drawer.update(section, prompt, focused);
    return;
  }
  const phase = phaseOf(prompt);
  const ctx = contextOf(prompt);
  section.dataset.phase = phase || "";
  section.classList.toggle("focused", focused);
  section.querySelector(".focus-note").hidden = !focused;
  const badge = section.querySelector(".badge");
  badge.className = `badge open${phase ? ` phase-${phase}` : ""}`;
  badge.textContent = phase ? t(`phase_${phase}`) : t("status_open");
  setCountdown(section.querySelector(".countdown"), prompt.timer, room.serverNow());
  setLinkedText(section.querySelector(".prompt-text"), prompt.text);
  const help = section.querySelector(".phase-help");
  help.hidden = !phase;
  const helpKey = phase === "vote" && prompt.themes.size ? "vote_themes" : phase;
  help.textContent = phase ? t(`phase_help_${helpKey}`) : "";
  const canPost = prompt.can_post !== false;
  section.querySelector(".private-note").hidden = !(prompt.ideas_hidden && canPost);
  section.querySelector(".idea-form").hidden = !canPost;
  const credit = section.querySelector(".credit-note");
  credit.hidden = !canPost || !me;
  credit.textContent = me ? creditNote(ctx.attribution) : "";
  const budget = section.querySelector(".budget");
  budget.hidden = !ctx.canVote;
  budget.textContent = tn("votes_left", ctx.left);
  const counted = [...prompt.ideas.values()].some((idea) => idea.votes != null);
  section.querySelector(".tallies-note").hidden = !(prompt.tallies_hidden && !counted);
  // Only a private brainstorm's ideas wait to be revealed; hidden or merged ones are gone.
  const hidden = [...prompt.ideas.values()].filter(
    (idea) => idea.hidden && (idea.status || "private") === "private",
  ).length;
  const hiddenCount = section.querySelector(".hidden-count");
  hiddenCount.hidden = hidden === 0;
  hiddenCount.textContent = hidden ? tn("hidden_ideas", hidden) : "";
  const ideaCount = section.querySelector(".idea-count");
  ideaCount.hidden = prompt.ideas.size === 0;
  ideaCount.textContent = countLine(countIdeas(prompt.ideas));
  const shown = renderGroups(section.querySelector(".idea-groups"), prompt, ctx);
  const empty = section.querySelector(".empty");
  empty.hidden = shown > 0 || hidden > 0;
  empty.textContent = canPost
    ? t("no_ideas_yet")
    : ctx.results
      ? t("no_ideas")
      : t("no_ideas_so_far");
}

// -- ideas in their themes ------------------------------------------------------

const byPosition = (a, b) => a.position - b.position || a.id - b.id;

const sendingItem = (entry) => ({ pending: true, ...entry });
const ideaKey = (item) => (item.pending ? `pending-${item.client_id}` : item.id);

/**
 * The prompt's ideas as groups: one per theme, then the ideas in none, with those I am
 * still sending on top. Ranked by votes once results are shown, newest first before.
 */
function groupsOf(prompt, ctx) {
  const ideaOrder = ctx.results ? byVotes : newestFirst;
  const themes = ctx.results
    ? rankThemes(prompt.themes)
    : [...prompt.themes.values()].sort(byPosition);
  const known = new Set(themes.map((theme) => theme.id));
  const top = [...prompt.ideas.values()].filter((idea) => !idea.hidden && !idea.parent_id);
  const groups = themes.map((theme) => ({
    key: `theme-${theme.id}`,
    theme,
    ideas: top.filter((idea) => idea.theme_id === theme.id).sort(ideaOrder),
  }));
  const sending = room
    .pendingIdeas(prompt.id)
    .filter((entry) => !entry.parent_id)
    .map(sendingItem)
    .reverse();
  const rest = top.filter((idea) => !known.has(idea.theme_id)).sort(ideaOrder);
  groups.push({
    key: "ungrouped",
    theme: null,
    ideas: [...sending, ...rest],
    themed: themes.length > 0,
  });
  return groups;
}

/** Replies by the idea they build on, oldest first, then those I am still sending. */
function repliesOf(prompt) {
  const shown = [...prompt.ideas.values()].filter((idea) => !idea.hidden);
  return repliesByParent([...shown, ...room.pendingIdeas(prompt.id).map(sendingItem)]);
}

/** Draw a prompt's groups of ideas; returns how many top-level ideas are shown. */
function renderGroups(container, prompt, ctx) {
  const groups = groupsOf(prompt, ctx);
  const replies = repliesOf(prompt);
  // A theme shows even while empty, so the room sees it appear; "other ideas" only if any.
  const shown = groups.filter((group) => group.theme || group.ideas.length || !group.themed);
  syncList(
    container,
    shown,
    (group) => group.key,
    (group) => createGroup(group, prompt),
    (node, group) => updateGroup(node, group, ctx, replies),
  );
  return groups.reduce((n, group) => n + group.ideas.length, 0);
}

function createGroup(group, prompt) {
  const headingId = `group-${prompt.id}-${group.key}`;
  const list = el("ol", { className: "ideas" });
  if (!group.theme) {
    return el("div", { className: "idea-group ungrouped" }, [
      el("h3", { id: headingId, className: "group-name" }, t("other_ideas")),
      list,
    ]);
  }
  return el("section", { className: "idea-group theme-group", "aria-labelledby": headingId }, [
    el("div", { className: "group-head" }, [
      el("h3", { id: headingId, className: "group-name" }),
      el("span", { className: "idea-side" }, [
        el("span", { className: "votes" }),
        el("button", {
          type: "button",
          className: "button vote theme-vote",
          "aria-describedby": `${headingId}-vote-reason`,
          "data-theme-id": group.theme.id,
        }),
        el("span", { className: "vote-reason", id: `${headingId}-vote-reason`, hidden: true }),
      ]),
    ]),
    list,
    el("p", { className: "hint group-empty" }, t("theme_empty")),
  ]);
}

function updateGroup(node, group, ctx, replies) {
  const list = node.querySelector(".ideas");
  if (group.theme) {
    const { theme } = group;
    const voted = ctx.themesVoted.has(theme.id);
    node.querySelector(".group-name").textContent = theme.name;
    node.classList.toggle("voted", voted);
    node.querySelector(".votes").textContent =
      theme.support == null ? "" : tn("supporters", theme.support);
    const button = node.querySelector(".theme-vote");
    setVoteButton(button, { voted, left: ctx.left, live: ctx.canVote });
    // Said in full, so it is not taken for the Vote of an idea in the theme.
    const label = voted ? "take_back_theme_vote" : "vote_theme";
    button.setAttribute("aria-label", t(label, { name: theme.name }));
    node.querySelector(".group-empty").hidden = group.ideas.length > 0;
    list.setAttribute("aria-label", t("ideas_in_theme", { name: theme.name }));
  } else {
    node.querySelector(".group-name").hidden = !group.themed;
    const label = group.themed ? "other_ideas" : ctx.results ? "results" : "ideas";
    list.setAttribute("aria-label", t(label));
  }
  list.classList.toggle("ranked", ctx.results);
  syncList(
    list,
    group.ideas,
    ideaKey,
    (item) => createIdea(item, { reply: false }),
    (li, item) => updateIdea(li, item, ctx, replies.get(item.id) || []),
  );
}

function setVoteButton(button, { voted, left, live }) {
  if (!live) {
    button.hidden = true;
    return;
  }
  button.hidden = false;
  button.textContent = voted ? t("take_back_vote") : t("vote");
  button.dataset.action = voted ? "retract" : "cast";
  button.classList.toggle("primary", !voted);
  const spent = !voted && left === 0;
  if (!button.dataset.busy) button.disabled = spent;
  // A disabled button alone does not say why; the reason sits beside it and describes it.
  const reason = button.parentElement.querySelector(".vote-reason");
  if (!reason) return;
  reason.hidden = !spent;
  reason.textContent = spent ? t("no_votes_left") : "";
}

// -- one idea -------------------------------------------------------------------

function smallButton(action, label, describedBy) {
  return actionButton(label, action, "small quiet", { "aria-describedby": describedBy });
}

function textForm(className, id, label, submit) {
  return el("form", { className, hidden: true, noValidate: true }, [
    el("label", { for: id }, label),
    el("textarea", { id, name: "text", rows: 2, maxLength: IDEA_MAX, required: true }),
    el("div", { className: "form-row" }, [
      el("button", { type: "submit", className: "button primary small" }, submit),
      actionButton(t("cancel"), "cancel"),
    ]),
    el("p", { className: "form-error", role: "status", "aria-live": "polite" }),
  ]);
}

/** An idea (or a reply to one) with its votes, reactions and its author's own tools. */
function createIdea(item, { reply }) {
  const textId = item.pending ? `pending-${item.client_id}` : `idea-${item.id}`;
  const children = [
    el("p", { className: "idea-text", id: textId }),
    el("div", { className: "idea-foot" }, [
      el("span", { className: "author" }),
      el("span", { className: "mine-note" }, t("yours")),
      el("span", { className: "idea-note edited-note" }, t("edited")),
      el("span", { className: "idea-note approval-note" }, t("awaiting_approval")),
      reply
        ? null
        : el("span", { className: "idea-side" }, [
            el("span", { className: "votes" }),
            el("button", {
              type: "button",
              className: "button vote",
              "aria-describedby": `${textId} ${textId}-vote-reason`,
              "data-idea-id": item.pending ? null : item.id,
            }),
            el("span", { className: "vote-reason", id: `${textId}-vote-reason`, hidden: true }),
          ]),
    ]),
  ];
  if (!item.pending) {
    children.push(
      el("div", { className: "idea-tools" }, [
        el(
          "div",
          { className: "reactions", role: "group", "aria-label": t("reactions") },
          config.reactions.map((emoji) =>
            el("button", {
              type: "button",
              className: "reaction",
              "data-emoji": emoji,
              title: t(`reaction_${emoji}`),
            }),
          ),
        ),
        el("span", { className: "idea-actions" }, [
          reply ? null : smallButton("build-on", t("build_on"), textId),
          smallButton("edit", t("edit"), textId),
          smallButton("withdraw", t("withdraw"), textId),
        ]),
      ]),
    );
    if (!reply) children.push(el("ol", { className: "replies", "aria-label": t("replies") }));
  }
  return el("li", { className: reply ? "reply" : "idea" }, children);
}

// An idea's forms are made when first opened: a room of hundreds of ideas stays light.
const PARTS = {
  "idea-edit": (li) =>
    textForm(
      "idea-edit",
      `edit-${li.dataset.key}`,
      t(li.classList.contains("reply") ? "reword_reply" : "reword_idea"),
      t("save"),
    ),
  "withdraw-confirm": () =>
    el("div", { className: "withdraw-confirm", role: "group", "aria-label": t("withdraw") }, [
      el("span", {}, t("withdraw_question")),
      actionButton(t("withdraw_yes"), "withdraw-yes", "small danger"),
      actionButton(t("keep_it"), "cancel"),
    ]),
  "reply-form": (li) =>
    textForm("reply-form", `reply-${li.dataset.key}`, t("build_on_label"), t("post_reply")),
};

/** One of an idea's own parts (`idea-edit`, `withdraw-confirm`, `reply-form`), made if need be. */
function partOf(li, name) {
  const found = li.querySelector(`:scope > .${name}`);
  if (found) return found;
  const part = PARTS[name](li);
  part.hidden = true;
  if (name === "reply-form") li.append(part);
  else li.querySelector(":scope > .idea-tools").after(part);
  return part;
}

/** Close an idea's part if it was ever opened. */
function closePart(li, name) {
  const found = li.querySelector(`:scope > .${name}`);
  if (found) found.hidden = true;
}

function updateIdea(node, item, ctx, replies = []) {
  const text = node.querySelector(".idea-text");
  if (text.dataset.text !== item.text) {
    setLinkedText(text, item.text);
    text.dataset.text = item.text;
  }
  const mine = !item.pending && room.state.isMine(item.id);
  const visible = !item.pending && (item.status || "visible") === "visible";
  const voted = !item.pending && ctx.voted.has(item.id);
  node.classList.toggle("pending", Boolean(item.pending));
  node.classList.toggle("mine", mine);
  node.classList.toggle("voted", voted);
  node.querySelector(".author").textContent = item.pending ? t("sending") : authorLine(item);
  node.querySelector(".mine-note").hidden = !mine;
  node.querySelector(".edited-note").hidden = !item.edited;
  node.querySelector(".approval-note").hidden = item.status !== "pending";
  const votes = node.querySelector(".votes");
  // Null while the facilitator keeps tallies hidden: show no count at all.
  if (votes) votes.textContent = item.pending || item.votes == null ? "" : tn("votes", item.votes);
  const voteButton = node.querySelector("button.vote");
  if (voteButton)
    setVoteButton(voteButton, { voted, left: ctx.left, live: ctx.canVote && visible });
  if (item.pending) return;

  updateReactions(node.querySelector(".reactions"), item, ctx.canReact && visible);
  const canBuild = ctx.canPost && visible && !item.parent_id;
  const canChange = mine && ctx.collecting;
  const tools = node.querySelector(":scope > .idea-tools");
  tools.querySelector('[data-action="edit"]').hidden = !canChange;
  tools.querySelector('[data-action="withdraw"]').hidden = !canChange;
  if (!canChange) {
    closePart(node, "idea-edit");
    closePart(node, "withdraw-confirm");
  }
  const buildOn = tools.querySelector('[data-action="build-on"]');
  if (!buildOn) return;
  buildOn.hidden = !canBuild;
  if (!canBuild) closePart(node, "reply-form");
  const replying = node.querySelector(":scope > .reply-form:not([hidden])");
  buildOn.setAttribute("aria-expanded", String(Boolean(replying)));
  const list = node.querySelector(":scope > .replies");
  list.hidden = replies.length === 0;
  syncList(
    list,
    replies,
    ideaKey,
    (reply) => createIdea(reply, { reply: true }),
    (li, reply) => updateIdea(li, reply, ctx),
  );
}

/** The fixed set of emoji with their counts; pressed where I reacted. Read-only when closed. */
function updateReactions(group, item, live) {
  const counts = item.reactions || {};
  const chosen = new Set(item.my_reactions || []);
  let shown = 0;
  for (const button of group.querySelectorAll(".reaction")) {
    const { emoji } = button.dataset;
    const n = counts[emoji] || 0;
    button.textContent = n ? `${emoji} ${n}` : emoji;
    button.setAttribute(
      "aria-label",
      n ? t("reaction_count", { name: t(`reaction_${emoji}`), n }) : t(`reaction_${emoji}`),
    );
    button.setAttribute("aria-pressed", String(chosen.has(emoji)));
    button.hidden = !live && n === 0;
    if (!button.dataset.busy) button.disabled = !live;
    if (!button.hidden) shown += 1;
  }
  group.hidden = shown === 0;
}

// -- acting on ideas --------------------------------------------------------------

/**
 * Run one request from a button: busy while it runs, its refusal said aloud in `error`
 * (by default the prompt's own message line). Resolves with the ack, or null if none came.
 */
function act(
  button,
  request,
  error = button.closest("section.prompt").querySelector(".action-error"),
) {
  return runBusy(button, request, {
    report: (message) => {
      if (message) announce(error, message);
      else error.textContent = "";
    },
    after: render,
  });
}

function ideaIdOf(node) {
  return Number(node.closest("li").dataset.key);
}

/** Open one of an idea's inline forms (edit, reply) or its withdraw question. */
function reveal(part, focus) {
  part.hidden = false;
  render();
  focus.focus();
}

function onIdeaClick(event, promptId) {
  const button = event.target.closest("button");
  if (!button || button.disabled) return;
  const li = button.closest("li");
  if (button.classList.contains("theme-vote")) {
    const themeId = Number(button.dataset.themeId);
    const retract = button.dataset.action === "retract";
    act(button, () => room.voteTheme(promptId, themeId, { retract }));
  } else if (button.classList.contains("vote")) {
    const retract = button.dataset.action === "retract";
    act(button, () => room.vote(Number(button.dataset.ideaId), { retract }));
  } else if (button.classList.contains("reaction")) {
    act(button, () => room.react(ideaIdOf(button), button.dataset.emoji));
  } else if (button.dataset.action === "build-on") {
    const form = partOf(li, "reply-form");
    reveal(form, form.querySelector("textarea"));
  } else if (button.dataset.action === "edit") {
    const form = partOf(li, "idea-edit");
    const textarea = form.querySelector("textarea");
    const idea = room.state.promptOf(ideaIdOf(button))?.ideas.get(ideaIdOf(button));
    if (form.hidden && idea) textarea.value = idea.text;
    closePart(li, "withdraw-confirm");
    reveal(form, textarea);
  } else if (button.dataset.action === "withdraw") {
    const confirm = partOf(li, "withdraw-confirm");
    closePart(li, "idea-edit");
    reveal(confirm, confirm.querySelector('[data-action="withdraw-yes"]'));
  } else if (button.dataset.action === "withdraw-yes") {
    withdraw(button, promptId);
  } else if (button.dataset.action === "cancel") {
    const part = button.closest("form, .withdraw-confirm");
    part.hidden = true;
    const opener = part.classList.contains("reply-form")
      ? "build-on"
      : part.classList.contains("idea-edit")
        ? "edit"
        : "withdraw";
    render();
    li.querySelector(`:scope > .idea-tools [data-action="${opener}"]`)?.focus();
  }
}

async function withdraw(button, promptId) {
  const ack = await act(button, () => room.withdrawIdea(ideaIdOf(button)));
  if (!ack || !ack.ok) return;
  announce(ui.announcer, t("withdrawn"));
  // The idea is gone, and the focus with it: put it back where one writes the next.
  const section = ui.openPrompts.querySelector(`[data-key="${promptId}"]`);
  const next = section && section.querySelector(".idea-form:not([hidden]) textarea");
  (next || section?.querySelector(".prompt-text"))?.focus();
}

async function onIdeaSubmit(event, promptId) {
  const form = event.target;
  event.preventDefault();
  const textarea = form.querySelector("textarea");
  const error = form.querySelector(".form-error");
  const text = textarea.value.trim();
  if (!text) {
    announce(error, t("error_text_empty"));
    textarea.focus();
    return;
  }
  const li = form.closest("li");
  const ideaId = Number(li.dataset.key);
  if (form.classList.contains("reply-form")) {
    error.textContent = "";
    room.postIdea(promptId, text, ideaId);
    textarea.value = "";
    form.hidden = true;
    render();
    li.querySelector(':scope > .idea-tools [data-action="build-on"]')?.focus();
    return;
  }
  const submit = form.querySelector("button[type=submit]");
  const ack = await act(submit, () => room.editIdea(ideaId, text), error);
  if (!ack || !ack.ok) return;
  form.hidden = true;
  render();
  li.querySelector(':scope > .idea-tools [data-action="edit"]')?.focus();
}

function createClosedPrompt(prompt) {
  const drawer = drawerOf(prompt);
  if (drawer) return drawer.createClosed(prompt);
  return el(
    "section",
    { className: "card prompt closed", "aria-labelledby": `closed-${prompt.id}` },
    [
      el("div", { className: "prompt-head" }, [
        el("span", { className: "badge closed" }, t("status_closed")),
      ]),
      el("h3", { id: `closed-${prompt.id}`, className: "prompt-text" }),
      el("div", { className: "idea-groups" }),
      el("p", { className: "empty" }, t("no_ideas")),
    ],
  );
}

function updateClosedPrompt(section, prompt) {
  const drawer = drawerOf(prompt);
  if (drawer) {
    drawer.updateClosed(section, prompt);
    return;
  }
  setLinkedText(section.querySelector(".prompt-text"), prompt.text);
  const shown = renderGroups(section.querySelector(".idea-groups"), prompt, contextOf(prompt));
  section.querySelector(".empty").hidden = shown > 0;
}

// -- keyboard -------------------------------------------------------------------

// Ctrl+Enter (Cmd+Enter on a Mac) posts whichever idea, reply or edit form the writer is in.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
  const textarea = event.target.closest ? event.target.closest("textarea") : null;
  const form = textarea && textarea.form;
  if (!form || form.id === "join-form") return;
  event.preventDefault();
  form.requestSubmit();
});

// -- timers ---------------------------------------------------------------------

/** Count every timer down each second; tell screen-reader users only at milestones. */
function tickTimers() {
  const now = room.serverNow();
  tickCountdowns(ui.openPrompts, now, (node, left) => {
    announce(ui.announcer, countdownText(left));
  });
  floor.tick(now);
}

window.setInterval(tickTimers, TICK_MS);

// -- start ----------------------------------------------------------------------

if (!room.token) showJoinForm();
room.start();
