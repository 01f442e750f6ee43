// One better-sqlite3 connection with its prepared statements cached by SQL text, opened with the
// settings durability needs (docs/architecture.md#storage: WAL, synchronous=FULL).
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { Row } from '../sql/store-rows.js';

/** The pragmas a connection runs with, as SQLite reports them. */
export interface SqlitePragmas {
  journalMode: string;
  /** 2 is FULL. */
  synchronous: number;
  foreignKeys: boolean;
  busyTimeoutMs: number;
}

/** A connection and its statement cache. */
export class SqliteConnection {
  readonly #statements = new Map<string, Statement>();

  constructor(readonly db: SqliteDatabase) {}

  /** Opens `file`; `role: 'reader'` makes the connection refuse writes. */
  static open(file: string, role: 'writer' | 'reader', busyTimeoutMs: number): SqliteConnection {
    const db = new Database(file, { timeout: busyTimeoutMs });
    try {
      if (role === 'writer') {
        // WAL lets the reader connection read while the writer holds a transaction open.
        const mode = db.pragma('journal_mode = WAL', { simple: true });
        if (mode !== 'wal')
          throw new Error(`store: ${file} cannot use WAL (journal_mode ${String(mode)})`);
      }
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      if (role === 'reader') db.pragma('query_only = ON');
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteConnection(db);
  }

  #statement(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  all(sql: string, ...params: unknown[]): Row[] {
    return this.#statement(sql).all(...params) as Row[];
  }

  get(sql: string, ...params: unknown[]): Row | undefined {
    return this.#statement(sql).get(...params) as Row | undefined;
  }

  run(sql: string, ...params: unknown[]): void {
    this.#statement(sql).run(...params);
  }

  pragmas(): SqlitePragmas {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
      foreignKeys: Number(this.db.pragma('foreign_keys', { simple: true })) === 1,
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
    };
  }

  close(): void {
    this.#statements.clear();
    this.db.close();
  }
}

/** `INSERT INTO table (columns) VALUES (?, …)` for SQLite. */
export function sqliteInsert(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

/** A JSON array parameter for `IN (SELECT value FROM json_each(?))`: one statement for any count. */
export const jsonList = (values: readonly string[]): string => JSON.stringify(values);
