// The facilitator console: write prompts ahead, open and close them, watch ideas and votes.

import { LiveRoom, RequestError } from "./live.js";
import {
  announce,
  authorLine,
  el,
  errorMessage,
  loadStrings,
  rankedIdeas,
  setLinkedText,
  syncList,
  t,
  tn,
} from "./render.js";

const page = document.getElementById("console");
const { joinCode, mayRun } = page.dataset;
const canRun = mayRun === "true";
loadStrings();

const ui = {
  connection: document.getElementById("connection"),
  participants: document.getElementById("participants"),
  participantsLabel: document.getElementById("participants-label"),
  prompts: document.getElementById("prompts"),
  noPrompts: document.getElementById("no-prompts"),
  promptForm: document.getElementById("prompt-form"),
  promptError: document.getElementById("prompt-error"),
  messages: document.getElementById("messages"),
  copyLink: document.getElementById("copy-link"),
  joinLink: document.getElementById("join-link"),
};

const room = new LiveRoom({
  joinCode,
  handlers: {
    change: render,
    connection: (status) => {
      ui.connection.dataset.status = status;
      ui.connection.textContent = t(`connection_${status}`);
      if (status !== "online") setWritable(false);
    },
    joined: () => {
      ui.messages.textContent = "";
      setWritable(true);
    },
    joinFailed: (error) => announce(ui.messages, errorMessage(error)),
  },
});

let clearTimer = null;

/** A passing note ("Prompt added."), cleared after a few seconds; errors stay. */
function note(message) {
  announce(ui.messages, message);
  window.clearTimeout(clearTimer);
  clearTimer = window.setTimeout(() => {
    if (ui.messages.textContent === message) ui.messages.textContent = "";
  }, 4000);
}

function setWritable(writable) {
  const button = ui.promptForm && ui.promptForm.querySelector("button[type=submit]");
  if (button && !button.dataset.busy) button.disabled = !writable;
}

function failureMessage(failure) {
  return errorMessage({ code: failure instanceof RequestError ? failure.code : "" });
}

// -- writing prompts ------------------------------------------------------------

if (ui.promptForm) {
  ui.promptForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData(ui.promptForm);
    const text = String(form.get("text") || "").trim();
    const votes = Number(form.get("votes_per_participant") || 3);
    if (!text) {
      announce(ui.promptError, t("error_prompt_empty"));
      return;
    }
    const button = ui.promptForm.querySelector("button[type=submit]");
    button.disabled = true;
    button.dataset.busy = "1";
    try {
      const ack = await room.request("prompt.create", {
        text,
        kind: "ideas",
        votes_per_participant: votes,
      });
      if (ack.ok) {
        room.state.upsertPrompt(ack.prompt);
        render();
        ui.promptForm.reset();
        ui.promptError.textContent = "";
        note(t("prompt_saved"));
      } else {
        announce(ui.promptError, errorMessage(ack.error));
      }
    } catch (failure) {
      announce(ui.promptError, failureMessage(failure));
    } finally {
      delete button.dataset.busy;
      button.disabled = !room.joined;
    }
  });
}

async function setStatus(button, promptId, action) {
  button.disabled = true;
  try {
    const ack = await room.request(`prompt.${action}`, { prompt_id: promptId });
    if (ack.ok) {
      room.state.upsertPrompt(ack.prompt);
      render();
    } else {
      announce(ui.messages, errorMessage(ack.error));
    }
  } catch (failure) {
    announce(ui.messages, failureMessage(failure));
  } finally {
    button.disabled = false;
  }
}

ui.prompts.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button || button.disabled) return;
  setStatus(button, Number(button.closest("[data-key]").dataset.key), button.dataset.action);
});

// -- showing the room -----------------------------------------------------------

function render() {
  const state = room.state;
  if (!state.roundtable) return;
  ui.participants.textContent = String(state.participants);
  ui.participantsLabel.textContent = tn("joined", state.participants);
  const prompts = [...state.prompts.values()].sort((a, b) => a.position - b.position || a.id - b.id);
  syncList(ui.prompts, prompts, (p) => p.id, createPrompt, updatePrompt);
  ui.noPrompts.hidden = prompts.length > 0;
}

function createPrompt(prompt) {
  const headingId = `prompt-${prompt.id}`;
  const actions = canRun
    ? el("div", { className: "prompt-actions" }, [
        el("button", { type: "button", className: "button primary", "data-action": "open", "aria-describedby": headingId }),
        el("button", { type: "button", className: "button", "data-action": "close", "aria-describedby": headingId }, t("close_prompt")),
      ])
    : null;
  return el("li", { className: "card prompt" }, [
    el("div", { className: "prompt-head" }, [
      el("span", { className: "prompt-number" }),
      el("span", { className: "badge" }),
      el("span", { className: "prompt-stats" }),
    ]),
    el("h3", { id: headingId, className: "prompt-text" }),
    actions,
    el("ol", { className: "ideas ranked", "aria-label": t("ideas_ranked") }),
    el("p", { className: "empty" }),
  ]);
}

function updatePrompt(node, prompt) {
  const position = [...room.state.prompts.values()]
    .sort((a, b) => a.position - b.position || a.id - b.id)
    .indexOf(prompt);
  node.querySelector(".prompt-number").textContent = t("prompt_number", { n: position + 1 });
  const badge = node.querySelector(".badge");
  badge.className = `badge ${prompt.status}`;
  badge.textContent = t(`status_${prompt.status}`);
  node.dataset.status = prompt.status;
  setLinkedText(node.querySelector(".prompt-text"), prompt.text);
  const ideas = rankedIdeas(prompt);
  const totalVotes = ideas.reduce((sum, idea) => sum + idea.votes, 0);
  node.querySelector(".prompt-stats").textContent = [
    tn("ideas_count", ideas.length),
    tn("votes", totalVotes),
    tn("votes_each", prompt.votes_per_participant),
  ].join(" · ");
  const open = node.querySelector('[data-action="open"]');
  const close = node.querySelector('[data-action="close"]');
  if (open) {
    open.hidden = prompt.status === "open";
    open.textContent = prompt.status === "closed" ? t("reopen_prompt") : t("open_prompt");
    close.hidden = prompt.status !== "open";
  }
  const top = ideas.length ? ideas[0].votes : 0;
  syncList(node.querySelector(".ideas"), ideas, (idea) => idea.id, createIdea, (item, idea) =>
    updateIdea(item, idea, top),
  );
  const empty = node.querySelector(".empty");
  empty.hidden = ideas.length > 0;
  empty.textContent = prompt.status === "draft" ? t("draft_hint") : t("no_ideas_yet");
}

function createIdea() {
  return el("li", { className: "idea" }, [
    el("div", { className: "idea-main" }, [
      el("p", { className: "idea-text" }),
      el("span", { className: "author" }),
    ]),
    el("div", { className: "tally" }, [
      el("span", { className: "votes" }),
      el("span", { className: "bar", "aria-hidden": "true" }, [el("span", { className: "bar-fill" })]),
    ]),
  ]);
}

function updateIdea(node, idea, top) {
  const text = node.querySelector(".idea-text");
  if (text.dataset.text !== idea.text) {
    setLinkedText(text, idea.text);
    text.dataset.text = idea.text;
  }
  node.querySelector(".author").textContent = authorLine(idea);
  node.querySelector(".votes").textContent = tn("votes", idea.votes);
  // CSSOM, not a style attribute: allowed by the Content-Security-Policy.
  node.querySelector(".bar-fill").style.width = top ? `${Math.round((idea.votes / top) * 100)}%` : "0%";
}

// -- the join link --------------------------------------------------------------

if (ui.copyLink && navigator.clipboard) {
  ui.copyLink.hidden = false;
  ui.copyLink.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(ui.joinLink.href);
      note(t("link_copied"));
    } catch {
      announce(ui.messages, t("link_not_copied"));
    }
  });
}

room.start();
