// The results of a poll, scale, ranking or assessment, drawn from what the server sent: for
// the participant page and the facilitator's console alike (the big screen draws its own,
// larger, in screen-results.js, with the radar charts made here). Nothing is computed
// again: counts, means, spreads, Borda points and ranks are the server's.

import { clientConfig } from "./config.js";
import { el, pageLanguage, syncList, t, tn } from "./render.js";

/** Whether a prompt (or a kind) is answered with one response: a poll, scale, ranking or
 * assessment. */
export function isAnswered(promptOrKind) {
  const kind = typeof promptOrKind === "string" ? promptOrKind : promptOrKind.kind;
  return clientConfig().answered_kinds.includes(kind);
}

const SVG = "http://www.w3.org/2000/svg";

/** A number as people read it here: at most one decimal, in the page's language. */
export function decimal(value) {
  return new Intl.NumberFormat(pageLanguage(), { maximumFractionDigits: 1 }).format(value);
}

/** A share (0..1) as a whole percentage in the page's language. */
export function percent(share) {
  return new Intl.NumberFormat(pageLanguage(), {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(share);
}

/** The scale of a prompt as {min, max}; 1 to 5 when the prompt does not say. */
export function scaleOf(prompt) {
  const scale = prompt.scale || {};
  return { min: scale.min ?? 1, max: scale.max ?? 5 };
}

/** Every value of a scale, lowest first. */
export function scaleValues(scale) {
  const values = [];
  for (let value = scale.min; value <= scale.max; value += 1) values.push(value);
  return values;
}

/** The results' rows ranked: by the server's `rank` (null last), then in their own order. */
export function byRank(rows) {
  return [...rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.index - b.index);
}

/** "N responses", said the same way everywhere. */
export function responsesLine(n) {
  return tn("responses", n || 0);
}

// -- bars: a poll's counts, a ranking's points, an assessment's scores --------------------

function createBarRow() {
  return el("li", { className: "result-row" }, [
    el("span", { className: "result-rank" }),
    el("span", { className: "result-label" }),
    el("span", { className: "result-value" }),
    el("span", { className: "result-track", "aria-hidden": "true" }, [
      el("span", { className: "result-fill" }),
    ]),
  ]);
}

/** A row: {key, text, value (words), share (0..1), rank (or null), leader}. */
function updateBarRow(node, row) {
  const rank = node.querySelector(".result-rank");
  rank.hidden = row.rank == null;
  rank.textContent = row.rank == null ? "" : String(row.rank);
  rank.setAttribute("aria-label", row.rank == null ? "" : t("rank_n", { n: row.rank }));
  node.querySelector(".result-label").textContent = row.text;
  node.querySelector(".result-value").textContent = row.value;
  node.classList.toggle("leader", Boolean(row.leader));
  node.classList.toggle("has-rank", row.rank != null);
  // CSSOM, not a style attribute: allowed by the Content-Security-Policy.
  node.querySelector(".result-fill").style.setProperty("--share", String(row.share));
}

function syncBars(list, rows) {
  syncList(list, rows, (row) => row.key, createBarRow, updateBarRow);
}

/** A poll's rows: each option's count and share of those who answered, in the options' order. */
export function pollRows(results) {
  const responses = results.responses || 0;
  const most = Math.max(0, ...results.options.map((option) => option.count));
  return results.options.map((option) => ({
    key: option.index,
    index: option.index,
    text: option.text,
    count: option.count,
    share: responses ? option.count / responses : 0,
    value: `${tn("votes", option.count)} · ${percent(responses ? option.count / responses : 0)}`,
    rank: null,
    leader: most > 0 && option.count === most,
  }));
}

/**
 * A ranking's rows: by Borda points, best first; options with equal points share a rank.
 * Before anyone has answered, every option would be first: no ranks are shown then.
 */
export function rankingRows(results) {
  const most = Math.max(1, ...results.options.map((option) => option.borda));
  const ranked = (results.responses || 0) > 0;
  return byRank(results.options).map((option) => ({
    key: option.index,
    index: option.index,
    text: option.text,
    count: option.borda,
    share: option.borda / most,
    value: tn("points", option.borda),
    rank: ranked ? option.rank : null,
    leader: option.rank === 1 && option.borda > 0,
  }));
}

/** An assessment's items: by weighted score, best first, the unscored last. */
export function assessmentRows(results, scale) {
  const span = Math.max(1, scale.max - scale.min);
  return byRank(results.items).map((item) => ({
    key: item.index,
    index: item.index,
    text: item.text,
    count: item.score,
    share: item.score == null ? 0 : (item.score - scale.min) / span,
    value:
      item.score == null
        ? t("not_scored_yet")
        : t("score_of", { score: decimal(item.score), max: scale.max }),
    rank: item.rank,
    leader: item.rank === 1,
  }));
}

// -- a scale's distribution, with its mean marked ------------------------------------------

/** A scale's distribution: a column per value, the average marked across them. */
export function createScaleChart() {
  return el("div", { className: "scale-chart" }, [
    el("ol", { className: "scale-columns" }),
    el("span", { className: "scale-mean", "aria-hidden": "true" }, [
      el("span", { className: "scale-mean-label" }),
    ]),
  ]);
}

export function updateScaleChart(chart, results, scale) {
  const values = scaleValues(scale);
  const counts = values.map((value) => results.distribution[String(value)] || 0);
  const most = Math.max(1, ...counts);
  syncList(
    chart.querySelector(".scale-columns"),
    values.map((value, i) => ({ value, count: counts[i] })),
    (column) => column.value,
    () =>
      el("li", { className: "scale-column" }, [
        el("span", { className: "visually-hidden scale-said" }),
        el("span", { className: "scale-track", "aria-hidden": "true" }, [
          el("span", { className: "scale-count" }),
          el("span", { className: "scale-bar" }),
        ]),
        el("span", { className: "scale-value", "aria-hidden": "true" }),
      ]),
    (node, column) => {
      node.querySelector(".scale-said").textContent = tn("value_count", column.count, {
        value: column.value,
      });
      node.querySelector(".scale-count").textContent = String(column.count);
      node.classList.toggle("none", column.count === 0);
      node.querySelector(".scale-value").textContent = String(column.value);
      node.querySelector(".scale-bar").style.setProperty("--share", String(column.count / most));
    },
  );
  const mean = chart.querySelector(".scale-mean");
  mean.hidden = results.mean == null;
  if (results.mean == null) return;
  // The columns are equally wide: value v sits in the middle of column v - min.
  const at = (results.mean - scale.min + 0.5) / values.length;
  mean.style.setProperty("--at", String(at));
  mean.querySelector(".scale-mean-label").textContent = t("average", {
    mean: decimal(results.mean),
  });
}

/** "Average 3.6 · spread ±1.1 · 5 responses": a scale's figures in one line. */
export function scaleSummary(results) {
  const parts = [];
  if (results.mean != null) parts.push(t("average", { mean: decimal(results.mean) }));
  if (results.stdev != null) parts.push(t("spread", { spread: decimal(results.stdev) }));
  parts.push(responsesLine(results.responses));
  return parts.join(" · ");
}

// -- an assessment's criteria per item -----------------------------------------------------

/** "3.5 ±0.5": a criterion's average and spread, or a dash while nobody scored it. */
function criterionFigures(criterion) {
  if (criterion.mean == null) return "–";
  const spread = criterion.stdev == null ? "" : ` ±${decimal(criterion.stdev)}`;
  return `${decimal(criterion.mean)}${spread}`;
}

function createItemDetail(options) {
  return (item) => {
    const headingId = `${options.idPrefix}-item-${item.index}`;
    return el("section", { className: "result-item", "aria-labelledby": headingId }, [
      el(`h${options.level}`, { id: headingId, className: "result-item-name" }),
      el("p", { className: "result-item-score" }),
      options.radar ? el("div", { className: "result-radar" }) : null,
      el("table", { className: "criteria-table" }, [
        el("caption", { className: "visually-hidden" }),
        el("thead", {}, [
          el("tr", {}, [
            el("th", { scope: "col" }, t("criterion")),
            el("th", { scope: "col" }, t("average_spread_heading")),
            el("th", { scope: "col" }, t("scored_by")),
          ]),
        ]),
        el("tbody"),
      ]),
      options.comments
        ? el("div", { className: "result-comments" }, [
            el(
              `h${Math.min(6, options.level + 1)}`,
              { className: "comments-heading" },
              t("comments"),
            ),
            el("ul", { className: "comment-list" }),
          ])
        : null,
    ]);
  };
}

function updateItemDetail(node, item, { prompt, scale, comments, weighted }) {
  node.querySelector(".result-item-name").textContent = item.text;
  node.querySelector(".result-item-score").textContent =
    item.score == null
      ? t("not_scored_yet")
      : t("weighted_score", { score: decimal(item.score), max: scale.max });
  node.querySelector("caption").textContent = t("criteria_of", { item: item.text });
  const radar = node.querySelector(".result-radar");
  if (radar) radar.replaceChildren(radarChart(item, scale, { label: item.text }));
  syncList(
    node.querySelector("tbody"),
    item.criteria.map((criterion, index) => ({ ...criterion, index })),
    (criterion) => criterion.index,
    () => el("tr", {}, [el("th", { scope: "row" }), el("td"), el("td")]),
    (row, criterion) => {
      const name = weighted
        ? t("criterion_weight", { name: criterion.name, weight: decimal(criterion.weight) })
        : criterion.name;
      const cells = row.children;
      cells[0].textContent = name;
      cells[1].textContent = criterionFigures(criterion);
      cells[2].textContent = String(criterion.n);
    },
  );
  const box = node.querySelector(".result-comments");
  if (!box) return;
  const said = (comments || []).filter((comment) => comment.item === item.index);
  box.hidden = said.length === 0;
  const names = (prompt.criteria || []).map((criterion) => criterion.name);
  syncList(
    box.querySelector(".comment-list"),
    said.map((comment, i) => ({ ...comment, key: `${comment.criterion}-${i}-${comment.text}` })),
    (comment) => comment.key,
    () =>
      el("li", { className: "comment" }, [
        el("span", { className: "comment-criterion" }),
        el("span", { className: "comment-text" }),
      ]),
    (li, comment) => {
      li.querySelector(".comment-criterion").textContent = names[comment.criterion] || "";
      li.querySelector(".comment-text").textContent = comment.text;
    },
  );
}

/** Whether an assessment's criteria weigh differently, so that the weights are worth saying. */
export function weighsDifferently(criteria) {
  const weights = new Set((criteria || []).map((criterion) => criterion.weight));
  return weights.size > 1;
}

// -- radar charts ---------------------------------------------------------------------------

// The chart's own units: the rings' `radius` and the gap to the labels. Around them, room for
// labels of about `chars` characters a line at `font` units (lines `line` apart): a page's
// chart, read on a laptop, or the big screen's, read from the back of the room.
const LABEL_GAP = 16;
const LABEL_SIZES = {
  page: { radius: 150, font: 20, line: 24, chars: 16, tick: 15 },
  screen: { radius: 190, font: 30, line: 34, chars: 14, tick: 20 },
};
// About how wide a character is, in ems. A label above or below the chart has twice the
// characters a line of one beside it, so it takes at most this many lines, its average one.
const CHAR_WIDTH = 0.6;
const LABEL_LINES = 3;

function svg(tag, attributes = {}, children = []) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  for (const child of children) node.append(child);
  return node;
}

/** A label in lines of about `chars` characters; words are kept whole, CJK text is cut. */
export function wrapLabel(text, chars = LABEL_SIZES.page.chars) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (word.length > chars && /[\u3000-\u9fff\uac00-\ud7af]/.test(word)) {
      // Wide characters: half as many to a line, cut anywhere.
      const size = Math.max(4, Math.floor(chars / 2));
      for (let i = 0; i < word.length; i += size) {
        if (line) lines.push(line);
        line = word.slice(i, i + size);
      }
    } else if (line && (line + " " + word).length > chars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function point(angle, radius) {
  return [Math.sin(angle) * radius, -Math.cos(angle) * radius];
}

function format(value) {
  return value.toFixed(1);
}

/**
 * A radar (spider) chart of one assessed item as inline SVG: one axis per criterion from the
 * scale's minimum (the centre) to its maximum, and one polygon through the criteria's means.
 * A criterion nobody scored sits at the centre and says so in its label.
 */
export function radarChart(item, scale, { label = item.text, size = "page" } = {}) {
  const sizes = LABEL_SIZES[size] || LABEL_SIZES.page;
  const LINE_HEIGHT = sizes.line;
  const RADIUS = sizes.radius;
  const halfWidth = Math.ceil(RADIUS + LABEL_GAP + sizes.chars * CHAR_WIDTH * sizes.font);
  const halfHeight = Math.ceil(RADIUS + LABEL_GAP + LABEL_LINES * sizes.line);
  const criteria = item.criteria || [];
  const count = Math.max(1, criteria.length);
  const span = Math.max(1, scale.max - scale.min);
  const angleOf = (i) => (2 * Math.PI * i) / count;
  const radiusOf = (value) => (Math.max(scale.min, Math.min(scale.max, value)) - scale.min) / span;
  const step = span > 6 ? 2 : 1;
  const rings = [];
  for (let value = scale.min + step; value <= scale.max; value += step) {
    const ring = criteria.map((_, i) => point(angleOf(i), radiusOf(value) * RADIUS));
    rings.push(
      svg("polygon", {
        class: "radar-ring",
        points: ring.map(([x, y]) => `${format(x)},${format(y)}`).join(" "),
      }),
    );
  }
  const axes = criteria.map((_, i) => {
    const [x, y] = point(angleOf(i), RADIUS);
    return svg("line", { class: "radar-axis", x1: 0, y1: 0, x2: format(x), y2: format(y) });
  });
  const corners = criteria.map((criterion, i) =>
    point(angleOf(i), criterion.mean == null ? 0 : radiusOf(criterion.mean) * RADIUS),
  );
  const scored = criteria.some((criterion) => criterion.mean != null);
  const shape = svg("polygon", {
    class: "radar-shape",
    points: corners.map(([x, y]) => `${format(x)},${format(y)}`).join(" "),
  });
  const dots = corners.map(([x, y], i) =>
    svg("circle", {
      class: criteria[i].mean == null ? "radar-dot none" : "radar-dot",
      cx: format(x),
      cy: format(y),
      r: 5,
    }),
  );
  const labels = criteria.map((criterion, i) => {
    const angle = angleOf(i);
    const [x, y] = point(angle, RADIUS + LABEL_GAP);
    const anchor = Math.abs(x) < 1 ? "middle" : x > 0 ? "start" : "end";
    const beside = Math.abs(x) >= RADIUS / 2;
    const lines = wrapLabel(criterion.name, beside ? sizes.chars : 2 * sizes.chars);
    const mean = criterion.mean == null ? "–" : decimal(criterion.mean);
    const all = [...lines, mean];
    // Labels above the chart grow upwards, those below downwards, those beside it both ways.
    const up = y < -RADIUS / 2;
    const down = y > RADIUS / 2;
    const first = up
      ? y - (all.length - 1) * LINE_HEIGHT
      : down
        ? y + LINE_HEIGHT * 0.7
        : y - ((all.length - 1) * LINE_HEIGHT) / 2 + 4;
    return svg(
      "text",
      { class: "radar-label", "text-anchor": anchor, "font-size": sizes.font },
      all.map((line, n) =>
        svg(
          "tspan",
          {
            x: format(x),
            y: format(first + n * LINE_HEIGHT),
            class: n === all.length - 1 ? "radar-mean" : "",
          },
          [document.createTextNode(line)],
        ),
      ),
    );
  });
  const scaleLabels = [scale.min, scale.max].map((value) =>
    svg(
      "text",
      {
        class: "radar-tick",
        "font-size": sizes.tick,
        x: 4,
        y: format(-radiusOf(value) * RADIUS - 4),
      },
      [document.createTextNode(String(value))],
    ),
  );
  const title = svg("title", {}, [document.createTextNode(t("radar_label", { item: label }))]);
  const chart = svg(
    "svg",
    {
      class: scored ? "radar" : "radar empty",
      viewBox: `${-halfWidth} ${-halfHeight} ${2 * halfWidth} ${2 * halfHeight}`,
      role: "img",
      "aria-label": t("radar_label", { item: label }),
      focusable: "false",
    },
    [title, ...rings, ...axes, shape, ...dots, ...scaleLabels, ...labels],
  );
  return chart;
}

// -- the whole results box -----------------------------------------------------------------

/**
 * A results box for a prompt of an answered kind; `options.radar` adds a radar chart per
 * assessed item, `options.comments` the assessment's comments (staff are sent them), and
 * `options.level` is the level of the assessed items' headings, under the page's own.
 */
export function createResults(prompt, options = {}) {
  const settings = { idPrefix: `results-${prompt.id}`, level: 4, ...options };
  const box = el("div", { className: `results results-${prompt.kind}` }, [
    el("p", { className: "results-summary" }),
  ]);
  box.resultsOptions = settings;
  if (prompt.kind === "scale") box.append(createScaleChart());
  else
    box.append(el("ol", { className: "result-bars", "aria-label": t(`results_${prompt.kind}`) }));
  if (prompt.kind === "assessment") box.append(el("div", { className: "result-items" }));
  return box;
}

/** Draw the prompt's results into a box made by createResults; hidden while there are none. */
export function updateResults(box, prompt) {
  const results = prompt.results;
  box.hidden = !results;
  if (!results) return;
  const summary = box.querySelector(".results-summary");
  const scale = scaleOf(prompt);
  if (prompt.kind === "poll") {
    summary.textContent = responsesLine(results.responses);
    syncBars(box.querySelector(".result-bars"), pollRows(results));
  } else if (prompt.kind === "ranking") {
    summary.textContent = responsesLine(results.responses);
    syncBars(box.querySelector(".result-bars"), rankingRows(results));
  } else if (prompt.kind === "scale") {
    summary.textContent = scaleSummary(results);
    updateScaleChart(box.querySelector(".scale-chart"), results, scale);
  } else if (prompt.kind === "assessment") {
    summary.textContent = responsesLine(results.responses);
    syncBars(box.querySelector(".result-bars"), assessmentRows(results, scale));
    box.querySelector(".result-items").hidden = !results.responses;
    const context = {
      prompt,
      scale,
      comments: results.comments,
      weighted: weighsDifferently(prompt.criteria),
    };
    syncList(
      box.querySelector(".result-items"),
      byRank(results.items),
      (item) => item.index,
      createItemDetail(box.resultsOptions),
      (node, item) => updateItemDetail(node, item, context),
    );
  }
}
