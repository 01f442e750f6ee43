// The SQLite database one store runs on (docs/architecture.md#storage): one file, two connections.
// The writer is used only by one write at a time (a promise-chain mutex), the reader by every
// read, so a read never sees a write that has not committed. Every port's implementation in this
// folder shares one of these, hence one mutex.
import type { SqliteConnection, SqlitePragmas } from './connection.js';

/** The two connections of a SQLite store and the write mutex they share. */
export class SqliteDb {
  readonly writer: SqliteConnection;
  readonly reader: SqliteConnection;
  // The tail of the write queue; it never rejects, so one failed write does not stop the next.
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;
  #closing: Promise<void> | undefined;

  constructor(writer: SqliteConnection, reader: SqliteConnection) {
    this.writer = writer;
    this.reader = reader;
  }

  /** Runs `job` after every write queued before it (the in-process write mutex). */
  exclusive<T>(job: () => Promise<T> | T): Promise<T> {
    const run = this.#tail.then(() => {
      if (this.#closed) throw new Error('store: the SQLite store is closed');
      return job();
    });
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /** A synchronous job on the writer in its own IMMEDIATE transaction, behind the mutex. */
  inWriteTx<T>(job: (w: SqliteConnection) => T): Promise<T> {
    const w = this.writer;
    return this.exclusive(() => w.db.transaction(() => job(w)).immediate());
  }

  pragmas(): { writer: SqlitePragmas; reader: SqlitePragmas } {
    return { writer: this.writer.pragmas(), reader: this.reader.pragmas() };
  }

  close(): Promise<void> {
    // Queued writes finish first: closing under a write would roll back a capture.
    this.#closing ??= this.exclusive(() => {
      this.#closed = true;
      this.reader.close();
      this.writer.close();
    });
    return this.#closing;
  }
}
