// t() and tn(): gettext's %(name)s placeholders, and the plural form each language's rules pick.

import assert from "node:assert/strict";
import { test } from "node:test";

import { errorMessage, t, tn, useStrings } from "../../static/js/render.js";

test("t fills %(name)s and %(name)d placeholders and keeps %% as a percent sign", () => {
  useStrings({ greet: "Hello %(name)s, %(n)d left, 100%% sure" }, "en");
  assert.equal(t("greet", { name: "李雷", n: 3 }), "Hello 李雷, 3 left, 100% sure");
});

test("t leaves a placeholder it has no value for, and falls back to the key", () => {
  useStrings({ greet: "Hello %(name)s" }, "en");
  assert.equal(t("greet"), "Hello %(name)s");
  assert.equal(t("missing_key"), "missing_key");
});

test("t writes numbers the way the language does", () => {
  useStrings({ total: "%(n)s in all" }, "fr");
  assert.equal(t("total", { n: 1234567 }).replace(/\s/g, " "), "1 234 567 in all");
});

const votes = {
  en: { one: "%(n)s vote", other: "%(n)s votes" },
  fr: { one: "%(n)s vote", many: "%(n)s de votes", other: "%(n)s votes" },
  zh: { other: "%(n)s 票" },
};

test("tn in English: one for 1, other for 0 and 2", () => {
  useStrings({ votes: votes.en }, "en");
  assert.equal(tn("votes", 0), "0 votes");
  assert.equal(tn("votes", 1), "1 vote");
  assert.equal(tn("votes", 2), "2 votes");
});

test("tn in French: 0 and 1 are singular", () => {
  useStrings({ votes: votes.fr }, "fr");
  assert.equal(tn("votes", 0), "0 vote");
  assert.equal(tn("votes", 1), "1 vote");
  assert.equal(tn("votes", 2), "2 votes");
});

test("tn in Chinese: one form for every count", () => {
  useStrings({ votes: votes.zh }, "zh-Hans");
  assert.equal(tn("votes", 1), "1 票");
  assert.equal(tn("votes", 5), "5 票");
});

test("tn passes other values to the form it picks", () => {
  useStrings({ left: { one: "%(n)s of %(max)s", other: "%(n)s of %(max)s" } }, "en");
  assert.equal(tn("left", 2, { max: 5 }), "2 of 5");
});

test("an error ack shows the server's message, already in the person's language", () => {
  useStrings({ error_timeout: "Pas de réponse à temps.", error_unknown: "Raté." }, "fr");
  assert.equal(
    errorMessage({ code: "text_empty", message: "Écrivez d'abord quelque chose." }),
    "Écrivez d'abord quelque chose.",
  );
  // Only what failed in the browser itself has no message from the server.
  assert.equal(errorMessage({ code: "timeout" }), "Pas de réponse à temps.");
  assert.equal(errorMessage({ code: "new_code" }), "Raté.");
  assert.equal(errorMessage(null), "Raté.");
});
