// The query queue of the embedded database's socket server (replaces pglite-socket 0.2.17's QueryQueueManager).
//
// PGlite is ONE PostgreSQL session shared by every socket connection. pglite-socket schedules the connections'
// protocol messages one by one and keeps a connection's turn only while an SQL transaction is open. That is not
// enough: an extended-protocol query (Parse, Bind, Execute, Sync) is no transaction between its messages, so a second
// connection's Parse or BEGIN could run in the middle of it and the two clients read each other's statements
// ("unnamed prepared statement does not exist", wrong rows, or a client waiting forever for its reply). This was the
// intermittent hang of the e2e suite (upstream: electric-sql/pglite#1046). Also, one failed message left its queue
// stuck for good.
//
// Here a connection keeps the session from its first message until PGlite answers ReadyForQuery with status Idle:
// a whole query, or a whole transaction. Other connections wait their turn, in arrival order.

const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]); // 'S', length 4

/** True when a backend reply ends with ReadyForQuery(Idle): the session is free for another connection. */
export function endsIdle(tail) {
  const n = tail.length;
  return (
    n >= 6 &&
    tail[n - 6] === READY_FOR_QUERY &&
    tail[n - 5] === 0 &&
    tail[n - 4] === 0 &&
    tail[n - 3] === 0 &&
    tail[n - 2] === 5 &&
    tail[n - 1] === IDLE
  );
}

export class SessionQueue {
  constructor(db) {
    this.db = db;
    this.queue = [];
    this.owner = null;
    this.running = false;
    /** Connections that have closed: one that ends up holding the session is reset at once. */
    this.gone = new Set();
  }

  enqueue(handlerId, message, onData) {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.pump();
    });
  }

  /** The next message to run: the owner's while a connection holds the session, else the oldest. */
  next() {
    const index = this.owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === this.owner);
    return index === -1 || this.queue.length === 0 ? null : this.queue.splice(index, 1)[0];
  }

  async pump() {
    if (this.running) return;
    this.running = true;
    try {
      for (let item = this.next(); item; item = this.next()) await this.run(item);
    } finally {
      this.running = false;
    }
  }

  async run(item) {
    let tail = new Uint8Array(0);
    let bytes = 0;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(item.message, {
          onRawData: (data) => {
            bytes += data.length;
            tail = keepTail(tail, data);
            item.onData(data);
          },
        }),
      );
      this.owner = endsIdle(tail) ? null : item.handlerId;
      // Its connection closed while this message ran (a killed client): nobody will end its query or transaction.
      if (this.owner !== null && this.gone.has(this.owner)) await this.reset();
      item.resolve(bytes);
    } catch (error) {
      // The session state is unknown: give it back so that the other connections are not stuck behind this one.
      this.owner = null;
      item.reject(error);
    }
  }

  getQueueLength() {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId) {
    this.gone.add(handlerId);
    this.queue = this.queue.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /** A connection that closes while it holds the session: its query and transaction are ended. */
  async clearTransactionIfNeeded(handlerId) {
    if (this.owner !== handlerId) return;
    await this.reset();
    void this.pump();
  }

  /** Ends the owner's query (Sync) and rolls back its transaction; the session is free again. */
  async reset() {
    try {
      await this.db.runExclusive(() => this.db.execProtocolRawStream(SYNC, { onRawData: () => {} }));
      if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    } finally {
      this.owner = null;
    }
  }
}

function keepTail(tail, data) {
  if (data.length >= 6) return data.slice(data.length - 6);
  const joined = new Uint8Array(tail.length + data.length);
  joined.set(tail);
  joined.set(data, tail.length);
  return joined.slice(Math.max(0, joined.length - 6));
}
