// The rapporteur's page: what the room produced (live), the outcomes with their goals and
// sources, the shared notes (autosaved, merged, never lost) and the participation balance.

import { clientConfig } from "./config.js";
import { rankThemes } from "./counts.js";
import { setUpDownloads } from "./downloads.js";
import { authorLine, repliesByParent } from "./ideas.js";
import { LiveRoom, failureMessage, newClientId } from "./live.js";
import { participationPanel } from "./participation.js";
import {
  announce,
  byVotes,
  el,
  errorMessage,
  loadStrings,
  reactionsText,
  syncList,
  t,
  tn,
} from "./render.js";
import { createResults, isAnswered, updateResults } from "./results.js";
import { showConnection } from "./status.js";
import { Workspace } from "./workspace.js";

const NOTES_DEBOUNCE_MS = 1000;
const NOTE_MS = 4000;
const PARTICIPATION_EVERY_MS = 60_000;
// Ideas no longer in the room: not listed among what it produced.
const LEFT = new Set(["deleted", "merged"]);

const config = clientConfig();
const OUTCOME_KINDS = config.outcome_kinds;
const ACTION_STATUSES = config.action_statuses;
const SDG_GOALS = config.sdgs;
// The event's streams, which an outcome (a wrap-up's, say) can speak to: [{id, title}].
const STREAMS = JSON.parse(document.getElementById("event-streams")?.textContent || "[]");

loadStrings();
setUpDownloads();

const page = document.getElementById("report");
const { joinCode, roundtableId } = page.dataset;
const draftKey = `roundtable-notes-${roundtableId}`;

const ui = {
  connection: document.getElementById("connection"),
  status: document.getElementById("room-status"),
  messages: document.getElementById("messages"),
  prompts: document.getElementById("room-prompts"),
  noOutput: document.getElementById("no-output"),
  draft: document.getElementById("draft-takeaways"),
  draftStatus: document.getElementById("draft-status"),
  notes: document.getElementById("notes"),
  notesStatus: document.getElementById("notes-status"),
  notesConflict: document.getElementById("notes-conflict"),
  refresh: document.getElementById("participation-refresh"),
  participation: document.getElementById("participation-body"),
};

const workspace = new Workspace();
let loaded = false;
// The card last worked on: "Cite" adds its source there.
let selectedId = null;

const room = new LiveRoom({
  joinCode,
  handlers: {
    change: renderRoom,
    connection: (status) => {
      showConnection(ui.connection, status);
      if (status !== "online") setWritable(false);
    },
    joined: () => {
      ui.messages.textContent = "";
      load();
    },
    joinFailed: (error) => announce(ui.messages, errorMessage(error)),
    staffNews: hearNews,
  },
});

function setWritable(on) {
  for (const button of document.querySelectorAll(".add-outcome button[type=submit]")) {
    button.disabled = !on;
  }
  ui.draft.disabled = !on;
  ui.refresh.disabled = !on;
}

let noteTimer = null;

/** A passing note ("Added as a source."), cleared after a few seconds; errors stay. */
function note(message) {
  announce(ui.messages, message);
  window.clearTimeout(noteTimer);
  noteTimer = window.setTimeout(() => {
    if (ui.messages.textContent === message) ui.messages.textContent = "";
  }, NOTE_MS);
}

// -- loading --------------------------------------------------------------------------------

/** Everything from the server again: on every (re)join, so nothing missed offline is missing. */
async function load() {
  let ack;
  try {
    ack = await room.loadWorkspace();
  } catch (failure) {
    announce(ui.messages, failureMessage(failure));
    return;
  }
  if (!ack.ok) {
    announce(ui.messages, errorMessage(ack.error));
    return;
  }
  workspace.loadOutcomes(ack.outcomes);
  // Back after a drop: a colleague's notes replace ours only if nothing here is unsaved.
  if (workspace.takeNotes(ack.notes) && loaded) replaceNotesText(workspace.local);
  if (!loaded) {
    loaded = true;
    if (!workspace.unsaved) workspace.restore(readDraft());
    ui.notes.value = workspace.local;
    ui.notes.disabled = false;
  }
  showParticipation(ack.participation);
  setWritable(true);
  renderOutcomes();
  // Edits that could not be sent while offline go now, unless still being typed.
  for (const card of document.querySelectorAll('li.outcome[data-dirty="1"]')) {
    if (!card.contains(document.activeElement)) saveCard(card);
  }
  renderNotes();
  if (!workspace.unsaved && !workspace.notesConflict) notesState(t("save_saved"), "saved");
  saveNotes();
}

async function refreshParticipation() {
  if (!room.joined) return;
  try {
    const ack = await room.loadWorkspace();
    if (ack.ok) showParticipation(ack.participation);
  } catch {
    // Tried again in a minute, and on the next reconnect.
  }
}

function showParticipation(figures) {
  ui.participation.replaceChildren(participationPanel(figures));
}

// -- what the room produced -----------------------------------------------------------------

function ideaStatus(idea) {
  if (idea.status === "hidden") return t("status_hidden");
  if (idea.status === "pending") return t("idea_pending");
  return "";
}

function citeButton(kind, id, text) {
  return el(
    "button",
    {
      type: "button",
      className: "button small quiet cite",
      "data-cite": kind,
      "data-id": String(id),
      "aria-label": t("cite_label", { text }),
    },
    t("cite"),
  );
}

function ideaItem(idea, replies) {
  const status = ideaStatus(idea);
  const facts = [tn("votes", idea.votes || 0), reactionsText(idea)].filter(Boolean).join(" · ");
  const node = el("li", { className: `room-idea${status ? " is-left-out" : ""}` }, [
    el("div", { className: "room-idea-line" }, [
      el("span", { className: "room-idea-text", textContent: idea.text || "" }),
      citeButton("idea", idea.id, idea.text || ""),
    ]),
    el("p", { className: "room-idea-meta" }, [
      status ? el("span", { className: "badge muted", textContent: status }) : null,
      `${authorLine(idea)} · ${facts}`,
    ]),
  ]);
  if (replies.length) {
    node.append(
      el(
        "ul",
        { className: "room-replies", "aria-label": tn("reply_count", replies.length) },
        replies.map((reply) =>
          el("li", {}, [
            el("span", { textContent: reply.text || "" }),
            el("span", { className: "room-idea-meta", textContent: ` · ${authorLine(reply)}` }),
          ]),
        ),
      ),
    );
  }
  return node;
}

function promptItem() {
  return el("li", { className: "room-prompt" }, [
    el("h3", { className: "room-prompt-text" }),
    el("ol", { className: "room-themes" }),
    el("ol", { className: "room-ideas" }),
  ]);
}

function updatePrompt(node, prompt) {
  node.querySelector(".room-prompt-text").textContent = prompt.text;
  if (isAnswered(prompt)) {
    // A poll, scale, ranking or assessment has results, not ideas: drawn as the console does.
    let box = node.querySelector(".results");
    if (!box) {
      box = createResults(prompt, { comments: true, idPrefix: `report-results-${prompt.id}` });
      node.append(box);
    }
    updateResults(box, prompt);
  }
  const ideas = [...prompt.ideas.values()].filter((idea) => !LEFT.has(idea.status) && idea.text);
  const replies = repliesByParent(ideas);
  const themes = node.querySelector(".room-themes");
  syncList(
    themes,
    rankThemes(prompt.themes),
    (theme) => theme.id,
    () => el("li", { className: "room-theme" }),
    (item, theme) => {
      const members = ideas.filter((idea) => idea.theme_id === theme.id && !idea.parent_id);
      item.replaceChildren(
        el("div", { className: "room-idea-line" }, [
          el("strong", { className: "room-theme-name", textContent: theme.name }),
          citeButton("theme", theme.id, theme.name),
        ]),
        el("p", {
          className: "room-idea-meta",
          textContent: [
            tn("supporters", theme.support || 0),
            tn("count_ideas", members.length),
          ].join(" · "),
        }),
      );
    },
  );
  themes.hidden = prompt.themes.size === 0;
  const top = ideas.filter((idea) => !idea.parent_id).sort(byVotes);
  syncList(
    node.querySelector(".room-ideas"),
    top,
    (idea) => idea.id,
    () => el("li"),
    (item, idea) => {
      const fresh = ideaItem(idea, replies.get(idea.id) || []);
      // Keep the node (and a focused Cite button) when nothing about the idea changed.
      if (item.dataset.shown !== fresh.textContent) {
        item.dataset.shown = fresh.textContent;
        item.className = fresh.className;
        item.replaceChildren(...fresh.childNodes);
      }
    },
  );
}

function renderRoom() {
  const state = room.state;
  if (state.roundtable) {
    const status = state.roundtable.status;
    ui.status.className = `badge ${status}`;
    ui.status.textContent = t(`room_status_${status}`);
  }
  const prompts = [...state.prompts.values()]
    .filter((prompt) => prompt.status !== "draft")
    .sort((a, b) => a.position - b.position);
  ui.noOutput.hidden = prompts.length > 0;
  syncList(ui.prompts, prompts, (prompt) => prompt.id, promptItem, updatePrompt);
  for (const card of document.querySelectorAll("li.outcome")) renderSources(card);
}

/** An idea or theme of the room by id, or null when the room no longer shows it. */
function findSource(kind, id) {
  for (const prompt of room.state.prompts.values()) {
    if (kind === "theme" && prompt.themes.has(id)) return prompt.themes.get(id).name;
    if (kind === "idea" && prompt.ideas.has(id)) {
      const idea = prompt.ideas.get(id);
      return LEFT.has(idea.status) || !idea.text ? null : idea.text;
    }
  }
  return null;
}

// -- outcomes -------------------------------------------------------------------------------

/** What a card holds now: its fields as typed and chosen here. */
function cardFields(card) {
  const kind = card.querySelector("[data-field=kind]").value;
  const action = kind === "action";
  return {
    kind,
    text: card.querySelector("[data-field=text]").value,
    owner: action ? card.querySelector("[data-field=owner]").value.trim() || null : null,
    due: action ? card.querySelector("[data-field=due]").value || null : null,
    status: action ? card.querySelector("[data-field=status]").value : null,
    sdgs: [...card.lists.sdgs].sort((a, b) => a - b),
    source_idea_ids: [...card.lists.ideas],
    source_theme_ids: [...card.lists.themes],
    stream_ids: STREAMS.map((stream) => stream.id).filter((id) => card.lists.streams.has(id)),
  };
}

/** A stream as a chip shows it: its label before the colon ("Stream 1"), or its title. */
function streamLabel(stream) {
  return stream.title.split(":")[0].trim() || stream.title;
}

/** Being edited: focus inside, or something typed and not saved. */
function isEditing(card) {
  return card.contains(document.activeElement) || card.dataset.dirty === "1";
}

function setSaveState(card, state, reason = "") {
  const node = card.querySelector(".save-state");
  node.dataset.state = state;
  node.textContent =
    state === "saving"
      ? t("save_saving")
      : state === "failed"
        ? t("save_failed", { reason })
        : state === "dirty"
          ? t("save_unsaved")
          : t("save_saved");
}

function field(labelText, control) {
  return el("div", { className: "field inline" }, [
    el("label", { for: control.id, textContent: labelText }),
    control,
  ]);
}

function outcomeCard(outcome) {
  const id = outcome.id;
  const prefix = `outcome-${id}`;
  const kind = el(
    "select",
    { id: `${prefix}-kind`, "data-field": "kind" },
    OUTCOME_KINDS.map((value) => el("option", { value, textContent: t(`kind_${value}`) })),
  );
  const text = el("textarea", {
    id: `${prefix}-text`,
    className: "outcome-text",
    rows: 3,
    maxLength: config.outcome_text_max,
    "data-field": "text",
  });
  const owner = el("input", {
    id: `${prefix}-owner`,
    type: "text",
    maxLength: config.owner_max,
    "data-field": "owner",
  });
  const due = el("input", { id: `${prefix}-due`, type: "date", "data-field": "due" });
  const status = el(
    "select",
    { id: `${prefix}-status`, "data-field": "status" },
    ACTION_STATUSES.map((value) =>
      el("option", { value, textContent: t(`action_status_${value}`) }),
    ),
  );
  const goals = el(
    "fieldset",
    { className: "sdg-options" },
    [el("legend", { className: "visually-hidden", textContent: t("sdg_goals") })].concat(
      SDG_GOALS.map((goal) =>
        el("div", { className: "check" }, [
          el("input", {
            type: "checkbox",
            id: `${prefix}-sdg-${goal}`,
            value: String(goal),
            "data-sdg": "1",
          }),
          el("label", { for: `${prefix}-sdg-${goal}` }, [
            el("span", { className: `sdg-number sdg-${goal}`, textContent: String(goal) }),
            ` ${t(`sdg_${goal}`)}`,
          ]),
        ]),
      ),
    ),
  );
  const streams = el(
    "fieldset",
    { className: "stream-options" },
    [el("legend", { className: "visually-hidden", textContent: t("streams_label") })].concat(
      STREAMS.map((stream) =>
        el("div", { className: "check" }, [
          el("input", {
            type: "checkbox",
            id: `${prefix}-stream-${stream.id}`,
            value: String(stream.id),
            "data-stream": "1",
          }),
          el("label", { for: `${prefix}-stream-${stream.id}`, textContent: stream.title }),
        ]),
      ),
    ),
  );
  const card = el("li", { className: "outcome", "data-id": String(id) }, [
    el("div", { className: "outcome-head" }, [
      field(t("label_kind"), kind),
      el("span", { className: "save-state", role: "status", "aria-live": "polite" }),
      el("button", {
        type: "button",
        className: "button small quiet danger",
        "data-action": "delete",
        textContent: t("delete_outcome"),
      }),
    ]),
    el("label", { for: text.id, className: "visually-hidden", textContent: t("label_text") }),
    text,
    el("p", { className: "changed-note", role: "status", hidden: true }),
    el("div", { className: "action-fields form-row" }, [
      field(t("label_owner"), owner),
      field(t("label_due"), due),
      field(t("label_status"), status),
    ]),
    el("div", { className: "sdgs" }, [
      el("ul", { className: "sdg-chips", "aria-label": t("sdg_goals") }),
      el("details", { className: "sdg-picker" }, [
        el("summary", { className: "button small quiet", textContent: t("sdg_picker") }),
        goals,
      ]),
      el("ul", { className: "stream-chips", "aria-label": t("streams_label") }),
      el("details", { className: "stream-picker", hidden: STREAMS.length === 0 }, [
        el("summary", { className: "button small quiet", textContent: t("streams_picker") }),
        streams,
      ]),
    ]),
    el("div", { className: "sources" }, [
      el("p", { className: "sources-label", textContent: t("sources") }),
      el("ul", { className: "source-list" }),
    ]),
    el("div", { className: "conflict", hidden: true }),
  ]);
  card.lists = { sdgs: new Set(), ideas: [], themes: [], streams: new Set() };
  wireCard(card);
  return card;
}

function wireCard(card) {
  const id = Number(card.dataset.id);
  const text = card.querySelector("[data-field=text]");
  card.addEventListener("focusin", () => select(id));
  // Left without changes: a colleague's newer version, held back while editing, shows now.
  card.addEventListener("focusout", (event) => {
    if (card.contains(event.relatedTarget)) return;
    window.setTimeout(() => {
      const latest = workspace.outcomes.get(id);
      if (!latest || isEditing(card) || card.dataset.saving || workspace.conflicts.has(id)) return;
      if (latest.version > Number(card.dataset.version)) {
        fill(card, latest);
        setSaveState(card, "saved");
      }
    }, 0);
  });
  text.addEventListener("input", () => {
    card.dataset.dirty = "1";
    setSaveState(card, "dirty");
  });
  text.addEventListener("blur", () => {
    if (card.dataset.dirty === "1") saveCard(card);
  });
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      saveCard(card);
    }
  });
  for (const name of ["kind", "owner", "due", "status"]) {
    card.querySelector(`[data-field=${name}]`).addEventListener("change", () => {
      showKind(card);
      saveCard(card);
    });
  }
  card.querySelector(".sdg-options").addEventListener("change", (event) => {
    const box = event.target;
    if (!box.dataset.sdg) return;
    if (box.checked) card.lists.sdgs.add(Number(box.value));
    else card.lists.sdgs.delete(Number(box.value));
    renderChips(card);
    saveCard(card);
  });
  card.querySelector(".stream-options").addEventListener("change", (event) => {
    const box = event.target;
    if (!box.dataset.stream) return;
    if (box.checked) card.lists.streams.add(Number(box.value));
    else card.lists.streams.delete(Number(box.value));
    renderChips(card);
    saveCard(card);
  });
  card.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    if (action === "delete") deleteCard(card);
    else if (action === "remove-source") {
      const sourceId = Number(button.dataset.id);
      const list = button.dataset.kind === "theme" ? "themes" : "ideas";
      card.lists[list] = card.lists[list].filter((each) => each !== sourceId);
      renderSources(card);
      saveCard(card);
      card.querySelector("[data-field=text]").focus();
    } else if (action === "keep-theirs") keepTheirs(card);
    else if (action === "use-mine") useMine(card);
  });
}

function select(id) {
  selectedId = id;
  for (const card of document.querySelectorAll("li.outcome")) {
    card.classList.toggle("selected", Number(card.dataset.id) === id);
  }
}

function showKind(card) {
  const action = card.querySelector("[data-field=kind]").value === "action";
  card.querySelector(".action-fields").hidden = !action;
}

function renderChips(card) {
  const chips = card.querySelector(".sdg-chips");
  const goals = [...card.lists.sdgs].sort((a, b) => a - b);
  chips.replaceChildren(
    ...goals.map((goal) =>
      el("li", { className: `sdg-chip sdg-${goal}` }, [
        el("span", { className: "sdg-chip-number", textContent: String(goal) }),
        ` ${t(`sdg_${goal}`)}`,
      ]),
    ),
  );
  chips.hidden = goals.length === 0;
  for (const box of card.querySelectorAll("input[data-sdg]")) {
    box.checked = card.lists.sdgs.has(Number(box.value));
  }
  const tagged = STREAMS.filter((stream) => card.lists.streams.has(stream.id));
  const streamChips = card.querySelector(".stream-chips");
  streamChips.replaceChildren(
    ...tagged.map((stream) =>
      el("li", { className: "stream-chip", title: stream.title, textContent: streamLabel(stream) }),
    ),
  );
  streamChips.hidden = tagged.length === 0;
  for (const box of card.querySelectorAll("input[data-stream]")) {
    box.checked = card.lists.streams.has(Number(box.value));
  }
}

function sourceItem(kind, id) {
  const text = findSource(kind, id);
  const label = text ?? t(kind === "theme" ? "theme_gone" : "idea_gone");
  return el("li", { className: `source${text === null ? " is-gone" : ""}` }, [
    el("span", {
      className: "source-kind",
      textContent: t(kind === "theme" ? "source_theme" : "source_idea"),
    }),
    el("span", { className: "source-text", textContent: label }),
    el("button", {
      type: "button",
      className: "button small quiet",
      "data-action": "remove-source",
      "data-kind": kind,
      "data-id": String(id),
      "aria-label": t("remove_source_label", { text: label }),
      textContent: t("remove_source"),
    }),
  ]);
}

function renderSources(card) {
  const list = card.querySelector(".source-list");
  const items = [
    ...card.lists.themes.map((id) => sourceItem("theme", id)),
    ...card.lists.ideas.map((id) => sourceItem("idea", id)),
  ];
  const shown = items.map((item) => item.textContent).join("\n");
  if (list.dataset.shown === shown) return;
  list.dataset.shown = shown;
  list.replaceChildren(...items);
  card.querySelector(".sources").hidden = items.length === 0;
}

/** Put an outcome's saved values in its card (only when nobody is editing it here). */
function fill(card, outcome) {
  card.dataset.version = String(outcome.version);
  card.dataset.dirty = "";
  card.querySelector("[data-field=kind]").value = outcome.kind;
  card.querySelector("[data-field=text]").value = outcome.text;
  card.querySelector("[data-field=owner]").value = outcome.owner || "";
  card.querySelector("[data-field=due]").value = outcome.due || "";
  card.querySelector("[data-field=status]").value = outcome.status || "open";
  card.lists = {
    sdgs: new Set(outcome.sdgs),
    ideas: [...outcome.source_idea_ids],
    themes: [...outcome.source_theme_ids],
    streams: new Set(outcome.stream_ids || []),
  };
  card.querySelector(".changed-note").hidden = true;
  showKind(card);
  renderChips(card);
  renderSources(card);
}

function updateCard(card, outcome) {
  const base = Number(card.dataset.version || 0);
  if (!card.dataset.version) {
    fill(card, outcome);
    setSaveState(card, "saved");
  } else if (outcome.version > base && !card.dataset.saving) {
    if (isEditing(card) || workspace.conflicts.has(outcome.id)) {
      const note = card.querySelector(".changed-note");
      note.textContent = t("changed_while_editing", {
        name: outcome.updated_by || t("a_colleague"),
      });
      note.hidden = workspace.conflicts.has(outcome.id);
    } else {
      fill(card, outcome);
    }
  }
  renderConflict(card, workspace.conflicts.get(outcome.id));
}

function renderOutcomes() {
  for (const kind of OUTCOME_KINDS) {
    const list = document.querySelector(`[data-outcomes=${kind}]`);
    const outcomes = workspace.ofKind(kind);
    // A card moving to another kind's section keeps its node (and focus): taken along.
    for (const outcome of outcomes) {
      const elsewhere = document.querySelector(`li.outcome[data-id="${outcome.id}"]`);
      if (elsewhere && elsewhere.parentElement !== list) list.append(elsewhere);
    }
    syncList(list, outcomes, (outcome) => outcome.id, outcomeCard, updateCard);
    const count = document.querySelector(`[data-count=${kind}]`);
    count.textContent = outcomes.length ? `(${outcomes.length})` : "";
  }
}

async function saveCard(card) {
  const id = Number(card.dataset.id);
  if (workspace.conflicts.has(id)) return;
  // One save at a time per card: the next goes with the version the last one made.
  if (card.dataset.saving) {
    card.dataset.again = "1";
    return;
  }
  const fields = cardFields(card);
  if (!fields.text.trim()) {
    setSaveState(card, "failed", t("error_text_empty"));
    return;
  }
  await send(card, fields, Number(card.dataset.version));
}

async function send(card, fields, version) {
  const id = Number(card.dataset.id);
  setSaveState(card, "saving");
  card.dataset.saving = "1";
  let ack;
  try {
    ack = await room.updateOutcome(id, version, fields);
  } catch (failure) {
    delete card.dataset.saving;
    card.dataset.dirty = "1";
    setSaveState(card, "failed", failureMessage(failure));
    return;
  }
  delete card.dataset.saving;
  if (!ack.ok) delete card.dataset.again;
  if (ack.ok) {
    workspace.resolve(id);
    workspace.upsert(ack.outcome);
    const typedSince = card.querySelector("[data-field=text]").value !== fields.text;
    card.dataset.version = String(ack.outcome.version);
    card.dataset.dirty = typedSince ? "1" : "";
    card.querySelector(".changed-note").hidden = true;
    setSaveState(card, typedSince ? "dirty" : "saved");
    renderOutcomes();
    if (card.dataset.again) {
      delete card.dataset.again;
      saveCard(card);
    }
  } else if (ack.error && ack.error.code === "edit_conflict" && ack.outcome) {
    workspace.conflict(ack.outcome, fields);
    card.dataset.dirty = "1";
    setSaveState(
      card,
      "failed",
      t("changed_while_editing", { name: ack.outcome.updated_by || t("a_colleague") }),
    );
    renderOutcomes();
  } else {
    card.dataset.dirty = "1";
    setSaveState(card, "failed", errorMessage(ack.error));
  }
}

function versionFacts(fields) {
  const parts = [t(`kind_${fields.kind}`)];
  if (fields.kind === "action") {
    if (fields.owner) parts.push(`${t("label_owner")}: ${fields.owner}`);
    if (fields.due) parts.push(`${t("label_due")}: ${fields.due}`);
    if (fields.status) parts.push(t(`action_status_${fields.status}`));
  }
  if (fields.sdgs && fields.sdgs.length)
    parts.push(fields.sdgs.map((goal) => `SDG ${goal}`).join(", "));
  return parts.join(" · ");
}

function renderConflict(card, conflict) {
  const panel = card.querySelector(".conflict");
  panel.hidden = !conflict;
  if (!conflict) {
    panel.replaceChildren();
    return;
  }
  const { theirs, mine } = conflict;
  const name = theirs.updated_by || t("a_colleague");
  const key = `${theirs.version}:${JSON.stringify(mine)}`;
  if (panel.dataset.key === key) return;
  panel.dataset.key = key;
  panel.replaceChildren(
    el("p", {
      className: "conflict-title",
      role: "alert",
      textContent: t("changed_while_editing", { name }),
    }),
    el("div", { className: "conflict-sides" }, [
      el(
        "section",
        { className: "conflict-side theirs", "aria-label": t("their_version", { name }) },
        [
          el("h4", { textContent: t("their_version", { name }) }),
          el("p", { className: "conflict-text", textContent: theirs.text }),
          el("p", { className: "hint", textContent: versionFacts(theirs) }),
        ],
      ),
      el("section", { className: "conflict-side mine", "aria-label": t("your_version") }, [
        el("h4", { textContent: t("your_version") }),
        el("p", { className: "conflict-text", textContent: mine.text }),
        el("p", { className: "hint", textContent: versionFacts(mine) }),
      ]),
    ]),
    el("div", { className: "conflict-actions" }, [
      el("button", {
        type: "button",
        className: "button small",
        "data-action": "keep-theirs",
        textContent: t("keep_theirs"),
      }),
      el("button", {
        type: "button",
        className: "button small primary",
        "data-action": "use-mine",
        textContent: t("use_mine"),
      }),
    ]),
  );
}

function keepTheirs(card) {
  const id = Number(card.dataset.id);
  const conflict = workspace.conflicts.get(id);
  if (!conflict) return;
  workspace.resolve(id);
  fill(card, workspace.outcomes.get(id) || conflict.theirs);
  setSaveState(card, "saved");
  renderOutcomes();
  card.querySelector("[data-field=text]").focus();
}

async function useMine(card) {
  const id = Number(card.dataset.id);
  const conflict = workspace.conflicts.get(id);
  if (!conflict) return;
  const latest = workspace.outcomes.get(id) || conflict.theirs;
  workspace.resolve(id);
  renderConflict(card, null);
  await send(card, conflict.mine, latest.version);
  card.querySelector("[data-field=text]").focus();
}

async function deleteCard(card) {
  const id = Number(card.dataset.id);
  if (!window.confirm(t("confirm_delete_outcome"))) return;
  setSaveState(card, "saving");
  let ack;
  try {
    ack = await room.deleteOutcome(id, Number(card.dataset.version));
  } catch (failure) {
    setSaveState(card, "failed", failureMessage(failure));
    return;
  }
  if (ack.ok) {
    workspace.remove(id);
    if (selectedId === id) selectedId = null;
    renderOutcomes();
    note(t("outcome_deleted"));
  } else if (ack.error && ack.error.code === "edit_conflict" && ack.outcome) {
    workspace.conflict(ack.outcome, cardFields(card));
    renderOutcomes();
  } else {
    setSaveState(card, "failed", errorMessage(ack.error));
  }
}

async function createOutcome(fields, form = null) {
  const report = form ? form.querySelector(".form-error") : ui.messages;
  let ack;
  try {
    ack = await room.createOutcome(fields);
  } catch (failure) {
    announce(report, failureMessage(failure));
    return null;
  }
  if (!ack.ok) {
    announce(report, errorMessage(ack.error));
    return null;
  }
  workspace.upsert(ack.outcome);
  renderOutcomes();
  return ack.outcome;
}

for (const form of document.querySelectorAll("form.add-outcome")) {
  const input = form.querySelector("textarea");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) {
      announce(form.querySelector(".form-error"), t("error_text_empty"));
      return;
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    // Kept until the server confirms, so that a retry after a lost answer adds it once.
    form.dataset.clientId ||= newClientId();
    const outcome = await createOutcome(
      { kind: form.dataset.kind, text, client_id: form.dataset.clientId },
      form,
    );
    button.disabled = !room.joined;
    if (!outcome) return;
    input.value = "";
    delete form.dataset.clientId;
    form.querySelector(".form-error").textContent = "";
    note(t("outcome_added"));
    select(outcome.id);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  // Other words make another outcome.
  input.addEventListener("input", () => delete form.dataset.clientId);
}

// "Cite": a source for the card being edited, or a new takeaway from it.
ui.prompts.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-cite]");
  if (!button) return;
  const kind = button.dataset.cite;
  const id = Number(button.dataset.id);
  const card =
    selectedId === null ? null : document.querySelector(`li.outcome[data-id="${selectedId}"]`);
  if (card) {
    const list = kind === "theme" ? "themes" : "ideas";
    if (!card.lists[list].includes(id)) card.lists[list] = [...card.lists[list], id];
    renderSources(card);
    await saveCard(card);
    note(t("cited"));
    return;
  }
  const text = findSource(kind, id) || "";
  const outcome = await createOutcome({
    kind: "takeaway",
    text,
    ...(kind === "theme" ? { source_theme_ids: [id] } : { source_idea_ids: [id] }),
  });
  if (outcome) {
    select(outcome.id);
    note(t("cite_started"));
  }
});

ui.draft.addEventListener("click", async () => {
  ui.draft.disabled = true;
  announce(ui.draftStatus, t("drafting"));
  try {
    const ack = await room.draftOutcomes();
    if (ack.ok) {
      for (const outcome of ack.outcomes) workspace.upsert(outcome);
      renderOutcomes();
      announce(
        ui.draftStatus,
        ack.outcomes.length ? tn("draft_added", ack.outcomes.length) : t("draft_nothing"),
      );
    } else {
      announce(ui.draftStatus, errorMessage(ack.error));
    }
  } catch (failure) {
    announce(ui.draftStatus, failureMessage(failure));
  }
  ui.draft.disabled = !room.joined;
});

// -- news from colleagues -------------------------------------------------------------------

function hearNews(name, payload) {
  if (name === "notes.updated") {
    if (workspace.takeNotes(payload.notes)) replaceNotesText(workspace.local);
    renderNotes();
    return;
  }
  if (name === "outcome.deleted") {
    workspace.remove(payload.outcome.id);
    if (selectedId === payload.outcome.id) selectedId = null;
  } else {
    workspace.upsert(payload.outcome);
  }
  renderOutcomes();
}

// -- notes ----------------------------------------------------------------------------------

let notesTimer = null;

function readDraft() {
  try {
    const raw = window.localStorage.getItem(draftKey);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

function keepDraft() {
  try {
    const draft = workspace.draft();
    if (draft) window.localStorage.setItem(draftKey, JSON.stringify(draft));
    else window.localStorage.removeItem(draftKey);
  } catch {
    // Without storage the notes are still saved to the server as they are typed.
  }
}

function notesState(text, state) {
  ui.notesStatus.dataset.state = state;
  announce(ui.notesStatus, text);
}

function renderNotes() {
  const conflict = workspace.notesConflict;
  ui.notesConflict.hidden = !conflict;
  if (!conflict) {
    ui.notesConflict.replaceChildren();
    return;
  }
  const name = conflict.theirs.updated_by || t("a_colleague");
  ui.notesConflict.replaceChildren(
    el("p", {
      className: "conflict-title",
      role: "alert",
      textContent: t("notes_conflict", { name }),
    }),
    el("div", { className: "conflict-sides" }, [
      el(
        "section",
        { className: "conflict-side theirs", "aria-label": t("their_notes", { name }) },
        [
          el("h3", { textContent: t("their_notes", { name }) }),
          el("pre", { className: "conflict-text", textContent: conflict.theirs.text }),
        ],
      ),
      el("section", { className: "conflict-side mine", "aria-label": t("your_notes") }, [
        el("h3", { textContent: t("your_notes") }),
        el("pre", { className: "conflict-text", textContent: conflict.mine }),
      ]),
    ]),
    el("div", { className: "conflict-actions" }, [
      el("button", {
        type: "button",
        className: "button small",
        "data-action": "use-theirs",
        textContent: t("use_theirs"),
      }),
      el("button", {
        type: "button",
        className: "button small primary",
        "data-action": "keep-mine",
        textContent: t("keep_mine"),
      }),
    ]),
  );
}

async function saveNotes() {
  window.clearTimeout(notesTimer);
  notesTimer = null;
  keepDraft();
  if (!loaded || !room.joined) {
    if (workspace.unsaved) notesState(t("notes_kept"), "dirty");
    return;
  }
  const sending = workspace.startSave();
  if (!sending) return;
  notesState(t("save_saving"), "saving");
  let ack;
  try {
    ack = await room.saveNotes(sending.text, sending.base_version);
  } catch (failure) {
    ack = { ok: false, error: { code: failure.code || "timeout" } };
  }
  const result = workspace.saved(ack);
  if (result.replaced) replaceNotesText(workspace.local);
  keepDraft();
  if (result.conflict) {
    renderNotes();
    notesState(t("save_failed", { reason: t("notes_conflict_short") }), "failed");
    return;
  }
  if (result.failed) {
    notesState(t("save_failed", { reason: errorMessage(ack.error) }), "failed");
    scheduleNotes(3 * NOTES_DEBOUNCE_MS);
    return;
  }
  if (result.merged) {
    notesState(
      t("notes_merged", { name: workspace.notes.updated_by || t("a_colleague") }),
      "saved",
    );
  } else {
    notesState(t("save_saved"), "saved");
  }
  // Typed while this save travelled: saved in turn.
  if (workspace.unsaved) scheduleNotes();
}

/** Put text in the notes box without losing the caret's place (counted from the end). */
function replaceNotesText(text) {
  if (ui.notes.value === text) return;
  const focused = document.activeElement === ui.notes;
  const fromEnd = ui.notes.value.length - ui.notes.selectionEnd;
  ui.notes.value = text;
  if (focused) {
    const at = Math.max(0, text.length - fromEnd);
    ui.notes.setSelectionRange(at, at);
  }
}

function scheduleNotes(delay = NOTES_DEBOUNCE_MS) {
  window.clearTimeout(notesTimer);
  notesTimer = window.setTimeout(saveNotes, delay);
}

ui.notes.addEventListener("input", () => {
  workspace.type(ui.notes.value);
  keepDraft();
  ui.notesStatus.dataset.state = "dirty";
  ui.notesStatus.textContent = t("save_unsaved");
  scheduleNotes();
});
ui.notes.addEventListener("blur", () => saveNotes());
window.addEventListener("pagehide", () => saveNotes());

ui.notesConflict.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  if (button.dataset.action === "use-theirs") {
    workspace.useTheirs();
    ui.notes.value = workspace.local;
    keepDraft();
    renderNotes();
    notesState(t("save_saved"), "saved");
  } else {
    workspace.keepMine();
    ui.notes.value = workspace.local;
    renderNotes();
    saveNotes();
  }
  ui.notes.focus();
});

// -- participation --------------------------------------------------------------------------

ui.refresh.addEventListener("click", refreshParticipation);
window.setInterval(refreshParticipation, PARTICIPATION_EVERY_MS);

room.start();
