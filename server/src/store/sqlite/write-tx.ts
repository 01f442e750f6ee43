// The WriteTx of the SQLite store: runs on the writer connection inside BEGIN IMMEDIATE, so it
// reads its own writes and nobody else (in this or another process) can write until it ends.
import { movementKey } from '@izinli/core';
import type { ConsentStatus } from '@izinli/core';
import { assertOpen, checkAppend, lockedHead } from '../sql/append-guard.js';
import { readHead } from './chain-heads.js';
import { jsonList, sqliteInsert } from './connection.js';
import type { SqliteConnection } from './connection.js';
import * as storeRows from '../sql/store-rows.js';
import type { CaptureWrite, WriteTx } from '../ports/capture-store.js';
import type { ChainHead, StoredCapture } from '../types.js';
import { VERIFICATION_COLUMNS, verificationValues } from '../sql/verification-sql.js';
import { supersedeOn } from './verifications.js';

const INSERT_CAPTURE = sqliteInsert('captures', storeRows.CAPTURE_COLUMNS);
const INSERT_MOVEMENT = sqliteInsert('movements', storeRows.MOVEMENT_COLUMNS);
const INSERT_EVENT = sqliteInsert('webhook_events', storeRows.EVENT_COLUMNS);
const INSERT_VERIFICATION = sqliteInsert('verifications', VERIFICATION_COLUMNS);
const UPSERT_HEAD = `INSERT INTO chain_heads (site_key, seq, hash) VALUES (?, ?, ?)
  ON CONFLICT (site_key) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`;
const FIND_CAPTURES = `SELECT ${storeRows.CAPTURE_SELECT} FROM captures
  WHERE capture_id IN (SELECT value FROM json_each(?))`;
// The newest non-dead movement per key: by consentDate, then insertion order.
const MOVEMENT_STATUSES = `SELECT movement_key, status FROM (
  SELECT movement_key, status, ROW_NUMBER() OVER (
    PARTITION BY movement_key ORDER BY consent_date DESC, pos DESC) AS newest
  FROM movements
  WHERE state <> 'dead' AND movement_key IN (SELECT value FROM json_each(?))
) WHERE newest = 1`;
const MIRROR_STATUSES = `SELECT consent_key, status FROM consent_mirror
  WHERE consent_key IN (SELECT value FROM json_each(?))`;

/** A write transaction on the SQLite writer connection. */
export class SqliteWriteTx implements WriteTx {
  readonly #connection: SqliteConnection;
  readonly #heads = new Map<string, ChainHead>();
  #open = true;
  /** The first failed insert: the transaction must not commit after it, even if `work` caught it. */
  failure: unknown;

  constructor(connection: SqliteConnection, siteKeys: readonly string[]) {
    this.#connection = connection;
    for (const siteKey of siteKeys) this.#heads.set(siteKey, readHead(connection, siteKey));
  }

  /** Ends the transaction's life: later calls throw. */
  end(): void {
    this.#open = false;
  }

  async chainHead(siteKey: string): Promise<ChainHead> {
    assertOpen(this.#open);
    return { ...lockedHead(this.#heads, siteKey) };
  }

  async findCaptures(captureIds: readonly string[]): Promise<Map<string, StoredCapture>> {
    assertOpen(this.#open);
    const found = new Map<string, StoredCapture>();
    if (captureIds.length === 0) return found;
    for (const row of this.#connection.all(FIND_CAPTURES, jsonList(captureIds))) {
      const capture = storeRows.toStoredCapture(row);
      found.set(capture.captureId, capture);
    }
    return found;
  }

  async currentStatuses(keys: readonly string[]): Promise<Map<string, ConsentStatus>> {
    assertOpen(this.#open);
    const statuses = new Map<string, ConsentStatus>();
    if (keys.length === 0) return statuses;
    const list = jsonList(keys);
    for (const row of this.#connection.all(MIRROR_STATUSES, list)) {
      statuses.set(row.consent_key as string, row.status as ConsentStatus);
    }
    // A movement not yet confirmed by İYS is newer than what the mirror knows.
    for (const row of this.#connection.all(MOVEMENT_STATUSES, list)) {
      statuses.set(row.movement_key as string, row.status as ConsentStatus);
    }
    return statuses;
  }

  async insertCapture(write: CaptureWrite): Promise<void> {
    assertOpen(this.#open);
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the failed statement threw, as it was
    if (this.failure !== undefined) throw this.failure;
    const { capture, movements, events } = write;
    // Every check and conversion first: a bad value must throw before any row is written.
    checkAppend(lockedHead(this.#heads, capture.siteKey), write);
    const captureRow = storeRows.captureValues(capture, write.recordJson);
    const movementRows = movements.map((m) => storeRows.movementValues(m, movementKey(m)));
    const eventRows = events.map(storeRows.eventValues);
    const verificationRows = (write.verifications ?? []).map(verificationValues);
    const c = this.#connection;
    try {
      c.run(INSERT_CAPTURE, ...captureRow);
      for (const row of movementRows) c.run(INSERT_MOVEMENT, ...row);
      for (const row of eventRows) c.run(INSERT_EVENT, ...row);
      // Older captures' open verifications first, so this capture's own are not among them.
      for (const s of write.supersedes ?? []) {
        supersedeOn(c, capture.siteKey, s.destinationSha256, s.channels, capture.captureId);
      }
      for (const row of verificationRows) c.run(INSERT_VERIFICATION, ...row);
      c.run(UPSERT_HEAD, capture.siteKey, capture.seq, capture.recordHash);
    } catch (error) {
      // Some rows of this capture may be in the transaction already: it can only roll back now.
      this.failure = error;
      throw error;
    }
    this.#heads.set(capture.siteKey, {
      siteKey: capture.siteKey,
      seq: capture.seq,
      hash: capture.recordHash,
    });
  }

  // Statements run in process here, so one per row costs no round trip.
  async insertCaptures(writes: readonly CaptureWrite[]): Promise<void> {
    for (const write of writes) await this.insertCapture(write);
  }
}
