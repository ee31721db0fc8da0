// Stand-ins for what the live client finds in a browser: `window` (timers, storage,
// crypto) and a Socket.IO connection whose acks each test writes itself.

/** A `window` with a storage kept in memory; its timers are Node's, so mock timers apply. */
export function installWindow() {
  const stored = new Map();
  globalThis.window = {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (timer) => clearTimeout(timer),
    crypto: globalThis.crypto,
    localStorage: {
      getItem: (key) => (stored.has(key) ? stored.get(key) : null),
      setItem: (key, value) => stored.set(key, String(value)),
      removeItem: (key) => stored.delete(key),
    },
  };
  return globalThis.window;
}

/** Returned by an answer for a request the server never acknowledges in time. */
export const TIMED_OUT = Symbol("timed out");

/**
 * A Socket.IO client socket on no network. Each request is recorded in `sent` and
 * answered by `answer(event, payload)`, which a test sets; an ack arrives a tick later.
 */
export class FakeSocket {
  constructor(options) {
    this.options = options;
    this.connected = false;
    this.listeners = [];
    this.sent = [];
    this.answer = () => ({ ok: true });
  }

  on(name, listener) {
    this.listeners.push({ name, listener });
  }

  once(name, listener) {
    const wrapped = (...args) => {
      this.off(name, wrapped);
      listener(...args);
    };
    wrapped.original = listener;
    this.on(name, wrapped);
  }

  off(name, listener) {
    this.listeners = this.listeners.filter(
      (entry) =>
        entry.name !== name ||
        (entry.listener !== listener && entry.listener.original !== listener),
    );
  }

  /** The server pushes an event (or the connection reports one) to the client. */
  fire(name, ...args) {
    for (const entry of this.listeners.filter((each) => each.name === name)) {
      entry.listener(...args);
    }
  }

  connect() {
    this.connected = true;
    this.fire("connect");
  }

  disconnect() {
    this.connected = false;
    this.fire("disconnect", "io client disconnect");
  }

  /** The network goes away under the client. */
  drop() {
    this.connected = false;
    this.fire("disconnect", "transport close");
  }

  timeout() {
    return {
      emit: (event, payload, callback) => {
        this.sent.push({ event, payload });
        const ack = this.answer(event, payload);
        if (ack === TIMED_OUT) queueMicrotask(() => callback(new Error("timed out")));
        else queueMicrotask(() => callback(null, ack));
      },
    };
  }

  /** The payloads of the requests sent so far for one event. */
  sentOf(event) {
    return this.sent.filter((each) => each.event === event).map((each) => each.payload);
  }
}

/** Wait until every promise the client has in flight has settled. */
export function settle() {
  return new Promise((resolve) => setImmediate(resolve));
}
