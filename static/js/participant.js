// The participant page: join with a name, post ideas, vote, watch the room live.

import { LiveRoom, RequestError } from "./live.js";
import {
  announce,
  authorLine,
  el,
  errorMessage,
  loadStrings,
  newestIdeas,
  rankedIdeas,
  setLinkedText,
  syncList,
  t,
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

const seenIdeas = new Set();
let firstRender = true;

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
  syncList(ui.openPrompts, open, (p) => p.id, createOpenPrompt, updateOpenPrompt);
  syncList(ui.closedPrompts, closed, (p) => p.id, createClosedPrompt, updateClosedPrompt);
  ui.waiting.hidden = open.length > 0;
  ui.resultsHeading.hidden = closed.length === 0;
  announceNewIdeas(prompts);
}

function announceNewIdeas(prompts) {
  const fresh = [];
  for (const prompt of prompts) {
    for (const idea of prompt.ideas.values()) {
      if (!seenIdeas.has(idea.id)) {
        seenIdeas.add(idea.id);
        if (prompt.status === "open" && idea.author_id !== room.me?.id) fresh.push(idea);
      }
    }
  }
  if (!firstRender && fresh.length === 1) {
    announce(ui.announcer, t("new_idea_from", { name: authorLine(fresh[0]) }));
  } else if (!firstRender && fresh.length > 1) {
    announce(ui.announcer, tn("new_ideas", fresh.length));
  }
  firstRender = false;
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
    el("div", { className: "prompt-head" }, [
      el("span", { className: "badge open" }, t("status_open")),
      el("p", { className: "budget", "aria-live": "polite" }),
    ]),
    el("h2", { id: `prompt-${prompt.id}`, className: "prompt-text" }),
    form,
    el("ol", { className: "ideas", "aria-label": t("ideas") }),
    el("p", { className: "empty" }, t("no_ideas_yet")),
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

function updateOpenPrompt(section, prompt) {
  setLinkedText(section.querySelector(".prompt-text"), prompt.text);
  const left = room.state.votesLeft(prompt);
  section.querySelector(".budget").textContent = tn("votes_left", left);
  const voted = room.state.votedFor(prompt.id);
  const pending = room.pendingIdeas(prompt.id).map((entry) => ({ pending: true, ...entry }));
  const ideas = [...pending.reverse(), ...newestIdeas(prompt)];
  const list = section.querySelector(".ideas");
  syncList(
    list,
    ideas,
    (item) => (item.pending ? `pending-${item.client_id}` : item.id),
    createIdea,
    (node, item) => updateIdea(node, item, { voted: voted.has(item.id), left, live: true }),
  );
  section.querySelector(".empty").hidden = ideas.length > 0;
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

function updateIdea(node, item, { voted = false, left = 0, live = false, rank = null } = {}) {
  const text = node.querySelector(".idea-text");
  if (text.dataset.text !== item.text) {
    setLinkedText(text, item.text);
    text.dataset.text = item.text;
  }
  node.classList.toggle("pending", Boolean(item.pending));
  node.classList.toggle("voted", voted);
  node.querySelector(".author").textContent = item.pending ? t("sending") : authorLine(item);
  const votes = node.querySelector(".votes");
  votes.textContent = item.pending ? "" : tn("votes", item.votes);
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
  const error = section.querySelector(".form-error");
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
  const ideas = rankedIdeas(prompt);
  syncList(section.querySelector(".ideas"), ideas, (idea) => idea.id, createIdea, (node, idea) =>
    updateIdea(node, idea, { voted: voted.has(idea.id) }),
  );
  section.querySelector(".empty").hidden = ideas.length > 0;
}

// -- start ----------------------------------------------------------------------

showConnection("connecting");
if (!room.token) showJoinForm();
room.start();
