// Statements on the participant page: each one marked agree, disagree or pass (and changed at
// will while the prompt is open), its counts, and, once the room may see the results, which
// statements carry broad agreement and which divide the room. Where the prompt lets them,
// participants propose statements of their own, which the facilitator checks first.
// participant.js hands every `statements` prompt to this module.

import { clientConfig } from "./config.js";
import { wirePostForm } from "./ideas.js";
import { failureMessage } from "./live.js";
import { OPINIONS, opinionShares } from "./statement-figures.js";
import {
  announce,
  el,
  errorMessage,
  setCountdown,
  setLinkedText,
  syncList,
  t,
  tn,
} from "./render.js";

/** An opinion's name in the page's language. */
export function opinionLabel(opinion) {
  if (opinion === "agree") return t("opinion_agree");
  if (opinion === "disagree") return t("opinion_disagree");
  return t("opinion_pass");
}

/** The statements put to the room, in the order they were added. */
export function statementsOf(prompt) {
  return [...prompt.ideas.values()]
    .filter((idea) => !idea.hidden && !idea.parent_id && (idea.status || "visible") === "visible")
    .sort((a, b) => a.id - b.id);
}

/** My own proposals the facilitator has not approved yet (only I am sent them in full). */
export function proposalsOf(prompt) {
  return [...prompt.ideas.values()]
    .filter((idea) => !idea.hidden && !idea.parent_id && idea.status === "pending")
    .sort((a, b) => a.id - b.id);
}

/** How many of `statements` I have given an opinion on, of how many. */
export function progressOf(statements, opinionOf) {
  const done = statements.filter((statement) => opinionOf(statement.id) != null).length;
  return { done, total: statements.length };
}

/** "3 opinion groups among 24 voters.", or that there are too few voters yet to tell. */
export function groupsLine(results) {
  const voters = results.voters || 0;
  const groups = results.groups || [];
  return groups.length
    ? tn("opinion_groups", groups.length, { voters })
    : tn("too_few_voters", voters);
}

/**
 * The statements prompts of the participant page, over `room` (a LiveRoom): `redraw()` draws
 * the page again, `drafts` keeps what I type ({read(promptId), keep(promptId, text)}).
 */
export function setUpStatements({ room, redraw, drafts }) {
  const ideaMax = clientConfig().idea_max;
  // What I chose last on a statement while it is being sent, by statement id: it shows at once
  // and is sent when the opinion before it is acknowledged, so the last choice is the one kept.
  const wanted = new Map();
  const sending = new Set();

  function opinionOf(promptId, ideaId) {
    return wanted.get(ideaId) ?? room.state.opinionOn(promptId, ideaId);
  }

  async function choose(promptId, ideaId, opinion, error) {
    wanted.set(ideaId, opinion);
    error.textContent = "";
    if (sending.has(ideaId)) return;
    sending.add(ideaId);
    try {
      for (;;) {
        const want = wanted.get(ideaId);
        if (want === undefined || want === room.state.opinionOn(promptId, ideaId)) break;
        let message = null;
        try {
          const ack = await room.castOpinion(promptId, ideaId, want);
          if (!ack.ok) message = errorMessage(ack.error);
        } catch (failure) {
          message = failureMessage(failure);
        }
        if (message) {
          announce(error, t("opinion_refused", { reason: message }));
          break;
        }
      }
    } finally {
      wanted.delete(ideaId);
      sending.delete(ideaId);
      redraw();
    }
  }

  // -- the prompt's card -----------------------------------------------------------------

  function proposeForm(prompt) {
    const base = `propose-${prompt.id}`;
    const textarea = el("textarea", {
      id: `${base}-input`,
      name: "text",
      rows: 2,
      maxLength: ideaMax,
      required: true,
      "aria-describedby": `${base}-counter ${base}-note`,
      value: drafts.read(prompt.id),
    });
    const form = el("form", { className: "idea-form propose-form", noValidate: true }, [
      el("label", { for: textarea.id }, t("propose_statement")),
      el("p", { className: "hint", id: `${base}-note` }, t("propose_note")),
      textarea,
      el("div", { className: "form-row" }, [
        el("span", { id: `${base}-counter`, className: "counter" }),
        el("button", { type: "submit", className: "button primary" }, t("propose")),
      ]),
      el("p", { className: "form-error", role: "status", "aria-live": "polite" }),
    ]);
    wirePostForm(form, {
      max: ideaMax,
      keep: (text) => drafts.keep(prompt.id, text),
      send: (text) => room.postIdea(prompt.id, text),
    });
    return form;
  }

  function create(prompt) {
    const section = el(
      "section",
      { className: "card prompt statements-prompt", "aria-labelledby": `prompt-${prompt.id}` },
      [
        el("p", { className: "focus-note" }, t("brought_here")),
        el("div", { className: "prompt-head" }, [
          el("span", { className: "badge open" }, t("status_open")),
          el("span", { className: "pill kind-pill" }, t("kind_statements")),
          el("span", { className: "countdown", role: "timer" }),
          el("p", { className: "statements-progress" }),
        ]),
        el("h2", { id: `prompt-${prompt.id}`, className: "prompt-text", tabIndex: -1 }),
        el("p", { className: "hint statements-help" }, t("statements_help")),
        ...roomView(),
        proposeForm(prompt),
        el("div", { className: "proposals" }, [
          el("h3", { className: "proposals-heading" }, t("your_proposals")),
          el("ul", { className: "ideas proposal-list" }),
        ]),
      ],
    );
    section.querySelector(".statements").addEventListener("change", (event) => {
      const input = event.target.closest("input.opinion-input");
      if (!input || !input.checked) return;
      const li = input.closest("li");
      choose(prompt.id, Number(li.dataset.key), input.value, li.querySelector(".opinion-error"));
    });
    return section;
  }

  /** The results line, the note that counts are hidden, and the statements. */
  function roomView() {
    return [
      el("p", { className: "hint tallies-note" }, t("statements_hidden")),
      el("p", { className: "groups-line" }),
      el("ol", { className: "statements", "aria-label": t("statements_list") }),
      el("p", { className: "empty" }),
    ];
  }

  function createClosed(prompt) {
    return el(
      "section",
      {
        className: "card prompt closed statements-prompt",
        "aria-labelledby": `closed-${prompt.id}`,
      },
      [
        el("div", { className: "prompt-head" }, [
          el("span", { className: "badge closed" }, t("status_closed")),
          el("span", { className: "pill kind-pill" }, t("kind_statements")),
          el("p", { className: "statements-progress" }),
        ]),
        el("h3", { id: `closed-${prompt.id}`, className: "prompt-text" }),
        ...roomView(),
      ],
    );
  }

  function update(section, prompt, focused) {
    section.classList.toggle("focused", focused);
    section.querySelector(".focus-note").hidden = !focused;
    setCountdown(section.querySelector(".countdown"), prompt.timer, room.serverNow());
    drawRoom(section, prompt);
    const participant = room.role === "participant";
    const canPropose =
      participant && prompt.participant_statements === true && prompt.can_post !== false;
    section.querySelector(".propose-form").hidden = !canPropose;
    const mine = [
      ...room
        .pendingIdeas(prompt.id)
        .filter((entry) => !entry.parent_id)
        .map((entry) => ({ sending: true, ...entry })),
      ...proposalsOf(prompt),
    ];
    section.querySelector(".proposals").hidden = mine.length === 0;
    syncList(
      section.querySelector(".proposal-list"),
      mine,
      (item) => (item.sending ? `sending-${item.client_id}` : item.id),
      () =>
        el("li", { className: "idea proposal" }, [
          el("p", { className: "idea-text" }),
          el("p", { className: "idea-note approval-note" }),
        ]),
      (li, item) => {
        li.classList.toggle("pending", Boolean(item.sending));
        li.querySelector(".idea-text").textContent = item.text;
        li.querySelector(".approval-note").textContent = item.sending
          ? t("sending")
          : t("awaiting_approval");
      },
    );
  }

  function updateClosed(section, prompt) {
    drawRoom(section, prompt);
  }

  function drawRoom(section, prompt) {
    setLinkedText(section.querySelector(".prompt-text"), prompt.text);
    const open = prompt.status === "open";
    const participant = room.role === "participant";
    const statements = statementsOf(prompt);
    const results = prompt.results || null;
    const progress = section.querySelector(".statements-progress");
    const { done, total } = progressOf(statements, (id) => opinionOf(prompt.id, id));
    progress.hidden = !participant || total === 0;
    progress.textContent = tn("statements_progress", total, { done });
    const counted = statements.some((statement) => statement.opinions != null);
    section.querySelector(".tallies-note").hidden = Boolean(results) || counted || !total;
    const groups = section.querySelector(".groups-line");
    groups.hidden = !results || !total;
    groups.textContent = results ? groupsLine(results) : "";
    const verdicts = {
      consensus: new Set((results && results.consensus) || []),
      divisive: new Set((results && results.divisive) || []),
    };
    syncList(
      section.querySelector(".statements"),
      statements,
      (statement) => statement.id,
      (statement) => createStatement(statement),
      (li, statement) =>
        updateStatement(li, statement, {
          chosen: opinionOf(prompt.id, statement.id),
          live: open && participant,
          verdicts,
        }),
    );
    const empty = section.querySelector(".empty");
    empty.hidden = total > 0;
    empty.textContent = open ? t("no_statements_yet") : t("no_statements");
  }

  // -- one statement -----------------------------------------------------------------------

  function createStatement(statement) {
    const textId = `statement-${statement.id}`;
    const name = `opinion-${statement.id}`;
    return el("li", { className: "statement" }, [
      el("p", { className: "idea-text statement-text", id: textId }),
      el("p", { className: "verdicts" }, [
        el("span", { className: "verdict consensus" }, t("consensus")),
        el("span", { className: "verdict divisive" }, t("divisive")),
      ]),
      el(
        "div",
        { className: "opinion-choices", role: "radiogroup", "aria-labelledby": textId },
        OPINIONS.map((opinion) =>
          el("label", { className: `opinion-option ${opinion}` }, [
            el("input", { type: "radio", name, value: opinion, className: "opinion-input" }),
            el("span", { className: "opinion-tile" }, [
              el("span", { className: "opinion-mark", "aria-hidden": "true" }),
              opinionLabel(opinion),
            ]),
          ]),
        ),
      ),
      el("p", { className: "my-opinion" }),
      el("div", { className: "opinion-tally" }, [
        el(
          "span",
          { className: "tally-bar", "aria-hidden": "true" },
          OPINIONS.map((opinion) => el("span", { className: `tally-part ${opinion}` })),
        ),
        el("span", { className: "tally-text" }),
      ]),
      el("p", { className: "form-error opinion-error", role: "status", "aria-live": "polite" }),
    ]);
  }

  function updateStatement(li, statement, { chosen, live, verdicts }) {
    const text = li.querySelector(".statement-text");
    if (text.dataset.text !== statement.text) {
      setLinkedText(text, statement.text);
      text.dataset.text = statement.text;
    }
    const consensus = verdicts.consensus.has(statement.id);
    const divisive = verdicts.divisive.has(statement.id);
    li.classList.toggle("consensus", consensus);
    li.classList.toggle("divisive", divisive);
    li.classList.toggle("answered", chosen != null);
    li.querySelector(".verdict.consensus").hidden = !consensus;
    li.querySelector(".verdict.divisive").hidden = !divisive;
    li.querySelector(".verdicts").hidden = !consensus && !divisive;
    const choices = li.querySelector(".opinion-choices");
    choices.hidden = !live;
    for (const input of choices.querySelectorAll("input")) {
      input.checked = input.value === chosen;
      input.disabled = !live;
    }
    // Once the prompt is closed, my opinion is said in words.
    const mine = li.querySelector(".my-opinion");
    mine.hidden = live || chosen == null;
    mine.textContent =
      chosen == null ? "" : t("your_opinion_was", { opinion: opinionLabel(chosen) });
    const tally = li.querySelector(".opinion-tally");
    const counts = statement.opinions;
    tally.hidden = !counts;
    if (!counts) return;
    const { total, shares } = opinionShares(counts);
    const bar = tally.querySelector(".tally-bar");
    bar.hidden = !total;
    for (const opinion of OPINIONS) {
      bar.querySelector(`.tally-part.${opinion}`).style.width = `${100 * shares[opinion]}%`;
    }
    tally.querySelector(".tally-text").textContent = t("opinion_counts", {
      agree: counts.agree || 0,
      disagree: counts.disagree || 0,
      pass: counts.pass || 0,
    });
  }

  return { create, update, createClosed, updateClosed };
}
