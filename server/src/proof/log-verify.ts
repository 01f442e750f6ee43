// Long because: one verifier walks the header, chains and checkpoints; its worker pool with it.
// Verifies an exported log (log-lines.ts) line by line: each site's hash chain, every record
// against its digests and its receipt, every checkpoint against its signature and the chain (A13).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GENESIS_HASH, described, excerpt, problemsFromZod } from '@izinli/core';
import type { Problem } from '@izinli/core';
import type { JSONWebKeySet } from 'jose';
import { verifyCheckpoint } from './checkpoint.js';
import { LOG_VERSION, LogBodyLine, LogHeaderLine } from './log-lines.js';
import {
  checkLineReceipt,
  checkStoredRecord,
  confirmationLinks,
  located,
} from './log-record-check.js';
import type { CheckedLine, ConfirmationLinks } from './log-record-check.js';
import { checkSiteChain, newSiteState } from './log-site.js';
import type { AddProblem, LogSiteSummary, SiteState, Where } from './log-site.js';
import type { LogCheckpointLine, LogRecordLine } from './log-lines.js';
import type { LinesRequest } from './log-verify-worker.js';
import './log-problems.js';

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
  /** Captures holding channels, by id: their site and recordHash (confirmations name them). */
  private readonly held = new Map<string, { siteKey: string; recordHash: string }>();
  /** Confirmations read, checked against `held` at the end (the capture may come later). */
  private readonly confirmations: {
    where: Required<Where>;
    confirms: { captureId: string; recordHash: string };
  }[] = [];

  constructor(private readonly given: JSONWebKeySet | undefined) {}

  /** True once a valid header was read (before it, nothing else is read). */
  get hasHeader(): boolean {
    return this.header !== undefined;
  }

  // An arrow, so it can be handed to checkSiteChain as is.
  private readonly add: AddProblem = (where, problem) => {
    this.problems.push(located(where, problem));
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
            expected: {
              en: `one of the header's sites: ${excerpt(this.header.sites, 70)}`,
              tr: `başlıktaki sitelerden biri: ${excerpt(this.header.sites, 70)}`,
            },
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
          expected: {
            en: 'a JWKS to verify signatures with (given, or a jwks line before this one)',
            tr: 'imzaları doğrulayacak bir JWKS (verilmiş ya da bu satırdan önce bir jwks satırı)',
          },
          ...described({ en: 'none', tr: 'yok' }),
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
          expected:
            value === undefined
              ? { en: 'a JSON object', tr: 'bir JSON nesnesi' }
              : (first?.expected ?? { en: 'a log line', tr: 'bir döküm satırı' }),
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
          expected: {
            en: `a header line { "type": "izinli-log", "version": ${LOG_VERSION}, … }`,
            tr: `bir başlık satırı { "type": "izinli-log", "version": ${LOG_VERSION}, … }`,
          },
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
          expected: { en: `version ${LOG_VERSION}`, tr: `${LOG_VERSION}. sürüm` },
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
    const where = { line: n, siteKey: line.siteKey, seq: line.seq };
    this.chainStep(line, n);
    this.linkStep(confirmationLinks(line.record), line, where);
    let recordValid = false;
    if (line.record !== undefined) {
      const stored = await checkStoredRecord(line, where);
      this.problems.push(...stored.problems);
      recordValid = stored.valid;
    } else this.purgedStep(line.purgedAt !== undefined, where);
    if (line.receipt === undefined) return;
    const keys = this.keys(n);
    if (!keys) return;
    const receipt = line.receipt;
    this.problems.push(...(await checkLineReceipt({ ...line, receipt }, where, recordValid, keys)));
  }

  /**
   * A record line a worker checked (with the given keys): the chain steps happen here, in line
   * order, and its problems go where `readRecord` would have put them.
   */
  applyChecked(checked: Extract<CheckedLine, { record: true }>): void {
    const n = checked.n;
    const where = { line: n, siteKey: checked.siteKey, seq: checked.seq };
    this.chainStep(checked, n);
    this.linkStep(checked.links, checked, where);
    this.problems.push(...checked.recordProblems);
    if (!checked.hasRecord) this.purgedStep(checked.purged, where);
    if (checked.hasReceipt && this.keys(n)) this.problems.push(...checked.receiptProblems);
  }

  /** A record line's part of the chain: its site, its seq's place, its digests. */
  private chainStep(
    line: Pick<LogRecordLine, 'siteKey' | 'seq' | 'prevHash' | 'recordHash'>,
    n: number,
  ): void {
    const { siteKey, seq } = line;
    const where = { line: n, siteKey, seq };
    const site = this.site(siteKey, n);
    site.records += 1;
    const seen = site.entries.get(seq);
    if (seen) {
      this.add(where, {
        code: 'log.duplicateSeq',
        path: ['line', n, 'seq'],
        expected: {
          en: `a seq not used before (seq ${seq} is on line ${seen.line})`,
          tr: `daha önce kullanılmamış bir sıra numarası (${seq}, ${seen.line}. satırda var)`,
        },
        received: excerpt(seq),
        params: { firstLine: seen.line },
      });
      return;
    }
    if (seq < site.lastSeq) {
      this.add(where, {
        code: 'log.outOfOrder',
        path: ['line', n, 'seq'],
        expected: {
          en: `seq after ${site.lastSeq}`,
          tr: `${site.lastSeq} sayısından büyük bir sıra numarası`,
        },
        received: excerpt(seq),
        params: { after: site.lastSeq },
      });
    }
    const before = seq === 1 ? GENESIS_HASH : site.entries.get(seq - 1)?.recordHash;
    const prevHash = before === line.prevHash ? null : line.prevHash;
    site.entries.set(seq, { prevHash, recordHash: line.recordHash, line: n });
    site.lastSeq = Math.max(site.lastSeq, seq);
  }

  /** A record line's confirmation links, kept for the end-of-input check. */
  private linkStep(
    links: ConfirmationLinks,
    line: Pick<LogRecordLine, 'siteKey' | 'recordHash'>,
    where: Required<Where>,
  ): void {
    if (links.held !== undefined) {
      this.held.set(links.held, { siteKey: line.siteKey, recordHash: line.recordHash });
    }
    if (links.confirms) this.confirmations.push({ where, confirms: links.confirms });
  }

  /**
   * Each confirmation whose capture is in the log must name that capture's recordHash, on its
   * own site (A13): a confirmation cannot be moved onto another capture.
   */
  private checkConfirmations(): void {
    for (const { where, confirms } of this.confirmations) {
      const capture = this.held.get(confirms.captureId);
      if (!capture) continue;
      if (capture.siteKey === where.siteKey && capture.recordHash === confirms.recordHash) continue;
      this.add(where, {
        code: 'log.confirmsMismatch',
        path: ['line', where.line, 'record', 'confirms', 'recordHash'],
        expected: {
          en: `the recordHash of capture ${confirms.captureId} of ${where.siteKey}: ${capture.recordHash}`,
          tr: `${where.siteKey} sitesinin ${confirms.captureId} kaydının recordHash değeri: ${capture.recordHash}`,
        },
        received: excerpt(confirms.recordHash, 70),
        params: { captureId: confirms.captureId, rule: 'A13' },
      });
    }
  }

  /** A record line without its record: purged by retention, or else missing. */
  private purgedStep(markedPurged: boolean, where: Required<Where>): void {
    this.site(where.siteKey, where.line).purged += 1;
    if (!markedPurged) {
      this.add(where, {
        code: 'log.recordMissing',
        path: ['line', where.line, 'record'],
        expected: {
          en: 'the record, or purgedAt when retention purged it',
          tr: 'kaydın kendisi ya da saklama süresi dolduğu için silindiyse purgedAt',
        },
        ...described({ en: 'neither', tr: 'ikisi de yok' }),
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
          expected: {
            en: 'a header line { "type": "izinli-log", … }',
            tr: 'bir başlık satırı { "type": "izinli-log", … }',
          },
          ...described({ en: 'the end of the input', tr: 'girdinin sonu' }),
        },
      );
    }
    const sites = [...this.sites.values()].map((site) => checkSiteChain(site, this.add));
    this.checkConfirmations();
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

/** Options of `verifyLog`. */
export interface VerifyLogOptions {
  /**
   * Worker threads that check record lines (schema, hash, receipt) while this thread follows the
   * chain; 0 (the default) checks everything here. Used only with `jwks` given, and only from
   * line `parallelAfter` on, so a small log never waits for threads to start.
   */
  workers?: number;
  /** The line after which workers take over (default 4,000). */
  parallelAfter?: number;
  /** The worker script (default: log-verify-worker.js beside this module, when it exists). */
  workerUrl?: URL;
}

const WORKER_URL = new URL('./log-verify-worker.js', import.meta.url);

/**
 * Verifies an exported log. With `jwks` omitted, the export's own jwks line is used — the report
 * says so (`keys: 'embedded'`): a log that vouches for itself proves little.
 */
export async function verifyLog(
  lines: AsyncIterable<string> | Iterable<string>,
  jwks?: JSONWebKeySet,
  options: VerifyLogOptions = {},
): Promise<LogReport> {
  const verifier = new LogVerifier(jwks);
  const workerUrl = options.workerUrl ?? WORKER_URL;
  const parallel =
    jwks !== undefined &&
    (options.workers ?? 0) > 0 &&
    workerUrl.protocol === 'file:' &&
    existsSync(fileURLToPath(workerUrl));
  const parallelAfter = options.parallelAfter ?? 4000;
  let workers: LineWorkers | undefined;
  // Lines are read in order, and all a line does to the chain's state happens before its first
  // await; its hashing and signature checks (asynchronous WebCrypto) then overlap those of the
  // next lines, at most VERIFY_WINDOW at a time. With workers, past `parallelAfter`, lines go to
  // them in batches and what they found is applied to the chain here, batch after batch in line
  // order. Problems are sorted by line at the end.
  const inFlight = new Set<Promise<boolean>>();
  // With workers: batches of lines being checked, oldest first, applied in this order.
  const batches: { lines: { n: number; text: string }[]; checked: Promise<CheckedLine[]> }[] = [];
  let batch: { n: number; text: string }[] = [];
  const applyOldest = async () => {
    const { lines: texts, checked } = batches.shift()!;
    for (const [i, line] of (await checked).entries()) {
      if (line.record) verifier.applyChecked(line);
      // Anything but a valid record line (rare: the jwks, checkpoints, bad lines) is read here.
      else await verifier.line(texts[i]!.text, line.n);
    }
  };
  let n = 0;
  try {
    for await (const text of lines) {
      n += 1;
      if (text.trim() === '') continue;
      if (parallel && verifier.hasHeader && n > parallelAfter) {
        if (!workers) {
          await Promise.all(inFlight);
          workers = startLineWorkers(workerUrl, options.workers!, jwks);
        }
        batch.push({ n, text });
        if (batch.length < WORKER_BATCH) continue;
        batches.push({ lines: batch, checked: workers.check(batch) });
        batch = [];
        if (batches.length >= 4 * workers.count) await applyOldest();
        continue;
      }
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
    if (workers && batch.length > 0) batches.push({ lines: batch, checked: workers.check(batch) });
    while (batches.length > 0) await applyOldest();
  } finally {
    await workers?.stop();
  }
  return verifier.finish(n);
}

/** Lines whose checks may run at once (their signatures verify on libuv's thread pool). */
const VERIFY_WINDOW = 64;
/** Lines a worker checks at once (their signatures too overlap on libuv's pool). */
const WORKER_BATCH = 256;

interface LineWorkers {
  count: number;
  check(lines: { n: number; text: string }[]): Promise<CheckedLine[]>;
  stop(): Promise<unknown>;
}

/** Worker threads checking batches of lines with `keys`, each batch answered on its own. */
function startLineWorkers(url: URL, count: number, keys: JSONWebKeySet): LineWorkers {
  // Without this process's flags (a test runner's module conditions, a wrapper's --import).
  const workers = Array.from(
    { length: count },
    () => new Worker(url, { workerData: { keys }, execArgv: [] }),
  );
  type Waiting = { resolve: (lines: CheckedLine[]) => void; reject: (error: Error) => void };
  const waiting = new Map<number, Waiting>();
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  for (const worker of workers) {
    worker.on('message', (answer: { id: number; checked?: CheckedLine[]; error?: string }) => {
      const w = waiting.get(answer.id);
      waiting.delete(answer.id);
      if (answer.checked) w?.resolve(answer.checked);
      else w?.reject(new Error(`verify log worker: ${answer.error}`));
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      if (waiting.size > 0) failAll(new Error(`verify log worker exited (${code})`));
    });
  }
  let next = 0;
  return {
    count,
    check(lines) {
      const id = next++;
      const checked = new Promise<CheckedLine[]>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        const request: LinesRequest = { id, lines };
        workers[id % count]!.postMessage(request);
      });
      // Awaited in order later; a failure before then must not count as unhandled.
      checked.catch(() => undefined);
      return checked;
    },
    stop: () => Promise.all(workers.map((w) => w.terminate())),
  };
}
