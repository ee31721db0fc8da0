// The facilitator console: write prompts ahead, run them (open, phases, reveal, timer,
// follow me, attribution), group ideas into themes, watch ideas and votes; set up polls,
// scales, rankings and assessments (prompt-setup.js) and watch their results live; run a
// panel's questions and statements (console-kinds.js) and the speakers' queue
// (console-queue.js).

import Sortable from "../vendor/sortable.esm.js";
import { runBusy } from "./actions.js";
import { clientConfig } from "./config.js";
import { setUpDownloads } from "./downloads.js";
import {
  questionsBody,
  questionsStats,
  statementsBody,
  statementsStats,
  typedStatements,
  updateQuestionsBody,
  updateStatementsBody,
} from "./console-kinds.js";
import { setUpQueuePanel } from "./console-queue.js";
import { countIdeas, countLine, rankThemes, votesCast } from "./counts.js";
import { authorLine, threaded } from "./ideas.js";
import { LiveRoom, failureMessage } from "./live.js";
import { setUpTemplates } from "./console-templates.js";
import { setUpPresenterLink } from "./presenter-link.js";
import {
  readSetup,
  readStatements,
  setupEditor,
  setupSummary,
  statementsEditor,
} from "./prompt-setup.js";
import { createResults, isAnswered, responsesLine, updateResults } from "./results.js";
import { showConnection } from "./status.js";
import {
  actionButton,
  announce,
  codedMessage,
  el,
  errorMessage,
  formats,
  loadStrings,
  rankedIdeas,
  reactionsText,
  setCountdown,
  setLinkedText,
  syncList,
  t,
  tickCountdowns,
  tn,
} from "./render.js";

const config = clientConfig();
const PHASES = config.phases;
const TIMER_PRESETS_MIN = [1, 2, 3, 5, 10];
// Often enough that the shown second turns over on time; the DOM changes once a second.
const TICK_MS = 250;

const page = document.getElementById("console");
const { joinCode, mayRun } = page.dataset;
const canRun = mayRun === "true";
loadStrings();
setUpDownloads();

const ui = {
  connection: document.getElementById("connection"),
  participants: document.getElementById("participants"),
  participantsLabel: document.getElementById("participants-label"),
  prompts: document.getElementById("prompts"),
  noPrompts: document.getElementById("no-prompts"),
  promptForm: document.getElementById("prompt-form"),
  promptError: document.getElementById("prompt-error"),
  promptFeedback: document.getElementById("prompt-feedback"),
  promptKind: document.getElementById("prompt-kind"),
  promptSetup: document.getElementById("prompt-setup"),
  addPromptToggle: document.getElementById("add-prompt-toggle"),
  messages: document.getElementById("messages"),
  copyLink: document.getElementById("copy-link"),
  joinLink: document.getElementById("join-link"),
  attribution: document.getElementById("attribution"),
  endSession: document.getElementById("end-session"),
  reopenSession: document.getElementById("reopen-session"),
  sessionStatus: document.getElementById("session-status"),
};

const room = new LiveRoom({
  joinCode,
  handlers: {
    change: render,
    connection: (status) => {
      showConnection(ui.connection, status);
      if (status !== "online") setWritable(false);
    },
    joined: () => {
      ui.messages.textContent = "";
      setWritable(true);
      templates.refresh();
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
  for (const button of [ui.endSession, ui.reopenSession]) {
    if (button && !button.dataset.busy) button.disabled = !writable;
  }
}

// -- writing prompts ------------------------------------------------------------

/** A poll, scale, ranking or assessment (a prompt, or a kind): answered, not written. */
/** A panel's questions or statements: ideas of their own kind, with a card of their own. */
function isPanel(prompt) {
  return prompt.kind === "questions" || prompt.kind === "statements";
}

/** Show what the new prompt's kind takes: its setup, and the ideas' options only for ideas. */
function showKind(kind) {
  for (const node of ui.promptForm.querySelectorAll("[data-for-kinds]")) {
    node.hidden = !node.dataset.forKinds.split(" ").includes(kind);
  }
  const editor =
    kind === "statements" ? statementsEditor("new-prompt") : setupEditor("new-prompt", kind);
  ui.promptSetup.replaceChildren(...(editor ? [editor] : []));
  ui.promptSetup.hidden = !editor;
}

/** What the new prompt's form asks the server for: its text, kind and kind's fields. */
function newPromptFields(form, text) {
  const kind = String(form.get("kind") || "ideas");
  const hideTallies = form.get("hide_tallies") === "1";
  if (isAnswered(kind)) {
    const setup = readSetup(ui.promptSetup.querySelector(".setup-editor"));
    return { text, kind, hide_tallies: hideTallies, ...setup };
  }
  if (kind === "questions") {
    const attribution = String(form.get("attribution") || "");
    return {
      text,
      kind,
      premoderate: form.get("premoderate") === "1",
      ...(attribution ? { attribution } : {}),
    };
  }
  if (kind === "statements") {
    return {
      text,
      kind,
      hide_tallies: hideTallies,
      participant_statements: form.get("participant_statements") === "1",
    };
  }
  return {
    text,
    kind,
    votes_per_participant: Number(form.get("votes_per_participant") || config.votes_default),
    phases: form.get("phases") === "1",
    private: form.get("private") === "1",
    hide_tallies: hideTallies,
  };
}

/**
 * Put statements to a statements prompt one after the other, in order; stops at the first
 * refusal. Returns what went wrong in words, or "" when every one was added.
 */
async function addStatements(promptId, texts) {
  for (const text of texts) {
    if (text.length > config.idea_max) {
      return t("error_statement_too_long", { max: config.idea_max });
    }
    try {
      const ack = await room.addStatement(promptId, text);
      if (!ack.ok) return errorMessage(ack.error);
    } catch (failure) {
      return failureMessage(failure);
    }
  }
  return "";
}

if (ui.promptForm) {
  ui.promptKind.addEventListener("change", () => showKind(ui.promptKind.value));
  showKind(ui.promptKind.value);
  ui.promptForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData(ui.promptForm);
    const text = String(form.get("text") || "").trim();
    if (!text) {
      announce(ui.promptError, t("error_prompt_empty"));
      return;
    }
    const fields = newPromptFields(form, text);
    const statements =
      fields.kind === "statements"
        ? readStatements(ui.promptSetup.querySelector(".setup-editor"))
        : [];
    const button = ui.promptForm.querySelector("button[type=submit]");
    const ack = await runBusy(button, () => room.createPrompt(fields), {
      report: (message) => message && announce(ui.promptError, message),
      enabled: () => room.joined,
    });
    if (ack && ack.ok && statements.length) {
      // The draft exists: its statements follow, in the order written.
      const refused = await addStatements(ack.prompt.id, statements);
      if (refused) announce(ui.promptError, refused);
    }
    if (ack && ack.ok) {
      // The next prompt is often of the same kind: the kind stays, its setup starts afresh.
      ui.promptForm.reset();
      ui.promptKind.value = fields.kind;
      showKind(fields.kind);
      ui.promptError.textContent = "";
      announce(ui.promptFeedback, t("prompt_saved"));
    }
  });
}

// With prompts written, the form folds away behind "Add a prompt" so the room's ideas come
// first; it stays as the facilitator left it afterwards.
let promptFormFolded = null;

function foldPromptForm(folded) {
  promptFormFolded = folded;
  ui.promptForm.hidden = folded;
  ui.addPromptToggle.setAttribute("aria-expanded", String(!folded));
}

if (ui.addPromptToggle) {
  ui.addPromptToggle.addEventListener("click", () => {
    foldPromptForm(!promptFormFolded);
    if (!promptFormFolded) ui.promptForm.querySelector("textarea").focus();
  });
}

/**
 * Run one facilitation request (a method of the room) for `control`, disabled meanwhile;
 * a refusal is said in the console's messages.
 */
function run(control, request) {
  return runBusy(control, request, {
    report: (message) => message && announce(ui.messages, message),
    after: render,
  });
}

/** The timer's length in seconds from a prompt card's controls, or null when out of range. */
function timerSeconds(card) {
  const choice = card.querySelector(".timer-duration").value;
  const custom = choice === "custom";
  const seconds = Number(custom ? card.querySelector(".timer-seconds").value : choice);
  const fits =
    Number.isInteger(seconds) &&
    seconds >= config.timer_min_seconds &&
    seconds <= config.timer_max_seconds;
  return fits ? seconds : null;
}

// A prompt's buttons: each returns the room's request to run, or null when it cannot be sent.
const ACTIONS = {
  open: (id) => () => room.openPrompt(id),
  close: (id) => () => room.closePrompt(id),
  phase: (id, button) => () => room.setPhase(id, button.dataset.phase),
  reveal: (id) => () => room.revealIdeas(id),
  focus: (id) => () => room.focusPrompt(id),
  unfocus: () => () => room.focusPrompt(null),
  "timer-stop": (id) => () => room.stopTimer(id),
  "timer-start": (id, button, card) => {
    const seconds = timerSeconds(card);
    if (seconds === null) return null;
    const advance = card.querySelector(".timer-advance").checked;
    return () => room.startTimer(id, seconds, advance);
  },
};

ui.prompts.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  // A draft's setup editor answers its own buttons (prompt-setup.js).
  if (!button || button.disabled || button.closest(".setup-editor")) return;
  const card = button.closest("li.prompt");
  const promptId = Number(card.dataset.key);
  const own = OWN_ACTIONS[button.dataset.action];
  if (own) {
    own(promptId, button, card);
    return;
  }
  const request = ACTIONS[button.dataset.action](promptId, button, card);
  if (request) run(button, request);
  else
    announce(
      ui.messages,
      t("error_bad_seconds", {
        min: config.timer_min_seconds,
        max: config.timer_max_seconds / 60,
      }),
    );
});

// Enter adds the statements typed so far; Shift+Enter starts another line in the box.
ui.prompts.addEventListener("keydown", (event) => {
  const box = event.target;
  if (!box.classList || !box.classList.contains("new-statements")) return;
  if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
  event.preventDefault();
  box.closest("li.prompt").querySelector('[data-action="add-statements"]').click();
});

// A prompt's settings: each checkbox or select says one thing to `prompt.configure`.
ui.prompts.addEventListener("change", (event) => {
  const control = event.target;
  const card = control.closest("li.prompt");
  if (control.classList.contains("theme-select")) {
    const themeId = control.value ? Number(control.value) : null;
    assign(control, Number(control.dataset.ideaId), themeId);
    return;
  }
  if (control.classList.contains("theme-name")) {
    const name = control.value.trim();
    if (name) {
      run(control, () => room.renameTheme(Number(control.dataset.themeId), name));
    }
    return;
  }
  if (control.classList.contains("timer-duration")) {
    card.querySelector(".timer-custom").hidden = control.value !== "custom";
    return;
  }
  const setting = control.dataset.setting;
  if (!setting) return;
  const value = control.type === "checkbox" ? control.checked : control.value || null;
  run(control, () => room.configurePrompt(Number(card.dataset.key), { [setting]: value }));
});

if (ui.attribution) {
  ui.attribution.addEventListener("change", () => {
    run(ui.attribution, () => room.setAttribution(ui.attribution.value));
  });
}

if (ui.endSession) {
  ui.endSession.addEventListener("click", () => {
    if (window.confirm(t("end_confirm"))) run(ui.endSession, () => room.endRoundtable());
  });
  ui.reopenSession.addEventListener("click", () =>
    run(ui.reopenSession, () => room.reopenRoundtable()),
  );
}

/** Whether the session has ended, on the controls that end and reopen it. */
function showSession(roundtable) {
  if (!ui.sessionStatus) return;
  const ended = roundtable.status === "closed";
  ui.endSession.hidden = ended;
  ui.reopenSession.hidden = !ended;
  const time = roundtable.ended_at ? formats.time(roundtable.ended_at) : "";
  ui.sessionStatus.textContent = ended ? t("session_ended", { time }) : "";
}

// -- themes ---------------------------------------------------------------------

// Suggested groups, by prompt id, until the facilitator accepts or rejects each one.
const suggestions = new Map();
let suggestionKey = 0;

/** Put an idea in a theme (or, with null, back among the ungrouped), at once on screen. */
async function assign(control, ideaId, themeId) {
  const prompt = room.state.promptOf(ideaId);
  const idea = prompt && prompt.ideas.get(ideaId);
  if (idea) idea.theme_id = themeId;
  render();
  const ack = await run(control, () => room.assignTheme(ideaId, themeId));
  // Refused or unanswered: show the idea where the server has it, which is where it was.
  if (!ack || !ack.ok) room.sync();
}

/** A request about one prompt whose outcome is said beside its controls, not at the top. */
function draftRequest(card, button, request, done) {
  const feedback = card.querySelector(".draft-feedback");
  return runBusy(button, request, {
    report: (message) => announce(feedback, message || t(done)),
    after: render,
  });
}

/** One step up or down the order as shown (positions on the wire count from 1). */
function move(promptId, button, card, step) {
  const index = sortedPrompts().findIndex((prompt) => prompt.id === promptId);
  const position = index + 1 + step;
  draftRequest(card, button, () => room.movePrompt(promptId, position), "prompt_moved");
}

function editing(card, open) {
  card.querySelector(".prompt-edit").hidden = !open;
  card.querySelector('[data-action="prompt-edit"]').setAttribute("aria-expanded", String(open));
}

const OWN_ACTIONS = {
  "prompt-edit": (promptId, button, card) => {
    const prompt = room.state.prompts.get(promptId);
    card.querySelector(".prompt-edit-text").value = prompt.text;
    card.querySelector(".prompt-edit-votes").value = String(prompt.votes_per_participant);
    card.querySelector(".prompt-edit-votes-field").hidden = prompt.kind !== "ideas";
    const editor = isAnswered(prompt)
      ? setupEditor(`prompt-${promptId}-setup`, prompt.kind, prompt)
      : null;
    card.querySelector(".prompt-edit-setup").replaceChildren(...(editor ? [editor] : []));
    editing(card, true);
    card.querySelector(".prompt-edit-text").focus();
  },
  "prompt-cancel": (promptId, button, card) => {
    editing(card, false);
    card.querySelector('[data-action="prompt-edit"]').focus();
  },
  "prompt-save": async (promptId, button, card) => {
    const text = card.querySelector(".prompt-edit-text").value.trim();
    const votes = Number(card.querySelector(".prompt-edit-votes").value);
    const editor = card.querySelector(".prompt-edit-setup .setup-editor");
    const prompt = room.state.prompts.get(promptId);
    let changes = { text };
    if (editor) changes = { text, ...readSetup(editor) };
    else if (prompt && prompt.kind === "ideas") changes = { text, votes_per_participant: votes };
    const request = () => room.updatePrompt(promptId, changes);
    const ack = await draftRequest(card, button, request, "prompt_updated");
    if (ack && ack.ok) editing(card, false);
  },
  "prompt-delete": (promptId, button, card) => {
    card.querySelector(".prompt-delete-confirm").hidden = false;
    card.querySelector('[data-action="prompt-delete-keep"]').focus();
  },
  "prompt-delete-keep": (promptId, button, card) => {
    card.querySelector(".prompt-delete-confirm").hidden = true;
    card.querySelector('[data-action="prompt-delete"]').focus();
  },
  "prompt-delete-confirm": async (promptId, button, card) => {
    const ack = await draftRequest(
      card,
      button,
      () => room.deletePrompt(promptId),
      "prompt_deleted",
    );
    // The card is gone; the console's own region says what happened.
    if (ack && ack.ok) announce(ui.messages, t("prompt_deleted"));
  },
  "idea-view": (promptId, button) => {
    chooseIdeaView(promptId, button.dataset.view);
    render();
  },
  "prompt-up": (promptId, button, card) => move(promptId, button, card, -1),
  "prompt-down": (promptId, button, card) => move(promptId, button, card, 1),
  suggest: async (promptId, button, card) => {
    const ack = await run(button, () => room.suggestThemes(promptId));
    if (!ack || !ack.ok) return;
    const found = ack.suggestions.map((suggestion) => ({ ...suggestion, key: ++suggestionKey }));
    suggestions.set(promptId, found);
    // Said beside the button; the server says why there is nothing when it knows.
    const why = codedMessage("suggest_reason", ack.reason, "suggest_reason_generic");
    announce(
      card.querySelector(".suggest-feedback"),
      found.length ? tn("suggestions", found.length) : why,
    );
    render();
  },
  accept: async (promptId, button) => {
    const item = button.closest("li.suggestion");
    const key = Number(item.dataset.key);
    const suggestion = (suggestions.get(promptId) || []).find((s) => s.key === key);
    const name = item.querySelector(".suggestion-name").value.trim() || suggestion.name;
    const ack = await run(button, () => room.createTheme(promptId, name, suggestion.idea_ids));
    if (ack && ack.ok) dropSuggestion(promptId, key);
  },
  reject: (promptId, button) =>
    dropSuggestion(promptId, Number(button.closest("li.suggestion").dataset.key)),
  "new-theme": async (promptId, button, card) => {
    const input = card.querySelector(".new-theme-name");
    const name = input.value.trim();
    if (!name) {
      announce(ui.messages, t("error_theme_name_empty"));
      input.focus();
      return;
    }
    const ack = await run(button, () => room.createTheme(promptId, name));
    if (ack && ack.ok) input.value = "";
  },
  hide: (promptId, button) => run(button, () => room.hideIdea(ideaOf(button))),
  restore: (promptId, button) => run(button, () => room.restoreIdea(ideaOf(button))),
  approve: (promptId, button) => run(button, () => room.approveIdea(ideaOf(button))),
  spotlight: (promptId, button) => run(button, () => room.spotlightIdea(ideaOf(button))),
  "clear-spotlight": (promptId, button) => run(button, () => room.spotlightIdea(null)),
  "mark-answered": (promptId, button) => run(button, () => room.markAnswered(ideaOf(button))),
  "undo-answered": (promptId, button) =>
    run(button, () => room.markAnswered(ideaOf(button), false)),
  "add-statements": async (promptId, button, card) => {
    const textarea = card.querySelector(".new-statements");
    const feedback = card.querySelector(".statement-feedback");
    const texts = typedStatements(textarea);
    if (!texts.length) {
      announce(feedback, t("error_statement_empty"));
      textarea.focus();
      return;
    }
    let added = 0;
    let refused = "";
    await runBusy(
      button,
      async () => {
        // One at a time, in order; what was added leaves the box, what was not stays in it.
        for (const text of texts) {
          refused = await addStatements(promptId, [text]);
          if (refused) break;
          added += 1;
        }
        return { ok: true };
      },
      { after: render, enabled: () => room.joined },
    );
    textarea.value = texts.slice(added).join("\n");
    announce(feedback, refused || tn("statements_added", added));
    textarea.focus();
  },
  edit: (promptId, button) => {
    const item = button.closest("li.idea");
    const form = item.querySelector(".idea-edit");
    form.hidden = false;
    const textarea = form.querySelector("textarea");
    textarea.value = room.state.prompts.get(promptId).ideas.get(ideaOf(button)).text || "";
    textarea.focus();
  },
  "edit-cancel": (promptId, button) => {
    button.closest(".idea-edit").hidden = true;
  },
  "edit-save": async (promptId, button) => {
    const form = button.closest(".idea-edit");
    const text = form.querySelector("textarea").value.trim();
    if (!text) return;
    const ack = await run(button, () => room.editIdea(ideaOf(button), text));
    if (ack && ack.ok) form.hidden = true;
  },
  merge: (promptId, button) => {
    const select = button.closest("li.idea").querySelector(".merge-select");
    if (!select.value) {
      announce(ui.messages, t("choose_merge_target"));
      select.focus();
      return;
    }
    run(button, () => room.mergeIdea(Number(select.value), ideaOf(button)));
  },
  "delete-theme": async (promptId, button) => {
    run(button, () => room.deleteTheme(promptId, Number(button.dataset.themeId)));
  },
};

function ideaOf(button) {
  return Number(button.closest("li.idea").dataset.key);
}

function dropSuggestion(promptId, key) {
  suggestions.set(
    promptId,
    (suggestions.get(promptId) || []).filter((s) => s.key !== key),
  );
  render();
}

/** A list of ideas one can drag ideas into and out of: a theme's, or those in none. */
function groupList(promptId, themeId, label) {
  const list = el("ul", {
    className: "group-ideas",
    "data-theme-id": themeId === null ? "" : themeId,
    "aria-label": label,
  });
  if (!canRun) return list;
  Sortable.create(list, {
    group: `themes-${promptId}`,
    // Within a group the ideas stay ranked by votes: dragging only moves between groups.
    sort: false,
    animation: 150,
    emptyInsertThreshold: 24,
    draggable: "li.idea.groupable",
    filter: "button, select, option, input, textarea, a, label",
    preventOnFilter: false,
    onAdd: (event) => {
      const target = event.to.dataset.themeId;
      const control = event.item.querySelector(".theme-select") || event.item;
      assign(control, Number(event.item.dataset.key), target ? Number(target) : null);
    },
  });
  return list;
}

function themesPanel(prompt) {
  const base = `prompt-${prompt.id}`;
  const headingId = `${base}-themes`;
  return el("section", { className: "themes-panel", "aria-labelledby": headingId }, [
    el("h4", { id: headingId }, t("themes")),
    canRun ? themesTools(prompt) : null,
    el("ol", { className: "suggestions", "aria-label": t("suggested_themes") }),
    el("ol", { className: "themes" }),
    el("div", { className: "ungrouped" }, [
      el("h5", { id: `${base}-ungrouped` }, t("not_in_theme")),
      groupList(prompt.id, null, t("ideas_not_in_theme")),
    ]),
  ]);
}

/** Suggesting themes and making one by hand. */
function themesTools(prompt) {
  const base = `prompt-${prompt.id}`;
  return el("div", { className: "themes-tools" }, [
    actionButton(t("suggest_themes"), "suggest", "small", {
      "aria-describedby": `${base}-suggest-feedback`,
    }),
    el("span", {
      id: `${base}-suggest-feedback`,
      className: "control-feedback suggest-feedback",
      role: "status",
      "aria-live": "polite",
    }),
    el("div", { className: "field inline" }, [
      el("label", { for: `${base}-new-theme` }, t("new_theme_name")),
      el("input", {
        id: `${base}-new-theme`,
        className: "new-theme-name",
        type: "text",
        maxLength: config.theme_name_max,
      }),
    ]),
    actionButton(t("new_theme"), "new-theme", "small"),
  ]);
}

function createSuggestion(suggestion) {
  const id = `suggestion-${suggestion.key}`;
  return el("li", { className: "suggestion" }, [
    el("div", { className: "field" }, [
      el("label", { for: id }, t("suggested_theme_name")),
      el("input", {
        id,
        className: "suggestion-name",
        type: "text",
        maxLength: config.theme_name_max,
        value: suggestion.name,
      }),
    ]),
    el("ul", { className: "suggestion-ideas" }),
    el("div", { className: "suggestion-actions" }, [
      actionButton(t("accept"), "accept", "small primary"),
      actionButton(t("reject"), "reject", "small"),
    ]),
  ]);
}

function updateSuggestion(node, suggestion, prompt) {
  const texts = suggestion.idea_ids
    .map((id) => prompt.ideas.get(id))
    .filter(Boolean)
    .map((idea) => idea.text || "");
  const list = node.querySelector(".suggestion-ideas");
  if (list.dataset.texts !== JSON.stringify(texts)) {
    list.replaceChildren(...texts.map((text) => el("li", {}, text)));
    list.dataset.texts = JSON.stringify(texts);
  }
}

function createTheme(promptId) {
  return (theme) => {
    const id = `theme-${theme.id}-name`;
    const name = canRun
      ? [
          el("label", { for: id, className: "visually-hidden" }, t("theme_name")),
          el("input", {
            id,
            className: "theme-name",
            type: "text",
            maxLength: config.theme_name_max,
            "data-theme-id": theme.id,
          }),
        ]
      : [el("h5", { id, className: "theme-title" })];
    return el("li", { className: "theme" }, [
      el("div", { className: "theme-head" }, [
        ...name,
        el("span", { className: "theme-votes" }),
        canRun
          ? actionButton(t("delete_theme"), "delete-theme", "small quiet", {
              "data-theme-id": theme.id,
              "aria-describedby": id,
            })
          : null,
      ]),
      groupList(promptId, theme.id, t("ideas_in_theme", { name: theme.name })),
    ]);
  };
}

function updateTheme(node, theme, members, shown) {
  const name = node.querySelector(".theme-name");
  if (name && document.activeElement !== name && !name.dataset.busy) name.value = theme.name;
  const title = node.querySelector(".theme-title");
  if (title) title.textContent = theme.name;
  node.querySelector(".theme-votes").textContent = [
    tn("count_ideas", members),
    tn("supporters", theme.support || 0),
    tn("votes", theme.votes || 0),
  ].join(" · ");
  const list = node.querySelector(".group-ideas");
  list.setAttribute("aria-label", t("ideas_in_theme", { name: theme.name }));
  shown(list, theme.id);
}

/** Ideas that can be put in a theme: visible ones, not replies. */
function groupable(idea) {
  return (idea.status || "visible") === "visible" && !idea.parent_id && !idea.hidden;
}

/** The theme an idea is listed under: its own, or for a reply the one of the idea it builds on. */
function groupOf(idea, prompt, known) {
  const parent = idea.parent_id != null ? prompt.ideas.get(idea.parent_id) : null;
  const themeId = (parent || idea).theme_id ?? null;
  return themeId !== null && known.has(themeId) ? themeId : null;
}

/** Every idea once, in its group (a theme's id, or null), ranked, replies under their idea. */
function ideaGroups(prompt, themes) {
  const known = new Set(themes.map((theme) => theme.id));
  const groups = new Map([...themes.map((theme) => [theme.id, []]), [null, []]]);
  for (const idea of rankedIdeas(prompt)) groups.get(groupOf(idea, prompt, known)).push(idea);
  return new Map([...groups].map(([key, ideas]) => [key, threaded(ideas)]));
}

function updateThemes(node, prompt, view, syncIdeas) {
  const panel = node.querySelector(".themes-panel");
  // The server's ranking: by support, then votes, then the order the themes were made in.
  const themes = rankThemes(prompt.themes);
  const byTheme = view === "themes";
  panel.hidden = prompt.status === "draft" || (!canRun && !byTheme && themes.length === 0);
  const groups = byTheme ? ideaGroups(prompt, themes) : new Map();
  const members = new Map(themes.map((theme) => [theme.id, 0]));
  for (const idea of prompt.ideas.values()) {
    if (groupable(idea) && members.has(idea.theme_id))
      members.set(idea.theme_id, members.get(idea.theme_id) + 1);
  }
  const shown = (list, themeId) => syncIdeas(list, groups.get(themeId) || []);
  syncList(
    node.querySelector(".suggestions"),
    suggestions.get(prompt.id) || [],
    (s) => s.key,
    createSuggestion,
    (item, suggestion) => updateSuggestion(item, suggestion, prompt),
  );
  syncList(
    node.querySelector(".themes"),
    themes,
    (theme) => theme.id,
    createTheme(prompt.id),
    (item, theme) => updateTheme(item, theme, members.get(theme.id), shown),
  );
  node.querySelector(".ungrouped").hidden = !byTheme;
  shown(node.querySelector(".ungrouped .group-ideas"), null);
}

// -- which view of the ideas ----------------------------------------------------

const IDEA_VIEW_KEY = "roundtable.console.ideaView";
const IDEA_VIEWS = ["all", "themes"];
// Enough for every prompt of a long event; the oldest are forgotten first.
const REMEMBERED_PROMPTS = 200;

/** The views chosen before, from localStorage: the last one, and each prompt's own. */
function storedIdeaViews() {
  const views = { last: "all", prompts: {} };
  try {
    const raw = window.localStorage.getItem(IDEA_VIEW_KEY);
    if (IDEA_VIEWS.includes(raw)) return { ...views, last: raw };
    const stored = JSON.parse(raw || "{}");
    if (IDEA_VIEWS.includes(stored.last)) views.last = stored.last;
    if (stored.prompts && typeof stored.prompts === "object") views.prompts = stored.prompts;
  } catch {
    // Storage blocked or unreadable: every prompt starts on "All ideas".
  }
  return views;
}

const ideaViews = storedIdeaViews();

/** "all" or "themes": the prompt's own choice, else the last one made. */
function ideaViewOf(prompt) {
  const own = ideaViews.prompts[prompt.id];
  return IDEA_VIEWS.includes(own) ? own : ideaViews.last;
}

function chooseIdeaView(promptId, view) {
  if (!IDEA_VIEWS.includes(view)) return;
  ideaViews.last = view;
  ideaViews.prompts[promptId] = view;
  const kept = Object.keys(ideaViews.prompts)
    .map(Number)
    .sort((a, b) => b - a)
    .slice(0, REMEMBERED_PROMPTS);
  ideaViews.prompts = Object.fromEntries(kept.map((id) => [id, ideaViews.prompts[id]]));
  try {
    window.localStorage.setItem(IDEA_VIEW_KEY, JSON.stringify(ideaViews));
  } catch {
    // Not remembered, but the view still changes.
  }
}

/** "All ideas | By theme": two buttons, the one in use pressed. */
function viewSwitch() {
  const option = (view, label) =>
    el(
      "button",
      {
        type: "button",
        className: "view-option",
        "data-action": "idea-view",
        "data-view": view,
        "aria-pressed": "false",
      },
      label,
    );
  return el("div", { className: "view-switch", role: "group", "aria-label": t("idea_view") }, [
    option("all", t("view_all")),
    option("themes", t("view_themes")),
  ]);
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
  if (ui.addPromptToggle) {
    // Decided once, when the room first arrives: a console opened on a written agenda.
    if (promptFormFolded === null) foldPromptForm(prompts.length > 0);
    ui.addPromptToggle.hidden = prompts.length === 0;
  }
  if (ui.attribution && !ui.attribution.dataset.busy && state.roundtable.attribution) {
    ui.attribution.value = state.roundtable.attribution;
  }
  showSession(state.roundtable);
  queuePanel.render();
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
    el(
      "button",
      { type: "button", className, "data-action": action, ...describe, ...extra },
      label,
    );
  const stepper = el(
    "ol",
    { className: "stepper", "aria-label": t("phases") },
    PHASES.map((phase) =>
      el("li", {}, [button("phase", t(`phase_${phase}`), "button step", { "data-phase": phase })]),
    ),
  );
  const presets = TIMER_PRESETS_MIN.map((n) =>
    el("option", { value: String(n * 60) }, tn("minutes", n)),
  );
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
          min: config.timer_min_seconds,
          max: config.timer_max_seconds,
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
      ...config.attributions.map((value) => el("option", { value }, t(`attribution_${value}`))),
    ]),
  ]);
  // Answers are never credited to anyone: a poll's only setting is whether the room sees
  // its results before it closes.
  const settings = el("details", { className: "prompt-settings" }, [
    el("summary", {}, t("prompt_settings")),
    el("div", { className: "settings-body" }, settingsOf(prompt, attribution)),
  ]);
  return el("div", { className: "prompt-controls" }, [
    draftTools(prompt, button),
    el("div", { className: "prompt-actions" }, [
      button("open", "", "button primary"),
      button("close", t("close_prompt")),
      button("focus", t("focus")),
      button("unfocus", t("unfocus")),
      button("reveal", t("reveal"), "button primary"),
      button("clear-spotlight", t("clear_spotlight")),
    ]),
    stepper,
    timer,
    settings,
  ]);
}

/** The switches a prompt's kind takes, on its card. */
function settingsOf(prompt, attribution) {
  if (isAnswered(prompt)) return [checkbox(prompt.id, "hide_tallies", "hide_results")];
  if (prompt.kind === "questions") {
    return [checkbox(prompt.id, "premoderate", "premoderate_questions"), attribution];
  }
  if (prompt.kind === "statements") {
    return [
      checkbox(prompt.id, "participant_statements", "participant_statements"),
      checkbox(prompt.id, "hide_tallies", "hide_opinions"),
    ];
  }
  return [
    checkbox(prompt.id, "private", "private"),
    checkbox(prompt.id, "hide_tallies", "hide_tallies"),
    checkbox(prompt.id, "late_ideas", "late_ideas"),
    checkbox(prompt.id, "premoderate", "premoderate"),
    attribution,
  ];
}

/** Rewording, deleting (drafts) and moving (any prompt), with their feedback beside them. */
function draftTools(prompt, button) {
  const base = `prompt-${prompt.id}-draft`;
  return el("div", { className: "draft-tools" }, [
    el("div", { className: "prompt-actions" }, [
      button("prompt-edit", t("edit_prompt"), "button small", { "aria-expanded": "false" }),
      button("prompt-delete", t("delete_prompt"), "button small danger"),
      button("prompt-up", t("move_up"), "button small"),
      button("prompt-down", t("move_down"), "button small"),
      el("span", {
        className: "control-feedback draft-feedback",
        role: "status",
        "aria-live": "polite",
      }),
    ]),
    el("div", { className: "prompt-edit", hidden: true }, [
      el("div", { className: "field" }, [
        el("label", { for: `${base}-text` }, t("edit_prompt_text")),
        el("textarea", {
          id: `${base}-text`,
          className: "prompt-edit-text",
          rows: 2,
          maxLength: config.prompt_max,
        }),
      ]),
      el("div", { className: "prompt-edit-setup" }),
      el("div", { className: "field prompt-edit-votes-field" }, [
        el("label", { for: `${base}-votes` }, t("edit_prompt_votes")),
        el("input", {
          id: `${base}-votes`,
          className: "prompt-edit-votes",
          type: "number",
          min: config.votes_min,
          max: config.votes_max,
        }),
      ]),
      el("div", { className: "prompt-actions" }, [
        button("prompt-save", t("save_prompt"), "button small primary"),
        button("prompt-cancel", t("cancel_edit"), "button small"),
      ]),
    ]),
    el("div", { className: "prompt-delete-confirm", hidden: true, role: "group" }, [
      el("p", {}, t("confirm_delete_prompt")),
      el("div", { className: "prompt-actions" }, [
        button("prompt-delete-confirm", t("confirm_delete"), "button small danger"),
        button("prompt-delete-keep", t("keep_prompt"), "button small"),
      ]),
    ]),
  ]);
}

function createPrompt(prompt) {
  if (isAnswered(prompt)) return createAnsweredPrompt(prompt);
  if (isPanel(prompt)) return createPanelPrompt(prompt);
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
    el("div", { className: "ideas-head" }, [viewSwitch()]),
    el("ol", { className: "ideas ranked", "aria-label": t("ideas_ranked") }),
    el("p", { className: "empty" }),
    themesPanel(prompt),
  ]);
}

/** The head of a card: its number, status, kind, "everyone is here", timer and counts. */
function cardHead(prompt) {
  return el("div", { className: "prompt-head" }, [
    el("span", { className: "prompt-number" }),
    el("span", { className: "badge" }),
    el("span", { className: "pill kind-pill" }, t(`kind_${prompt.kind}`)),
    el("span", { className: "pill here-pill" }, t("focused")),
    el("span", { className: "countdown", role: "timer" }),
    el("span", { className: "prompt-stats" }),
  ]);
}

/** A card's head and question as the prompt now is; returns whether everyone is brought to it. */
function updateCardHead(node, prompt, stats) {
  const position = sortedPrompts().indexOf(prompt);
  const focused = focusedPrompt() === prompt;
  node.querySelector(".prompt-number").textContent = t("prompt_number", { n: position + 1 });
  const badge = node.querySelector(".badge");
  badge.className = `badge ${prompt.status}`;
  badge.textContent = t(`status_${prompt.status}`);
  node.querySelector(".here-pill").hidden = !focused;
  node.classList.toggle("focused", focused);
  node.dataset.status = prompt.status;
  setCountdown(node.querySelector(".countdown"), prompt.timer, room.serverNow());
  setLinkedText(node.querySelector(".prompt-text"), prompt.text);
  node.querySelector(".prompt-stats").textContent = stats;
  return focused;
}

/** A panel's questions or statements: their controls, then the questions or statements. */
function createPanelPrompt(prompt) {
  const headingId = `prompt-${prompt.id}`;
  const body =
    prompt.kind === "questions"
      ? questionsBody(prompt)
      : statementsBody(prompt, { canRun, maxLength: config.idea_max });
  return el("li", { className: `card prompt panel-prompt kind-${prompt.kind}` }, [
    cardHead(prompt),
    el("h3", { id: headingId, className: "prompt-text" }),
    canRun ? controls(prompt) : null,
    body,
  ]);
}

function updatePanelPrompt(node, prompt) {
  const spotlightId = room.state.roundtable.spotlight_idea_id ?? null;
  const questions = prompt.kind === "questions";
  const stats = questions ? questionsStats(prompt, spotlightId) : statementsStats(prompt);
  const focused = updateCardHead(node, prompt, stats);
  if (canRun) updateControls(node, prompt, { phase: null, focused, hiddenFromRoom: false });
  if (questions) updateQuestionsBody(node, prompt, { spotlightId, canRun });
  else {
    const least = { voters: config.group_min_voters, opinions: config.group_min_opinions };
    updateStatementsBody(node, prompt, { canRun, least });
  }
}

/** A poll, scale, ranking or assessment: its setup, its controls and its results, live. */
function createAnsweredPrompt(prompt) {
  const headingId = `prompt-${prompt.id}`;
  return el("li", { className: `card prompt answered kind-${prompt.kind}` }, [
    cardHead(prompt),
    el("h3", { id: headingId, className: "prompt-text" }),
    el("ul", { className: "setup-summary", "aria-label": t("setup_of_prompt") }),
    canRun ? controls(prompt) : null,
    el("section", { className: "answers-panel", "aria-labelledby": `${headingId}-results` }, [
      el("h4", { id: `${headingId}-results` }, t("results_heading")),
      el("p", { className: "hint results-private-note" }, t("results_hidden_from_room")),
      el("p", { className: "empty results-empty" }),
      createResults(prompt, {
        radar: true,
        comments: true,
        idPrefix: `console-${prompt.id}`,
        level: 5,
      }),
    ]),
  ]);
}

function updateAnsweredPrompt(node, prompt) {
  const focused = updateCardHead(node, prompt, responsesLine(prompt.responses));
  const summary = setupSummary(prompt);
  const list = node.querySelector(".setup-summary");
  if (list.dataset.lines !== JSON.stringify(summary)) {
    list.replaceChildren(...summary.map((line) => el("li", {}, line)));
    list.dataset.lines = JSON.stringify(summary);
  }
  if (canRun) updateControls(node, prompt, { phase: null, focused, hiddenFromRoom: false });
  const draft = prompt.status === "draft";
  node.querySelector(".results-private-note").hidden = draft || !prompt.tallies_hidden;
  const empty = node.querySelector(".results-empty");
  empty.hidden = !draft;
  empty.textContent = draft ? t("draft_hint") : "";
  const results = node.querySelector(".results");
  if (draft) results.hidden = true;
  else updateResults(results, prompt);
}

function updatePrompt(node, prompt) {
  if (isAnswered(prompt)) {
    updateAnsweredPrompt(node, prompt);
    return;
  }
  if (isPanel(prompt)) {
    updatePanelPrompt(node, prompt);
    return;
  }
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
  const hiddenFromRoom = Boolean(prompt.ideas_hidden);
  node.querySelector(".private-note").hidden = !hiddenFromRoom || prompt.status === "draft";
  const ideas = rankedIdeas(prompt);
  const cast = votesCast(prompt);
  node.querySelector(".prompt-stats").textContent = [
    countLine(countIdeas(prompt.ideas)),
    cast == null ? t("votes_hidden") : tn("votes", cast),
    tn("votes_each", prompt.votes_per_participant),
  ].join(" · ");
  if (canRun) updateControls(node, prompt, { phase, focused, hiddenFromRoom });
  // Each idea is listed once: ranked in one list, or under its theme.
  const view = ideaViewOf(prompt);
  node.dataset.view = view;
  node.querySelector(".ideas-head").hidden = prompt.status === "draft";
  for (const option of node.querySelectorAll(".view-option")) {
    option.setAttribute("aria-pressed", String(option.dataset.view === view));
  }
  const context = {
    top: ideas.length ? ideas[0].votes || 0 : 0,
    themes: rankThemes(prompt.themes),
    view,
  };
  const syncIdeas = (list, listed) =>
    syncList(
      list,
      listed,
      (idea) => idea.id,
      createIdea,
      (item, idea) => updateIdea(item, idea, prompt, context),
    );
  const ranked = node.querySelector(".ideas");
  ranked.hidden = view !== "all";
  syncIdeas(ranked, view === "all" ? threaded(ideas) : []);
  updateThemes(node, prompt, view, syncIdeas);
  const empty = node.querySelector(".empty");
  empty.hidden = ideas.length > 0;
  empty.textContent = prompt.status === "draft" ? t("draft_hint") : t("no_ideas_so_far");
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
  const isDraft = prompt.status === "draft";
  const order = sortedPrompts();
  show('[data-action="prompt-edit"]', isDraft);
  show('[data-action="prompt-delete"]', isDraft);
  show('[data-action="prompt-up"]', order[0] !== prompt);
  show('[data-action="prompt-down"]', order[order.length - 1] !== prompt);
  if (!isDraft) {
    show(".prompt-edit", false);
    show(".prompt-delete-confirm", false);
  }
  const spotlit = room.state.roundtable.spotlight_idea_id ?? null;
  show('[data-action="clear-spotlight"]', spotlit !== null && prompt.ideas.has(spotlit));
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
  // Choosing a view asks nothing of the server, so it works offline too.
  for (const control of node.querySelectorAll("button:not(.view-option), select, input")) {
    if (!control.dataset.busy) control.disabled = !room.joined;
  }
}

function createIdea(idea) {
  const textId = `console-idea-${idea.id}`;
  const mod = (action, label) =>
    actionButton(label, action, "small quiet", { "aria-describedby": textId });
  // The idea and its tally side by side; its controls on one line across the whole width.
  return el("li", { className: "idea" }, [
    el("div", { className: "idea-main" }, [
      el("p", { className: "idea-text", id: textId }),
      el("span", { className: "author" }),
      el("span", { className: "theme-tag" }, [
        el("span", { className: "visually-hidden" }, `${t("theme")}: `),
        el("span"),
      ]),
      el("span", { className: "idea-reactions" }),
      el("span", { className: "idea-status" }),
    ]),
    el("div", { className: "tally" }, [
      el("span", { className: "votes" }),
      el("span", { className: "bar", "aria-hidden": "true" }, [
        el("span", { className: "bar-fill" }),
      ]),
    ]),
    canRun
      ? el("div", { className: "idea-edit", hidden: true }, [
          el("label", { for: `${textId}-edit` }, t("edit_idea")),
          el("textarea", { id: `${textId}-edit`, rows: 2, maxLength: config.idea_max }),
          el("div", { className: "moderation" }, [
            actionButton(t("save"), "edit-save", "small primary"),
            actionButton(t("cancel"), "edit-cancel", "small"),
          ]),
        ])
      : null,
    canRun
      ? el("div", { className: "moderation" }, [
          mod("approve", t("approve")),
          mod("hide", t("hide")),
          mod("restore", t("restore")),
          mod("spotlight", t("spotlight")),
          mod("clear-spotlight", t("clear_spotlight")),
          mod("edit", t("edit")),
          el("span", { className: "theme-choice" }, [
            el("label", { for: `${textId}-theme` }, t("theme")),
            el("select", {
              id: `${textId}-theme`,
              className: "theme-select",
              "data-idea-id": idea.id,
              "aria-describedby": textId,
            }),
          ]),
          el("span", { className: "merge-control" }, [
            el("label", { for: `${textId}-merge`, className: "visually-hidden" }, t("merge_into")),
            el("select", {
              id: `${textId}-merge`,
              className: "merge-select",
              "aria-describedby": textId,
            }),
            mod("merge", t("merge")),
          ]),
        ])
      : null,
  ]);
}

const STATUS_LABELS = {
  pending: "status_pending",
  hidden: "status_hidden",
  merged: "status_merged",
  deleted: "status_deleted",
};

function updateModeration(node, idea, prompt, themes) {
  const status = idea.status || "visible";
  const visible = status === "visible";
  const spotlit = (room.state.roundtable.spotlight_idea_id ?? null) === idea.id;
  const show = (action, shown) => {
    node.querySelector(`[data-action="${action}"]`).hidden = !shown;
  };
  show("approve", status === "pending");
  show("hide", visible || status === "pending");
  show("restore", status === "hidden");
  show("spotlight", visible && !spotlit);
  show("clear-spotlight", spotlit);
  show("edit", status !== "merged" && status !== "deleted");
  const others = [...prompt.ideas.values()].filter(
    (other) => other.id !== idea.id && (other.status || "visible") === "visible",
  );
  const merge = node.querySelector(".merge-control");
  merge.hidden = !visible || others.length === 0;
  const select = merge.querySelector("select");
  // Labels, not text: the option list must not make this idea "contain" the others' words.
  const options = [
    ["", t("merge_into")],
    ...others.map((other) => [String(other.id), other.text || ""]),
  ];
  const signature = JSON.stringify(options);
  if (select.dataset.options !== signature) {
    const chosen = select.value;
    select.replaceChildren(...options.map(([value, label]) => el("option", { value, label })));
    select.dataset.options = signature;
    select.value = options.some(([value]) => value === chosen) ? chosen : "";
  }
  updateThemeChoice(node, idea, prompt, themes);
}

/** The idea's theme, to change from the keyboard (or by dragging, in the "By theme" view). */
function updateThemeChoice(node, idea, prompt, themes) {
  const choice = node.querySelector(".theme-choice");
  choice.hidden = !groupable(idea) || prompt.status === "draft";
  const select = choice.querySelector("select");
  // Labels, not text, as for merging: the idea must not "contain" the themes' names.
  const options = [
    ["", t("not_in_theme")],
    ...themes.map((theme) => [String(theme.id), theme.name]),
  ];
  const signature = JSON.stringify(options);
  if (select.dataset.options !== signature) {
    select.replaceChildren(...options.map(([value, label]) => el("option", { value, label })));
    select.dataset.options = signature;
  }
  const known = themes.some((theme) => theme.id === idea.theme_id);
  if (!select.dataset.busy) select.value = known ? String(idea.theme_id) : "";
}

function updateIdea(node, idea, prompt, { top, themes, view }) {
  const text = node.querySelector(".idea-text");
  if (text.dataset.text !== idea.text) {
    setLinkedText(text, idea.text || "");
    text.dataset.text = idea.text;
  }
  const status = idea.status || "visible";
  node.classList.toggle(
    "dimmed",
    status === "hidden" || status === "merged" || status === "deleted",
  );
  node.classList.toggle("pending-approval", status === "pending");
  node.classList.toggle("spotlit", (room.state.roundtable.spotlight_idea_id ?? null) === idea.id);
  node.classList.toggle("reply-idea", Boolean(idea.parent_id));
  node.classList.toggle("groupable", canRun && groupable(idea));
  // In "All ideas" a tag says which theme an idea is in; "By theme" says it with a heading.
  const theme = view === "all" ? themes.find((candidate) => candidate.id === idea.theme_id) : null;
  const tag = node.querySelector(".theme-tag");
  tag.hidden = !theme;
  tag.lastElementChild.textContent = theme ? theme.name : "";
  const notes = [];
  if (idea.parent_id) notes.push(t("building_on"));
  if (STATUS_LABELS[status]) notes.push(t(STATUS_LABELS[status]));
  if (room.state.roundtable.spotlight_idea_id === idea.id) notes.push(t("spotlighted"));
  if (idea.edited) notes.push(t("edited"));
  const statusNode = node.querySelector(".idea-status");
  statusNode.textContent = notes.join(" · ");
  statusNode.hidden = notes.length === 0;
  if (canRun) updateModeration(node, idea, prompt, themes);
  node.querySelector(".author").textContent = authorLine(idea);
  const reactions = node.querySelector(".idea-reactions");
  reactions.textContent = reactionsText(idea);
  reactions.hidden = !reactions.textContent;
  const votes = idea.votes || 0;
  node.querySelector(".votes").textContent = tn("votes", votes);
  // CSSOM, not a style attribute: allowed by the Content-Security-Policy.
  node.querySelector(".bar-fill").style.width = top ? `${Math.round((votes / top) * 100)}%` : "0%";
}

const queuePanel = setUpQueuePanel(document.getElementById("queue-panel"), {
  room,
  canRun,
  run,
  config,
  announce: (message) => announce(ui.messages, message),
});

window.setInterval(() => {
  tickCountdowns(ui.prompts, room.serverNow());
  queuePanel.tick();
}, TICK_MS);

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

setUpPresenterLink(document.getElementById("presenter-link"));
const templates = setUpTemplates(document.getElementById("templates"), room);

room.start();
