// Reading the server's limits from the page's client-config block.

import assert from "node:assert/strict";
import { test } from "node:test";

import { clientConfig, loadConfig } from "../../static/js/config.js";

/** A document with only the blocks given, by id. */
function fakeDocument(blocks) {
  return {
    getElementById: (id) => (id in blocks ? { textContent: blocks[id] } : null),
  };
}

test("the config is read from the page's client-config block", () => {
  const doc = fakeDocument({
    "client-config": JSON.stringify({ idea_max: 500, phases: ["collect", "vote"] }),
  });
  const config = loadConfig(doc);
  assert.equal(config.idea_max, 500);
  assert.deepEqual(config.phases, ["collect", "vote"]);
  assert.equal(clientConfig(), config);
});

test("the config cannot be changed by a page", () => {
  const config = loadConfig(fakeDocument({ "client-config": '{"idea_max": 500}' }));
  assert.throws(() => {
    "use strict";
    config.idea_max = 5;
  }, TypeError);
});

test("a page without the block has an empty config", () => {
  assert.deepEqual(loadConfig(fakeDocument({})), {});
});
