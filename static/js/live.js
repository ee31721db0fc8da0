// The live client shared by the participant page and the facilitator console:
// connect, requests with a time-out, sequence tracking and catch-up, the outboxes of ideas
// and of answers (polls, scales, rankings, assessments).

import { io } from "../vendor/socket.io.esm.min.js";
import { errorMessage } from "./render.js";
import { RoomState } from "./room-state.js";

export { RoomState };

export const SERVER_EVENTS = [
  "prompt.created",
  "prompt.updated",
  "prompt.deleted",
  "idea.created",
  "idea.updated",
  "vote.tally",
  "participants.count",
  "roundtable.updated",
  "theme.created",
  "theme.updated",
  "theme.deleted",
  "results.updated",
  "opinion.tally",
  "queue.updated",
];

// News for the staff's workspace: outcomes and notes. They are not room events (no `seq`,
// not in the log), so they go to their listeners as they come, never through drain().
export const STAFF_NEWS = [
  "outcome.created",
  "outcome.updated",
  "outcome.deleted",
  "notes.updated",
];

// Worth sending again later; any other refusal is final and the idea is dropped.
const RETRYABLE = new Set(["timeout", "offline", "server_error", "not_joined", "unauthenticated"]);
// A big screen's presenter link that opens nothing (any more): the screen stops.
const SCREEN_INVALID = "invalid_presenter_link";
const REQUEST_TIMEOUT_MS = 8000;
const RETRY_DELAY_MS = 3000;
const SYNC_SPACING_MS = 1000;

/** A request that got no answer: `code` is "timeout" or "offline". */
export class RequestError extends Error {
  constructor(code) {
    super(code);
    this.code = code;
  }
}

/** What to tell the user when a request threw: a RequestError's code, or that it failed. */
export function failureMessage(failure) {
  return errorMessage({ code: failure instanceof RequestError ? failure.code : "" });
}

/**
 * My choices after a vote's ack, as a new set. "already voted" and "not voted" tell
 * us what the server knows, so they are believed as much as a success.
 */
function afterBallot(chosen, id, ack, retract) {
  const code = ack.ok ? null : ack.error && ack.error.code;
  const mine = new Set(chosen);
  if ((ack.ok && !retract) || code === "already_voted") mine.add(id);
  if ((ack.ok && retract) || code === "not_voted") mine.delete(id);
  return mine;
}

/** An answer that waits in the outbox: not refused, but not sent yet (offline, slow). */
export const ANSWER_KEPT = "answer_kept";

/**
 * Where an answer waits in the outbox: one place per prompt, where a new answer replaces the
 * one not sent yet; an assessment's scores are saved an item at a time, so one per item.
 */
function answerKey(promptId, fields) {
  if (!Array.isArray(fields.scores)) return String(promptId);
  const items = [...new Set(fields.scores.map((score) => score.item))].sort((a, b) => a - b);
  return `${promptId}:${items.join(",")}`;
}

/** A unique id for a write, so that sending it twice creates it once. */
export function newClientId() {
  if (window.crypto && typeof window.crypto.randomUUID === "function") {
    return window.crypto.randomUUID();
  }
  const bytes = new Uint8Array(16);
  if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function readJson(key, fallback) {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? JSON.parse(raw) : fallback;
  } catch {
    return fallback;
  }
}

function writeJson(key, value) {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or a full store: the outbox still works for this page's life.
  }
}

/**
 * One live connection to one roundtable.
 *
 * `handlers` (all optional): change(room), connection(status), needName(),
 * joined(ack), joinFailed(error), ideaRefused(entry, error), answerRefused(entry, error) (an
 * answer kept in the outbox and refused when it was sent later), revoked() (a big screen whose
 * presenter link was revoked: the room stops for good), staffNews(name, payload) (the staff
 * workspace's news: see STAFF_NEWS; `onStaffNews` adds more listeners).
 *
 * `auth` is added to what the connection presents: a big screen's `screen_token` or
 * `screen_of`.
 *
 * `connect` makes the Socket.IO connection from its options: Socket.IO's `io` unless a
 * test hands in its own.
 */
export class LiveRoom {
  constructor({
    joinCode,
    tokenKey = null,
    outboxKey = null,
    auth = {},
    handlers = {},
    connect = io,
  }) {
    this.joinCode = joinCode;
    this.extraAuth = auth;
    this.stopped = false;
    this.tokenKey = tokenKey;
    this.outboxKey = outboxKey;
    this.handlers = handlers;
    this.state = new RoomState();
    this.seq = null;
    this.joined = false;
    this.role = null;
    this.me = null;
    this.pending = [];
    this.syncing = false;
    this.syncTimer = null;
    this.lastSyncAt = 0;
    this.retryTimer = null;
    // The server's clock minus ours, in ms, from `server_time` in the join and sync acks.
    this.clockOffset = 0;
    this.inflight = new Set();
    this.outbox = outboxKey ? readJson(outboxKey, []) : [];
    // Answers not acknowledged yet, each {key, prompt_id, fields, id}; one per key.
    this.answersKey = outboxKey ? `${outboxKey}.answers` : null;
    this.answers = this.answersKey ? readJson(this.answersKey, []) : [];
    // Per key, the answer being sent now, so that two answers to one prompt are sent one
    // after the other: the server may handle two events of one client in any order.
    this.answerQueues = new Map();
    // Per key, the ack of the last answer sent: what a newer answer's send also settled.
    this.answerAcks = new Map();
    this.socket = connect({
      autoConnect: false,
      // A function, so a reconnect presents the token issued since the first connect.
      auth: (send) => send(this.authPayload()),
    });
    this.socket.on("connect", () => this.onConnect());
    this.socket.on("disconnect", (reason) => this.onDisconnect(reason));
    this.socket.on("connect_error", (error) => {
      if (error && error.data && error.data.code === SCREEN_INVALID) this.revoked();
      else this.status("offline");
    });
    this.socket.on("screen.revoked", () => this.revoked());
    for (const name of SERVER_EVENTS) {
      this.socket.on(name, (payload) => this.receive(name, payload));
    }
    this.newsListeners = new Set();
    if (handlers.staffNews) this.newsListeners.add(handlers.staffNews);
    for (const name of STAFF_NEWS) {
      this.socket.on(name, (payload) => {
        for (const listener of this.newsListeners) listener(name, payload || {});
      });
    }
  }

  /** Hear the staff workspace's news: `listener(name, payload)`; returns how to stop. */
  onStaffNews(listener) {
    this.newsListeners.add(listener);
    return () => this.newsListeners.delete(listener);
  }

  start() {
    this.status("connecting");
    this.socket.connect();
  }

  // -- identity -------------------------------------------------------------

  get token() {
    if (!this.tokenKey) return null;
    try {
      return window.localStorage.getItem(this.tokenKey);
    } catch {
      return null;
    }
  }

  set token(value) {
    if (!this.tokenKey) return;
    try {
      if (value) window.localStorage.setItem(this.tokenKey, value);
      else window.localStorage.removeItem(this.tokenKey);
    } catch {
      // Without storage the participant is still themselves until the page closes.
    }
  }

  authPayload() {
    const token = this.token;
    return { ...this.extraAuth, ...(token ? { participant_token: token } : {}) };
  }

  /** A big screen's link was revoked: stop, without trying to come back. */
  revoked() {
    if (this.stopped) return;
    this.stopped = true;
    this.joined = false;
    this.socket.disconnect();
    this.handlers.revoked?.();
  }

  get isParticipantPage() {
    return this.tokenKey !== null;
  }

  // -- the server's clock ----------------------------------------------------

  /** Now, by the server's clock: what timers count down against. */
  serverNow() {
    return Date.now() + this.clockOffset;
  }

  /** Learn the clock offset from an ack's `server_time`, taking the answer as sent mid-way. */
  takeServerTime(ack, sentAt) {
    const stamp = ack && ack.server_time;
    const serverTime = typeof stamp === "string" ? Date.parse(stamp) : NaN;
    if (Number.isNaN(serverTime)) return;
    const receivedAt = Date.now();
    this.clockOffset = serverTime - (sentAt + receivedAt) / 2;
  }

  // -- connection -----------------------------------------------------------

  status(value) {
    this.handlers.connection?.(value);
  }

  onConnect() {
    this.status("online");
    if (this.isParticipantPage && !this.token) {
      this.handlers.needName?.();
      return;
    }
    this.join().catch(() => {});
  }

  onDisconnect(reason) {
    this.joined = false;
    this.inflight.clear();
    this.status("offline");
    // The server closed the connection on purpose; Socket.IO leaves that to us.
    if (reason === "io server disconnect" && !this.stopped)
      window.setTimeout(() => this.socket.connect(), 1000);
  }

  /** Resolves once connected (at once if already), rejects as "offline" after the time-out. */
  whenConnected(timeoutMs = REQUEST_TIMEOUT_MS) {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        window.clearTimeout(timer);
        resolve();
      };
      const timer = window.setTimeout(() => {
        this.socket.off("connect", done);
        reject(new RequestError("offline"));
      }, timeoutMs);
      this.socket.once("connect", done);
    });
  }

  /** An acknowledged request: resolves with the ack, rejects on time-out or when offline. */
  request(event, payload, timeoutMs = REQUEST_TIMEOUT_MS) {
    return new Promise((resolve, reject) => {
      if (!this.socket.connected) {
        reject(new RequestError("offline"));
        return;
      }
      this.socket.timeout(timeoutMs).emit(event, payload, (error, ack) => {
        if (error) reject(new RequestError("timeout"));
        else resolve(ack || { ok: false, error: { code: "server_error", message: "" } });
      });
    });
  }

  /**
   * Join (or rejoin after a drop): rebinds who we are and our room on the server,
   * then catches up from the last event seen. Resolves with the ack.
   */
  async join(fields = {}) {
    let ack;
    const sentAt = Date.now();
    try {
      ack = await this.request("roundtable.join", { join_code: this.joinCode, ...fields });
    } catch (error) {
      if (this.socket.connected) window.setTimeout(() => this.rejoinIfNeeded(), RETRY_DELAY_MS);
      throw error;
    }
    if (!ack.ok) {
      const code = ack.error && ack.error.code;
      if (code === SCREEN_INVALID) {
        this.revoked();
        return ack;
      }
      if (this.isParticipantPage && (code === "name_required" || code === "forbidden")) {
        this.token = null;
        this.handlers.needName?.();
      } else {
        this.handlers.joinFailed?.(ack.error || {});
      }
      return ack;
    }
    if (ack.participant) {
      this.token = ack.participant.token;
      this.me = ack.participant;
    }
    this.role = ack.role;
    this.takeServerTime(ack, sentAt);
    const firstJoin = this.seq === null;
    if (firstJoin) {
      this.state.replace(ack.snapshot);
      this.seq = ack.seq;
    } else {
      this.state.takeMyVotes(ack.snapshot);
      this.state.takeMine(ack.snapshot);
      this.state.takeMyResponses(ack.snapshot);
    }
    this.joined = true;
    this.handlers.joined?.(ack);
    this.changed();
    if (firstJoin) this.drain();
    else await this.sync();
    this.flushOutbox();
    return ack;
  }

  rejoinIfNeeded() {
    if (this.socket.connected && !this.joined && (this.token || !this.isParticipantPage)) {
      this.join().catch(() => {});
    }
  }

  changed() {
    this.handlers.change?.(this);
  }

  // -- sequence tracking ----------------------------------------------------

  receive(type, payload) {
    if (!payload || typeof payload.seq !== "number") return;
    this.pending.push({ ...payload, type });
    this.drain();
  }

  /** Apply pending events in order; on a gap, ask the server what we missed. */
  drain() {
    if (!this.joined || this.syncing) return;
    this.pending.sort((a, b) => a.seq - b.seq);
    let applied = false;
    while (this.pending.length) {
      const next = this.pending[0];
      if (next.seq <= this.seq) {
        this.pending.shift(); // seen already
      } else if (next.seq === this.seq + 1) {
        this.pending.shift();
        this.state.apply(next);
        this.seq = next.seq;
        applied = true;
      } else {
        break; // a gap
      }
    }
    if (applied) this.changed();
    if (this.pending.length) this.scheduleSync();
  }

  scheduleSync(spacingMs = SYNC_SPACING_MS) {
    if (this.syncing || this.syncTimer) return;
    const wait = Math.max(0, this.lastSyncAt + spacingMs - Date.now());
    this.syncTimer = window.setTimeout(() => {
      this.syncTimer = null;
      this.sync();
    }, wait);
  }

  /** Catch up from the last seq: missed events, or a fresh snapshot when too far behind. */
  async sync() {
    if (this.syncing || !this.joined) return;
    this.syncing = true;
    this.lastSyncAt = Date.now();
    let caughtUp = false;
    try {
      const sentAt = Date.now();
      const ack = await this.request("roundtable.sync", { since_seq: this.seq });
      if (ack.ok) this.takeServerTime(ack, sentAt);
      if (ack.ok && ack.snapshot) {
        this.state.replace(ack.snapshot);
        this.seq = ack.seq;
        this.changed();
      } else if (ack.ok) {
        this.pending.push(...ack.events);
      } else if (ack.error && ack.error.code === "not_joined") {
        this.joined = false;
      } else if (ack.error && ack.error.code === SCREEN_INVALID) {
        this.revoked();
        return;
      }
      caughtUp = ack.ok;
    } catch {
      // Offline or slow: tried again below, and on the next reconnect.
    } finally {
      this.syncing = false;
    }
    if (!this.joined) {
      this.rejoinIfNeeded();
      return;
    }
    this.drain();
    if (!caughtUp) this.scheduleSync(RETRY_DELAY_MS);
  }

  // -- outbox ---------------------------------------------------------------

  saveOutbox() {
    if (this.outboxKey) writeJson(this.outboxKey, this.outbox);
  }

  pendingIdeas(promptId) {
    return this.outbox.filter((entry) => entry.prompt_id === promptId);
  }

  /**
   * Post an idea, or with `parentId` a reply building on one: kept in the outbox, with
   * its client_id, until the server confirms it.
   */
  postIdea(promptId, text, parentId = null) {
    const entry = { client_id: newClientId(), prompt_id: promptId, text, at: Date.now() };
    if (parentId !== null) entry.parent_id = parentId;
    this.outbox.push(entry);
    this.saveOutbox();
    this.changed();
    this.send(entry);
    return entry;
  }

  flushOutbox() {
    for (const entry of [...this.outbox]) this.send(entry);
    for (const entry of [...this.answers]) this.flushAnswer(entry);
  }

  async send(entry) {
    if (!this.joined || this.inflight.has(entry.client_id)) return;
    this.inflight.add(entry.client_id);
    let ack;
    try {
      ack = await this.request("idea.create", {
        prompt_id: entry.prompt_id,
        text: entry.text,
        client_id: entry.client_id,
        ...(entry.parent_id ? { parent_id: entry.parent_id } : {}),
      });
    } catch {
      ack = { ok: false, error: { code: "timeout" } };
    } finally {
      this.inflight.delete(entry.client_id);
    }
    if (!ack.ok && RETRYABLE.has(ack.error && ack.error.code)) {
      this.retryLater();
      return;
    }
    if (!ack.ok && ack.error && ack.error.code === "rate_limited") {
      // Kept in the outbox: posting faster than the limit only delays an idea.
      this.retryLater(ack.error.retry_after * 1000);
      return;
    }
    this.outbox = this.outbox.filter((kept) => kept.client_id !== entry.client_id);
    this.saveOutbox();
    if (ack.ok) this.state.takeMyIdea(ack.idea);
    else this.handlers.ideaRefused?.(entry, ack.error || {});
    this.changed();
  }

  retryLater(delayMs = RETRY_DELAY_MS) {
    if (this.retryTimer) return;
    this.retryTimer = window.setTimeout(
      () => {
        this.retryTimer = null;
        if (this.joined) this.flushOutbox();
      },
      Math.max(delayMs, RETRY_DELAY_MS),
    );
  }

  // -- answers: polls, scales, rankings, assessments ----------------------------

  saveAnswers() {
    if (this.answersKey) writeJson(this.answersKey, this.answers);
  }

  /** My answers to a prompt that are waiting to be sent (none once the server has them). */
  pendingAnswers(promptId) {
    return this.answers.filter((entry) => entry.prompt_id === promptId);
  }

  /**
   * Answer a poll, scale, ranking or assessment: `fields` is the one field its kind takes
   * (`choices`, `value`, `order` or `scores`). The answer waits in the outbox until the server
   * has it, so one given offline is sent on reconnecting; a newer answer to the same prompt
   * (or the same assessment item) replaces one not sent yet. Resolves with the ack; while the
   * answer waits, with `{ok: false, kept: true, error: {code: "answer_kept"}}`.
   */
  submitResponse(promptId, fields) {
    const key = answerKey(promptId, fields);
    const entry = { key, prompt_id: promptId, fields, id: newClientId() };
    this.answers = [...this.answers.filter((kept) => kept.key !== key), entry];
    this.saveAnswers();
    this.changed();
    return this.queueAnswer(key);
  }

  /** Send the latest answer for `key` (or only answer `id`) once the one before has its ack. */
  queueAnswer(key, id = null) {
    const before = this.answerQueues.get(key) || Promise.resolve();
    const sent = before.then(() => this.sendAnswer(key, id));
    const settled = sent.catch(() => {});
    this.answerQueues.set(key, settled);
    settled.then(() => {
      if (this.answerQueues.get(key) === settled) this.answerQueues.delete(key);
    });
    return sent;
  }

  /** An answer sent again from the outbox: a refusal now is said through the handler. */
  async flushAnswer(entry) {
    const ack = await this.queueAnswer(entry.key, entry.id);
    if (ack && !ack.ok && !ack.kept) this.handlers.answerRefused?.(entry, ack.error || {});
  }

  /**
   * Send the answer waiting under `key`; with `id`, only if it is still that one (null if
   * not). Without an answer waiting, it went with an earlier send, whose ack settles it.
   */
  async sendAnswer(key, id = null) {
    const entry = this.answers.find((kept) => kept.key === key);
    if (id !== null && (!entry || entry.id !== id)) return null;
    if (!entry) return this.answerAcks.get(key) || { ok: true };
    const kept = { ok: false, kept: true, error: { code: ANSWER_KEPT } };
    if (!this.joined) return kept;
    let ack;
    try {
      ack = await this.request("response.submit", { prompt_id: entry.prompt_id, ...entry.fields });
    } catch {
      ack = { ok: false, error: { code: "timeout" } };
    }
    const code = ack.ok ? null : ack.error && ack.error.code;
    if (RETRYABLE.has(code) || code === "rate_limited") {
      this.retryLater(code === "rate_limited" ? ack.error.retry_after * 1000 : RETRY_DELAY_MS);
      return kept;
    }
    // Done with, unless a newer answer took its place while it was on its way.
    this.answers = this.answers.filter((other) => other.id !== entry.id);
    this.saveAnswers();
    this.answerAcks.set(key, ack);
    if (ack.ok) this.state.takeMyResponse(entry.prompt_id, ack.response);
    this.changed();
    return ack;
  }

  // -- my ideas after posting ------------------------------------------------

  /**
   * Correct an idea's text: my own while ideas are collected, or, for staff, any idea.
   * Resolves with the ack.
   */
  async editIdea(ideaId, text) {
    const ack = await this.request("idea.update", { idea_id: ideaId, text });
    if (ack.ok && ack.idea && this.isParticipantPage) this.state.takeMyIdea(ack.idea);
    else if (ack.ok && ack.idea) this.state.upsertIdea(ack.idea);
    this.changed();
    return ack;
  }

  /** Withdraw my idea while ideas are collected; votes on it go back to their voters. */
  withdrawIdea(ideaId) {
    return this.write("idea.delete", { idea_id: ideaId });
  }

  /** Put my emoji on an idea, or take it off again; the ack says which it was. */
  react(ideaId, emoji) {
    return this.write("idea.react", { idea_id: ideaId, emoji });
  }

  // -- votes ----------------------------------------------------------------

  /** Cast (or with `retract`, take back) my vote on an idea; resolves with the ack. */
  async vote(ideaId, { retract = false } = {}) {
    const ack = await this.request(retract ? "vote.retract" : "vote.cast", { idea_id: ideaId });
    const prompt = this.state.promptOf(ideaId);
    if (prompt) {
      const mine = afterBallot(this.state.votedFor(prompt.id), ideaId, ack, retract);
      this.state.myVotes.set(prompt.id, mine);
    }
    this.changed();
    return ack;
  }

  /** Cast (or with `retract`, take back) my vote on a theme; resolves with the ack. */
  async voteTheme(promptId, themeId, { retract = false } = {}) {
    const ack = await this.request(retract ? "vote.retract" : "vote.cast", { theme_id: themeId });
    const mine = afterBallot(this.state.themesVotedFor(promptId), themeId, ack, retract);
    this.state.myThemeVotes.set(promptId, mine);
    this.changed();
    return ack;
  }

  // -- statements and the speakers' queue --------------------------------------

  /** Mark a statement agree, disagree or pass (again, to change my mind). */
  async castOpinion(promptId, ideaId, opinion) {
    const ack = await this.request("opinion.cast", { idea_id: ideaId, opinion });
    if (ack.ok) this.state.takeMyOpinion(promptId, ideaId, ack.opinion);
    this.changed();
    return ack;
  }

  /** Send one queue request and take in the queue its ack returns (with my turn in it). */
  async queueWrite(event, payload = {}) {
    const ack = await this.request(event, payload);
    if (ack.ok && ack.queue) this.state.takeQueue(ack.queue);
    this.changed();
    return ack;
  }

  raiseHand() {
    return this.queueWrite("hand.raise");
  }

  /** Lower my hand (or end my turn); staff lower `participantId`'s. */
  lowerHand(participantId = null) {
    return this.queueWrite(
      "hand.lower",
      participantId == null ? {} : { participant_id: participantId },
    );
  }

  /** Give the floor to the first hand up, or to `participantId`'s; `seconds` (0: no limit)
   * sets the time each speaker is given from now on. */
  giveFloor({ participantId = null, seconds = null } = {}) {
    const payload = {};
    if (participantId != null) payload.participant_id = participantId;
    if (seconds != null) payload.seconds = seconds;
    return this.queueWrite("floor.give", payload);
  }

  endTurn() {
    return this.queueWrite("floor.end");
  }

  // -- templates of prompts --------------------------------------------------

  /** The templates this roundtable may use: the shipped ones, then its event's. */
  listTemplates() {
    return this.request("template.list", {});
  }

  /** Add a template's prompts (by id, or a shipped one's slug) as drafts at the end. */
  async useTemplate(template) {
    const ack = await this.request("template.use", { template });
    if (ack.ok) for (const prompt of ack.prompts) this.state.upsertPrompt(prompt);
    this.changed();
    return ack;
  }

  /** Save this roundtable's prompts as a template of its event. */
  saveTemplate(name, description = "") {
    return this.request("template.save", description ? { name, description } : { name });
  }

  deleteTemplate(id) {
    return this.request("template.delete", { template: id });
  }

  // -- the facilitator's writes ------------------------------------------------

  /**
   * Send one facilitation request and take in what its ack returns (the prompt, the
   * roundtable, an idea, a theme), so the console shows it before the event arrives.
   */
  async write(event, payload) {
    const ack = await this.request(event, payload);
    if (ack.ok) {
      if (ack.prompt) this.state.upsertPrompt(ack.prompt);
      if (ack.roundtable) this.state.roundtable = { ...this.state.roundtable, ...ack.roundtable };
      if (ack.idea) this.state.upsertIdea(ack.idea);
      if (ack.theme) this.state.upsertTheme(ack.theme);
    }
    this.changed();
    return ack;
  }

  /**
   * Add a prompt: `fields` are its text, kind, votes_per_participant and switches, and for a
   * poll, scale, ranking or assessment its setup: `options`, `max_choices`, `scale`, `items`,
   * `criteria` (docs/protocol.md, "Polls, scales, rankings and assessments").
   */
  createPrompt(fields) {
    return this.write("prompt.create", fields);
  }

  /**
   * Change a draft prompt: `changes` has its text, its votes_per_participant and, for an
   * answered kind, any of its setup fields, which replace those it had.
   */
  updatePrompt(promptId, changes) {
    return this.write("prompt.update", { prompt_id: promptId, ...changes });
  }

  /** Delete a draft prompt. */
  async deletePrompt(promptId) {
    const ack = await this.request("prompt.delete", { prompt_id: promptId });
    if (ack.ok) this.state.prompts.delete(promptId);
    this.changed();
    return ack;
  }

  /** Move a prompt to a place in the order (counting from 1). */
  movePrompt(promptId, position) {
    return this.write("prompt.move", { prompt_id: promptId, position });
  }

  openPrompt(promptId) {
    return this.write("prompt.open", { prompt_id: promptId });
  }

  closePrompt(promptId) {
    return this.write("prompt.close", { prompt_id: promptId });
  }

  setPhase(promptId, phase) {
    return this.write("prompt.phase", { prompt_id: promptId, phase });
  }

  /** End a private brainstorm: the room sees every idea. */
  revealIdeas(promptId) {
    return this.write("prompt.reveal", { prompt_id: promptId });
  }

  /** Switch a prompt's settings: `changes` maps a switch (or `attribution`) to its value. */
  configurePrompt(promptId, changes) {
    return this.write("prompt.configure", { prompt_id: promptId, ...changes });
  }

  /** Bring everyone to one prompt ("follow me"), or with null let them roam. */
  focusPrompt(promptId) {
    return this.write("roundtable.focus", { prompt_id: promptId });
  }

  startTimer(promptId, seconds, advance) {
    return this.write("timer.start", { prompt_id: promptId, seconds, advance });
  }

  stopTimer(promptId) {
    return this.write("timer.stop", { prompt_id: promptId });
  }

  /** How the roundtable's ideas are credited: named, affiliation or anonymous. */
  setAttribution(attribution) {
    return this.write("roundtable.configure", { attribution });
  }

  endRoundtable() {
    return this.write("roundtable.end", {});
  }

  reopenRoundtable() {
    return this.write("roundtable.reopen", {});
  }

  hideIdea(ideaId) {
    return this.write("idea.hide", { idea_id: ideaId });
  }

  restoreIdea(ideaId) {
    return this.write("idea.restore", { idea_id: ideaId });
  }

  approveIdea(ideaId) {
    return this.write("idea.approve", { idea_id: ideaId });
  }

  /** Put one idea over everything on the big screen, or with null take it down. */
  spotlightIdea(ideaId) {
    return this.write("idea.spotlight", { idea_id: ideaId });
  }

  /** Mark a panel's question answered (or, with false, not); it leaves the spotlight. */
  markAnswered(ideaId, answered = true) {
    return this.write("question.answered", { idea_id: ideaId, answered });
  }

  /** Put a statement to the room (staff, a statements prompt), once however often sent. */
  addStatement(promptId, text, clientId = newClientId()) {
    return this.write("idea.create", { prompt_id: promptId, text, client_id: clientId });
  }

  /** Fold a duplicate into the idea it repeats; its votes move along. */
  mergeIdea(ideaId, duplicateId) {
    return this.write("idea.merge", { idea_id: ideaId, duplicate_id: duplicateId });
  }

  /** Ask for suggested groups of a prompt's ideas. */
  suggestThemes(promptId) {
    return this.write("theme.suggest", { prompt_id: promptId });
  }

  /** Add a theme, with the ideas it starts with (a suggestion's) if any. */
  createTheme(promptId, name, ideaIds = null) {
    return this.write("theme.create", {
      prompt_id: promptId,
      name,
      ...(ideaIds ? { idea_ids: ideaIds } : {}),
    });
  }

  renameTheme(themeId, name) {
    return this.write("theme.rename", { theme_id: themeId, name });
  }

  async deleteTheme(promptId, themeId) {
    // The ack carries the deleted theme: taking it in would only add back what goes.
    const ack = await this.request("theme.delete", { theme_id: themeId });
    if (ack.ok) this.state.removeTheme({ id: themeId, prompt_id: promptId });
    this.changed();
    return ack;
  }

  /** Put an idea in a theme, or with null back among the ungrouped. */
  assignTheme(ideaId, themeId) {
    return this.write("theme.assign", { idea_id: ideaId, theme_id: themeId });
  }

  // -- the staff's workspace: outcomes and shared notes -------------------------

  /** Everything the rapporteur's page shows besides the room: outcomes, notes, participation. */
  loadWorkspace() {
    return this.request("workspace.load", {});
  }

  /** Add an outcome (kind, text, owner, due, status, sdgs, sources), once however often sent. */
  createOutcome(fields) {
    return this.request("outcome.create", {
      ...fields,
      client_id: fields.client_id || newClientId(),
    });
  }

  /** Change an outcome as of `version`: refused with the current one if it moved on since. */
  updateOutcome(outcomeId, version, fields) {
    return this.request("outcome.update", { ...fields, outcome_id: outcomeId, version });
  }

  deleteOutcome(outcomeId, version) {
    return this.request("outcome.delete", { outcome_id: outcomeId, version });
  }

  /** Draft takeaways from what the room produced; the ack lists only those it added. */
  draftOutcomes() {
    return this.request("outcome.draft", {});
  }

  /** Save the notes typed on `baseVersion`; the server merges a colleague's save since. */
  saveNotes(text, baseVersion) {
    return this.request("notes.save", { text, base_version: baseVersion });
  }
}
