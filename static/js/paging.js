// Pages for a list that is longer than the screen: the items that fit, a page at a time,
// turning by themselves. Nothing is cut and nothing scrolls; a page holds whole rows.

const DEFAULT_SECONDS = 9;
const MIN_SECONDS = 1;
const MAX_SECONDS = 600;

/** Seconds per page from `?page_seconds=N` in `search`, else the default; kept in bounds. */
export function pageSeconds(search = window.location.search, fallback = DEFAULT_SECONDS) {
  const raw = new URLSearchParams(search).get("page_seconds");
  const seconds = raw === null ? NaN : Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) return fallback;
  return Math.min(MAX_SECONDS, Math.max(MIN_SECONDS, seconds));
}

/**
 * Split the items of `list` into pages of whole rows that each fit the list's height.
 * Items side by side (a grid row) share a page; a row taller than the list gets a page of
 * its own. Measured with every item shown. Returns {pages: [[item, ...], ...] (at least
 * one), tooTall: whether some row is taller than the list, so would be cut}.
 */
export function splitPages(list) {
  const items = [...list.children];
  for (const item of items) item.hidden = false;
  if (!items.length) return { pages: [[]], tooTall: false };
  const height = list.clientHeight + 1;
  const rows = [];
  for (const item of items) {
    const top = item.offsetTop;
    const bottom = top + item.offsetHeight;
    const row = rows.length ? rows[rows.length - 1] : null;
    if (row && Math.abs(row.top - top) < 1) {
      row.items.push(item);
      row.bottom = Math.max(row.bottom, bottom);
    } else {
      rows.push({ top, bottom, items: [item] });
    }
  }
  const pages = [];
  let start = null;
  let tooTall = false;
  for (const row of rows) {
    tooTall = tooTall || row.bottom - row.top > height;
    if (start === null || row.bottom - start > height) {
      pages.push([]);
      start = row.top;
    }
    pages[pages.length - 1].push(...row.items);
  }
  return { pages, tooTall };
}

/** Show the items of one page of `pages` and hide the others. */
export function showPage(pages, index) {
  pages.forEach((page, number) => {
    for (const item of page) item.hidden = number !== index;
  });
}

/**
 * A clock that turns every paged list on the screen together, every `seconds`.
 * Each list asks `pageOf(key, count)` which of its pages to show; `onTurn` runs at each turn.
 * It ticks only while some list has more than one page.
 */
export class PageTurner {
  constructor({ seconds = DEFAULT_SECONDS, onTurn = () => {} } = {}) {
    this.seconds = seconds;
    this.onTurn = onTurn;
    this.pages = new Map(); // key -> {count, index}
    this.timer = null;
  }

  /** The page of list `key` to show now, out of `count`; a list seen anew starts at 0. */
  pageOf(key, count) {
    const entry = this.pages.get(key) || { count, index: 0 };
    entry.count = Math.max(1, count);
    if (entry.index >= entry.count) entry.index = 0;
    this.pages.set(key, entry);
    this.schedule();
    return entry.index;
  }

  /** Forget lists no longer on screen (any key `keep` does not return true for). */
  retain(keep) {
    for (const key of [...this.pages.keys()]) if (!keep(key)) this.pages.delete(key);
    this.schedule();
  }

  schedule() {
    const turning = [...this.pages.values()].some((entry) => entry.count > 1);
    if (turning && !this.timer) {
      this.timer = window.setInterval(() => this.turn(), this.seconds * 1000);
    } else if (!turning && this.timer) {
      window.clearInterval(this.timer);
      this.timer = null;
    }
  }

  turn() {
    for (const entry of this.pages.values()) entry.index = (entry.index + 1) % entry.count;
    this.onTurn();
  }
}
