// Verifying proof: receipts per second through izinli's `verifyReceipt` (what `izinli verify
// receipt` runs: the JWS signature against the JWKS, then the record's schema) beside jose's bare
// `compactVerify` of the same receipts; and a whole exported log of 200,000 records (20,000 with
// --quick) through `izinli verify log` in its own process (chain, receipts, checkpoints) → records/s
// and peak memory, beside a process that only reads the same file line by line and parses each
// line (the I/O and JSON floor).
//
// The log is generated once per size into the temp folder (records sealed like the server seals
// them, receipts and a final checkpoint signed with a real key ring) and reused by later runs; the
// suite refuses to report a run whose log does not verify.
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENESIS_HASH } from '@izinli/core';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import {
  LOG_FORMAT,
  LOG_VERSION,
  loadKeyRing,
  signCheckpoint,
  signReceipt,
  verifyReceipt,
} from '@izinli/server';
import { compactVerify, importJWK } from 'jose';
import type { JWK } from 'jose';
import { sealedRecord } from './delivery-support.js';
import { compare, reportFromRows, type BenchRow, type BenchSuite } from './harness.js';

// dist/bench/ → server/dist/cli/main.js
const CLI_MAIN = new URL('../../../server/dist/cli/main.js', import.meta.url).pathname;

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
  const ring = await loadKeyRing({ dataDir: join(dir, 'keys') });
  const partial = `${log}.partial`;
  const out = createWriteStream(partial);
  const write = (line: unknown) =>
    new Promise<void>((resolve, reject) =>
      out.write(`${JSON.stringify(line)}\n`, (error) => (error ? reject(error) : resolve())),
    );
  await write({
    type: LOG_FORMAT,
    version: LOG_VERSION,
    exportedAt: new Date().toISOString(),
    sites: [EXAMPLE_SITE_KEY],
  });
  await write({ type: 'jwks', keys: ring.jwks().keys });
  let head = { seq: 0, hash: GENESIS_HASH };
  const received = new Date('2026-11-28T10:15:30.000Z');
  const receipts: string[] = [];
  for (let start = 0; start < size; start += 2000) {
    const records = [];
    for (let n = start; n < Math.min(size, start + 2000); n++) {
      const record = sealedRecord(n, head, received);
      head = { seq: record.seq, hash: record.recordHash };
      records.push(record);
    }
    // The signer is asynchronous: a chunk is signed together.
    const signed = await Promise.all(records.map((r) => signReceipt(ring, r)));
    for (const [i, record] of records.entries()) {
      const { siteKey, seq, prevHash, recordHash } = record;
      await write({
        type: 'record',
        siteKey,
        seq,
        prevHash,
        recordHash,
        record,
        receipt: signed[i],
      });
    }
    if (receipts.length < 2000) receipts.push(...signed.slice(0, 2000 - receipts.length));
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

// Prints the process's peak resident memory (KiB) to stderr as it exits.
const PEAK = `process.on('exit', () => process.stderr.write('\\nPEAK_RSS_KIB ' + process.resourceUsage().maxRSS + '\\n'))`;
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
    // 1,000,000 records take longer than the whole bench budget today (about 4,000 records/s to
    // verify and 2,500/s to generate on 2 cores): the full run verifies 200,000, and
    // BENCH_VERIFY_RECORDS=1000000 runs the million on its own (`npm run bench -- verify`).
    const size = Number(process.env.BENCH_VERIFY_RECORDS) || (quick ? 20_000 : 200_000);
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
