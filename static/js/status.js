// The connection indicator every live page shows: connecting, online or offline.

import { t } from "./render.js";

/** Show a connection status ("connecting", "online", "offline") on the indicator `node`. */
export function showConnection(node, status, text = t(`connection_${status}`)) {
  if (!node) return;
  node.dataset.status = status;
  node.textContent = text;
}
