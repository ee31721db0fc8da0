// The console's presenter link: create, copy, rotate and revoke the read-only link that puts
// the big screen on a projector without a staff login (docs/protocol.md, "Presenter links").

import { announce, errorMessage, t } from "./render.js";

/** Run the presenter-link controls in `box` (the console's #presenter-link section). */
export function setUpPresenterLink(box) {
  if (!box) return;
  const api = box.dataset.api;
  const ui = {
    line: box.querySelector(".presenter-link-line"),
    url: box.querySelector("#presenter-link-url"),
    create: box.querySelector("#presenter-link-create"),
    copy: box.querySelector("#presenter-link-copy"),
    rotate: box.querySelector("#presenter-link-rotate"),
    revoke: box.querySelector("#presenter-link-revoke"),
    status: box.querySelector("#presenter-link-status"),
  };

  function show(url) {
    ui.url.value = url;
    ui.line.hidden = !url;
    ui.create.hidden = Boolean(url);
    ui.copy.hidden = !url || !navigator.clipboard;
    ui.rotate.hidden = !url;
    ui.revoke.hidden = !url;
    for (const button of [ui.create, ui.copy, ui.rotate, ui.revoke]) button.disabled = false;
  }

  /** One call to the API: whether it worked, and its JSON answer ({} for 204 No Content). */
  async function call(method) {
    for (const button of [ui.create, ui.copy, ui.rotate, ui.revoke]) button.disabled = true;
    try {
      const response = await fetch(api, {
        method,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      const answer = response.status === 204 ? {} : await response.json().catch(() => ({}));
      return { ok: response.ok, status: response.status, answer };
    } catch {
      return { ok: false, status: 0, answer: { error: { code: "offline" } } };
    }
  }

  async function create(message) {
    const { ok, answer } = await call("POST");
    show(ok ? answer.url : ui.url.value);
    announce(ui.status, ok ? t(message) : errorMessage(answer.error));
  }

  ui.create.addEventListener("click", () => create("presenter_link_created"));
  ui.rotate.addEventListener("click", () => {
    if (window.confirm(t("presenter_link_rotate_confirm"))) create("presenter_link_rotated");
  });
  ui.revoke.addEventListener("click", async () => {
    if (!window.confirm(t("presenter_link_revoke_confirm"))) return;
    const { ok, answer } = await call("DELETE");
    show(ok ? "" : ui.url.value);
    announce(ui.status, ok ? t("presenter_link_revoked") : errorMessage(answer.error));
  });
  ui.copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(ui.url.value);
      announce(ui.status, t("presenter_link_copied"));
    } catch {
      ui.url.select();
      announce(ui.status, t("link_not_copied"));
    }
  });
  ui.url.addEventListener("focus", () => ui.url.select());

  // The console page arrives with the current link, if any: nothing to fetch.
  show(box.dataset.url || "");
}
