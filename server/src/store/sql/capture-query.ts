// The admin list of captures in both dialects: filters, newest first, keyset pagination. The
// cursor names the last row shown by (received_ms, pos), a total order, so pages never repeat or
// skip a row however many captures arrive while someone pages.
import { CAPTURE_SELECT, epochMs, int } from './store-rows.js';
import type { Row } from './store-rows.js';
import type { CaptureFilter } from '../ports/capture-store.js';
import { OPEN as OPEN_VERIFICATION } from './verification-sql.js';

/** Page size when a filter names none, and the most one page may hold. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

interface CursorPosition {
  receivedMs: number;
  pos: number;
}

/** The opaque cursor after `row` (a captures row read with CAPTURE_SELECT). */
export function captureCursorAfter(row: Row): string {
  const position = [int(row.received_ms), int(row.pos)];
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string): CursorPosition | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)
    ) {
      return { receivedMs: value[0] as number, pos: value[1] as number };
    }
  } catch {
    // Not base64url JSON: reported below like any other malformed cursor.
  }
  return undefined;
}

/**
 * True when `cursor` is one `listCaptures` could have returned. Check a cursor from a client with
 * it first: the store throws on a malformed one, since passing it on would be a bug.
 */
export function isCaptureCursor(cursor: string): boolean {
  return decodeCursor(cursor) !== undefined;
}

/** The SQL of one page, asking one row more than `limit` to learn whether more follow. */
export function captureListQuery(
  filter: CaptureFilter,
  dialect: 'sqlite' | 'postgres',
): { sql: string; params: unknown[]; limit: number } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return dialect === 'sqlite' ? '?' : `$${params.length}`;
  };
  const where: string[] = [];
  if (filter.siteKeys !== undefined) {
    const keys = [...filter.siteKeys];
    if (keys.length === 0) where.push('FALSE');
    else if (dialect === 'sqlite')
      where.push(`site_key IN (SELECT value FROM json_each(${p(JSON.stringify(keys))}))`);
    else where.push(`site_key = ANY(${p(keys)})`);
  }
  if (filter.phone !== undefined) where.push(`phone = ${p(filter.phone)}`);
  if (filter.email !== undefined) where.push(`email = ${p(filter.email)}`);
  if (filter.kind !== undefined) where.push(`kind = ${p(filter.kind)}`);
  // Captures and withdrawals only: a chained İYS day or confirmation is no capture.
  else where.push("kind IN ('capture', 'withdrawal')");
  if (filter.channel !== undefined || filter.state !== undefined) {
    const moved = ['m.capture_id = captures.capture_id'];
    if (filter.channel !== undefined) moved.push(`m.type = ${p(filter.channel)}`);
    if (filter.state !== undefined) moved.push(`m.state = ${p(filter.state)}`);
    where.push(`EXISTS (SELECT 1 FROM movements m WHERE ${moved.join(' AND ')})`);
  }
  if (filter.held !== undefined) {
    const states = filter.held === 'expired' ? "v.state = 'expired'" : OPEN_VERIFICATION;
    where.push(
      `EXISTS (SELECT 1 FROM verifications v WHERE v.capture_id = captures.capture_id AND ${states})`,
    );
  }
  if (filter.from !== undefined) where.push(`received_ms >= ${p(epochMs(filter.from, 'from'))}`);
  if (filter.to !== undefined) where.push(`received_ms < ${p(epochMs(filter.to, 'to'))}`);
  if (filter.cursor !== undefined) {
    const after = decodeCursor(filter.cursor);
    if (!after) throw new RangeError(`store: not a listCaptures cursor: ${filter.cursor}`);
    where.push(`(received_ms, pos) < (${p(after.receivedMs)}, ${p(after.pos)})`);
  }
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const sql = [
    `SELECT ${CAPTURE_SELECT} FROM captures`,
    where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    `ORDER BY received_ms DESC, pos DESC LIMIT ${p(limit + 1)}`,
  ].join(' ');
  return { sql, params, limit };
}
