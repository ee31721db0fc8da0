// The speakers' queue on the participant page: a bar, whatever prompt is shown, to raise or lower
// my hand, with my place in line, who has the floor and how long they have spoken against the
// time they were given (counted by the server's clock, and past it into overtime).

import { runBusy } from "./actions.js";
import { byline } from "./ideas.js";
import { announce, clockText, el, pageLanguage, t, tn } from "./render.js";

/**
 * A running turn at `nowMs` by the server's clock: seconds spoken; against the time given, whole
 * seconds left (null when it has no limit) and, once they are up, seconds over.
 */
export function turnClock(speaker, nowMs) {
  const elapsed = Math.max(0, (nowMs - Date.parse(speaker.called_at)) / 1000);
  const spoken = Math.floor(elapsed);
  if (speaker.seconds == null) return { spoken, left: null, over: 0 };
  const remaining = speaker.seconds - elapsed;
  return {
    spoken,
    left: Math.max(0, Math.ceil(remaining)),
    over: remaining < 0 ? Math.floor(-remaining) : 0,
  };
}

/** A turn's clock in words: "1:20 left", "0:15 over time", or "2:05 so far" without a limit. */
export function turnText(clock) {
  if (clock.left === null) return t("turn_running", { time: clockText(clock.spoken) });
  if (clock.left > 0) return t("time_left", { time: clockText(clock.left) });
  return t("turn_over", { time: clockText(clock.over) });
}

/** "You are 3rd in line.": my place among the hands up (1 is next), as the language counts. */
export function placeText(place, language = pageLanguage()) {
  if (place === 1) return t("queue_next");
  const category = new Intl.PluralRules(language, { type: "ordinal" }).select(place);
  if (category === "one") return t("queue_place_one", { n: place });
  if (category === "two") return t("queue_place_two", { n: place });
  if (category === "few") return t("queue_place_few", { n: place });
  return t("queue_place_other", { n: place });
}

/** Who speaks, as the queue names everyone: "Name · City". */
export function speakerName(speaker) {
  return byline({ author: speaker.name, affiliation: speaker.affiliation });
}

/**
 * The queue's bar in `root` (an empty, hidden section of the page), over `room` (a LiveRoom);
 * `announcer` is the page's polite live region. Returns render() and tick(nowMs).
 */
export function setUpFloor({ room, root, announcer }) {
  const button = el("button", {
    type: "button",
    className: "button hand-button",
    "aria-describedby": "floor-note",
  });
  const ui = {
    speaker: el("span", { className: "floor-speaker" }),
    clock: el("span", { className: "floor-clock", role: "timer" }),
    waiting: el("span", { className: "floor-waiting" }),
    // Said aloud when it changes: my place moves up as others speak, then the floor is mine.
    place: el("p", { className: "floor-place", role: "status", "aria-live": "polite" }),
    note: el("p", { className: "floor-note", id: "floor-note" }, t("queue_name_note")),
    error: el("p", { className: "form-error floor-error", role: "status", "aria-live": "polite" }),
    button,
  };
  root.append(
    el("div", { className: "floor-inner" }, [
      el("h2", { id: "floor-heading", className: "visually-hidden" }, t("speakers_queue")),
      el("p", { className: "floor-now" }, [ui.speaker, ui.clock, ui.waiting]),
      el("div", { className: "floor-me" }, [ui.place, button]),
      ui.note,
      ui.error,
    ]),
  );
  root.setAttribute("aria-labelledby", "floor-heading");
  // The bar is fixed to the bottom of the window: the page keeps that much room free below.
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(() => {
      document.documentElement.style.setProperty("--floor-space", `${root.offsetHeight}px`);
    }).observe(root);
  }
  // Whether my own time was up at the last tick, so that it is said once.
  let overtime = false;

  button.addEventListener("click", async () => {
    if (button.disabled) return;
    const hand = room.state.myHand();
    const focused = document.activeElement === button;
    const ack = await runBusy(button, () => (hand ? room.lowerHand() : room.raiseHand()), {
      report: (message) => {
        if (message) announce(ui.error, message);
        else ui.error.textContent = "";
      },
      after: render,
    });
    // Busy, the button was disabled and lost the focus: it is the same button, with new words.
    if (focused && document.activeElement !== button && !button.hidden) button.focus();
    if (ack && ack.ok && !hand) announce(announcer, t("hand_raised"));
    else if (ack && ack.ok) announce(announcer, t("hand_lowered"));
  });

  function render() {
    const roundtable = room.state.roundtable;
    root.hidden = !roundtable;
    if (!roundtable) return;
    const { speaking, waiting } = room.state.queue;
    const hand = room.state.myHand();
    const participant = room.role === "participant";
    const ended = roundtable.status === "closed";
    root.classList.toggle("speaking", hand?.state === "speaking");
    root.classList.toggle("raised", hand?.state === "waiting");
    const now = root.querySelector(".floor-now");
    now.hidden = !speaking && !waiting.length;
    ui.speaker.hidden = !speaking;
    ui.clock.hidden = !speaking;
    ui.speaker.textContent = speaking ? t("queue_speaking", { name: speakerName(speaking) }) : "";
    ui.waiting.hidden = !waiting.length;
    ui.waiting.textContent = tn("queue_waiting", waiting.length);
    let place = "";
    if (hand?.state === "speaking") place = t("queue_you_speak");
    else if (hand) place = placeText(hand.place);
    if (ui.place.textContent !== place) ui.place.textContent = place;
    ui.place.hidden = !place;
    // Staff watch the queue here; a room that has ended takes no new hands.
    button.hidden = !participant || (ended && !hand);
    ui.note.hidden = button.hidden || Boolean(hand);
    let label = t("raise_hand");
    if (hand?.state === "speaking") label = t("end_my_turn");
    else if (hand) label = t("lower_hand");
    if (button.textContent !== label) button.textContent = label;
    button.classList.toggle("primary", !hand);
    if (hand?.state !== "speaking") overtime = false;
    // Staff with nobody in the queue, or a room that has ended: nothing to show.
    root.hidden = now.hidden && button.hidden && !place;
    tick(room.serverNow());
  }

  /** Redraw the running turn's clock; say once when my own time is up. */
  function tick(nowMs) {
    const { speaking } = room.state.queue;
    if (!speaking || !speaking.called_at) {
      ui.clock.textContent = "";
      return;
    }
    const clock = turnClock(speaking, nowMs);
    const text = turnText(clock);
    if (ui.clock.textContent !== text) ui.clock.textContent = text;
    const over = clock.left === 0;
    ui.clock.classList.toggle("overtime", over);
    ui.clock.classList.toggle("ending", clock.left !== null && clock.left > 0 && clock.left <= 10);
    const mine = room.state.myHand()?.state === "speaking";
    if (mine && over && !overtime) announce(announcer, t("your_time_is_up"));
    overtime = mine && over;
  }

  return { render, tick };
}
