// Long because: the suite signs the log it measures; generating and measuring share keys and sizes.
// Verifying proof: receipts per second through izinli's `verifyReceipt` (what `izinli verify
// receipt` runs: the JWS signature against the JWKS, then the record's schema) beside jose's bare
// `compactVerify` of the same receipts; and a whole exported log of 1,000,000 records (20,000 with
// --quick, BENCH_VERIFY_RECORDS to choose) through `izinli verify log` in its own process (chain,
// receipts, checkpoints) → records/s and peak memory, beside a process that only reads the same
// file line by line and parses each line (the I/O and JSON floor).
//
// The log is generated once per size into the temp folder (records sealed like the server seals
// them, receipts and a final checkpoint signed with a real key ring, on every core) and reused by
// later runs; the suite refuses to report a run whose log does not verify.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { GENESIS_HASH, captureRecordHashWith } from '@izinli/core';
import type { CaptureRecord } from '@izinli/core';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import {
  LOG_FORMAT,
  LOG_VERSION,
  loadKeyRing,
  signCheckpoint,
  signReceipt,
  verifyReceipt,
} from '@izinli/server';
import type { KeyRing } from '@izinli/server';
import { compactVerify, importJWK } from 'jose';
import type { JWK } from 'jose';
import { phoneOf, sealedRecord } from './delivery-support.js';
import { compare, reportFromRows, type BenchRow, type BenchSuite } from './harness.js';

// dist/bench/ → server/dist/cli/main.js
const CLI_MAIN = new URL('../../../server/dist/cli/main.js', import.meta.url).pathname;

// The log's signer threads. Each record's hash links the one before, so the chain is followed in
// order on the main thread, but cheaply: person n's record is the first sealedRecord's with person
// n's own fields (recordMaker), hashed with core's captureRecordHashWith as sealedRecord hashes.
// The signers rebuild each chunk's records from its start and those hashes, check every 50th one
// (and the first) is exactly what sealedRecord makes (so the log is the suite's records, sealed as
// the server seals them), sign each with the server's signReceipt (a key ring loaded from the same
// folder) and answer with the chunk's finished JSON lines, written in order.
const SIGNER = 'izinli-verify-bench-signer';
const CHUNK = 2000;
const RECEIVED = new Date('2026-11-28T10:15:30.000Z');

interface SignRequest {
  id: number;
  /** Records of persons `from` to `from + hashes.length - 1`, after `head`. */
  from: number;
  head: { seq: number; hash: string };
  hashes: string[];
  /** Whether to return the chunk's receipts too (the sample the receipt rows verify). */
  wantReceipts: boolean;
}
interface SignAnswer {
  id: number;
  text?: string;
  receipts?: string[];
  error?: string;
}

/** A record line as the server's export writes it. */
function recordLine(record: CaptureRecord, receipt: string): string {
  const { siteKey, seq, prevHash, recordHash } = record;
  return JSON.stringify({ type: 'record', siteKey, seq, prevHash, recordHash, record, receipt });
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Person `n`'s record after `head` with `recordHash` (computed when absent), in the first
 * sealedRecord's key order: what sealedRecord makes, without its schema parse per record.
 */
function recordMaker(): (
  n: number,
  head: { seq: number; hash: string },
  hash?: string,
) => CaptureRecord {
  const template = sealedRecord(0, { seq: 0, hash: GENESIS_HASH }, RECEIVED);
  return (n, head, hash) => {
    const record: CaptureRecord = {
      ...template,
      captureId: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      seq: head.seq + 1,
      person: { fullName: `Kişi Numara${n}`, phone: phoneOf(n) },
      prevHash: head.hash,
    };
    record.recordHash = hash ?? captureRecordHashWith(record, sha256Hex);
    return record;
  };
}

async function signChunk(
  ring: KeyRing,
  make: ReturnType<typeof recordMaker>,
  request: SignRequest,
): Promise<SignAnswer> {
  const { id, from, hashes, wantReceipts } = request;
  let head = request.head;
  const records: CaptureRecord[] = [];
  for (const [i, hash] of hashes.entries()) {
    const record = make(from + i, head, hash);
    if (i % 50 === 0) {
      const sealed = sealedRecord(from + i, head, RECEIVED);
      if (JSON.stringify(sealed) !== JSON.stringify(record)) {
        return { id, error: `record ${from + i} is not the one sealedRecord makes` };
      }
    }
    head = { seq: record.seq, hash: record.recordHash };
    records.push(record);
  }
  const receipts = await Promise.all(records.map((r) => signReceipt(ring, r)));
  const text = records.map((r, i) => `${recordLine(r, receipts[i]!)}\n`).join('');
  return { id, text, ...(wantReceipts ? { receipts } : {}) };
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === SIGNER) {
  const { keysDir } = workerData as { keysDir: string };
  const ring = await loadKeyRing({ dataDir: keysDir });
  const make = recordMaker();
  parentPort!.on('message', (request: SignRequest) => {
    signChunk(ring, make, request).then(
      (answer) => parentPort!.postMessage(answer),
      (error: unknown) => parentPort!.postMessage({ id: request.id, error: String(error) }),
    );
  });
}

/** Threads that seal and sign chunks of records into record lines, answering in any order. */
function startSigners(count: number, keysDir: string) {
  const workers = Array.from(
    { length: count },
    () => new Worker(new URL(import.meta.url), { workerData: { role: SIGNER, keysDir } }),
  );
  const waiting = new Map<
    number,
    { resolve: (a: SignAnswer) => void; reject: (e: Error) => void }
  >();
  for (const worker of workers) {
    worker.on('message', (answer: SignAnswer) => {
      const w = waiting.get(answer.id);
      waiting.delete(answer.id);
      if (answer.error === undefined) w?.resolve(answer);
      else w?.reject(new Error(`verify bench: signer: ${answer.error}`));
    });
    worker.on('error', (error) => {
      for (const w of waiting.values()) w.reject(error);
      waiting.clear();
    });
  }
  let next = 0;
  return {
    sign(request: Omit<SignRequest, 'id'>): Promise<SignAnswer> {
      const id = next++;
      const answer = new Promise<SignAnswer>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage({ ...request, id });
      });
      answer.catch(() => undefined); // awaited in order later
      return answer;
    },
    stop: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

/** Writes (once) a log of `size` records and its JWKS; returns their paths. */
async function logOf(size: number): Promise<{ log: string; jwks: string; receipts: string[] }> {
  const dir = join(tmpdir(), `izinli-bench-log-v${LOG_VERSION}-${size}`);
  const log = join(dir, 'log.jsonl');
  const jwks = join(dir, 'jwks.json');
  const sample = join(dir, 'receipts.json');
  if (existsSync(log) && existsSync(jwks) && existsSync(sample)) {
    return { log, jwks, receipts: JSON.parse(readFileSync(sample, 'utf8')) as string[] };
  }
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const keysDir = join(dir, 'keys');
  const ring = await loadKeyRing({ dataDir: keysDir });
  const partial = `${log}.partial`;
  const out = createWriteStream(partial);
  const writeText = (text: string) =>
    new Promise<void>((resolve, reject) =>
      out.write(text, (error) => (error ? reject(error) : resolve())),
    );
  const write = (line: unknown) => writeText(`${JSON.stringify(line)}\n`);
  await write({
    type: LOG_FORMAT,
    version: LOG_VERSION,
    exportedAt: new Date().toISOString(),
    sites: [EXAMPLE_SITE_KEY],
  });
  await write({ type: 'jwks', keys: ring.jwks().keys });
  const signers = startSigners(Math.max(1, availableParallelism()), keysDir);
  const make = recordMaker();
  let head = { seq: 0, hash: GENESIS_HASH };
  let receipts: string[] = [];
  // Chunks being sealed and signed, oldest first; written in this order.
  const signing: Promise<SignAnswer>[] = [];
  const writeOldest = async () => {
    const answer = await signing.shift()!;
    if (answer.receipts) receipts = answer.receipts.slice(0, 2000);
    await writeText(answer.text!);
  };
  try {
    for (let from = 0; from < size; from += CHUNK) {
      const start = head;
      const hashes: string[] = [];
      for (let n = from; n < Math.min(size, from + CHUNK); n++) {
        head = { seq: head.seq + 1, hash: make(n, head).recordHash };
        hashes.push(head.hash);
      }
      signing.push(signers.sign({ from, head: start, hashes, wantReceipts: from === 0 }));
      if (signing.length >= 4 * availableParallelism()) await writeOldest();
    }
    while (signing.length > 0) await writeOldest();
  } finally {
    await signers.stop();
  }
  const checkpoint = await signCheckpoint(ring, {
    siteKey: EXAMPLE_SITE_KEY,
    seq: head.seq,
    hash: head.hash,
    signedAt: new Date().toISOString(),
  });
  await write({ type: 'checkpoint', ...checkpoint });
  await new Promise<void>((resolve) => out.end(resolve));
  renameSync(partial, log);
  writeFileSync(jwks, JSON.stringify(ring.jwks()));
  writeFileSync(sample, JSON.stringify(receipts));
  console.log(
    `verify: generated a ${size}-record log in ${((performance.now() - started) / 1000).toFixed(1)} s (${dir})`,
  );
  return { log, jwks, receipts };
}

// Prints the process's peak resident memory (KiB) to stderr as it exits: VmHWM where Linux has it,
// since maxRSS also counts the parent's memory at the fork (this bench process, large after
// generating a log), else maxRSS. Worker threads share the process's memory, so both count them.
const PEAK = `import { readFileSync } from 'node:fs';
process.on('exit', () => {
  let kib = process.resourceUsage().maxRSS;
  try { kib = Number(/VmHWM:\\s*(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]); } catch {}
  process.stderr.write('\\nPEAK_RSS_KIB ' + kib + '\\n');
});`;
// The floor: read the file line by line and parse each line, nothing else.
const READ_ONLY = `
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
let n = 0;
for await (const line of createInterface({ input: createReadStream(process.argv[1]) })) { JSON.parse(line); n++; }
console.log(JSON.stringify({ lines: n }));`;

/** Runs `node args`, resolving with its seconds, peak memory and output once it exits 0. */
function timed(args: string[]): Promise<{ seconds: number; peakMiB: number; stdout: string }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(PEAK)}`, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const peak = /PEAK_RSS_KIB (\d+)/.exec(stderr);
      if (code !== 0 || !peak) {
        reject(
          new Error(
            `verify bench: node ${args.slice(0, 3).join(' ')} exited ${code}:\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`,
          ),
        );
        return;
      }
      resolve({ seconds, peakMiB: Number(peak[1]) / 1024, stdout });
    }),
  );
}

export const verify: BenchSuite = {
  name: 'verify',
  async run({ quick }) {
    // A million records by default, the target size: generating it takes about 2 minutes the first time (then
    // it is reused), verifying it about 3 on 2 cores.
    const size = Number(process.env.BENCH_VERIFY_RECORDS) || (quick ? 20_000 : 1_000_000);
    const { log, jwks: jwksFile, receipts } = await logOf(size);
    const jwks = JSON.parse(readFileSync(jwksFile, 'utf8')) as { keys: JWK[] };
    const key = await importJWK(jwks.keys[0]!, 'EdDSA');
    let i = 0;
    let j = 0;
    let failures = 0;
    const receiptRows = await compare(
      'verify',
      'receipts verified per second, and an exported log verified end to end',
      [
        'jose compactVerify (baseline)',
        async () => compactVerify(receipts[i++ % receipts.length]!, key),
      ],
      {
        'izinli verifyReceipt (signature + record schema)': async () => {
          const verified = await verifyReceipt(receipts[j++ % receipts.length]!, jwks);
          if (!verified.ok) failures++;
        },
      },
      { quick },
    );
    if (failures > 0) throw new Error(`verify bench: ${failures} receipts did not verify`);

    const floor = await timed(['--input-type=module', '-e', READ_ONLY, log]);
    const lines = (JSON.parse(floor.stdout) as { lines: number }).lines;
    const verified = await timed([CLI_MAIN, 'verify', 'log', log, '--jwks', jwksFile, '--json']);
    const report = JSON.parse(verified.stdout) as {
      ok?: boolean;
      valid?: boolean;
      records?: number;
    };
    if (!report.ok) {
      throw new Error(
        `verify bench: the generated log did not verify: ${verified.stdout.slice(0, 2000)}`,
      );
    }
    const logRows: Omit<BenchRow, 'ratio'>[] = [
      {
        task: `read + JSON.parse ${lines} lines (baseline), peak ${Math.round(floor.peakMiB)} MiB`,
        opsPerSec: size / floor.seconds,
        meanMs: floor.seconds * 1000,
        p99Ms: floor.seconds * 1000,
      },
      {
        task: `izinli verify log, ${size} records, peak ${Math.round(verified.peakMiB)} MiB`,
        opsPerSec: size / verified.seconds,
        meanMs: verified.seconds * 1000,
        p99Ms: verified.seconds * 1000,
      },
    ];
    console.log(
      `verify log: ${size} records in ${verified.seconds.toFixed(1)} s = ${Math.round(size / verified.seconds)} records/s, peak ${Math.round(verified.peakMiB)} MiB; ` +
        `reading alone ${floor.seconds.toFixed(1)} s, peak ${Math.round(floor.peakMiB)} MiB`,
    );
    const logReport = reportFromRows('verify', '', logRows);
    return {
      ...receiptRows,
      description:
        `receipts/s (${receipts.length} receipts in turn), and a ${size}-record exported log through ` +
        '`izinli verify log` in its own process (records/s; the mean and p99 columns hold the whole run’s time) ' +
        'beside reading and parsing the same file; the two pairs have their own baselines',
      rows: [...receiptRows.rows, ...logReport.rows],
    };
  },
};
