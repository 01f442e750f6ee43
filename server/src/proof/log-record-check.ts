// The checks of one record line that need nothing but the line and the keys: its record against
// the schema, its chain digests and its hash, its receipt against the JWKS and the record. The
// chain itself (seq order, links, checkpoints) is the reader's (log-verify.ts), one line after
// the other; these run wherever they are cheapest: beside the reader, or in worker threads
// (log-verify-worker.ts) for a large log.
import {
  chainRecordSchema,
  checkCaptureRecordHash,
  excerpt,
  firstZodProblem,
  valueAt,
} from '@izinli/core';
import type { ChainRecord, IysDayRecord, Problem } from '@izinli/core';
import { createHash } from 'node:crypto';
import { timestampGenTime } from './timestamp-time.js';
import type { JSONWebKeySet } from 'jose';
import { firstDifference } from './first-difference.js';
import { LogRecordLine } from './log-lines.js';
import type { Where } from './log-site.js';
import { sha256HexSync } from './node-sha256.js';
import { RECEIPT_TYP, checkReceiptPayload } from './receipt.js';
import { verifySignedJson } from './signed-json.js';

/** A problem placed at a line (and site and seq, when known) through its params. */
export function located(where: Where, problem: Problem): Problem {
  const params: Record<string, string | number> = { ...problem.params, line: where.line };
  if (where.siteKey !== undefined) params.siteKey = where.siteKey;
  if (where.seq !== undefined) params.seq = where.seq;
  return { ...problem, params };
}

/** The problems of a line's stored record (none when it is absent), and whether it is valid. */
export async function checkStoredRecord(
  line: LogRecordLine,
  where: Where,
): Promise<{ valid: boolean; problems: Problem[] }> {
  const n = where.line;
  const problems: Problem[] = [];
  const parsed = chainRecordSchema(line.record).safeParse(line.record);
  if (!parsed.success) {
    problems.push(
      located(
        where,
        firstZodProblem(parsed.error, line.record, {
          code: 'log.notARecord',
          path: ['line', n, 'record'],
          expected: { en: 'a capture record', tr: 'bir izin kaydı' },
        }),
      ),
    );
    return { valid: false, problems };
  }
  // Checked as stored, not as zod normalised it (see verifyReceipt).
  const record = line.record as ChainRecord;
  let valid = true;
  for (const field of ['siteKey', 'seq', 'prevHash', 'recordHash'] as const) {
    if (record[field] !== line[field]) {
      problems.push(
        located(where, {
          code: 'log.digestMismatch',
          path: ['line', n, 'record', field],
          expected: {
            en: `the line's ${field}: ${excerpt(line[field], 70)}`,
            tr: `satırdaki ${field} değeri: ${excerpt(line[field], 70)}`,
          },
          received: excerpt(record[field], 70),
          params: { field },
        }),
      );
      valid = false;
    }
  }
  const hashed = await checkCaptureRecordHash(record, ['line', n, 'record'], sha256HexSync);
  if (!hashed.ok) problems.push(located(where, hashed.error));
  if (record.kind === 'iys-day' && line.timestamp !== undefined) {
    problems.push(...timestampProblems(record, line.timestamp, n).map((p) => located(where, p)));
  }
  return { valid: valid && hashed.ok, problems };
}

/**
 * The .tsr an `iys-day` line carries against its record: its SHA-256 is the one chained, and its
 * genTime the one recorded. (Its signature is checked against İYS's TSA certificate with
 * `izinli verify timestamp` or openssl, which need the certificate and the day's file.)
 */
function timestampProblems(record: IysDayRecord, base64: string, n: number): Problem[] {
  const tsr = Buffer.from(base64, 'base64');
  const actual = createHash('sha256').update(tsr).digest('hex');
  if (actual !== record.timestampSha256) {
    return [
      {
        code: 'log.timestampMismatch',
        path: ['line', n, 'timestamp'],
        expected: {
          en: `a .tsr whose SHA-256 is the record's timestampSha256: ${record.timestampSha256}`,
          tr: `SHA-256 özeti kayıttaki timestampSha256 olan bir .tsr: ${record.timestampSha256}`,
        },
        received: excerpt(actual, 70),
        params: { seq: record.seq },
      },
    ];
  }
  const genTime = timestampGenTime(tsr)?.toISOString();
  if (genTime !== new Date(record.timestampGenTime).toISOString()) {
    return [
      {
        code: 'log.timestampMismatch',
        path: ['line', n, 'timestamp'],
        expected: {
          en: `a .tsr stamped at the record's timestampGenTime: ${record.timestampGenTime}`,
          tr: `kayıttaki timestampGenTime anında damgalanmış bir .tsr: ${record.timestampGenTime}`,
        },
        received: excerpt(genTime ?? 'no readable genTime', 70),
        params: { seq: record.seq },
      },
    ];
  }
  return [];
}

/**
 * The problems of a line's receipt, checked against `keys`: its signature, then that it signed
 * the stored record (or, for a purged line, the line's digests).
 */
export async function checkLineReceipt(
  line: LogRecordLine & { receipt: string },
  where: Where,
  recordValid: boolean,
  keys: JSONWebKeySet,
): Promise<Problem[]> {
  const n = where.line;
  const at = ['line', n, 'receipt'];
  const signature = await verifySignedJson(line.receipt, keys, RECEIPT_TYP, at);
  if (!signature.ok) return [located(where, signature.error)];
  // A payload equal to a stored record that already passed the schema and hash checks passes
  // them too: they are not run twice (the log's main cost after the signatures).
  if (recordValid && firstDifference(signature.value.payload, line.record) === undefined) return [];
  const verified = await checkReceiptPayload(signature.value.payload, at);
  if (!verified.ok) return [located(where, verified.error)];
  // The stored record must be the one signed; without it, at least its digests must be.
  const stored = line.record ?? {
    siteKey: line.siteKey,
    seq: line.seq,
    prevHash: line.prevHash,
    recordHash: line.recordHash,
  };
  const signed =
    line.record === undefined
      ? {
          siteKey: verified.value.siteKey,
          seq: verified.value.seq,
          prevHash: verified.value.prevHash,
          recordHash: verified.value.recordHash,
        }
      : verified.value;
  const path = firstDifference(signed, stored);
  if (!path) return [];
  return [
    located(where, {
      code: 'log.receiptMismatch',
      path: [...(line.record === undefined ? ['line', n] : ['line', n, 'record']), ...path],
      expected: {
        en: `the signed value: ${excerpt(valueAt(signed, path), 60)}`,
        tr: `imzalanan değer: ${excerpt(valueAt(signed, path), 60)}`,
      },
      received: excerpt(valueAt(stored, path), 60),
      params: { field: path.join('.') },
    }),
  ];
}

/**
 * What a record line says about confirmations (docs/verification.md#records): a capture holding
 * channels may be confirmed (`held`: its id), a confirmation names the capture it releases.
 */
export interface ConfirmationLinks {
  held?: string;
  confirms?: { captureId: string; recordHash: string };
}

/** The confirmation links of a stored record (none when absent or not shaped as one). */
export function confirmationLinks(record: unknown): ConfirmationLinks {
  if (record === null || typeof record !== 'object') return {};
  const r = record as {
    kind?: unknown;
    captureId?: unknown;
    channels?: unknown;
    confirms?: { captureId?: unknown; recordHash?: unknown } | null;
  };
  if (r.kind === 'capture' && typeof r.captureId === 'string' && Array.isArray(r.channels)) {
    const held = r.channels.some((c) => (c as { verify?: unknown } | null)?.verify !== undefined);
    return held ? { held: r.captureId } : {};
  }
  const { captureId, recordHash } = r.confirms ?? {};
  if (
    r.kind === 'confirmation' &&
    typeof captureId === 'string' &&
    typeof recordHash === 'string'
  ) {
    return { confirms: { captureId, recordHash } };
  }
  return {};
}

/** What a worker found on one line after the header (log-verify-worker.ts). */
export type CheckedLine =
  /** Not a valid record line: the reader reads it itself, in order. */
  | { n: number; record: false }
  | {
      n: number;
      record: true;
      siteKey: string;
      seq: number;
      prevHash: string;
      recordHash: string;
      hasRecord: boolean;
      purged: boolean;
      hasReceipt: boolean;
      /** Problems of the stored record, in the order the reader reports them. */
      recordProblems: Problem[];
      /** Problems of the receipt (checked with the given keys). */
      receiptProblems: Problem[];
      links: ConfirmationLinks;
    };

/** Checks numbered lines (after the header) with `keys`; record lines only, the rest is passed. */
export function checkLines(
  lines: readonly { n: number; text: string }[],
  keys: JSONWebKeySet,
): Promise<CheckedLine[]> {
  return Promise.all(lines.map(({ n, text }) => checkLine(n, text, keys)));
}

async function checkLine(n: number, text: string, keys: JSONWebKeySet): Promise<CheckedLine> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { n, record: false };
  }
  const parsed = LogRecordLine.safeParse(value);
  if (!parsed.success) return { n, record: false };
  const line = parsed.data;
  const where = { line: n, siteKey: line.siteKey, seq: line.seq };
  const stored =
    line.record !== undefined
      ? await checkStoredRecord(line, where)
      : { valid: false, problems: [] };
  const receiptProblems =
    line.receipt !== undefined
      ? await checkLineReceipt({ ...line, receipt: line.receipt }, where, stored.valid, keys)
      : [];
  return {
    n,
    record: true,
    siteKey: line.siteKey,
    seq: line.seq,
    prevHash: line.prevHash,
    recordHash: line.recordHash,
    hasRecord: line.record !== undefined,
    purged: line.purgedAt !== undefined,
    hasReceipt: line.receipt !== undefined,
    recordProblems: stored.problems,
    receiptProblems,
    links: confirmationLinks(line.record),
  };
}
