// The participation balance as the rapporteur reads it: the head counts, how evenly people
// spoke (with what each figure means), who spoke by affiliation, and a bar chart over time.

import { el, formats, pageLanguage, t, tn } from "./render.js";

const SVG = "http://www.w3.org/2000/svg";
const CHART_WIDTH = 320;
const CHART_HEIGHT = 120;
const AXIS = 18;
const MAX_BAR = 28;

function svg(tag, attributes = {}, children = []) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  for (const child of children) node.append(child);
  return node;
}

function figure(label, value, help) {
  return el("div", { className: "figure" }, [
    el("dt", { textContent: label }),
    el("dd", {}, [
      el("span", { className: "figure-value", textContent: value }),
      help ? el("span", { className: "figure-help", textContent: help }) : null,
    ]),
  ]);
}

function percent(share) {
  return new Intl.NumberFormat(pageLanguage(), { style: "percent" }).format(share);
}

function decimal(value) {
  return new Intl.NumberFormat(pageLanguage(), {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/** A bar per interval, its height the contributions then; each bar says its figures. */
export function timelineChart(points) {
  const most = Math.max(1, ...points.map((point) => point.contributions));
  const plot = CHART_HEIGHT - AXIS;
  const step = points.length ? CHART_WIDTH / points.length : CHART_WIDTH;
  // Thin bars for a long session, never a slab for a short one.
  const barWidth = Math.min(MAX_BAR, Math.max(1, step * 0.7));
  const bars = points.map((point, index) => {
    const height = Math.round((point.contributions / most) * (plot - 4));
    const label = tn("p_chart_bar", point.contributions, { time: formats.time(point.at) });
    return svg(
      "rect",
      {
        class: "chart-bar",
        x: (index * step + (step - barWidth) / 2).toFixed(1),
        y: plot - height,
        width: barWidth.toFixed(1),
        height,
      },
      [svg("title", {}, [document.createTextNode(label)])],
    );
  });
  const labels = [];
  if (points.length) {
    const first = svg("text", { class: "chart-label", x: 0, y: CHART_HEIGHT - 4 });
    first.textContent = formats.time(points[0].at);
    const last = svg("text", {
      class: "chart-label",
      x: CHART_WIDTH,
      y: CHART_HEIGHT - 4,
      "text-anchor": "end",
    });
    last.textContent = formats.time(points[points.length - 1].at);
    labels.push(first, last);
  }
  const title = svg("title", {}, [document.createTextNode(t("p_chart"))]);
  return svg(
    "svg",
    {
      class: "timeline-chart",
      viewBox: `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`,
      role: "img",
      "aria-label": t("p_chart"),
    },
    [
      title,
      svg("line", { class: "chart-axis", x1: 0, x2: CHART_WIDTH, y1: plot, y2: plot }),
      ...bars,
      ...labels,
    ],
  );
}

function affiliationsTable(rows) {
  return el("table", { className: "affiliations" }, [
    el("caption", { textContent: t("p_affiliations") }),
    el("thead", {}, [
      el("tr", {}, [
        el("th", { scope: "col", textContent: t("p_affiliation") }),
        el("th", { scope: "col", className: "number", textContent: t("p_people") }),
        el("th", { scope: "col", className: "number", textContent: t("p_contributions") }),
      ]),
    ]),
    el(
      "tbody",
      {},
      rows.map((row) =>
        el("tr", {}, [
          el("th", { scope: "row", textContent: row.name || t("p_no_affiliation") }),
          el("td", { className: "number", textContent: formats.number(row.people) }),
          el("td", { className: "number", textContent: formats.number(row.contributions) }),
        ]),
      ),
    ),
  ]);
}

/** The whole panel for a ParticipationView. */
export function participationPanel(figures) {
  const fragment = document.createDocumentFragment();
  const n = formats.number;
  fragment.append(
    el("dl", { className: "figures" }, [
      figure(t("p_joined"), n(figures.joined), t("p_joined_help")),
      figure(t("p_contributed"), n(figures.contributed), t("p_contributed_help")),
      figure(t("p_voted"), n(figures.voted), t("p_voted_help")),
      figure(t("p_contributions"), n(figures.contributions), t("p_contributions_help")),
      figure(
        t("p_gini"),
        figures.gini === null ? "–" : decimal(figures.gini),
        figures.gini === null ? t("p_not_enough") : t("p_gini_help"),
      ),
      figure(
        t("p_top_fifth"),
        figures.top_fifth_share === null ? "–" : percent(figures.top_fifth_share),
        figures.top_fifth_share === null ? t("p_not_enough") : t("p_top_fifth_help"),
      ),
    ]),
  );
  if (figures.affiliations.length) fragment.append(affiliationsTable(figures.affiliations));
  fragment.append(
    el("h3", { className: "chart-heading", textContent: t("p_chart") }),
    figures.timeline.length
      ? timelineChart(figures.timeline)
      : el("p", { className: "empty", textContent: t("p_no_timeline") }),
  );
  return fragment;
}
