// The admin views of the outbox in both dialects, always scoped to a tenant's sites (a movement's
// site is its capture's): a page of movements in insertion order with a keyset cursor, and the
// delivery counts. The cursor names the last row shown by `pos`, so pages never repeat or skip.
import type { AdminMovement, DeliveryStats, MovementPageFilter } from '../ports/movement-store.js';
import type { BatchState } from '../types.js';
import { zeroByState } from './delivery-sql.js';
import { MOVEMENT_COLUMNS, int, toMovement } from './store-rows.js';
import type { Row } from './store-rows.js';

/** Page size when a filter names none, and the most one page may hold. */
export const DEFAULT_MOVEMENT_PAGE = 100;
export const MAX_MOVEMENT_PAGE = 1000;

type Dialect = 'sqlite' | 'postgres';

function params(dialect: Dialect) {
  const list: unknown[] = [];
  const p = (value: unknown) => {
    list.push(value);
    return dialect === 'sqlite' ? '?' : `$${list.length}`;
  };
  const sites = (keys: readonly string[]) =>
    keys.length === 0
      ? 'FALSE'
      : dialect === 'sqlite'
        ? `c.site_key IN (SELECT value FROM json_each(${p(JSON.stringify(keys))}))`
        : `c.site_key = ANY(${p([...keys])}::text[])`;
  return { list, p, sites };
}

const decode = (cursor: string): number | undefined => {
  const match = /^p(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
};

/** True when `cursor` is one `movementPage` could have returned. */
export function isMovementCursor(cursor: string): boolean {
  return decode(cursor) !== undefined;
}

const cursorAfter = (row: Row) => Buffer.from(`p${int(row.pos)}`).toString('base64url');

/** The SQL of one page, asking one row more than `limit` to learn whether more follow. */
export function movementPageQuery(
  filter: MovementPageFilter,
  dialect: Dialect,
): { sql: string; params: unknown[]; limit: number } {
  const { list, p, sites } = params(dialect);
  const where = [sites(filter.siteKeys)];
  if (filter.state !== undefined) where.push(`m.state = ${p(filter.state)}`);
  if (filter.id !== undefined) where.push(`m.id = ${p(filter.id)}`);
  if (filter.deadlineBefore !== undefined) {
    const bound = new Date(filter.deadlineBefore).toISOString();
    where.push(`m.state IN ('pending', 'in-flight') AND m.deadline <= ${p(bound)}`);
  }
  if (filter.cursor !== undefined) {
    const after = decode(filter.cursor);
    if (after === undefined)
      throw new RangeError(`store: not a movementPage cursor: ${filter.cursor}`);
    where.push(`m.pos > ${p(after)}`);
  }
  const limit = Math.min(
    Math.max(Math.trunc(filter.limit ?? DEFAULT_MOVEMENT_PAGE), 1),
    MAX_MOVEMENT_PAGE,
  );
  const columns = MOVEMENT_COLUMNS.map((c) => `m.${c}`).join(', ');
  const sql = `SELECT ${columns}, m.pos, m.at_risk_at, m.batch_id, m.batch_index, c.site_key,
      b.request_id AS batch_request_id, b.state AS batch_state
    FROM movements m JOIN captures c ON c.capture_id = m.capture_id
    LEFT JOIN iys_batches b ON b.id = m.batch_id
    WHERE ${where.join(' AND ')} ORDER BY m.pos LIMIT ${p(limit + 1)}`;
  return { sql, params: list, limit };
}

/** A page's rows as admin movements, and the cursor after them when more follow. */
export function movementPageOf(
  rows: readonly Row[],
  limit: number,
): { items: AdminMovement[]; nextCursor?: string } {
  const shown = rows.slice(0, limit);
  const items = shown.map((row): AdminMovement => {
    const atRiskAt = row.at_risk_at as string | null;
    const batchId = row.batch_id as string | null;
    const requestId = row.batch_request_id as string | null;
    return {
      ...toMovement(row),
      siteKey: row.site_key as string,
      ...(atRiskAt !== null ? { atRiskAt } : {}),
      ...(batchId !== null
        ? {
            batch: {
              id: batchId,
              index: int(row.batch_index),
              ...(requestId !== null ? { requestId } : {}),
              state: row.batch_state as BatchState,
            },
          }
        : {}),
    };
  });
  return { items, ...(rows.length > limit ? { nextCursor: cursorAfter(shown.at(-1)!) } : {}) };
}

/** The statements of `deliveryStats` with their parameters, over every movement or those of `siteKeys`. */
export function deliveryStatsQueries(
  deadlineBound: string,
  siteKeys: readonly string[] | undefined,
  dialect: Dialect,
): { byState: [string, unknown[]]; summary: [string, unknown[]] } {
  const build = (text: (from: () => string, p: (v: unknown) => string) => string) => {
    const { list, p, sites } = params(dialect);
    // Called once per use, in reading order, so each use gets its own copy of the site list.
    const from = () =>
      siteKeys === undefined
        ? 'movements m WHERE'
        : `movements m JOIN captures c ON c.capture_id = m.capture_id WHERE ${sites(siteKeys)} AND`;
    const sql = text(from, p);
    return [sql, list] as [string, unknown[]];
  };
  const bound = new Date(deadlineBound).toISOString();
  const open = "m.state IN ('pending', 'in-flight')";
  return {
    byState: build(
      (from) =>
        `SELECT m.state, count(*) AS n, min(m.consent_date) AS oldest FROM ${from()} TRUE GROUP BY m.state`,
    ),
    summary: build(
      (from, p) => `SELECT
  (SELECT count(*) FROM ${from()} ${open} AND m.deadline <= ${p(bound)}) AS near,
  (SELECT min(m.consent_date) FROM ${from()} ${open}) AS oldest`,
    ),
  };
}

/** Counts from the rows of `deliveryStatsQueries`. */
export function deliveryStatsOf(byState: readonly Row[], summary: Row): DeliveryStats {
  const counts = zeroByState();
  const oldestByState: DeliveryStats['oldestByState'] = {};
  for (const row of byState) {
    const state = row.state as keyof typeof counts;
    counts[state] = int(row.n);
    if (row.oldest != null) oldestByState[state] = row.oldest as string;
  }
  return {
    byState: counts,
    oldestByState,
    nearDeadline: int(summary.near),
    ...(summary.oldest == null ? {} : { oldestPending: summary.oldest as string }),
  };
}
