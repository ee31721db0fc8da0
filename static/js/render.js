// Building the page from data: translated strings, DOM nodes from text, keyed lists.
// User text only ever reaches the page through textContent, never innerHTML.

let strings = {};
let pluralRules = null;
let numbers = null;

/** The page's language as a BCP 47 tag (`<html lang>`), for Intl. */
export function pageLanguage() {
  return (typeof document !== "undefined" && document.documentElement.lang) || "en";
}

/** Read the page's translated strings from its <script type="application/json" id="i18n">. */
export function loadStrings(id = "i18n") {
  const block = document.getElementById(id);
  return useStrings(block ? JSON.parse(block.textContent) : {}, pageLanguage());
}

/** Use `dictionary` for t() and tn(), with the plural rules and number format of `language`. */
export function useStrings(dictionary, language = "en") {
  strings = dictionary;
  pluralRules = new Intl.PluralRules(language);
  numbers = new Intl.NumberFormat(language);
  return strings;
}

const PLACEHOLDER = /%(?:\((\w+)\)([sd])|%)/g;

function fill(template, vars) {
  return template.replace(PLACEHOLDER, (whole, name, kind) => {
    if (name === undefined) return "%";
    if (!Object.prototype.hasOwnProperty.call(vars, name)) return whole;
    const value = vars[name];
    if (typeof value === "number" && numbers) return numbers.format(value);
    return kind === "d" ? String(Math.trunc(Number(value))) : String(value);
  });
}

/** The translated string for `key`, with gettext's %(name)s placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const template = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
  return fill(typeof template === "string" ? template : key, vars);
}

/** A count in words: the form of `key` for `n` by the page language's plural rules. */
export function tn(key, n, vars = {}) {
  const forms = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : null;
  if (!forms || typeof forms !== "object") return fill(key, { n, ...vars });
  const category = pluralRules ? pluralRules.select(n) : "other";
  const template = forms[category] ?? forms.other ?? Object.values(forms)[0];
  return fill(template, { n, ...vars });
}

/** Dates, times and numbers in the page's language, through Intl. */
export const formats = {
  time: (value) =>
    new Intl.DateTimeFormat(pageLanguage(), { hour: "2-digit", minute: "2-digit" }).format(
      new Date(value),
    ),
  dateTime: (value) =>
    new Intl.DateTimeFormat(pageLanguage(), { dateStyle: "medium", timeStyle: "short" }).format(
      new Date(value),
    ),
  number: (value) => new Intl.NumberFormat(pageLanguage()).format(value),
};

/**
 * The words for a {code, message}: the server's message, already in the person's language;
 * ours for `prefix_code` when the browser itself failed (a time-out, offline), else the fallback.
 */
export function codedMessage(prefix, detail, fallbackKey) {
  if (detail && detail.message) return detail.message;
  const key = `${prefix}_${detail && detail.code}`;
  return Object.prototype.hasOwnProperty.call(strings, key) ? t(key) : t(fallbackKey);
}

/** The message to show for an error ack or a request that failed in the browser. */
export function errorMessage(error) {
  return codedMessage("error", error, "error_unknown");
}

/** A new element: `props` sets properties (className, type, ...) and `data-`/`aria-` attributes. */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("data-") || name.startsWith("aria-") || name === "role" || name === "for") {
      node.setAttribute(name, value === true ? "" : String(value));
    } else {
      node[name] = value;
    }
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/**
 * A small button that acts on what it sits in: `action` goes in `data-action`, `variant`
 * ("quiet", "danger", "primary small", ...) joins the `button` classes; `props` adds more.
 */
export function actionButton(label, action, variant = "small quiet", props = {}) {
  return el(
    "button",
    { type: "button", className: `button ${variant}`, "data-action": action, ...props },
    label,
  );
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

/** Text as nodes, with http(s) links made clickable; everything else stays plain text. */
export function linkify(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let candidate = match[0];
    const trailing = candidate.match(TRAILING_PUNCTUATION);
    // A closing bracket belongs to the link when the link opened one, as on Wikipedia.
    if (trailing && !(trailing[0] === ")" && candidate.includes("("))) {
      candidate = candidate.slice(0, -trailing[0].length);
    }
    const href = safeHref(candidate);
    if (!href) continue;
    fragment.append(document.createTextNode(text.slice(last, match.index)));
    fragment.append(
      el("a", {
        href,
        rel: "noopener noreferrer nofollow",
        target: "_blank",
        textContent: candidate,
      }),
    );
    last = match.index + candidate.length;
  }
  fragment.append(document.createTextNode(text.slice(last)));
  return fragment;
}

function safeHref(candidate) {
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Replace a node's content with text (and links). */
export function setLinkedText(node, text) {
  node.replaceChildren(linkify(text));
}

/**
 * Make `container`'s children match `items` in order, keyed by `keyOf`.
 * Existing nodes are updated in place and moved only when their place changes,
 * so focus and typing survive live updates.
 */
export function syncList(container, items, keyOf, create, update) {
  const existing = new Map();
  for (const child of container.children) existing.set(child.dataset.key, child);
  const wanted = new Set();
  let cursor = container.firstElementChild;
  for (const item of items) {
    const key = String(keyOf(item));
    wanted.add(key);
    let node = existing.get(key);
    if (!node) {
      node = create(item);
      node.dataset.key = key;
    }
    update(node, item);
    if (node !== cursor) container.insertBefore(node, cursor);
    else cursor = cursor.nextElementSibling;
  }
  for (const [key, node] of existing) if (!wanted.has(key)) node.remove();
}

/** Say something to screen-reader users through a polite live region. */
export function announce(region, message) {
  if (!region) return;
  region.textContent = "";
  // A fresh text node after a tick is announced even when the words repeat.
  window.setTimeout(() => {
    region.textContent = message;
  }, 50);
}

/** Order: the most votes first; ties keep the order they were posted in. */
export const byVotes = (a, b) => (b.votes || 0) - (a.votes || 0) || a.id - b.id;

/** Order: newest first, so a new idea appears where people are looking. */
export const newestFirst = (a, b) => b.id - a.id;

/** A prompt's ideas with the most votes first. */
export function rankedIdeas(prompt) {
  return [...prompt.ideas.values()].sort(byVotes);
}

/** An idea's reactions as one reads them: "👍 3 · 💡 1"; empty when it has none. */
export function reactionsText(idea, separator = " · ") {
  return Object.entries(idea.reactions || {})
    .filter(([, n]) => n > 0)
    .map(([emoji, n]) => `${emoji} ${n}`)
    .join(separator);
}

// -- timers ----------------------------------------------------------------------

/** When a countdown is announced to screen-reader users: seconds left. */
const MILESTONES = [600, 300, 120, 60, 30, 10, 0];

/** Whole seconds left until `endsAt` (ISO 8601), by the clock reading `nowMs`. */
export function secondsLeft(endsAt, nowMs) {
  return Math.max(0, Math.ceil((Date.parse(endsAt) - nowMs) / 1000));
}

/** Seconds as a clock: "2:05", or "1:02:05" past an hour. */
export function clockText(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** What a countdown says: "2:30 left", or "Time is up". */
export function countdownText(left) {
  return left > 0 ? t("time_left", { time: clockText(left) }) : t("time_up");
}

/** Point a countdown node at a timer (or at none: it hides); it is redrawn by tickCountdowns. */
export function setCountdown(node, timer, nowMs) {
  const endsAt = timer && timer.ends_at ? timer.ends_at : "";
  node.hidden = !endsAt;
  if (node.dataset.endsAt === endsAt) return;
  if (endsAt) node.dataset.endsAt = endsAt;
  else delete node.dataset.endsAt;
  delete node.dataset.left;
  if (endsAt) tickCountdown(node, nowMs);
}

function tickCountdown(node, nowMs, onMilestone) {
  const left = secondsLeft(node.dataset.endsAt, nowMs);
  const before = node.dataset.left === undefined ? null : Number(node.dataset.left);
  if (before === left) return;
  node.dataset.left = String(left);
  node.textContent = countdownText(left);
  node.classList.toggle("ending", left <= 10);
  if (before === null || !onMilestone) return;
  const passed = MILESTONES.find((milestone) => before > milestone && left <= milestone);
  if (passed !== undefined) onMilestone(node, left);
}

/**
 * Redraw every countdown under `root`; `onMilestone(node, left)` is called when one
 * passes a milestone (a minute left, ten seconds, time up), so it can be announced.
 */
export function tickCountdowns(root, nowMs, onMilestone = null) {
  for (const node of root.querySelectorAll("[data-ends-at]")) {
    tickCountdown(node, nowMs, onMilestone);
  }
}
