// The admin port: what running the store needs beside its data (which database, migrations,
// health counts, a liveness probe, closing), for wiring, /metrics, /readyz and the CLI.

/** Counts for /metrics and /readyz. */
export interface StoreStats {
  captures: number;
  pendingMovements: number;
  pendingEvents: number;
}

/** The store as a running database. */
export interface StoreAdmin {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs versioned migrations that have not run yet; safe to call from several processes. */
  migrate(): Promise<void>;
  /** Counts for /metrics and /readyz. */
  stats(): Promise<StoreStats>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
