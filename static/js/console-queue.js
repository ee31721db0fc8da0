// The speakers' queue on the console: who has the floor and for how long (over time shown),
// the hands waiting in the order they went up, each given the floor or lowered, the time
// given to each speaker, and how long each person has spoken so far. Staff see the
// participants' ids (to give the floor to one of them) and `spoken`; the room sees the rest.

import { clockText, el, syncList, t, tn } from "./render.js";
import { endingSoon, speakerName, speakingTimes, turnClock } from "./speakers.js";

// The times offered per speaker, in minutes; 0 gives no limit, "custom" any allowed number.
const PRESETS_MIN = [1, 2, 3, 5];
const OPEN_KEY = "roundtable.console.queueOpen";

function rememberedOpen() {
  try {
    return window.localStorage.getItem(OPEN_KEY) !== "false";
  } catch {
    return true;
  }
}

function remember(open) {
  try {
    window.localStorage.setItem(OPEN_KEY, String(open));
  } catch {
    // Not remembered; the panel still opens and closes.
  }
}

const named = (name, place) => t("speaker_with_place", { name, place });

/** "0:45 left", "Over time by 0:12" or "Speaking for 1:02", as the turn's clock says. */
export function clockLine(clock) {
  if (clock.limit === null) return t("speaking_for", { time: clockText(clock.elapsed) });
  if (clock.over > 0) return t("over_time_by", { time: clockText(clock.over) });
  return t("time_left", { time: clockText(clock.left) });
}

/**
 * Build the queue panel in `panel` (an empty section of console.html) and return its
 * `render()` (after every change to the room) and `tick()` (a few times a second).
 * `run(control, request)` sends one request for a control, as the rest of the console does.
 */
export function setUpQueuePanel(panel, { room, canRun, run, config, announce }) {
  const ui = build(panel, canRun, config);
  let open = rememberedOpen();
  // The time chosen for the next speakers, until the floor is given with it; before that the
  // setting follows the server's.
  let chosen = false;

  function showOpen() {
    ui.body.hidden = !open;
    ui.toggle.setAttribute("aria-expanded", String(open));
    ui.toggle.textContent = open ? t("queue_hide") : t("queue_show");
  }

  ui.toggle.addEventListener("click", () => {
    open = !open;
    remember(open);
    showOpen();
  });

  /** The seconds to give from now on (0: no limit), or null when the custom value is wrong. */
  function seconds() {
    if (!ui.duration) return null;
    if (ui.duration.value !== "custom") return Number(ui.duration.value);
    const value = Number(ui.custom.value);
    const fits =
      Number.isInteger(value) &&
      (value === 0 || (value >= config.turn_min_seconds && value <= config.turn_max_seconds));
    return fits ? value : null;
  }

  async function giveFloor(control, participantId = null) {
    const given = seconds();
    if (given === null) {
      announce(
        t("error_turn_seconds", {
          min: config.turn_min_seconds,
          max: config.turn_max_seconds / 60,
        }),
      );
      ui.custom.focus();
      return;
    }
    const ack = await run(control, () => room.giveFloor({ participantId, seconds: given }));
    if (ack && ack.ok) chosen = false;
  }

  if (canRun) {
    panel.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-queue]");
      if (!button || button.disabled) return;
      const action = button.dataset.queue;
      const participantId = button.dataset.participantId
        ? Number(button.dataset.participantId)
        : null;
      if (action === "next") giveFloor(button);
      else if (action === "give") giveFloor(button, participantId);
      else if (action === "end") run(button, () => room.endTurn());
      else if (action === "lower") run(button, () => room.lowerHand(participantId));
    });
    ui.duration.addEventListener("change", () => {
      chosen = true;
      ui.customField.hidden = ui.duration.value !== "custom";
    });
    ui.custom.addEventListener("input", () => {
      chosen = true;
    });
  }

  /** The setting shows the time the server gives next speakers, unless one is being chosen. */
  function showSeconds(queue) {
    if (!ui.duration || chosen || ui.duration.dataset.busy) return;
    const given = queue.seconds || 0;
    const preset = [...ui.duration.options].some((option) => option.value === String(given));
    ui.duration.value = preset ? String(given) : "custom";
    if (!preset) ui.custom.value = String(given);
    ui.customField.hidden = preset;
  }

  function renderWaiting(queue) {
    syncList(
      ui.waiting,
      queue.waiting,
      (turn) => turn.turn_id,
      (turn) => waitingRow(turn, canRun),
      (node, turn) => {
        node.querySelector(".queue-person-name").textContent = turn.name;
        const place = node.querySelector(".queue-person-place");
        place.textContent = turn.affiliation || "";
        place.hidden = !turn.affiliation;
        for (const button of node.querySelectorAll("button")) {
          button.dataset.participantId = String(turn.participant_id ?? "");
        }
      },
    );
    ui.waitingCount.textContent = queue.waiting.length ? String(queue.waiting.length) : "";
    ui.noHands.hidden = queue.waiting.length > 0;
  }

  function render() {
    if (!room.state.roundtable) return;
    panel.hidden = false;
    const queue = room.state.queue;
    const speaker = queue.speaking;
    ui.speaking.hidden = !speaker;
    ui.nobody.hidden = Boolean(speaker);
    ui.speakerName.textContent = speaker ? speaker.name : "";
    ui.speakerPlace.textContent = speaker && speaker.affiliation ? speaker.affiliation : "";
    ui.speakerPlace.hidden = !(speaker && speaker.affiliation);
    ui.turnLimit.textContent =
      speaker && speaker.seconds
        ? t("turn_of", { time: clockText(speaker.seconds) })
        : speaker
          ? t("no_time_limit")
          : "";
    if (canRun) {
      ui.next.hidden = queue.waiting.length === 0;
      ui.next.textContent = queue.waiting.length
        ? t("next_speaker_named", { name: speakerName(queue.waiting[0], named) })
        : t("next_speaker");
      ui.end.hidden = !speaker;
      for (const control of panel.querySelectorAll("button[data-queue], select, input")) {
        if (!control.dataset.busy) control.disabled = !room.joined;
      }
      showSeconds(queue);
    }
    renderWaiting(queue);
    showOpen();
    tick();
  }

  function tick() {
    const queue = room.state.queue;
    const speaker = queue.speaking;
    const now = room.serverNow();
    let summary;
    if (speaker) {
      const clock = turnClock(speaker, now);
      const line = clockLine(clock);
      if (ui.clock.textContent !== line) ui.clock.textContent = line;
      ui.clock.dataset.state = clock.over > 0 ? "over" : endingSoon(clock) ? "ending" : "";
      summary = t("queue_summary_speaking", {
        name: speakerName(speaker, named),
        time: clockText(clock.limit === null ? clock.elapsed : clock.over || clock.left),
      });
    } else {
      summary = t("queue_summary_nobody");
    }
    const waiting = queue.waiting.length ? tn("hands_waiting", queue.waiting.length) : "";
    const line = [summary, waiting].filter(Boolean).join(" · ");
    if (ui.summary.textContent !== line) ui.summary.textContent = line;
    renderSpoken(ui, speakingTimes(queue, now), Boolean(queue.spoken));
  }

  return { render, tick };
}

function waitingRow(turn, canRun) {
  const nameId = `queue-turn-${turn.turn_id}`;
  return el("li", { className: "queue-person" }, [
    el("span", { className: "queue-person-who", id: nameId }, [
      el("span", { className: "queue-person-name" }),
      el("span", { className: "queue-person-place" }),
    ]),
    canRun
      ? el("span", { className: "queue-person-actions" }, [
          el(
            "button",
            {
              type: "button",
              className: "button small",
              "data-queue": "give",
              "aria-describedby": nameId,
            },
            t("give_floor"),
          ),
          el(
            "button",
            {
              type: "button",
              className: "button small quiet",
              "data-queue": "lower",
              "aria-describedby": nameId,
            },
            t("lower_hand"),
          ),
        ])
      : null,
  ]);
}

function renderSpoken(ui, rows, known) {
  ui.spokenBox.hidden = !known;
  ui.noSpoken.hidden = rows.length > 0;
  ui.spokenTable.hidden = rows.length === 0;
  syncList(
    ui.spokenRows,
    rows,
    (row) => `${row.name}\u0000${row.affiliation || ""}`,
    () =>
      el("tr", {}, [
        el("th", { scope: "row", className: "spoken-name" }),
        el("td", { className: "spoken-place" }),
        el("td", { className: "spoken-turns" }),
        el("td", { className: "spoken-time" }),
      ]),
    (node, row) => {
      const cells = [row.name, row.affiliation || "", String(row.turns), clockText(row.seconds)];
      [...node.children].forEach((cell, index) => {
        if (cell.textContent !== cells[index]) cell.textContent = cells[index];
      });
      node.classList.toggle("speaking", row.speaking);
    },
  );
}

/** The panel's fixed parts; lists and words are filled in by render() and tick(). */
function build(panel, canRun, config) {
  const heading = el("h2", { id: "queue-heading" }, t("queue_heading"));
  const summary = el("p", { className: "queue-summary", id: "queue-summary" });
  const toggle = el("button", {
    type: "button",
    className: "button small queue-toggle",
    "aria-controls": "queue-body",
    "aria-expanded": "true",
  });
  const speakerName = el("span", { className: "queue-speaker-name" });
  const speakerPlace = el("span", { className: "queue-speaker-place" });
  const clock = el("p", { className: "queue-clock", role: "timer" });
  const turnLimit = el("p", { className: "queue-turn-limit hint" });
  const next = canRun
    ? el("button", { type: "button", className: "button primary", "data-queue": "next" })
    : null;
  const end = canRun
    ? el("button", { type: "button", className: "button", "data-queue": "end" }, t("end_turn"))
    : null;
  const speaking = el("div", { className: "queue-speaking" }, [
    el("p", { className: "queue-label" }, t("speaking_now")),
    el("p", { className: "queue-speaker" }, [speakerName, speakerPlace]),
    clock,
    turnLimit,
  ]);
  const nobody = el("p", { className: "queue-nobody" }, t("nobody_speaking"));
  const waitingCount = el("span", { className: "queue-count" });
  const waiting = el("ol", { className: "queue-waiting", "aria-labelledby": "queue-waiting-h" });
  const noHands = el("p", { className: "empty queue-no-hands" }, t("no_hands"));
  const setting = canRun ? durationSetting(config) : null;
  const spokenRows = el("tbody");
  const spokenTable = el("table", { className: "spoken-table" }, [
    el("caption", { className: "visually-hidden" }, t("speaking_time")),
    el("thead", {}, [
      el("tr", {}, [
        el("th", { scope: "col" }, t("speaker")),
        el("th", { scope: "col" }, t("speaker_place")),
        el("th", { scope: "col" }, t("turns")),
        el("th", { scope: "col" }, t("time_spoken")),
      ]),
    ]),
    spokenRows,
  ]);
  const noSpoken = el("p", { className: "empty" }, t("nobody_spoke_yet"));
  const spokenBox = el("details", { className: "queue-spoken" }, [
    el("summary", {}, t("speaking_time")),
    spokenTable,
    noSpoken,
  ]);
  const body = el("div", { className: "queue-body", id: "queue-body" }, [
    el("div", { className: "queue-floor" }, [
      speaking,
      nobody,
      canRun ? el("div", { className: "queue-floor-actions" }, [next, end]) : null,
    ]),
    el("div", { className: "queue-list" }, [
      el("h3", { id: "queue-waiting-h" }, [t("waiting_to_speak"), " ", waitingCount]),
      waiting,
      noHands,
    ]),
    setting ? setting.node : null,
    spokenBox,
  ]);
  panel.replaceChildren(
    el("div", { className: "section-head queue-head" }, [heading, summary, toggle]),
    body,
  );
  return {
    body,
    toggle,
    summary,
    speaking,
    nobody,
    speakerName,
    speakerPlace,
    clock,
    turnLimit,
    next,
    end,
    waiting,
    waitingCount,
    noHands,
    duration: setting ? setting.duration : null,
    custom: setting ? setting.custom : null,
    customField: setting ? setting.customField : null,
    spokenBox,
    spokenTable,
    spokenRows,
    noSpoken,
  };
}

function durationSetting(config) {
  const duration = el(
    "select",
    {
      id: "queue-duration",
      className: "queue-duration",
      "aria-describedby": "queue-duration-hint",
    },
    [
      el("option", { value: "0" }, t("no_time_limit")),
      ...PRESETS_MIN.map((n) => el("option", { value: String(n * 60) }, tn("minutes", n))),
      el("option", { value: "custom" }, t("custom_seconds")),
    ],
  );
  const custom = el("input", {
    id: "queue-seconds",
    className: "queue-seconds",
    type: "number",
    min: String(config.turn_min_seconds),
    max: String(config.turn_max_seconds),
    value: "90",
  });
  const customField = el("div", { className: "field queue-custom", hidden: true }, [
    el("label", { for: "queue-seconds" }, t("seconds")),
    custom,
  ]);
  const node = el("div", { className: "queue-setting" }, [
    el("div", { className: "field" }, [
      el("label", { for: "queue-duration" }, t("time_per_speaker")),
      duration,
    ]),
    customField,
    el("p", { className: "hint", id: "queue-duration-hint" }, t("time_per_speaker_hint")),
  ]);
  return { node, duration, custom, customField };
}
