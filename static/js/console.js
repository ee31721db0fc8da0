// The facilitator console: write prompts ahead, run them (open, phases, reveal, timer,
// follow me, attribution), watch ideas and votes.

import { LiveRoom, RequestError } from "./live.js";
import {
  announce,
  attributionOf,
  authorLine,
  el,
  errorMessage,
  loadStrings,
  rankedIdeas,
  setCountdown,
  setLinkedText,
  syncList,
  t,
  tickCountdowns,
  tn,
} from "./render.js";

const PHASES = ["collect", "group", "vote", "results"];
const ATTRIBUTIONS = ["named", "affiliation", "anonymous"];
const TIMER_PRESETS_MIN = [1, 2, 3, 5, 10];
const TIMER_MIN_S = 5;
const TIMER_MAX_S = 7200;
// Often enough that the shown second turns over on time; the DOM changes once a second.
const TICK_MS = 250;

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
  attribution: document.getElementById("attribution"),
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
  if (ui.attribution && !ui.attribution.dataset.busy) ui.attribution.disabled = !writable;
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
        phases: form.get("phases") === "1",
        private: form.get("private") === "1",
        hide_tallies: form.get("hide_tallies") === "1",
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

/**
 * Send one facilitation request for `control` (disabled meanwhile) and take in what the
 * ack returns: the prompt or the roundtable. A refusal is said in the console's messages.
 */
async function run(control, event, payload) {
  control.disabled = true;
  control.dataset.busy = "1";
  try {
    const ack = await room.request(event, payload);
    if (ack.ok) {
      if (ack.prompt) room.state.upsertPrompt(ack.prompt);
      if (ack.roundtable) room.state.roundtable = { ...room.state.roundtable, ...ack.roundtable };
    } else {
      announce(ui.messages, errorMessage(ack.error));
    }
  } catch (failure) {
    announce(ui.messages, failureMessage(failure));
  } finally {
    delete control.dataset.busy;
    control.disabled = false;
    render();
  }
}

/** The timer's length in seconds from a prompt card's controls, or null when out of range. */
function timerSeconds(card) {
  const choice = card.querySelector(".timer-duration").value;
  const custom = choice === "custom";
  const seconds = Number(custom ? card.querySelector(".timer-seconds").value : choice);
  const fits = Number.isInteger(seconds) && seconds >= TIMER_MIN_S && seconds <= TIMER_MAX_S;
  return fits ? seconds : null;
}

const ACTIONS = {
  open: (id) => ["prompt.open", { prompt_id: id }],
  close: (id) => ["prompt.close", { prompt_id: id }],
  phase: (id, button) => ["prompt.phase", { prompt_id: id, phase: button.dataset.phase }],
  reveal: (id) => ["prompt.reveal", { prompt_id: id }],
  focus: (id) => ["roundtable.focus", { prompt_id: id }],
  unfocus: () => ["roundtable.focus", { prompt_id: null }],
  "timer-stop": (id) => ["timer.stop", { prompt_id: id }],
  "timer-start": (id, button, card) => {
    const seconds = timerSeconds(card);
    if (seconds === null) return null;
    const advance = card.querySelector(".timer-advance").checked;
    return ["timer.start", { prompt_id: id, seconds, advance }];
  },
};

ui.prompts.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button || button.disabled) return;
  const card = button.closest("[data-key]");
  const request = ACTIONS[button.dataset.action](Number(card.dataset.key), button, card);
  if (request) run(button, ...request);
  else announce(ui.messages, t("error_bad_seconds"));
});

// A prompt's settings: each checkbox or select says one thing to `prompt.configure`.
ui.prompts.addEventListener("change", (event) => {
  const control = event.target;
  const card = control.closest("[data-key]");
  if (control.classList.contains("timer-duration")) {
    card.querySelector(".timer-custom").hidden = control.value !== "custom";
    return;
  }
  const setting = control.dataset.setting;
  if (!setting) return;
  const value = control.type === "checkbox" ? control.checked : control.value || null;
  run(control, "prompt.configure", { prompt_id: Number(card.dataset.key), [setting]: value });
});

if (ui.attribution) {
  ui.attribution.addEventListener("change", () => {
    run(ui.attribution, "roundtable.configure", { attribution: ui.attribution.value });
  });
}


// -- showing the room -----------------------------------------------------------

function sortedPrompts() {
  return [...room.state.prompts.values()].sort((a, b) => a.position - b.position || a.id - b.id);
}

function render() {
  const state = room.state;
  if (!state.roundtable) return;
  ui.participants.textContent = String(state.participants);
  ui.participantsLabel.textContent = tn("joined", state.participants);
  const prompts = sortedPrompts();
  syncList(ui.prompts, prompts, (p) => p.id, createPrompt, updatePrompt);
  ui.noPrompts.hidden = prompts.length > 0;
  if (ui.attribution && !ui.attribution.dataset.busy && state.roundtable.attribution) {
    ui.attribution.value = state.roundtable.attribution;
  }
}

/** The prompt everyone was brought to, if it is still one of ours. */
function focusedPrompt() {
  const focusId = room.state.roundtable.focus_prompt_id ?? null;
  return focusId === null ? null : room.state.prompts.get(focusId) || null;
}

/** A prompt runs in phases when it has one; a draft shows the phase it was created for. */
function runsInPhases(prompt) {
  return PHASES.includes(prompt.phase) || prompt.phases === true;
}

function checkbox(promptId, setting, labelKey) {
  const id = `prompt-${promptId}-${setting}`;
  return el("div", { className: "check" }, [
    el("input", { type: "checkbox", id, "data-setting": setting }),
    el("label", { for: id }, t(labelKey)),
  ]);
}

function controls(prompt) {
  const headingId = `prompt-${prompt.id}`;
  const base = `prompt-${prompt.id}`;
  const describe = { "aria-describedby": headingId };
  const button = (action, label, className = "button", extra = {}) =>
    el("button", { type: "button", className, "data-action": action, ...describe, ...extra }, label);
  const stepper = el("ol", { className: "stepper", "aria-label": t("phases") }, PHASES.map((phase) =>
    el("li", {}, [button("phase", t(`phase_${phase}`), "button step", { "data-phase": phase })]),
  ));
  const presets = TIMER_PRESETS_MIN.map((n) => el("option", { value: String(n * 60) }, tn("minutes", n)));
  const timer = el("fieldset", { className: "timer-control" }, [
    el("legend", {}, t("timer")),
    el("div", { className: "timer-row" }, [
      el("div", { className: "field" }, [
        el("label", { for: `${base}-duration` }, t("timer_duration")),
        el("select", { id: `${base}-duration`, className: "timer-duration" }, [
          ...presets,
          el("option", { value: "custom" }, t("custom_seconds")),
        ]),
      ]),
      el("div", { className: "field timer-custom", hidden: true }, [
        el("label", { for: `${base}-seconds` }, t("seconds")),
        el("input", {
          id: `${base}-seconds`,
          className: "timer-seconds",
          type: "number",
          min: TIMER_MIN_S,
          max: TIMER_MAX_S,
          value: "90",
        }),
      ]),
      el("div", { className: "check" }, [
        el("input", { type: "checkbox", id: `${base}-advance`, className: "timer-advance" }),
        el("label", { for: `${base}-advance`, className: "timer-advance-label" }),
      ]),
    ]),
    el("div", { className: "timer-row" }, [
      button("timer-start", t("timer_start"), "button primary small"),
      button("timer-stop", t("timer_stop"), "button small"),
    ]),
  ]);
  const attribution = el("div", { className: "field" }, [
    el("label", { for: `${base}-attribution` }, t("prompt_attribution")),
    el("select", { id: `${base}-attribution`, "data-setting": "attribution" }, [
      el("option", { value: "" }, t("attribution_same")),
      ...ATTRIBUTIONS.map((value) => el("option", { value }, t(`attribution_${value}`))),
    ]),
  ]);
  const settings = el("details", { className: "prompt-settings" }, [
    el("summary", {}, t("prompt_settings")),
    el("div", { className: "settings-body" }, [
      checkbox(prompt.id, "private", "private"),
      checkbox(prompt.id, "hide_tallies", "hide_tallies"),
      checkbox(prompt.id, "late_ideas", "late_ideas"),
      attribution,
    ]),
  ]);
  return el("div", { className: "prompt-controls" }, [
    el("div", { className: "prompt-actions" }, [
      button("open", "", "button primary"),
      button("close", t("close_prompt")),
      button("focus", t("focus")),
      button("unfocus", t("unfocus")),
      button("reveal", t("reveal"), "button primary"),
    ]),
    stepper,
    timer,
    settings,
  ]);
}

function createPrompt(prompt) {
  const headingId = `prompt-${prompt.id}`;
  return el("li", { className: "card prompt" }, [
    el("div", { className: "prompt-head" }, [
      el("span", { className: "prompt-number" }),
      el("span", { className: "badge" }),
      el("span", { className: "pill phase-pill" }),
      el("span", { className: "pill here-pill" }, t("focused")),
      el("span", { className: "countdown", role: "timer" }),
      el("span", { className: "prompt-stats" }),
    ]),
    el("h3", { id: headingId, className: "prompt-text" }),
    el("p", { className: "hint private-note" }, t("hidden_from_room")),
    canRun ? controls(prompt) : null,
    el("ol", { className: "ideas ranked", "aria-label": t("ideas_ranked") }),
    el("p", { className: "empty" }),
  ]);
}

function updatePrompt(node, prompt) {
  const position = sortedPrompts().indexOf(prompt);
  const phase = PHASES.includes(prompt.phase) ? prompt.phase : null;
  const focused = focusedPrompt() === prompt;
  node.querySelector(".prompt-number").textContent = t("prompt_number", { n: position + 1 });
  const badge = node.querySelector(".badge");
  badge.className = `badge ${prompt.status}`;
  badge.textContent = t(`status_${prompt.status}`);
  const phasePill = node.querySelector(".phase-pill");
  phasePill.hidden = !phase || prompt.status === "draft";
  phasePill.textContent = phase ? t(`phase_${phase}`) : "";
  node.querySelector(".here-pill").hidden = !focused;
  node.classList.toggle("focused", focused);
  node.dataset.status = prompt.status;
  node.dataset.phase = phase || "";
  setCountdown(node.querySelector(".countdown"), prompt.timer, room.serverNow());
  setLinkedText(node.querySelector(".prompt-text"), prompt.text);
  const hiddenFromRoom = Boolean(prompt.private && !prompt.revealed);
  node.querySelector(".private-note").hidden = !hiddenFromRoom || prompt.status === "draft";
  const ideas = rankedIdeas(prompt);
  const totalVotes = ideas.reduce((sum, idea) => sum + (idea.votes || 0), 0);
  node.querySelector(".prompt-stats").textContent = [
    tn("ideas_count", ideas.length),
    tn("votes", totalVotes),
    tn("votes_each", prompt.votes_per_participant),
  ].join(" · ");
  if (canRun) updateControls(node, prompt, { phase, focused, hiddenFromRoom });
  const top = ideas.length ? ideas[0].votes || 0 : 0;
  const attribution = attributionOf(prompt, room.state.roundtable);
  syncList(node.querySelector(".ideas"), ideas, (idea) => idea.id, createIdea, (item, idea) =>
    updateIdea(item, idea, top, attribution),
  );
  const empty = node.querySelector(".empty");
  empty.hidden = ideas.length > 0;
  empty.textContent = prompt.status === "draft" ? t("draft_hint") : t("no_ideas_yet");
}

function updateControls(node, prompt, { phase, focused, hiddenFromRoom }) {
  const show = (selector, visible) => {
    node.querySelector(selector).hidden = !visible;
  };
  const isOpen = prompt.status === "open";
  const open = node.querySelector('[data-action="open"]');
  open.hidden = isOpen;
  open.textContent = prompt.status === "closed" ? t("reopen_prompt") : t("open_prompt");
  show('[data-action="close"]', isOpen);
  show('[data-action="focus"]', isOpen && !focused);
  show('[data-action="unfocus"]', focused);
  show('[data-action="reveal"]', hiddenFromRoom);
  show(".stepper", runsInPhases(prompt));
  for (const step of node.querySelectorAll(".step")) {
    const current = isOpen && step.dataset.phase === phase;
    step.classList.toggle("current", current);
    if (current) step.setAttribute("aria-current", "step");
    else step.removeAttribute("aria-current");
  }
  show(".timer-control", isOpen);
  const timer = prompt.timer;
  const start = node.querySelector('[data-action="timer-start"]');
  start.textContent = timer ? t("timer_restart") : t("timer_start");
  show('[data-action="timer-stop"]', Boolean(timer));
  const advanceLabel = node.querySelector(".timer-advance-label");
  advanceLabel.textContent = phase ? t("advance_phase") : t("advance_close");
  for (const control of node.querySelectorAll("[data-setting]")) {
    if (control.dataset.busy) continue;
    const setting = control.dataset.setting;
    if (control.type === "checkbox") control.checked = Boolean(prompt[setting]);
    else control.value = prompt.attribution_override || "";
  }
  for (const control of node.querySelectorAll("button, select, input")) {
    if (!control.dataset.busy) control.disabled = !room.joined;
  }
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

function updateIdea(node, idea, top, attribution) {
  const text = node.querySelector(".idea-text");
  if (text.dataset.text !== idea.text) {
    setLinkedText(text, idea.text);
    text.dataset.text = idea.text;
  }
  node.querySelector(".author").textContent = authorLine(idea, attribution);
  const votes = idea.votes || 0;
  node.querySelector(".votes").textContent = tn("votes", votes);
  // CSSOM, not a style attribute: allowed by the Content-Security-Policy.
  node.querySelector(".bar-fill").style.width = top ? `${Math.round((votes / top) * 100)}%` : "0%";
}

window.setInterval(() => tickCountdowns(ui.prompts, room.serverNow()), TICK_MS);

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
