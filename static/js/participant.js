// The participant page: join with a name, post ideas, vote, watch the room live.

import { LiveRoom, RequestError } from "./live.js";
import {
  announce,
  attributionOf,
  authorLine,
  countdownText,
  el,
  errorMessage,
  loadStrings,
  newestIdeas,
  rankedIdeas,
  setCountdown,
  setLinkedText,
  syncList,
  t,
  tickCountdowns,
  tn,
} from "./render.js";

const IDEA_MAX = 500;

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
  messages: document.getElementById("messages"),
  announcer: document.getElementById("announcer"),
};

// Often enough that the shown second turns over on time; the DOM changes once a second.
const TICK_MS = 250;
const PHASES = ["collect", "group", "vote", "results"];

const seenIdeas = new Set();
let firstRender = true;
// The prompt the facilitator last brought everyone to, so we scroll there once per move.
let followed = null;

const room = new LiveRoom({
  joinCode,
  tokenKey: `roundtable.participant.${eventId}`,
  outboxKey: `roundtable.outbox.${joinCode}`,
  handlers: {
    change: render,
    connection: showConnection,
    needName: showJoinForm,
    joined: (ack) => showRoom(ack),
    joinFailed: (error) => {
      announce(ui.joinSection.hidden ? ui.messages : ui.joinError, errorMessage(error));
    },
    ideaRefused: (entry, error) => {
      const section = ui.openPrompts.querySelector(`[data-key="${entry.prompt_id}"]`);
      const message = t("idea_refused", { reason: errorMessage(error) });
      if (section) {
        const textarea = section.querySelector("textarea");
        // Give the words back, so nothing typed is lost.
        if (textarea && !textarea.value.trim()) {
          textarea.value = entry.text;
          updateCounter(section);
        }
        announce(section.querySelector(".form-error"), message);
      } else {
        announce(ui.messages, message);
      }
    },
  },
});

// -- joining ------------------------------------------------------------------

function showConnection(status) {
  ui.connection.dataset.status = status;
  ui.connection.textContent = t(`connection_${status}`);
}

function showJoinForm() {
  ui.joinSection.hidden = false;
  ui.room.hidden = true;
}

function showRoom(ack) {
  ui.joinSection.hidden = true;
  ui.room.hidden = false;
  if (ack.role !== "participant") announce(ui.messages, t("signed_in_as_staff"));
  if (ack.participant) {
    const me = { author: ack.participant.name, affiliation: ack.participant.affiliation };
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
  } catch (error) {
    announce(ui.joinError, errorMessage({ code: error instanceof RequestError ? error.code : "" }));
  } finally {
    ui.joinButton.disabled = false;
  }
});

// -- the room -------------------------------------------------------------------

function render() {
  const state = room.state;
  if (!state.roundtable) return;
  ui.participants.textContent = tn("participants", state.participants);
  const prompts = [...state.prompts.values()].sort((a, b) => a.position - b.position || a.id - b.id);
  const open = prompts.filter((prompt) => prompt.status === "open");
  const closed = prompts.filter((prompt) => prompt.status === "closed").reverse();
  // Follow me: the facilitator brought everyone to one open prompt; show that one alone.
  const focusId = state.roundtable.focus_prompt_id ?? null;
  const focused = open.find((prompt) => prompt.id === focusId) || null;
  const shown = focused ? [focused] : open;
  syncList(ui.openPrompts, shown, (p) => p.id, createOpenPrompt, (section, prompt) =>
    updateOpenPrompt(section, prompt, prompt === focused),
  );
  syncList(ui.closedPrompts, closed, (p) => p.id, createClosedPrompt, updateClosedPrompt);
  ui.waiting.hidden = open.length > 0;
  ui.resultsHeading.hidden = closed.length === 0;
  announceNewIdeas(prompts);
  follow(focused);
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
        if (prompt.status === "open" && !idea.hidden && !isMine(idea)) fresh.push({ idea, prompt });
      }
    }
  }
  if (!firstRender && fresh.length === 1) {
    const { idea, prompt } = fresh[0];
    const name = authorLine(idea, attributionOf(prompt, room.state.roundtable));
    announce(ui.announcer, t("new_idea_from", { name }));
  } else if (!firstRender && fresh.length > 1) {
    announce(ui.announcer, tn("new_ideas", fresh.length));
  }
  firstRender = false;
}

/** Mine: acked to me, marked in my snapshot, or (arriving before its ack) still in my outbox. */
function isMine(idea) {
  if (room.state.isMine(idea.id)) return true;
  return room.pendingIdeas(idea.prompt_id).some((entry) => entry.text === idea.text);
}

/** The phase's name and what one can do in it, or nothing for a prompt run without phases. */
function phaseOf(prompt) {
  return PHASES.includes(prompt.phase) ? prompt.phase : null;
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
  const textareaId = `idea-input-${prompt.id}`;
  const counterId = `idea-counter-${prompt.id}`;
  const textarea = el("textarea", {
    id: textareaId,
    name: "text",
    rows: 3,
    maxLength: IDEA_MAX,
    required: true,
    "aria-describedby": counterId,
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
  const section = el("section", { className: "card prompt", "aria-labelledby": `prompt-${prompt.id}` }, [
    el("p", { className: "focus-note" }, t("brought_here")),
    el("div", { className: "prompt-head" }, [
      el("span", { className: "badge open" }, t("status_open")),
      el("span", { className: "countdown", role: "timer" }),
      el("p", { className: "budget", "aria-live": "polite" }),
    ]),
    el("h2", { id: `prompt-${prompt.id}`, className: "prompt-text" }),
    el("p", { className: "phase-help" }),
    el("p", { className: "hint private-note" }, t("private_note")),
    form,
    el("p", { className: "hint tallies-note" }, t("tallies_hidden")),
    el("p", { className: "hidden-count" }),
    el("ol", { className: "ideas", "aria-label": t("ideas") }),
    el("p", { className: "empty" }),
    el("p", { className: "form-error vote-error", role: "status", "aria-live": "polite" }),
  ]);
  textarea.addEventListener("input", () => {
    updateCounter(section);
    keepDraft(prompt.id, textarea.value);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    const error = section.querySelector(".form-error");
    if (!text) {
      announce(error, t("error_text_empty"));
      textarea.focus();
      return;
    }
    error.textContent = "";
    room.postIdea(prompt.id, text);
    textarea.value = "";
    keepDraft(prompt.id, "");
    updateCounter(section);
  });
  section.querySelector(".ideas").addEventListener("click", onVoteClick);
  updateCounter(section);
  return section;
}

function updateCounter(section) {
  const textarea = section.querySelector("textarea");
  const counter = section.querySelector(".counter");
  const used = textarea.value.length;
  counter.textContent = t("characters_used", { n: used, max: IDEA_MAX });
  counter.classList.toggle("near-limit", used > IDEA_MAX - 50);
}

function updateOpenPrompt(section, prompt, focused) {
  const phase = phaseOf(prompt);
  const canPost = prompt.can_post !== false;
  const canVote = prompt.can_vote !== false;
  const results = phase === "results";
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
  help.textContent = phase ? t(`phase_help_${phase}`) : "";
  section.querySelector(".private-note").hidden = !(prompt.private && !prompt.revealed && canPost);
  section.querySelector(".idea-form").hidden = !canPost;
  const left = room.state.votesLeft(prompt);
  const budget = section.querySelector(".budget");
  budget.hidden = !canVote;
  budget.textContent = tn("votes_left", left);
  const counted = [...prompt.ideas.values()].some((idea) => idea.votes != null);
  section.querySelector(".tallies-note").hidden = !(prompt.hide_tallies && !results && !counted);
  const voted = room.state.votedFor(prompt.id);
  const visible = [...prompt.ideas.values()].filter((idea) => !idea.hidden);
  // Only a private brainstorm's ideas wait to be revealed; hidden or merged ones are gone.
  const hidden = [...prompt.ideas.values()].filter(
    (idea) => idea.hidden && (idea.status || "private") === "private",
  ).length;
  const hiddenCount = section.querySelector(".hidden-count");
  hiddenCount.hidden = hidden === 0;
  hiddenCount.textContent = hidden ? tn("hidden_ideas", hidden) : "";
  const pending = room.pendingIdeas(prompt.id).map((entry) => ({ pending: true, ...entry }));
  const shownIdeas = results
    ? rankedIdeas(prompt).filter((idea) => !idea.hidden)
    : newestIdeas(prompt).filter((idea) => !idea.hidden);
  const ideas = [...pending.reverse(), ...shownIdeas];
  const list = section.querySelector(".ideas");
  list.classList.toggle("ranked", results);
  list.setAttribute("aria-label", results ? t("results") : t("ideas"));
  const attribution = attributionOf(prompt, room.state.roundtable);
  syncList(
    list,
    ideas,
    (item) => (item.pending ? `pending-${item.client_id}` : item.id),
    createIdea,
    (node, item) =>
      updateIdea(node, item, { voted: voted.has(item.id), left, live: canVote, attribution }),
  );
  const empty = section.querySelector(".empty");
  empty.hidden = ideas.length > 0 || hidden > 0;
  empty.textContent = canPost ? t("no_ideas_yet") : results ? t("no_ideas") : t("no_ideas_so_far");
}

function createIdea(item) {
  const textId = item.pending ? `pending-${item.client_id}` : `idea-${item.id}`;
  return el("li", { className: "idea" }, [
    el("p", { className: "idea-text", id: textId }),
    el("div", { className: "idea-foot" }, [
      el("span", { className: "author" }),
      el("span", { className: "idea-side" }, [
        el("span", { className: "votes" }),
        el("button", {
          type: "button",
          className: "button vote",
          "aria-describedby": textId,
          "data-idea-id": item.pending ? null : item.id,
        }),
      ]),
    ]),
  ]);
}

function updateIdea(
  node,
  item,
  { voted = false, left = 0, live = false, rank = null, attribution = "named" } = {},
) {
  const text = node.querySelector(".idea-text");
  if (text.dataset.text !== item.text) {
    setLinkedText(text, item.text);
    text.dataset.text = item.text;
  }
  node.classList.toggle("pending", Boolean(item.pending));
  node.classList.toggle("voted", voted);
  node.querySelector(".author").textContent = item.pending
    ? t("sending")
    : authorLine(item, attribution);
  const votes = node.querySelector(".votes");
  // Null while the facilitator keeps tallies hidden: show no count at all.
  votes.textContent = item.pending || item.votes == null ? "" : tn("votes", item.votes);
  if (rank !== null) node.dataset.rank = rank;
  const button = node.querySelector("button.vote");
  if (!button) return;
  if (item.pending || !live) {
    button.hidden = true;
    return;
  }
  button.hidden = false;
  button.textContent = voted ? t("take_back_vote") : t("vote");
  button.dataset.action = voted ? "retract" : "cast";
  button.classList.toggle("primary", !voted);
  if (!button.dataset.busy) button.disabled = !voted && left === 0;
}

async function onVoteClick(event) {
  const button = event.target.closest("button.vote");
  if (!button || button.disabled) return;
  const ideaId = Number(button.dataset.ideaId);
  const section = button.closest("section");
  const error = section.querySelector(".vote-error");
  button.disabled = true;
  button.dataset.busy = "1";
  try {
    const ack = await room.vote(ideaId, { retract: button.dataset.action === "retract" });
    if (ack.ok) error.textContent = "";
    else announce(error, errorMessage(ack.error));
  } catch (failure) {
    announce(error, errorMessage({ code: failure instanceof RequestError ? failure.code : "" }));
  } finally {
    delete button.dataset.busy;
    render();
  }
}

function createClosedPrompt(prompt) {
  return el("section", { className: "card prompt closed", "aria-labelledby": `closed-${prompt.id}` }, [
    el("div", { className: "prompt-head" }, [el("span", { className: "badge closed" }, t("status_closed"))]),
    el("h3", { id: `closed-${prompt.id}`, className: "prompt-text" }),
    el("ol", { className: "ideas ranked", "aria-label": t("results") }),
    el("p", { className: "empty" }, t("no_ideas")),
  ]);
}

function updateClosedPrompt(section, prompt) {
  setLinkedText(section.querySelector(".prompt-text"), prompt.text);
  const voted = room.state.votedFor(prompt.id);
  const ideas = rankedIdeas(prompt).filter((idea) => !idea.hidden);
  const attribution = attributionOf(prompt, room.state.roundtable);
  syncList(section.querySelector(".ideas"), ideas, (idea) => idea.id, createIdea, (node, idea) =>
    updateIdea(node, idea, { voted: voted.has(idea.id), attribution }),
  );
  section.querySelector(".empty").hidden = ideas.length > 0;
}

// -- timers ---------------------------------------------------------------------

/** Count every timer down each second; tell screen-reader users only at milestones. */
function tickTimers() {
  tickCountdowns(ui.openPrompts, room.serverNow(), (node, left) => {
    announce(ui.announcer, countdownText(left));
  });
}

window.setInterval(tickTimers, TICK_MS);

// -- start ----------------------------------------------------------------------

showConnection("connecting");
if (!room.token) showJoinForm();
room.start();
