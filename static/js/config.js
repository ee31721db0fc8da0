// The server's limits and fixed lists (idea length, timer bounds, vote budgets, phases,
// reactions), sent once in the page's <script type="application/json" id="client-config">.
// Pages read them here and never keep their own copy.

let config = null;

/** Read (once) the page's client-config block; `doc` is for tests without a browser. */
export function loadConfig(doc = globalThis.document, id = "client-config") {
  const block = doc ? doc.getElementById(id) : null;
  config = Object.freeze(block ? JSON.parse(block.textContent) : {});
  return config;
}

/** The page's config: read from the page the first time it is asked for. */
export function clientConfig() {
  return config || loadConfig();
}
