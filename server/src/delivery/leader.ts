// The İYS leader (docs/architecture.md#storage): traffic to İYS (delivery and sync) comes from one
// instance per database at a time, so one token and one rate limiter hold across instances. On
// PostgreSQL the leader is the instance whose dedicated session holds an advisory lock; on SQLite
// (one process per file) the instance always leads. Taking over releases the leases a dead leader
// left, so its movements go again at once instead of when their leases run out.
import type { Row } from '../store/sql/store-rows.js';
import type { Logger } from 'pino';
import type pg from 'pg';
import type { BatchClaim } from '../store/ports/batch-store.js';
import type { MovementClaim } from '../store/ports/movement-store.js';
import type { BatchStore } from '../store/ports/batch-store.js';
import type { MovementStore } from '../store/ports/movement-store.js';
import type { StoreAdmin } from '../store/ports/store-admin.js';

/**
 * The advisory lock's two keys: a class of its own (not the migration/sync class) and a hash of
 * the schema, so stores in different schemas of one database (tests, tenants) lead separately.
 * One key for every İYS account: the delivery worker serves all of an instance's accounts.
 */
export const LEADER_LOCK_CLASS = 0x697a6c64;
const KEYS = `$1::int, hashtext('izinli.iys-leader:' || current_schema())`;
const TRY_LOCK = `SELECT pg_try_advisory_lock(${KEYS}) AS locked`;
const UNLOCK = `SELECT pg_advisory_unlock(${KEYS})`;
// Still ours? An administrator's pg_advisory_unlock_all or a failover would end it silently.
const HOLDS = `SELECT count(*)::int AS n FROM pg_locks
  WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
    AND classid::bigint = ($1::int)::bigint & 4294967295
    AND objid::bigint = hashtext('izinli.iys-leader:' || current_schema())::bigint & 4294967295
    AND objsubid = 2`;

/** Options of `createLeader`. */
export interface LeaderOptions {
  /** Its `kind` says whether there is a database lock to take; taking over releases leases. */
  store: MovementStore & Pick<StoreAdmin, 'kind'>;
  logger: Logger;
  /**
   * A new, unconnected session of the store's database (PostgreSQL only; default: the store's
   * `sessionClient()`).
   */
  session?: () => pg.Client;
  /** Milliseconds between attempts to lead, and between checks that the lock is still held (default 2000). */
  retryMs?: number;
  /**
   * Milliseconds to wait after taking the lock over before leading (PostgreSQL; default 2000): the
   * previous leader's last requests leave İYS's sliding second before this one's first arrive,
   * with a second to spare for requests still in flight, or queued at İYS, when it died.
   */
  graceMs?: number;
  /** Told on every change, after leases are released when it becomes true. */
  onChange?: (leading: boolean) => void;
}

/** Whether this instance leads İYS traffic now. */
export interface Leader {
  leads: () => boolean;
  /** Tries to lead once now (awaited), then keeps trying or checking every `retryMs`. */
  start(): Promise<void>;
  /** One attempt now: to take the lock if not leading, else to check it is still held. */
  check(): Promise<void>;
  /** Stops trying; releases the lock and ends the session. */
  close(): Promise<void>;
}

type SessionStore = LeaderOptions['store'] & { sessionClient?: () => pg.Client };

/** Creates the leader of `store`'s database; nothing happens before `start()`. */
export function createLeader(options: LeaderOptions): Leader {
  const { store, logger } = options;
  const retryMs = options.retryMs ?? 2000;
  let leading = false;
  let closed = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;

  const set = (next: boolean, why: string) => {
    if (next === leading) return;
    leading = next;
    if (next) logger.info('İYS leader: this instance sends to İYS');
    else logger.warn({ reason: why }, 'İYS leader: this instance stopped sending to İYS');
    options.onChange?.(next);
  };

  /** Takes over: a dead leader's leases go first, so nothing waits for them to run out. */
  async function takeOver() {
    const released = await store.releaseLeases();
    if (released > 0) logger.info({ released }, 'İYS leader: released leases of a previous leader');
    set(true, 'acquired');
  }

  const drop = (why: string) => {
    const lost = client;
    client = undefined;
    set(false, why);
    lost?.removeAllListeners();
    // The lock goes with the session; a broken one is already gone.
    lost?.on('error', () => undefined);
    void lost?.end().catch(() => undefined);
  };

  async function connect(): Promise<pg.Client> {
    const make = options.session ?? (store as SessionStore).sessionClient?.bind(store);
    if (!make) throw new Error('İYS leader: this store has no dedicated sessions');
    const fresh = make();
    // A lost connection (server restart, network) ends leading at once, not at the next check.
    fresh.on('error', (error) => {
      if (client === fresh) {
        logger.warn({ err: error }, 'İYS leader: lock session failed');
        drop('session error');
      }
    });
    fresh.on('end', () => {
      if (client === fresh) drop('session ended');
    });
    client = fresh;
    await fresh.connect();
    return fresh;
  }

  async function tick() {
    if (closed) return;
    try {
      const session = client ?? (await connect());
      if (leading) {
        const held = (await session.query<Row>(HOLDS, [LEADER_LOCK_CLASS])).rows[0]?.n === 1;
        if (!held) drop('lock no longer held');
        return;
      }
      const locked =
        (await session.query<Row>(TRY_LOCK, [LEADER_LOCK_CLASS])).rows[0]?.locked === true;
      if (!locked || closed) return;
      const graceMs = options.graceMs ?? 2000;
      if (graceMs > 0) await new Promise((resolve) => setTimeout(resolve, graceMs));
      // The session (and the lock with it) may have gone during the grace second.
      if (closed || client !== session) return;
      try {
        await takeOver();
      } catch (error) {
        // Leading without the stale leases released would stall their keys: try again later.
        logger.warn({ err: error }, 'İYS leader: could not release old leases; giving the lock up');
        await session.query<Row>(UNLOCK, [LEADER_LOCK_CLASS]);
      }
    } catch (error) {
      logger.warn({ err: error }, 'İYS leader: lock attempt failed; retrying');
      drop('lock attempt failed');
    }
  }

  const runTick = () => {
    ticking ??= tick().finally(() => {
      ticking = undefined;
    });
    return ticking;
  };

  return {
    leads: () => leading,
    check: () => (store.kind === 'sqlite' ? Promise.resolve() : runTick()),
    async start() {
      if (store.kind === 'sqlite') {
        // One process per file: it always leads, and any lease in the file is a dead process's.
        if (!closed && !leading) await takeOver();
        return;
      }
      if (timer || closed) return;
      timer = setInterval(() => void runTick(), retryMs);
      timer.unref();
      await runTick();
    },
    async close() {
      closed = true;
      clearInterval(timer);
      timer = undefined;
      await ticking;
      const session = client;
      if (session && leading)
        await session.query<Row>(UNLOCK, [LEADER_LOCK_CLASS]).catch(() => false);
      if (session) {
        client = undefined;
        session.removeAllListeners();
        session.on('error', () => undefined);
        await session.end().catch(() => undefined);
      }
      set(false, 'closed');
    },
  };
}

/**
 * `store` as the delivery worker should see it: claims nothing while this instance does not lead,
 * so a pass that outlives the lock (a long backlog) ends at its next claim.
 */
export function claimsWhileLeading<S extends MovementStore & BatchStore>(
  store: S,
  leads: () => boolean,
): S {
  const gated = (claim: MovementClaim) =>
    leads() ? store.claimMovements(claim) : Promise.resolve([]);
  // Polling a submitted batch talks to İYS too: only the leader does it.
  const gatedBatches = (claim: BatchClaim) =>
    leads() ? store.claimBatches(claim) : Promise.resolve([]);
  return new Proxy(store, {
    get(target, property) {
      if (property === 'claimMovements') return gated;
      if (property === 'claimBatches') return gatedBatches;
      const value: unknown = Reflect.get(target, property, target);
      // Bound, so the stores' private fields are reached through the real object.
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

/** Runs `run` every `intervalMs` while `leads()`; errors are logged, never thrown. */
export function everyWhileLeading(
  leads: () => boolean,
  run: () => Promise<unknown>,
  intervalMs: number,
  logger: Logger,
): { stop(): void } {
  const timer = setInterval(() => {
    if (leads()) run().catch((error: unknown) => logger.error({ err: error }, 'İYS pass failed'));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
