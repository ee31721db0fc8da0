// The speakers' queue as the console and the big screen show it: how long the person with
// the floor has spoken, against the time they were given, and the time each person has had.
// The turns and their lengths are the server's; only the running turn is counted here, from
// when it was called, by the server's clock (LiveRoom.serverNow()).

/**
 * The running turn's clock: `elapsed` seconds since it was called, and against its
 * `limit` (null: no limit) the seconds `left` and `over` the limit.
 */
export function turnClock(speaker, nowMs) {
  const called = speaker && speaker.called_at ? Date.parse(speaker.called_at) : NaN;
  const elapsed = Number.isNaN(called) ? 0 : Math.max(0, Math.floor((nowMs - called) / 1000));
  const limit = speaker && speaker.seconds ? speaker.seconds : null;
  if (limit === null) return { elapsed, limit, left: null, over: 0 };
  return { elapsed, limit, left: Math.max(0, limit - elapsed), over: Math.max(0, elapsed - limit) };
}

/** Whether a clock is about to run out: ten seconds or less left. */
export function endingSoon(clock) {
  return clock.left !== null && clock.left <= 10 && clock.over === 0;
}

const samePerson = (entry, speaker) =>
  entry.name === speaker.name && (entry.affiliation || null) === (speaker.affiliation || null);

/**
 * Each person's time on the floor so far, longest first: the staff's `spoken` (ended turns)
 * with the running turn added to its speaker's, as it runs. The running one is marked
 * `speaking`. People are told apart as the server sends them, by name and affiliation.
 */
export function speakingTimes(queue, nowMs) {
  const rows = (queue.spoken || []).map((entry) => ({ ...entry, speaking: false }));
  const speaker = queue.speaking;
  if (speaker) {
    const { elapsed } = turnClock(speaker, nowMs);
    const row = rows.find((entry) => samePerson(entry, speaker));
    if (row) {
      row.turns += 1;
      row.seconds += elapsed;
      row.speaking = true;
    } else {
      rows.push({
        name: speaker.name,
        affiliation: speaker.affiliation || null,
        turns: 1,
        seconds: elapsed,
        speaking: true,
      });
    }
  }
  return rows.sort((a, b) => b.seconds - a.seconds || a.name.localeCompare(b.name));
}

/** A speaker as the room calls them: "Name (City)", or the name alone. */
export function speakerName(speaker, withAffiliation = (name, place) => `${name} (${place})`) {
  if (!speaker) return "";
  return speaker.affiliation ? withAffiliation(speaker.name, speaker.affiliation) : speaker.name;
}
