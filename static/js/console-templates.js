// The console's templates: add the prompts of a shipped or saved template to this roundtable,
// save this roundtable's prompts as a template of its event, delete a saved one
// (docs/protocol.md, "Templates"). Templates are not part of the room: only the prompts a
// template adds reach it.

import { announce, el, errorMessage, t, tn } from "./render.js";

/** The key a template is used and deleted by: a saved one's id, a shipped one's slug. */
function keyOf(template) {
  return template.id != null ? String(template.id) : template.slug;
}

/** Run the templates card `box` over `room` (a LiveRoom); returns what to call once joined. */
export function setUpTemplates(box, room) {
  if (!box) return { refresh() {} };
  const ui = {
    select: box.querySelector("#template-select"),
    about: box.querySelector("#template-about"),
    use: box.querySelector("#template-use"),
    remove: box.querySelector("#template-delete"),
    status: box.querySelector("#template-status"),
    form: box.querySelector("#template-save-form"),
    name: box.querySelector("#template-name"),
    description: box.querySelector("#template-description"),
    save: box.querySelector("#template-save"),
  };
  let templates = [];

  function chosen() {
    return templates.find((template) => keyOf(template) === ui.select.value) || null;
  }

  function showChosen() {
    const template = chosen();
    ui.about.textContent = template
      ? [template.description, kindsLine(template)].filter(Boolean).join(" ")
      : "";
    ui.use.disabled = !template || !room.joined;
    ui.remove.hidden = !template || template.shipped;
  }

  function kindsLine(template) {
    const kinds = template.kinds.map((kind) => t(`kind_${kind}`)).join(", ");
    return t("template_kinds", { kinds });
  }

  function fill(list, selected = ui.select.value) {
    templates = list;
    const groups = [
      [t("templates_shipped"), list.filter((template) => template.shipped)],
      [t("templates_saved"), list.filter((template) => !template.shipped)],
    ];
    ui.select.replaceChildren(
      ...groups
        .filter(([, members]) => members.length)
        .map(([label, members]) =>
          el(
            "optgroup",
            { label },
            members.map((template) =>
              el("option", {
                value: keyOf(template),
                textContent: tn("template_option", template.prompts, { name: template.name }),
              }),
            ),
          ),
        ),
    );
    if (templates.some((template) => keyOf(template) === selected)) ui.select.value = selected;
    showChosen();
  }

  async function refresh(selected) {
    try {
      const ack = await room.listTemplates();
      if (ack.ok) fill(ack.templates, selected);
      else announce(ui.status, errorMessage(ack.error));
    } catch (error) {
      announce(ui.status, errorMessage({ code: error.code }));
    }
  }

  /** One request with its button busy; the ack, or a refusal made of a lost connection. */
  async function busy(button, call) {
    button.disabled = true;
    try {
      return await call();
    } catch (error) {
      return { ok: false, error: { code: error.code } };
    } finally {
      button.disabled = false;
      showChosen();
    }
  }

  ui.select.addEventListener("change", showChosen);
  ui.use.addEventListener("click", async () => {
    const template = chosen();
    if (!template) return;
    const ack = await busy(ui.use, () => room.useTemplate(template.id ?? template.slug));
    announce(
      ui.status,
      ack.ok
        ? tn("template_used", ack.prompts.length, { name: template.name })
        : errorMessage(ack.error),
    );
  });
  ui.remove.addEventListener("click", async () => {
    const template = chosen();
    if (!template || template.shipped) return;
    if (!window.confirm(t("template_delete_confirm", { name: template.name }))) return;
    const ack = await busy(ui.remove, () => room.deleteTemplate(template.id));
    announce(
      ui.status,
      ack.ok ? t("template_deleted", { name: template.name }) : errorMessage(ack.error),
    );
    if (ack.ok) refresh();
  });
  ui.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = ui.name.value.trim();
    if (!name) {
      announce(ui.status, t("template_name_needed"));
      ui.name.focus();
      return;
    }
    const description = ui.description.value.trim();
    const ack = await busy(ui.save, () => room.saveTemplate(name, description));
    if (!ack.ok) {
      announce(ui.status, errorMessage(ack.error));
      return;
    }
    ui.form.reset();
    announce(ui.status, tn("template_saved", ack.template.prompts, { name: ack.template.name }));
    refresh(keyOf(ack.template));
  });

  return { refresh: () => refresh() };
}
