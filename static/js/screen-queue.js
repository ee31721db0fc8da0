// The speakers' queue on the big screen: a band above the strip, so that the prompt stays in
// view. While someone has the floor: "Speaking now", their name and city or organisation,
// a large clock counting down the time they were given (then the time over it, or up when
// there is no limit), and the next three in line. With hands up and nobody speaking, only
// who is next. Names are shown whatever the attribution: whoever speaks is called by name.

import { clockText, el, t, tn } from "./render.js";
import { endingSoon, speakerName, turnClock } from "./speakers.js";

const NEXT_SHOWN = 3;
// The clock turns amber this long before the end.
const SOON_SECONDS = 30;

const named = (name, place) => t("speaker_with_place", { name, place });

/** Fill `band` (an empty aside of presenter.html); returns its render() and tick(). */
export function setUpQueueBand(band, { room }) {
  const name = el("span", { className: "queue-speaker-name" });
  const place = el("span", { className: "queue-speaker-place" });
  const clock = el("span", { className: "queue-clock" });
  const clockLabel = el("span", { className: "queue-clock-label" });
  const timer = el("div", { className: "queue-timer", role: "timer" }, [clock, clockLabel]);
  const now = el("div", { className: "queue-now" }, [
    el("p", { className: "queue-label", id: "queue-band-label" }, t("speaking_now")),
    el("p", { className: "queue-speaker" }, [name, place]),
  ]);
  const nextLabel = el("p", { className: "queue-label" });
  const nextList = el("ol", { className: "queue-next-list" });
  const more = el("p", { className: "queue-more" });
  const next = el("div", { className: "queue-next" }, [
    el("div", { className: "queue-next-head" }, [nextLabel, more]),
    nextList,
  ]);
  band.replaceChildren(now, timer, next);

  function render() {
    const queue = room.state.queue;
    const speaker = queue.speaking;
    const waiting = queue.waiting || [];
    band.hidden = !speaker && waiting.length === 0;
    band.dataset.state = speaker ? "speaking" : "waiting";
    now.hidden = !speaker;
    timer.hidden = !speaker;
    // With nobody speaking, the band's label is the waiting list's.
    nextLabel.id = speaker ? "" : "queue-band-label";
    if (speaker) {
      name.textContent = speaker.name;
      place.textContent = speaker.affiliation
        ? t("in_brackets", { place: speaker.affiliation })
        : "";
      place.hidden = !speaker.affiliation;
    }
    next.hidden = waiting.length === 0;
    nextLabel.textContent = speaker ? t("up_next") : t("waiting_to_speak");
    const shown = waiting.slice(0, NEXT_SHOWN).map((turn) => speakerName(turn, named));
    const signature = JSON.stringify(shown);
    if (nextList.dataset.names !== signature) {
      nextList.replaceChildren(...shown.map((text) => el("li", {}, text)));
      nextList.dataset.names = signature;
    }
    const rest = waiting.length - shown.length;
    more.textContent = rest > 0 ? tn("and_more", rest) : "";
    more.hidden = rest <= 0;
    tick();
  }

  function tick() {
    const speaker = room.state.queue.speaking;
    if (!speaker) return;
    const state = turnClock(speaker, room.serverNow());
    let shown;
    let label;
    let urgency = "";
    if (state.limit === null) {
      shown = clockText(state.elapsed);
      label = t("screen_speaking_for");
    } else if (state.over > 0) {
      shown = `+${clockText(state.over)}`;
      label = t("screen_over_time");
      urgency = "over";
    } else {
      shown = clockText(state.left);
      label = t("screen_time_left");
      urgency = endingSoon(state) ? "ending" : state.left <= SOON_SECONDS ? "soon" : "";
    }
    if (clock.textContent !== shown) clock.textContent = shown;
    if (clockLabel.textContent !== label) clockLabel.textContent = label;
    if (timer.dataset.urgency !== urgency) timer.dataset.urgency = urgency;
  }

  return { render, tick };
}
