// The WriteTx of the PostgreSQL store: one pooled client inside BEGIN … COMMIT with the heads of
// its sites locked FOR UPDATE, so other processes appending to those sites wait for it.
import * as storeRows from '../sql/store-rows.js';
import { movementKey } from '@izinli/core';
import type { ConsentStatus } from '@izinli/core';
import type { PoolClient } from 'pg';
import { assertOpen, checkAppend, lockedHead } from '../sql/append-guard.js';
import type { CaptureWrite, WriteTx } from '../ports/capture-store.js';
import type { ChainHead, StoredCapture } from '../types.js';
import { pgInsertRows, pgInsertRowsInOrder, rowsJson } from './pg-sql.js';
import * as verificationSql from '../sql/verification-sql.js';
import { supersedeMany } from './verifications.js';

const captureParams = storeRows.CAPTURE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
const [
  MOVEMENTS_PARAM,
  EVENTS_PARAM,
  HEAD_SITE,
  HEAD_SEQ,
  HEAD_HASH,
  VERIFY_PARAM,
  SUPERSEDE_PARAM,
] = [1, 2, 3, 4, 5, 6, 7].map((i) => `$${storeRows.CAPTURE_COLUMNS.length + i}`);
// One statement per capture: it is atomic on its own, and costs one round trip. Foreign keys are
// checked at the end of the statement, when the capture row is already there.
const INSERT_CAPTURE = `WITH
  capture AS (INSERT INTO captures (${storeRows.CAPTURE_COLUMNS.join(', ')}) VALUES (${captureParams})),
  movement AS (${pgInsertRows('movements', storeRows.MOVEMENT_COLUMNS, MOVEMENTS_PARAM!)}),
  event AS (${pgInsertRows('webhook_events', storeRows.EVENT_COLUMNS, EVENTS_PARAM!)}),
  superseded AS (${supersedeMany(SUPERSEDE_PARAM!)}),
  verification AS (${pgInsertRows('verifications', verificationSql.VERIFICATION_COLUMNS, VERIFY_PARAM!)})
UPDATE chain_heads SET seq = ${HEAD_SEQ}, hash = ${HEAD_HASH} WHERE site_key = ${HEAD_SITE}`;
// Several captures in one statement: each table's rows travel as one JSON parameter, and each
// site's head moves once, to its last capture. Supersedes see the verifications stored before the
// statement (those of older captures); within the batch, `batchVerifications` settles them.
const INSERT_CAPTURES = `WITH
  capture AS (${pgInsertRowsInOrder('captures', storeRows.CAPTURE_COLUMNS, '$1')}),
  movement AS (${pgInsertRowsInOrder('movements', storeRows.MOVEMENT_COLUMNS, '$2')}),
  event AS (${pgInsertRowsInOrder('webhook_events', storeRows.EVENT_COLUMNS, '$3')}),
  superseded AS (${supersedeMany('$6')}),
  verification AS (${pgInsertRowsInOrder('verifications', verificationSql.VERIFICATION_COLUMNS, '$5')})
UPDATE chain_heads SET seq = head.seq, hash = head.hash
  FROM json_populate_recordset(NULL::chain_heads, $4::json) AS head
  WHERE chain_heads.site_key = head.site_key`;
const FIND_CAPTURES = `SELECT ${storeRows.CAPTURE_SELECT} FROM captures WHERE capture_id = ANY($1::text[])`;
// Each key's status: the mirror's (what İYS confirmed), then the newest non-dead movement's (by
// consentDate, then insertion order), which is newer than what the mirror knows. One round trip.
const CURRENT_STATUSES = `SELECT 0 AS source, consent_key AS key, status FROM consent_mirror
  WHERE consent_key = ANY($1::text[])
UNION ALL
SELECT 1, key, status FROM (SELECT DISTINCT ON (movement_key) movement_key AS key, status
  FROM movements WHERE state <> 'dead' AND movement_key = ANY($1::text[])
  ORDER BY movement_key, consent_date DESC, pos DESC) AS newest
ORDER BY source`;

/** A write transaction on one PostgreSQL client. */
export class PostgresWriteTx implements WriteTx {
  readonly #client: PoolClient;
  readonly #heads: Map<string, ChainHead>;
  #open = true;
  /** The first failed statement: PostgreSQL has aborted the transaction, it can only roll back. */
  failure: unknown;

  constructor(client: PoolClient, heads: Map<string, ChainHead>) {
    this.#client = client;
    this.#heads = heads;
  }

  /** Ends the transaction's life: later calls throw. */
  end(): void {
    this.#open = false;
  }

  async #query(sql: string, params: unknown[]) {
    assertOpen(this.#open);
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the failed statement threw, as it was
    if (this.failure !== undefined) throw this.failure;
    try {
      return await this.#client.query<storeRows.Row>(sql, params);
    } catch (error) {
      this.failure = error;
      throw error;
    }
  }

  async chainHead(siteKey: string): Promise<ChainHead> {
    assertOpen(this.#open);
    return { ...lockedHead(this.#heads, siteKey) };
  }

  async findCaptures(captureIds: readonly string[]): Promise<Map<string, StoredCapture>> {
    const found = new Map<string, StoredCapture>();
    if (captureIds.length === 0) return found;
    for (const row of (await this.#query(FIND_CAPTURES, [[...captureIds]])).rows) {
      const capture = storeRows.toStoredCapture(row);
      found.set(capture.captureId, capture);
    }
    return found;
  }

  async currentStatuses(keys: readonly string[]): Promise<Map<string, ConsentStatus>> {
    const statuses = new Map<string, ConsentStatus>();
    if (keys.length === 0) return statuses;
    // In source order: a movement's status replaces the mirror's for its key.
    for (const row of (await this.#query(CURRENT_STATUSES, [[...keys]])).rows) {
      statuses.set(row.key as string, row.status as ConsentStatus);
    }
    return statuses;
  }

  async insertCapture(write: CaptureWrite): Promise<void> {
    assertOpen(this.#open);
    const { capture, movements, events } = write;
    checkAppend(lockedHead(this.#heads, capture.siteKey), write);
    await this.#query(INSERT_CAPTURE, [
      ...storeRows.captureValues(capture, write.recordJson),
      rowsJson(
        storeRows.MOVEMENT_COLUMNS,
        movements.map((m) => storeRows.movementValues(m, movementKey(m))),
      ),
      rowsJson(storeRows.EVENT_COLUMNS, events.map(storeRows.eventValues)),
      capture.siteKey,
      capture.seq,
      capture.recordHash,
      rowsJson(
        verificationSql.VERIFICATION_COLUMNS,
        (write.verifications ?? []).map(verificationSql.verificationValues),
      ),
      verificationSql.supersedeRows([write]),
    ]);
    this.#heads.set(capture.siteKey, {
      siteKey: capture.siteKey,
      seq: capture.seq,
      hash: capture.recordHash,
    });
  }

  async insertCaptures(writes: readonly CaptureWrite[]): Promise<void> {
    assertOpen(this.#open);
    if (writes.length === 0) return;
    if (writes.length === 1) return this.insertCapture(writes[0]!);
    // Every check against the heads as they will be, before anything is sent.
    const heads = new Map(this.#heads);
    const captureRows: unknown[][] = [];
    const movementRows: unknown[][] = [];
    const eventRows: unknown[][] = [];
    for (const write of writes) {
      const { capture } = write;
      checkAppend(lockedHead(heads, capture.siteKey), write);
      heads.set(capture.siteKey, {
        siteKey: capture.siteKey,
        seq: capture.seq,
        hash: capture.recordHash,
      });
      captureRows.push(storeRows.captureValues(capture, write.recordJson));
      for (const m of write.movements)
        movementRows.push(storeRows.movementValues(m, movementKey(m)));
      for (const e of write.events) eventRows.push(storeRows.eventValues(e));
    }
    const moved = [...heads.values()].filter((h) => this.#heads.get(h.siteKey)?.seq !== h.seq);
    await this.#query(INSERT_CAPTURES, [
      rowsJson(storeRows.CAPTURE_COLUMNS, captureRows),
      rowsJson(storeRows.MOVEMENT_COLUMNS, movementRows),
      rowsJson(storeRows.EVENT_COLUMNS, eventRows),
      JSON.stringify(moved.map((h) => ({ site_key: h.siteKey, seq: h.seq, hash: h.hash }))),
      rowsJson(
        verificationSql.VERIFICATION_COLUMNS,
        verificationSql.batchVerifications(writes).map(verificationSql.verificationValues),
      ),
      verificationSql.supersedeRows(writes),
    ]);
    for (const head of moved) this.#heads.set(head.siteKey, head);
  }
}
