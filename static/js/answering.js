// The participant's side of a poll, scale, ranking or assessment: the form that answers it,
// the answer given so far, and the room's results when the facilitator lets the room see them.
// participant.js draws ideas prompts; it hands every answered prompt to this module.

import Sortable from "../vendor/sortable.esm.js";
import { runBusy } from "./actions.js";
import { clientConfig } from "./config.js";
import {
  actionButton,
  announce,
  el,
  errorMessage,
  setCountdown,
  setLinkedText,
  syncList,
  t,
  tn,
} from "./render.js";
import { createResults, responsesLine, scaleOf, scaleValues, updateResults } from "./results.js";

/**
 * The answered prompts of the participant page, over `room` (a LiveRoom); `redraw()` draws the
 * page again, `announcer` is the page's polite live region.
 */
export function setUpAnswering({ room, redraw, announcer }) {
  const commentMax = clientConfig().comment_max;

  // -- what is mine -----------------------------------------------------------------

  function pending(prompt) {
    return room.pendingAnswers(prompt.id);
  }

  /** My answer: the server's, with what still waits in the outbox laid over it. */
  function answerOf(prompt) {
    const sent = room.state.responseTo(prompt.id);
    const waiting = pending(prompt);
    if (!waiting.length) return sent;
    if (prompt.kind !== "assessment") return waiting[waiting.length - 1].fields;
    const cells = new Map();
    for (const score of (sent && sent.scores) || [])
      cells.set(`${score.item}:${score.criterion}`, score);
    for (const entry of waiting) {
      for (const score of entry.fields.scores) {
        cells.set(`${score.item}:${score.criterion}`, { comment: "", ...score });
      }
    }
    return { scores: [...cells.values()] };
  }

  function optionText(prompt, index) {
    return (prompt.options || [])[index] ?? "";
  }

  /** My answer in words: "Your answer: Trams, Bikes", or nothing before I answer. */
  function answerLine(prompt, answer) {
    if (!answer) return "";
    if (prompt.kind === "poll" && answer.choices) {
      const chosen = answer.choices.map((index) => optionText(prompt, index));
      return t("your_answer_is", { answer: chosen.join(t("list_separator")) });
    }
    if (prompt.kind === "scale" && answer.value != null) {
      return t("your_rating_is", { value: answer.value, max: scaleOf(prompt).max });
    }
    if (prompt.kind === "ranking" && answer.order) {
      const ranked = answer.order.map((index, position) =>
        t("ranked_as", { n: position + 1, option: optionText(prompt, index) }),
      );
      return t("your_ranking_is", { ranking: ranked.join(t("list_separator")) });
    }
    return "";
  }

  /** Per item, the criteria I have scored, by index. */
  function scoredCells(answer) {
    const cells = new Map();
    for (const score of (answer && answer.scores) || []) {
      if (!cells.has(score.item)) cells.set(score.item, new Map());
      cells.get(score.item).set(score.criterion, score);
    }
    return cells;
  }

  /** "Scored 6 of 8": the scores given, of one per item and criterion. */
  function progressLine(prompt, answer) {
    const cells = scoredCells(answer);
    const all = (prompt.criteria || []).length * (prompt.items || []).length;
    const done = [...cells.values()].reduce((sum, scored) => sum + scored.size, 0);
    return t("scored_of", { done, total: all });
  }

  // -- the prompt's card ------------------------------------------------------------------

  function helpText(prompt) {
    const scale = scaleOf(prompt);
    if (prompt.kind === "poll") {
      return (prompt.max_choices || 1) > 1
        ? tn("choose_up_to", prompt.max_choices)
        : t("choose_one");
    }
    if (prompt.kind === "scale") return t("scale_help");
    if (prompt.kind === "ranking") return t("ranking_help");
    return t("assessment_help", { min: scale.min, max: scale.max });
  }

  const FORMS = {
    poll: createPollForm,
    scale: createScaleForm,
    ranking: createRankingForm,
    assessment: createAssessment,
  };

  const UPDATES = {
    poll: updatePollForm,
    scale: updateScaleForm,
    ranking: updateRankingForm,
    assessment: updateAssessment,
  };

  /** An open answered prompt: its question, its form, my answer and the room's results. */
  function create(prompt) {
    const base = `answer-${prompt.id}`;
    const section = el(
      "section",
      {
        className: `card prompt answered kind-${prompt.kind}`,
        "aria-labelledby": `prompt-${prompt.id}`,
      },
      [
        el("p", { className: "focus-note" }, t("brought_here")),
        el("div", { className: "prompt-head" }, [
          el("span", { className: "badge open" }, t("status_open")),
          el("span", { className: "pill kind-pill" }, t(`kind_${prompt.kind}`)),
          el("span", { className: "countdown", role: "timer" }),
        ]),
        el("h2", { id: `prompt-${prompt.id}`, className: "prompt-text", tabIndex: -1 }),
        el("p", { className: "hint answer-help", id: `${base}-help` }),
        FORMS[prompt.kind](prompt, base),
        el("p", {
          className: "answer-status",
          id: `${base}-status`,
          role: "status",
          "aria-live": "polite",
        }),
        el("p", { className: "form-error answer-error", role: "alert" }),
        resultsArea(prompt, 2),
      ],
    );
    section.dataset.kind = prompt.kind;
    return section;
  }

  /** How many answered and the results, under the prompt's heading of `level`. */
  function resultsArea(prompt, level) {
    return el("div", { className: "answer-results" }, [
      el("p", { className: "responses-count" }),
      el("p", { className: "hint results-hidden-note" }, t("results_hidden")),
      createResults(prompt, { level: level + 1 }),
    ]);
  }

  function updateResultsArea(section, prompt) {
    const results = prompt.results;
    const count = section.querySelector(".responses-count");
    count.hidden = Boolean(results);
    count.textContent = responsesLine(prompt.responses);
    section.querySelector(".results-hidden-note").hidden =
      Boolean(results) || !prompt.tallies_hidden;
    updateResults(section.querySelector(".results"), prompt);
  }

  function update(section, prompt, focused) {
    section.classList.toggle("focused", focused);
    section.querySelector(".focus-note").hidden = !focused;
    setCountdown(section.querySelector(".countdown"), prompt.timer, room.serverNow());
    setLinkedText(section.querySelector(".prompt-text"), prompt.text);
    section.querySelector(".answer-help").textContent = helpText(prompt);
    const answer = answerOf(prompt);
    const participant = room.role === "participant";
    UPDATES[prompt.kind](section, prompt, answer, participant);
    const status = section.querySelector(".answer-status");
    const waiting = pending(prompt).length > 0;
    const line = waiting ? t("answer_kept") : answerLine(prompt, answer);
    status.classList.toggle("kept", waiting);
    if (status.textContent !== line) status.textContent = line;
    updateResultsArea(section, prompt);
  }

  /** A closed answered prompt: what I answered and what the room did. */
  function createClosed(prompt) {
    return el(
      "section",
      {
        className: `card prompt closed answered kind-${prompt.kind}`,
        "aria-labelledby": `closed-${prompt.id}`,
      },
      [
        el("div", { className: "prompt-head" }, [
          el("span", { className: "badge closed" }, t("status_closed")),
          el("span", { className: "pill kind-pill" }, t(`kind_${prompt.kind}`)),
        ]),
        el("h3", { id: `closed-${prompt.id}`, className: "prompt-text" }),
        el("p", { className: "answer-status" }),
        resultsArea(prompt, 3),
      ],
    );
  }

  function updateClosed(section, prompt) {
    setLinkedText(section.querySelector(".prompt-text"), prompt.text);
    const line = answerLine(prompt, room.state.responseTo(prompt.id));
    const status = section.querySelector(".answer-status");
    status.textContent = line;
    status.hidden = !line;
    updateResultsArea(section, prompt);
  }

  // -- sending --------------------------------------------------------------------------

  /**
   * Send an answer from `button`: busy meanwhile; a refusal said in the card's error line in
   * the server's words, an answer kept offline said in the status line. Resolves with the ack.
   */
  async function send(button, prompt, fields, saved = "answer_saved") {
    const section = button.closest("section.prompt");
    const error = section.querySelector(".answer-error");
    const ack = await runBusy(button, () => room.submitResponse(prompt.id, fields), {
      report: (message, answered) => {
        if (answered && answered.kept) error.textContent = "";
        else if (message) announce(error, message);
        else error.textContent = "";
      },
      after: redraw,
    });
    if (ack && ack.ok) announce(announcer, t(saved));
    return ack;
  }

  /** An answer kept offline and refused once sent: said on its card. */
  function refused(entry, error) {
    const section = document.querySelector(`#open-prompts > [data-key="${entry.prompt_id}"]`);
    const message = t("answer_refused", { reason: errorMessage(error) });
    if (section) announce(section.querySelector(".answer-error"), message);
    else announce(announcer, message);
  }

  function complain(section, message, focus) {
    announce(section.querySelector(".answer-error"), message);
    if (focus) focus.focus();
  }

  /** Whether the person changed the form since it last showed their answer. */
  function isDirty(node) {
    return node.dataset.dirty === "1";
  }

  function markDirty(node, dirty) {
    if (dirty) node.dataset.dirty = "1";
    else delete node.dataset.dirty;
  }

  function submitLabel(answered) {
    return answered ? t("change_answer") : t("send_answer");
  }

  // -- poll --------------------------------------------------------------------------------

  function createPollForm(prompt, base) {
    const multiple = (prompt.max_choices || 1) > 1;
    const form = el("form", { className: "answer-form poll-form", noValidate: true }, [
      el("fieldset", {
        className: "choices",
        "aria-labelledby": `prompt-${prompt.id}`,
        "aria-describedby": `${base}-help`,
      }),
      el("div", { className: "form-row" }, [
        el("button", {
          type: "submit",
          className: "button primary",
          "aria-describedby": `${base}-status`,
        }),
      ]),
    ]);
    form.dataset.multiple = multiple ? "1" : "";
    form.addEventListener("change", (event) => {
      const input = event.target;
      const chosen = form.querySelectorAll("input:checked").length;
      if (input.type === "checkbox" && input.checked && chosen > prompt.max_choices) {
        input.checked = false;
        complain(form.closest("section"), tn("choose_up_to", prompt.max_choices));
        return;
      }
      form.closest("section").querySelector(".answer-error").textContent = "";
      markDirty(form, true);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const current = room.state.prompts.get(prompt.id) || prompt;
      const choices = [...form.querySelectorAll("input:checked")].map((input) =>
        Number(input.value),
      );
      const section = form.closest("section");
      if (!choices.length) {
        complain(section, t("error_choose_option"), form.querySelector("input"));
        return;
      }
      send(form.querySelector("button[type=submit]"), current, { choices }).then((ack) => {
        if (ack && ack.ok) {
          markDirty(form, false);
          redraw();
        }
      });
    });
    return form;
  }

  function updatePollForm(section, prompt, answer, participant) {
    const form = section.querySelector(".poll-form");
    const multiple = (prompt.max_choices || 1) > 1;
    const options = (prompt.options || []).map((text, index) => ({ text, index }));
    syncList(
      form.querySelector(".choices"),
      options,
      (option) => option.index,
      (option) => {
        const id = `answer-${prompt.id}-option-${option.index}`;
        return el("label", { className: "choice", for: id }, [
          el("input", {
            id,
            type: multiple ? "checkbox" : "radio",
            name: `poll-${prompt.id}`,
            value: String(option.index),
          }),
          el("span", { className: "choice-text" }),
        ]);
      },
      (node, option) => {
        node.querySelector(".choice-text").textContent = option.text;
      },
    );
    const chosen = new Set((answer && answer.choices) || []);
    if (!isDirty(form)) {
      for (const input of form.querySelectorAll("input")) {
        input.checked = chosen.has(Number(input.value));
      }
    }
    for (const input of form.querySelectorAll("input")) input.disabled = !participant;
    const button = form.querySelector("button[type=submit]");
    button.textContent = submitLabel(Boolean(room.state.responseTo(prompt.id)));
    button.hidden = !participant;
  }

  // -- scale -------------------------------------------------------------------------------

  /** One radio button per value of the scale, drawn as a row of tiles. */
  function scalePicker(name, scale, { labelledBy, describedBy }) {
    return el(
      "fieldset",
      {
        className: "scale-picker",
        "aria-labelledby": labelledBy,
        "aria-describedby": describedBy,
      },
      [
        el(
          "div",
          { className: "scale-options" },
          scaleValues(scale).map((value) =>
            el("label", { className: "scale-option" }, [
              el("input", { type: "radio", name, value: String(value), className: "scale-input" }),
              el("span", { className: "scale-tile" }, String(value)),
            ]),
          ),
        ),
      ],
    );
  }

  function scaleEnds(id, scale) {
    return el("p", { className: "scale-ends", id }, [
      el("span", { className: "scale-end low" }, t("scale_low", { value: scale.min })),
      el("span", { className: "scale-end high" }, t("scale_high", { value: scale.max })),
    ]);
  }

  function createScaleForm(prompt, base) {
    const scale = scaleOf(prompt);
    const form = el("form", { className: "answer-form scale-form", noValidate: true }, [
      scalePicker(`scale-${prompt.id}`, scale, {
        labelledBy: `prompt-${prompt.id}`,
        describedBy: `${base}-help ${base}-ends`,
      }),
      scaleEnds(`${base}-ends`, scale),
      el("div", { className: "form-row" }, [
        el("button", {
          type: "submit",
          className: "button primary",
          "aria-describedby": `${base}-status`,
        }),
      ]),
    ]);
    form.addEventListener("change", () => {
      markDirty(form, true);
      form.closest("section").querySelector(".answer-error").textContent = "";
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const checked = form.querySelector("input:checked");
      const section = form.closest("section");
      if (!checked) {
        complain(section, t("error_choose_value"), form.querySelector("input"));
        return;
      }
      const current = room.state.prompts.get(prompt.id) || prompt;
      send(form.querySelector("button[type=submit]"), current, {
        value: Number(checked.value),
      }).then((ack) => {
        if (ack && ack.ok) {
          markDirty(form, false);
          redraw();
        }
      });
    });
    return form;
  }

  function updateScaleForm(section, prompt, answer, participant) {
    const form = section.querySelector(".scale-form");
    if (!isDirty(form)) {
      for (const input of form.querySelectorAll("input")) {
        input.checked = answer != null && Number(input.value) === answer.value;
      }
    }
    for (const input of form.querySelectorAll("input")) input.disabled = !participant;
    const button = form.querySelector("button[type=submit]");
    button.textContent = submitLabel(Boolean(room.state.responseTo(prompt.id)));
    button.hidden = !participant;
  }

  // -- ranking -----------------------------------------------------------------------------

  function createRankingForm(prompt, base) {
    const ranked = el("ol", {
      className: "rank-list",
      "aria-labelledby": `${base}-ranked`,
    });
    const unranked = el("ul", {
      className: "unranked-list",
      "aria-labelledby": `${base}-unranked`,
    });
    const form = el("form", { className: "answer-form ranking-form", noValidate: true }, [
      el("h3", { className: "rank-heading", id: `${base}-ranked` }, t("your_ranking")),
      ranked,
      el("p", { className: "hint rank-empty" }, t("ranking_empty")),
      el("h3", { className: "rank-heading", id: `${base}-unranked` }, t("not_ranked")),
      unranked,
      el("p", { className: "hint rank-all" }, t("ranking_all")),
      el("div", { className: "form-row" }, [
        el("button", {
          type: "submit",
          className: "button primary",
          "aria-describedby": `${base}-status`,
        }),
      ]),
    ]);
    form.rankOrder = [];
    const reorder = (order, focus = null) => {
      form.rankOrder = order;
      markDirty(form, true);
      form.closest("section").querySelector(".answer-error").textContent = "";
      redraw();
      if (focus) focusRankControl(form, focus);
    };
    const orderInDom = () =>
      [...ranked.children]
        .map((li) => Number(li.dataset.index))
        .filter((index, i, all) => all.indexOf(index) === i);
    // Drag and drop, for those with a mouse or a finger; the buttons do the same by keyboard.
    const dragging = {
      group: `ranking-${prompt.id}`,
      animation: 150,
      filter: "button",
      preventOnFilter: false,
      delayOnTouchOnly: true,
      delay: 150,
    };
    Sortable.create(ranked, { ...dragging, onSort: () => reorder(orderInDom()) });
    Sortable.create(unranked, { ...dragging, sort: false });
    form.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (!button || button.getAttribute("aria-disabled") === "true") return;
      const index = Number(button.closest("li").dataset.index);
      const order = [...form.rankOrder];
      const at = order.indexOf(index);
      const name = optionText(room.state.prompts.get(prompt.id) || prompt, index);
      const { action } = button.dataset;
      if (action === "rank-add") {
        order.push(index);
        reorder(order, { index, action: "rank-up" });
        announce(announcer, t("ranked_now", { option: name, n: order.length }));
      } else if (action === "rank-remove") {
        order.splice(at, 1);
        const next = order[Math.min(at, order.length - 1)];
        reorder(order, next === undefined ? { index, action: "rank-add" } : { index: next });
        announce(announcer, t("left_out_now", { option: name }));
      } else if (action === "rank-up" || action === "rank-down") {
        const to = action === "rank-up" ? at - 1 : at + 1;
        if (to < 0 || to >= order.length) return;
        [order[at], order[to]] = [order[to], order[at]];
        reorder(order, { index, action });
        announce(announcer, t("ranked_now", { option: name, n: to + 1 }));
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const section = form.closest("section");
      if (!form.rankOrder.length) {
        complain(section, t("error_rank_one"), unranked.querySelector("button"));
        return;
      }
      const current = room.state.prompts.get(prompt.id) || prompt;
      send(form.querySelector("button[type=submit]"), current, {
        order: [...form.rankOrder],
      }).then((ack) => {
        if (ack && ack.ok) {
          markDirty(form, false);
          redraw();
        }
      });
    });
    return form;
  }

  /** Put focus back on a ranking's control after a redraw moved its item. */
  function focusRankControl(form, { index, action = null }) {
    const item =
      form.querySelector(`.rank-list li[data-index="${index}"]`) ||
      form.querySelector(`.unranked-list li[data-index="${index}"]`);
    if (!item) return;
    const wanted = action && item.querySelector(`button[data-action="${action}"]`);
    const usable = (button) => button && button.getAttribute("aria-disabled") !== "true";
    const target = usable(wanted)
      ? wanted
      : [...item.querySelectorAll("button")].find((button) => usable(button));
    (target || item.querySelector("button"))?.focus();
  }

  function rankButton(action, symbol, label) {
    return actionButton(symbol, action, "small rank-button", {
      "aria-label": label,
      title: label,
    });
  }

  function updateRankingForm(section, prompt, answer, participant) {
    const form = section.querySelector(".ranking-form");
    if (!isDirty(form)) form.rankOrder = [...((answer && answer.order) || [])];
    const options = prompt.options || [];
    const order = form.rankOrder.filter((index) => index < options.length);
    const rest = options.map((_, index) => index).filter((index) => !order.includes(index));
    syncList(
      form.querySelector(".rank-list"),
      order.map((index, position) => ({ index, position })),
      (row) => `r${row.index}`,
      () =>
        el("li", { className: "rank-item" }, [
          el("span", { className: "rank-position", "aria-hidden": "true" }),
          el("span", { className: "rank-text" }),
          el("span", { className: "rank-tools" }, [
            rankButton("rank-up", "↑", ""),
            rankButton("rank-down", "↓", ""),
            rankButton("rank-remove", "✕", ""),
          ]),
        ]),
      (li, row) => {
        const text = options[row.index];
        li.dataset.index = String(row.index);
        li.querySelector(".rank-position").textContent = String(row.position + 1);
        li.querySelector(".rank-text").textContent = text;
        const label = (key) => t(key, { option: text });
        const set = (action, key, disabled) => {
          const button = li.querySelector(`[data-action="${action}"]`);
          button.setAttribute("aria-label", label(key));
          button.title = label(key);
          button.setAttribute("aria-disabled", String(disabled || !participant));
          button.hidden = !participant;
        };
        set("rank-up", "move_option_up", row.position === 0);
        set("rank-down", "move_option_down", row.position === order.length - 1);
        set("rank-remove", "leave_option_out", false);
      },
    );
    syncList(
      form.querySelector(".unranked-list"),
      rest.map((index) => ({ index })),
      (row) => `u${row.index}`,
      () =>
        el("li", { className: "unranked-item" }, [
          el("span", { className: "rank-text" }),
          actionButton(t("add_to_ranking"), "rank-add", "small"),
        ]),
      (li, row) => {
        li.dataset.index = String(row.index);
        li.querySelector(".rank-text").textContent = options[row.index];
        const button = li.querySelector("button");
        button.setAttribute(
          "aria-label",
          t("add_option_to_ranking", { option: options[row.index] }),
        );
        button.hidden = !participant;
      },
    );
    form.querySelector(".rank-empty").hidden = order.length > 0;
    form.querySelector(".rank-all").hidden = rest.length > 0;
    const button = form.querySelector("button[type=submit]");
    button.textContent = submitLabel(Boolean(room.state.responseTo(prompt.id)));
    button.hidden = !participant;
  }

  // -- assessment ----------------------------------------------------------------------

  function createAssessment(prompt, base) {
    const box = el("div", { className: "answer-form assessment-form" }, [
      el("p", { className: "assess-progress", id: `${base}-progress` }),
      el("div", { className: "assess-items" }),
    ]);
    const changed = (event) => {
      const form = event.target.closest("form.assess-item-form");
      if (!form) return;
      markDirty(form, true);
      form.querySelector(".assess-saved").textContent = "";
    };
    box.addEventListener("change", changed);
    box.addEventListener("input", changed);
    box.addEventListener("submit", (event) => {
      event.preventDefault();
      saveItem(event.target, prompt.id);
    });
    return box;
  }

  function saveItem(form, promptId) {
    const prompt = room.state.prompts.get(promptId);
    if (!prompt) return;
    const item = Number(form.dataset.item);
    const error = form.querySelector(".form-error");
    const scores = [];
    for (const fieldset of form.querySelectorAll("fieldset.assess-criterion")) {
      const criterion = Number(fieldset.dataset.criterion);
      const checked = fieldset.querySelector("input:checked");
      const comment = fieldset.querySelector("textarea").value.trim();
      if (!checked && comment) {
        const name = (prompt.criteria[criterion] || {}).name || "";
        announce(error, t("error_comment_needs_score", { criterion: name }));
        fieldset.querySelector("input").focus();
        return;
      }
      if (checked) scores.push({ item, criterion, value: Number(checked.value), comment });
    }
    if (!scores.length) {
      announce(error, t("error_score_one"));
      form.querySelector("input")?.focus();
      return;
    }
    const button = form.querySelector("button[type=submit]");
    runBusy(button, () => room.submitResponse(promptId, { scores }), {
      report: (message, ack) => {
        if (ack && ack.kept) error.textContent = "";
        else if (message) announce(error, message);
        else error.textContent = "";
      },
      after: redraw,
    }).then((ack) => {
      if (ack && ack.ok) {
        markDirty(form, false);
        announce(form.querySelector(".assess-saved"), t("scores_saved"));
        redraw();
      }
    });
  }

  function createItem(prompt, base) {
    return (row) => {
      const id = `${base}-item-${row.index}`;
      const form = el("form", { className: "assess-item-form", noValidate: true }, [
        el("div", { className: "assess-criteria" }),
        el("div", { className: "form-row" }, [
          el("button", {
            type: "submit",
            className: "button primary",
            "aria-describedby": `${id}-name`,
          }),
          el("span", {
            className: "assess-saved control-feedback",
            role: "status",
            "aria-live": "polite",
          }),
        ]),
        el("p", { className: "form-error", role: "alert" }),
      ]);
      form.dataset.item = String(row.index);
      return el("details", { className: "assess-item" }, [
        el("summary", {}, [
          el("span", { className: "assess-item-name", id: `${id}-name` }),
          el("span", { className: "assess-item-state" }),
        ]),
        form,
      ]);
    };
  }

  function createCriterion(prompt, item, base) {
    const scale = scaleOf(prompt);
    return (row) => {
      const id = `${base}-item-${item}-criterion-${row.index}`;
      return el("fieldset", { className: "assess-criterion", "aria-describedby": `${id}-about` }, [
        el("legend", {}, [
          el("span", { className: "criterion-name" }),
          el("span", { className: "criterion-weight" }),
        ]),
        el("p", { className: "hint criterion-about", id: `${id}-about` }),
        el(
          "div",
          { className: "scale-options" },
          scaleValues(scale).map((value) =>
            el("label", { className: "scale-option" }, [
              el("input", {
                type: "radio",
                name: `${id}-value`,
                value: String(value),
                className: "scale-input",
              }),
              el("span", { className: "scale-tile" }, String(value)),
            ]),
          ),
        ),
        el("div", { className: "field comment-field" }, [
          el("label", { for: `${id}-comment` }),
          el("textarea", {
            id: `${id}-comment`,
            rows: 2,
            maxLength: commentMax,
          }),
        ]),
      ]);
    };
  }

  function updateAssessment(section, prompt, answer, participant) {
    const box = section.querySelector(".assessment-form");
    const base = `answer-${prompt.id}`;
    const cells = scoredCells(answer);
    const criteria = (prompt.criteria || []).map((criterion, index) => ({ ...criterion, index }));
    const weighted = new Set(criteria.map((criterion) => criterion.weight)).size > 1;
    const items = (prompt.items || []).map((text, index) => ({ text, index }));
    box.querySelector(".assess-progress").textContent = progressLine(prompt, answer);
    syncList(
      box.querySelector(".assess-items"),
      items,
      (row) => row.index,
      createItem(prompt, base),
      (details, row) => {
        const scored = cells.get(row.index) || new Map();
        details.querySelector(".assess-item-name").textContent = row.text;
        details.querySelector(".assess-item-state").textContent =
          scored.size >= criteria.length
            ? t("item_scored")
            : tn("criteria_scored", criteria.length, { done: scored.size });
        details.classList.toggle("done", scored.size >= criteria.length);
        // Open the first item not scored in full, once; afterwards the person decides.
        if (!details.dataset.shown) {
          details.dataset.shown = "1";
          const first = items.find(
            (item) => (cells.get(item.index) || new Map()).size < criteria.length,
          );
          details.open = first ? first.index === row.index : row.index === 0;
        }
        const form = details.querySelector("form");
        syncList(
          form.querySelector(".assess-criteria"),
          criteria,
          (criterion) => criterion.index,
          createCriterion(prompt, row.index, base),
          (fieldset, criterion) => {
            fieldset.dataset.criterion = String(criterion.index);
            fieldset.querySelector(".criterion-name").textContent = criterion.name;
            const weight = fieldset.querySelector(".criterion-weight");
            weight.hidden = !weighted;
            weight.textContent = weighted ? t("weight_n", { weight: criterion.weight }) : "";
            const about = fieldset.querySelector(".criterion-about");
            about.textContent = criterion.description || "";
            about.hidden = !criterion.description;
            fieldset.querySelector(".comment-field label").textContent = t("comment_on", {
              criterion: criterion.name,
            });
            const score = scored.get(criterion.index);
            if (!isDirty(form)) {
              for (const input of fieldset.querySelectorAll("input")) {
                input.checked = score != null && Number(input.value) === score.value;
              }
              fieldset.querySelector("textarea").value = (score && score.comment) || "";
            }
            for (const control of fieldset.querySelectorAll("input, textarea")) {
              control.disabled = !participant;
            }
          },
        );
        const button = form.querySelector("button[type=submit]");
        button.textContent = t("save_scores");
        button.hidden = !participant;
      },
    );
  }

  return { create, update, createClosed, updateClosed, refused };
}
