// What a poll, scale, ranking or assessment is set up with, edited in the console: its options,
// how many may be chosen, its scale, the items assessed and the criteria (the rubric). One
// editor for the new prompt's form and for a draft being changed.

import { clientConfig } from "./config.js";
import { actionButton, el, t } from "./render.js";

// The scales offered: the usual ones of the room; the server takes any from 0 or 1 to 2..10.
const SCALES = [
  [1, 5],
  [1, 7],
  [1, 10],
  [0, 10],
];

/** The starter rubric, as the page carries it (translated), for a new assessment. */
export function starterRubric(doc = document) {
  const block = doc.getElementById("starter-rubric");
  return block ? JSON.parse(block.textContent) : [];
}

function lineList(base, { values, label, addLabel, removeLabel, maxLength, count }) {
  const list = el("ol", { className: "line-list" });
  const editor = el("div", { className: "line-editor" }, [
    list,
    actionButton(addLabel, "line-add", "small"),
  ]);
  editor.lineLabel = label;
  editor.removeLabel = removeLabel;
  editor.maxLength = maxLength;
  editor.base = base;
  const start = values.length ? values : Array.from({ length: count }, () => "");
  for (const value of start) addLine(editor, value);
  return editor;
}

function addLine(editor, value = "", after = null) {
  const list = editor.querySelector(".line-list");
  const id = `${editor.base}-${(editor.nextId = (editor.nextId || 0) + 1)}`;
  const input = el("input", {
    id,
    type: "text",
    className: "line-input",
    maxLength: editor.maxLength,
    value,
  });
  const line = el("li", { className: "line" }, [
    el("label", { for: id, className: "line-label" }),
    input,
    actionButton(t("remove_line"), "line-remove", "small quiet"),
  ]);
  if (after) after.after(line);
  else list.append(line);
  numberLines(editor);
  return input;
}

/** Each line says which it is ("Option 2"), for its label and its remove button. */
function numberLines(editor) {
  [...editor.querySelectorAll(".line")].forEach((line, index) => {
    const n = index + 1;
    line.querySelector(".line-label").textContent = t(editor.lineLabel, { n });
    line
      .querySelector('[data-action="line-remove"]')
      .setAttribute("aria-label", t(editor.removeLabel, { n }));
  });
}

function lineValues(editor) {
  return [...editor.querySelectorAll(".line-input")]
    .map((input) => input.value.trim())
    .filter(Boolean);
}

function criterionRow(base, criterion, n) {
  const id = `${base}-criterion-${n}`;
  const config = clientConfig();
  return el("li", { className: "criterion-editor" }, [
    el("div", { className: "criterion-fields" }, [
      el("div", { className: "field criterion-name-field" }, [
        el("label", { for: `${id}-name`, className: "criterion-name-label" }),
        el("input", {
          id: `${id}-name`,
          type: "text",
          className: "criterion-name-input",
          maxLength: config.criterion_max,
          value: criterion.name || "",
        }),
      ]),
      el("div", { className: "field criterion-weight-field" }, [
        el("label", { for: `${id}-weight` }, t("criterion_weight_label")),
        el("input", {
          id: `${id}-weight`,
          type: "number",
          className: "criterion-weight-input",
          step: "0.5",
          max: String(config.weight_max),
          value: String(criterion.weight ?? 1),
        }),
      ]),
    ]),
    el("div", { className: "field" }, [
      el("label", { for: `${id}-description` }, t("criterion_description_label")),
      el("textarea", {
        id: `${id}-description`,
        className: "criterion-description-input",
        rows: 2,
        maxLength: config.description_max,
        value: criterion.description || "",
      }),
    ]),
    actionButton(t("remove_criterion"), "criterion-remove", "small quiet"),
  ]);
}

function numberCriteria(list) {
  [...list.children].forEach((row, index) => {
    const n = index + 1;
    row.querySelector(".criterion-name-label").textContent = t("criterion_n", { n });
    row
      .querySelector('[data-action="criterion-remove"]')
      .setAttribute("aria-label", t("remove_criterion_n", { n }));
  });
}

function scaleSelect(id, scale) {
  const wanted = `${scale.min}-${scale.max}`;
  const known = SCALES.some(([min, max]) => `${min}-${max}` === wanted);
  const choices = known ? SCALES : [...SCALES, [scale.min, scale.max]];
  const select = el(
    "select",
    { id, className: "setup-scale-select" },
    choices.map(([min, max]) =>
      el("option", { value: `${min}-${max}` }, t("scale_from_to", { min, max })),
    ),
  );
  select.value = wanted;
  return select;
}

/**
 * The setup fields of `kind`, filled with `values` (a prompt's, when a draft is edited); ids
 * start with `base`. Returns the editor's element, or null for a kind that takes no setup.
 */
export function setupEditor(base, kind, values = {}) {
  const config = clientConfig();
  if (!config.answered_kinds.includes(kind)) return null;
  const parts = [];
  if (kind === "poll" || kind === "ranking") {
    parts.push(
      el("fieldset", { className: "setup-part setup-options" }, [
        el("legend", {}, t("setup_options")),
        el(
          "p",
          { className: "hint" },
          t("setup_options_hint", { min: config.options_min, max: config.options_max }),
        ),
        lineList(`${base}-option`, {
          values: values.options || [],
          label: "option_n",
          addLabel: t("add_option"),
          removeLabel: "remove_option_n",
          maxLength: config.option_max,
          count: 3,
        }),
      ]),
    );
  }
  if (kind === "poll") {
    parts.push(
      el("div", { className: "field inline setup-part" }, [
        el("label", { for: `${base}-max-choices` }, t("setup_max_choices")),
        el("input", {
          id: `${base}-max-choices`,
          type: "number",
          className: "setup-max-choices",
          min: String(config.choices_min),
          max: String(config.options_max),
          value: String(values.max_choices || 1),
        }),
      ]),
    );
  }
  if (kind === "assessment") {
    parts.push(
      el("fieldset", { className: "setup-part setup-items" }, [
        el("legend", {}, t("setup_items")),
        el("p", { className: "hint" }, t("setup_items_hint", { max: config.items_max })),
        lineList(`${base}-item`, {
          values: values.items || [],
          label: "item_n",
          addLabel: t("add_item"),
          removeLabel: "remove_item_n",
          maxLength: config.option_max,
          count: 2,
        }),
      ]),
    );
  }
  if (kind === "scale" || kind === "assessment") {
    parts.push(
      el("div", { className: "field inline setup-part" }, [
        el("label", { for: `${base}-scale` }, t("setup_scale")),
        scaleSelect(`${base}-scale`, values.scale || config.scale_default),
      ]),
    );
  }
  if (kind === "assessment") {
    const criteria = values.criteria && values.criteria.length ? values.criteria : starterRubric();
    const list = el(
      "ol",
      { className: "criteria-list" },
      criteria.map((criterion, i) => criterionRow(base, criterion, i + 1)),
    );
    list.nextId = criteria.length;
    numberCriteria(list);
    parts.push(
      el("fieldset", { className: "setup-part setup-criteria" }, [
        el("legend", {}, t("setup_criteria")),
        el("p", { className: "hint" }, t("setup_criteria_hint")),
        list,
        actionButton(t("add_criterion"), "criterion-add", "small"),
      ]),
    );
  }
  const editor = el("div", { className: "setup-editor" }, parts);
  editor.dataset.kind = kind;
  editor.dataset.base = base;
  editor.addEventListener("click", onClick);
  editor.addEventListener("keydown", onKeydown);
  return editor;
}

/**
 * The statements a new statements prompt starts with, one a line (they are added once the
 * draft exists: statements are ideas, not part of the prompt's setup).
 */
export function statementsEditor(base) {
  const config = clientConfig();
  const editor = el("div", { className: "setup-editor" }, [
    el("fieldset", { className: "setup-part setup-statements" }, [
      el("legend", {}, t("setup_statements")),
      el("p", { className: "hint" }, t("setup_statements_hint")),
      lineList(`${base}-statement`, {
        values: [],
        label: "statement_n",
        addLabel: t("add_statement"),
        removeLabel: "remove_statement_n",
        maxLength: config.idea_max,
        count: 3,
      }),
    ]),
  ]);
  editor.dataset.kind = "statements";
  editor.dataset.base = base;
  editor.addEventListener("click", onClick);
  editor.addEventListener("keydown", onKeydown);
  return editor;
}

/** The statements written in a statementsEditor, empty lines left out. */
export function readStatements(editor) {
  const lines = editor && editor.querySelector(".setup-statements .line-editor");
  return lines ? lineValues(lines) : [];
}

function onClick(event) {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const editor = event.currentTarget;
  const { action } = button.dataset;
  if (action === "line-add") {
    addLine(button.closest(".line-editor")).focus();
  } else if (action === "line-remove") {
    const lines = button.closest(".line-editor");
    const line = button.closest(".line");
    const next = line.nextElementSibling || line.previousElementSibling;
    line.remove();
    numberLines(lines);
    (next ? next.querySelector("input") : lines.querySelector('[data-action="line-add"]')).focus();
  } else if (action === "criterion-add") {
    const list = editor.querySelector(".criteria-list");
    list.nextId = (list.nextId || list.children.length) + 1;
    const row = criterionRow(editor.dataset.base, {}, list.nextId);
    list.append(row);
    numberCriteria(list);
    row.querySelector("input").focus();
  } else if (action === "criterion-remove") {
    const list = editor.querySelector(".criteria-list");
    const row = button.closest("li");
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    numberCriteria(list);
    (next
      ? next.querySelector("input")
      : editor.querySelector('[data-action="criterion-add"]')
    ).focus();
  }
}

/** Enter in a line starts the next one, rather than sending the whole form half written. */
function onKeydown(event) {
  if (event.key !== "Enter" || !event.target.classList.contains("line-input")) return;
  event.preventDefault();
  const line = event.target.closest(".line");
  addLine(line.closest(".line-editor"), "", line).focus();
}

/** The setup fields as the server takes them, read from an editor made by setupEditor. */
export function readSetup(editor) {
  if (!editor) return {};
  const { kind } = editor.dataset;
  const setup = {};
  const options = editor.querySelector(".setup-options .line-editor");
  if (options) setup.options = lineValues(options);
  const maxChoices = editor.querySelector(".setup-max-choices");
  if (maxChoices) setup.max_choices = Number(maxChoices.value) || 1;
  const items = editor.querySelector(".setup-items .line-editor");
  if (items) setup.items = lineValues(items);
  const scale = editor.querySelector(".setup-scale-select");
  if (scale) {
    const [min, max] = scale.value.split("-").map(Number);
    setup.scale = { min, max };
  }
  if (kind === "assessment") {
    setup.criteria = [...editor.querySelectorAll(".criterion-editor")]
      .map((row) => ({
        name: row.querySelector(".criterion-name-input").value.trim(),
        weight: Number(row.querySelector(".criterion-weight-input").value) || 1,
        description: row.querySelector(".criterion-description-input").value.trim(),
      }))
      .filter((criterion) => criterion.name || criterion.description);
  }
  return setup;
}

/** What a prompt was set up with, in one line for its card: "Options: A · B · C". */
export function setupSummary(prompt) {
  const lines = [];
  const joined = (list) => list.join(" · ");
  if (prompt.options) lines.push(t("summary_options", { options: joined(prompt.options) }));
  if (prompt.kind === "poll" && (prompt.max_choices || 1) > 1) {
    lines.push(t("summary_max_choices", { n: prompt.max_choices }));
  }
  if (prompt.scale) lines.push(t("scale_from_to", prompt.scale));
  if (prompt.items) lines.push(t("summary_items", { items: joined(prompt.items) }));
  if (prompt.criteria) {
    const names = prompt.criteria.map((criterion) =>
      t("criterion_weight", { name: criterion.name, weight: criterion.weight }),
    );
    lines.push(t("summary_criteria", { criteria: joined(names) }));
  }
  return lines;
}
