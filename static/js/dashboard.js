// The staff dashboard: create a roundtable, then go straight to its console; download the
// event's report.

import { setUpDownloads } from "./downloads.js";
import { announce, errorMessage, loadStrings, t } from "./render.js";

loadStrings();
setUpDownloads();

const form = document.getElementById("create-roundtable");
const status = document.getElementById("create-status");

if (form) {
  form.querySelector("button[type=submit]").disabled = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    const title = String(fields.get("title") || "").trim();
    const streamId = String(fields.get("stream_id") || "");
    if (!title) {
      announce(status, t("error_title_required"));
      return;
    }
    const body = { title };
    if (streamId) body.stream_id = Number(streamId);
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    announce(status, t("creating"));
    try {
      const response = await fetch(form.dataset.api, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
      });
      const answer = await response.json().catch(() => ({}));
      if (response.status === 201 && answer.id) {
        window.location.assign(form.dataset.console.replace("999999999", String(answer.id)));
        return;
      }
      announce(status, errorMessage(answer.error));
    } catch {
      announce(status, t("error_offline"));
    }
    button.disabled = false;
  });
}
