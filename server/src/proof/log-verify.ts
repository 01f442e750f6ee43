// Verifies an exported log (log-lines.ts) line by line: each site's hash chain, every record
// against its digests and its receipt, every checkpoint against its signature and the chain (A13).
import {
  CaptureRecord,
  GENESIS_HASH,
  checkCaptureRecordHash,
  excerpt,
  problemsFromZod,
  valueAt,
} from '@izinli/core';
import type { Problem } from '@izinli/core';
import type { JSONWebKeySet } from 'jose';
import { verifyCheckpoint } from './checkpoint.js';
import { firstDifference } from './first-difference.js';
import { LOG_VERSION, LogBodyLine, LogHeaderLine } from './log-lines.js';
import { checkSiteChain, newSiteState } from './log-site.js';
import type { AddProblem, LogSiteSummary, SiteState, Where } from './log-site.js';
import type { LogCheckpointLine, LogRecordLine } from './log-lines.js';
import { RECEIPT_TYP, checkReceiptPayload } from './receipt.js';
import { verifySignedJson } from './signed-json.js';
import './log-problems.js';
import { sha256HexSync } from './node-sha256.js';

/** The outcome of `verifyLog`: ok only when there is no problem at all. */
export interface LogReport {
  ok: boolean;
  /** Where the keys came from: the caller, the export's own jwks line, or nowhere. */
  keys: 'given' | 'embedded' | 'none';
  sites: LogSiteSummary[];
  /** Each names the line (`path: ['line', n, …]`, `params.line`) and, where known, site and seq. */
  problems: Problem[];
}

class LogVerifier {
  private readonly problems: Problem[] = [];
  private readonly sites = new Map<string, SiteState>();
  private header: LogHeaderLine | undefined;
  private embedded: JSONWebKeySet | undefined;
  private missingKeysReported = false;

  constructor(private readonly given: JSONWebKeySet | undefined) {}

  /** True once a valid header was read (before it, nothing else is read). */
  get hasHeader(): boolean {
    return this.header !== undefined;
  }

  // An arrow, so it can be handed to checkSiteChain as is.
  private readonly add: AddProblem = (where, problem) => {
    const params: Record<string, string | number> = { ...problem.params, line: where.line };
    if (where.siteKey !== undefined) params.siteKey = where.siteKey;
    if (where.seq !== undefined) params.seq = where.seq;
    this.problems.push({ ...problem, params });
  };

  private site(siteKey: string, line: number): SiteState {
    let state = this.sites.get(siteKey);
    if (!state) {
      if (this.header && !this.header.sites.includes(siteKey)) {
        this.add(
          { line, siteKey },
          {
            code: 'log.undeclaredSite',
            path: ['line', line, 'siteKey'],
            expected: `one of the header's sites: ${excerpt(this.header.sites, 70)}`,
            received: excerpt(siteKey),
          },
        );
      }
      state = newSiteState(siteKey);
      this.sites.set(siteKey, state);
    }
    return state;
  }

  private keys(line: number): JSONWebKeySet | undefined {
    const keys = this.given ?? this.embedded;
    if (!keys && !this.missingKeysReported) {
      this.missingKeysReported = true;
      this.add(
        { line },
        {
          code: 'log.noKeys',
          path: ['line', line],
          expected: 'a JWKS to verify signatures with (given, or a jwks line before this one)',
          received: 'none',
        },
      );
    }
    return keys;
  }

  /** Reads one non-empty line; false when the input is not an export and reading should stop. */
  async line(text: string, n: number): Promise<boolean> {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (!this.header) return this.readHeader(value, text, n);
    const parsed = LogBodyLine.safeParse(value);
    if (!parsed.success) {
      const [first] = problemsFromZod(parsed.error, value);
      this.add(
        { line: n },
        {
          code: 'log.badLine',
          path: ['line', n, ...(first?.path ?? [])],
          expected: value === undefined ? 'a JSON object' : (first?.expected ?? 'a log line'),
          received: value === undefined ? excerpt(text) : (first?.received ?? excerpt(value)),
        },
      );
      return true;
    }
    const line = parsed.data;
    if (line.type === 'record') await this.readRecord(line, n);
    else if (line.type === 'checkpoint') await this.readCheckpoint(line, n);
    else this.embedded ??= { keys: line.keys };
    return true;
  }

  private readHeader(value: unknown, text: string, n: number): boolean {
    const header = LogHeaderLine.safeParse(value);
    if (!header.success) {
      this.add(
        { line: n },
        {
          code: 'log.notAnExport',
          path: ['line', n],
          expected: `a header line { "type": "izinli-log", "version": ${LOG_VERSION}, … }`,
          received: excerpt(text, 70),
        },
      );
      return false;
    }
    if (header.data.version !== LOG_VERSION) {
      this.add(
        { line: n },
        {
          code: 'log.version',
          path: ['line', n, 'version'],
          expected: `version ${LOG_VERSION}`,
          received: excerpt(header.data.version),
        },
      );
      return false;
    }
    this.header = header.data;
    for (const siteKey of header.data.sites) this.site(siteKey, n);
    return true;
  }

  private async readRecord(line: LogRecordLine, n: number): Promise<void> {
    const { siteKey, seq } = line;
    const where = { line: n, siteKey, seq };
    const site = this.site(siteKey, n);
    site.records += 1;
    const seen = site.entries.get(seq);
    if (seen) {
      this.add(where, {
        code: 'log.duplicateSeq',
        path: ['line', n, 'seq'],
        expected: `a seq not used before (seq ${seq} is on line ${seen.line})`,
        received: excerpt(seq),
        params: { firstLine: seen.line },
      });
    } else {
      if (seq < site.lastSeq) {
        this.add(where, {
          code: 'log.outOfOrder',
          path: ['line', n, 'seq'],
          expected: `seq after ${site.lastSeq}`,
          received: excerpt(seq),
          params: { after: site.lastSeq },
        });
      }
      const before = seq === 1 ? GENESIS_HASH : site.entries.get(seq - 1)?.recordHash;
      const prevHash = before === line.prevHash ? null : line.prevHash;
      site.entries.set(seq, { prevHash, recordHash: line.recordHash, line: n });
      site.lastSeq = Math.max(site.lastSeq, seq);
    }
    let recordValid = false;
    if (line.record !== undefined) recordValid = await this.checkRecord(line, where);
    else {
      site.purged += 1;
      if (line.purgedAt === undefined) {
        this.add(where, {
          code: 'log.recordMissing',
          path: ['line', n, 'record'],
          expected: 'the record, or purgedAt when retention purged it',
          received: 'neither',
        });
      }
    }
    if (line.receipt !== undefined) await this.checkReceipt(line, where, recordValid);
  }

  /** True when the stored record is a valid capture record whose digests match. */
  private async checkRecord(line: LogRecordLine, where: Where): Promise<boolean> {
    const n = where.line;
    const parsed = CaptureRecord.safeParse(line.record);
    if (!parsed.success) {
      const [first] = problemsFromZod(parsed.error, line.record);
      this.add(where, {
        code: 'log.notARecord',
        path: ['line', n, 'record', ...(first?.path ?? [])],
        expected: first?.expected ?? 'a capture record',
        received: first?.received ?? excerpt(line.record),
      });
      return false;
    }
    // Checked as stored, not as zod normalised it (see verifyReceipt).
    const record = line.record as CaptureRecord;
    let valid = true;
    for (const field of ['siteKey', 'seq', 'prevHash', 'recordHash'] as const) {
      if (record[field] !== line[field]) {
        this.add(where, {
          code: 'log.digestMismatch',
          path: ['line', n, 'record', field],
          expected: `the line's ${field}: ${excerpt(line[field], 70)}`,
          received: excerpt(record[field], 70),
          params: { field },
        });
        valid = false;
      }
    }
    const hashed = await checkCaptureRecordHash(record, ['line', n, 'record'], sha256HexSync);
    if (!hashed.ok) this.add(where, hashed.error);
    return valid && hashed.ok;
  }

  private async checkReceipt(line: LogRecordLine, where: Where, recordValid: boolean) {
    const n = where.line;
    const keys = this.keys(n);
    if (!keys || line.receipt === undefined) return;
    const at = ['line', n, 'receipt'];
    const signature = await verifySignedJson(line.receipt, keys, RECEIPT_TYP, at);
    if (!signature.ok) {
      this.add(where, signature.error);
      return;
    }
    // A payload equal to a stored record that already passed the schema and hash checks passes
    // them too: they are not run twice (the log's main cost after the signatures).
    if (recordValid && firstDifference(signature.value.payload, line.record) === undefined) return;
    const verified = await checkReceiptPayload(signature.value.payload, at);
    if (!verified.ok) {
      this.add(where, verified.error);
      return;
    }
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
    if (path) {
      this.add(where, {
        code: 'log.receiptMismatch',
        path: [...(line.record === undefined ? ['line', n] : ['line', n, 'record']), ...path],
        expected: `the signed value: ${excerpt(valueAt(signed, path), 60)}`,
        received: excerpt(valueAt(stored, path), 60),
        params: { field: path.join('.') },
      });
    }
  }

  private async readCheckpoint(line: LogCheckpointLine, n: number): Promise<void> {
    const site = this.site(line.siteKey, n);
    site.checkpointLines += 1;
    const keys = this.keys(n);
    if (!keys) return;
    const { type: _type, ...checkpoint } = line;
    const verified = await verifyCheckpoint(checkpoint, keys, { path: ['line', n] });
    if (!verified.ok) {
      this.add({ line: n, siteKey: line.siteKey, seq: line.seq }, verified.error);
      return;
    }
    site.checkpoints.push({ seq: line.seq, hash: line.hash, line: n });
  }

  /** The end-of-input checks (gaps, links, checkpoints against the chain) and the report. */
  finish(lines: number): LogReport {
    if (!this.header && this.problems.length === 0) {
      this.add(
        { line: lines + 1 },
        {
          code: 'log.notAnExport',
          path: ['line', lines + 1],
          expected: 'a header line { "type": "izinli-log", … }',
          received: 'the end of the input',
        },
      );
    }
    const sites = [...this.sites.values()].map((site) => checkSiteChain(site, this.add));
    // Problems found at the end belong among the others, in line order.
    const lineOf = (p: Problem) => Number(p.params?.line ?? 0);
    const problems = this.problems.sort((a, b) => lineOf(a) - lineOf(b));
    return {
      ok: problems.length === 0,
      keys: this.given ? 'given' : this.embedded ? 'embedded' : 'none',
      sites,
      problems,
    };
  }
}

/**
 * Verifies an exported log. With `jwks` omitted, the export's own jwks line is used — the report
 * says so (`keys: 'embedded'`): a log that vouches for itself proves little.
 */
export async function verifyLog(
  lines: AsyncIterable<string> | Iterable<string>,
  jwks?: JSONWebKeySet,
): Promise<LogReport> {
  const verifier = new LogVerifier(jwks);
  // Lines are read in order, and all a line does to the chain's state happens before its first
  // await; its hashing and signature checks (asynchronous WebCrypto) then overlap those of the
  // next lines, at most VERIFY_WINDOW at a time. Problems are sorted by line at the end.
  const inFlight = new Set<Promise<boolean>>();
  let n = 0;
  for await (const text of lines) {
    n += 1;
    if (text.trim() === '') continue;
    const reading = verifier.line(text, n);
    if (!verifier.hasHeader) {
      // Not an export (or not yet at its header): nothing overlaps it.
      if (!(await reading)) break;
      continue;
    }
    inFlight.add(reading);
    void reading.finally(() => inFlight.delete(reading)).catch(() => undefined);
    if (inFlight.size >= VERIFY_WINDOW) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return verifier.finish(n);
}

/** Lines whose checks may run at once (their signatures verify on libuv's thread pool). */
const VERIFY_WINDOW = 64;
