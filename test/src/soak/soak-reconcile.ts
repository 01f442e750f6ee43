// The soak's end-of-run accounting: every movement the server queued, per channel, is delivered,
// already current at İYS (never sent, A18), dead-lettered or still pending; the delivered ones are
// on the simulator once each, with the same transactionId; every acknowledged capture is stored.
import Database from 'better-sqlite3';
import type { SimMovementEntry } from '@izinli/iys-sim';

export interface ChannelReconciliation {
  channel: string;
  /** Movements the server queued for the channel (one per capture that changed its state). */
  captured: number;
  delivered: number;
  alreadyCurrent: number;
  dead: number;
  pending: number;
  /** Our movements (source HS_*) on the simulator for the channel. */
  onSimulator: number;
  /** captured = delivered + alreadyCurrent + dead + pending, and delivered = onSimulator. */
  balanced: boolean;
}

export interface Reconciliation {
  capturesStored: number;
  acknowledged: number;
  /** Acknowledged capture ids missing from the store (must be 0). */
  lost: number;
  /** (recipient, channel, consentDate) the simulator holds more than once (must be 0). */
  sentTwice: number;
  /** Delivered movements whose transactionId the simulator does not know (must be 0). */
  unknownTransactions: number;
  deadByCode: Record<string, number>;
  /**
   * Each dead letter (no recipient): its channel, status, dates, attempts, error, and whether a
   * citizen's change on İYS (source IYS_*) at or after its consentDate explains it (İYS's newer
   * record wins: H178, or a 400 whose body the garbling proxy replaced).
   */
  dead: Record<string, unknown>[];
  /** Dead letters no citizen change explains (must be 0: nothing dead-lettered wrongly). */
  unexplainedDead: number;
  channels: ChannelReconciliation[];
  ok: boolean;
}

/** Reads the stopped server's SQLite file and the simulator's log, and balances them. */
export async function reconcile(
  sqliteFile: string,
  simUrl: string,
  acknowledged: ReadonlySet<string>,
): Promise<Reconciliation> {
  const db = new Database(sqliteFile, { readonly: true });
  try {
    const ids = new Set(
      (db.prepare('SELECT capture_id FROM captures').all() as { capture_id: string }[]).map(
        (r) => r.capture_id,
      ),
    );
    const rows = db
      .prepare('SELECT type, state, count(*) AS n FROM movements GROUP BY type, state')
      .all() as { type: string; state: string; n: number }[];
    const dead = db
      .prepare(
        "SELECT coalesce(last_error_code, '?') AS code, count(*) AS n FROM movements WHERE state = 'dead' GROUP BY 1",
      )
      .all() as { code: string; n: number }[];
    const deadRows = db
      .prepare(
        `SELECT id, type, recipient, status, consent_date, attempts, last_error_code, last_error_message,
         (SELECT count(*) FROM movements o WHERE o.movement_key = m.movement_key) AS key_movements
         FROM movements m WHERE state = 'dead' ORDER BY pos`,
      )
      .all() as Record<string, unknown>[];
    const txIds = db
      .prepare("SELECT transaction_id FROM movements WHERE state = 'delivered'")
      .all() as { transaction_id: string }[];
    const sim = (await (
      await fetch(`${simUrl}/__sim/movements?source=HS`)
    ).json()) as SimMovementEntry[];
    const citizens = (await (
      await fetch(`${simUrl}/__sim/movements?source=IYS`)
    ).json()) as SimMovementEntry[];
    const deadLetters = deadRows.map(({ recipient, ...row }) => ({
      ...row,
      explainedByCitizen: citizens.some(
        (c) =>
          c.recipient === recipient &&
          c.type === row.type &&
          c.consentDate >= String(row.consent_date),
      ),
    }));
    const unexplainedDead = deadLetters.filter((d) => !d.explainedByCitizen).length;
    const simTx = new Set(sim.map((m) => m.transactionId));
    const seen = new Map<string, number>();
    for (const m of sim) {
      const key = `${m.recipient}|${m.type}|${m.consentDate}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    const channels = [...new Set(rows.map((r) => r.type))].sort().map((channel) => {
      const n = (state: string) =>
        rows.filter((r) => r.type === channel && r.state === state).reduce((a, r) => a + r.n, 0);
      const captured = rows.filter((r) => r.type === channel).reduce((a, r) => a + r.n, 0);
      const c = {
        channel,
        captured,
        delivered: n('delivered'),
        alreadyCurrent: n('already-current'),
        dead: n('dead'),
        pending: n('pending') + n('in-flight'),
        onSimulator: sim.filter((m) => m.type === channel).length,
      };
      return {
        ...c,
        balanced:
          c.captured === c.delivered + c.alreadyCurrent + c.dead + c.pending &&
          c.delivered === c.onSimulator,
      };
    });
    const lost = [...acknowledged].filter((id) => !ids.has(id)).length;
    const sentTwice = [...seen.values()].filter((v) => v > 1).length;
    const unknownTransactions = txIds.filter((r) => !simTx.has(r.transaction_id)).length;
    return {
      capturesStored: ids.size,
      acknowledged: acknowledged.size,
      lost,
      sentTwice,
      unknownTransactions,
      deadByCode: Object.fromEntries(dead.map((d) => [d.code, d.n])),
      dead: deadLetters,
      unexplainedDead,
      channels,
      ok:
        lost === 0 &&
        sentTwice === 0 &&
        unexplainedDead === 0 &&
        unknownTransactions === 0 &&
        channels.every((c) => c.balanced),
    };
  } finally {
    db.close();
  }
}
