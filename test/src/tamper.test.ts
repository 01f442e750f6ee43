// A13 on the real database: a server process writes captures to SQLite and stops; then each test
// tampers with a copy of the database file the server wrote (edit, delete, reorder, re-hash) and
// checks that `izinli export` + `izinli verify log` fails (exit 1) and names where: the site and
// seq in the text output, and the line of the export in the --json report. The proof-level checks
// on edited export lines are in server/src/proof/log-verify.test.ts; this one goes through storage.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, sealCaptureRecord } from '@izinli/core';
import type { CaptureRecord, UnsealedCaptureRecord } from '@izinli/core';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { captureBody, fetchJwks, postCapture } from './captures.test-support.js';
import { runIzinli, verifyLogJson } from './cli-process.test-support.js';
import type { LogProblem } from './cli-process.test-support.js';
import { makeDataDir, serverProcesses, stopServerProcess } from './server-process.test-support.js';

const CAPTURES = 6;
const SITE = EXAMPLE_SITE_KEY;

let pristine: string;
let work: string;
let jwksFile: string;
const servers = serverProcesses();

beforeAll(async () => {
  const { dataDir, env } = makeDataDir();
  pristine = dataDir;
  work = mkdtempSync(join(tmpdir(), 'izinli-tamper-'));
  const server = await servers.start(env);
  // One at a time, so capture i is seq i.
  for (let i = 1; i <= CAPTURES; i += 1) {
    const response = await postCapture(server.url, captureBody(i));
    expect(response.status, await response.text()).toBe(201);
  }
  // The published keys, kept apart from the data folder as a verifier would keep them.
  jwksFile = join(work, 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify(await fetchJwks(server.url)));
  // A clean stop: the WAL is checkpointed into the file and a last chain checkpoint is signed.
  expect((await stopServerProcess(server)).code).toBe(0);
}, 30_000);

let copies = 0;
/** A copy of the data folder the server wrote, with `edit` applied to its SQLite database. */
async function tamperedCopy(edit: (db: SqliteDatabase) => unknown): Promise<string> {
  const copy = join(work, `copy-${(copies += 1)}`);
  cpSync(pristine, copy, { recursive: true });
  const db = new Database(join(copy, 'izinli.sqlite'));
  try {
    await edit(db);
  } finally {
    db.close();
  }
  return copy;
}

/** `izinli export` of a data folder, then `izinli verify log` on it (text and --json). */
async function exportAndVerify(dataDir: string) {
  const file = join(dataDir, 'export.jsonl');
  const exported = await runIzinli(['export', '--data-dir', dataDir, '--out', file]);
  expect(exported.code, exported.stderr).toBe(0);
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  /** The 1-based export line of a record or checkpoint line at `seq`. */
  const lineOf = (type: 'record' | 'checkpoint', seq: number) =>
    lines.findIndex((l) => {
      const line = JSON.parse(l) as { type: string; seq?: number };
      return line.type === type && line.seq === seq;
    }) + 1;
  const text = await runIzinli(['verify', 'log', file, '--jwks', jwksFile, '--lang', 'en']);
  const json = await verifyLogJson(file, jwksFile);
  expect(json.code).toBe(text.code);
  return { text, json, lineOf, lines };
}

const seqsOf = (problems: readonly LogProblem[]) =>
  [...new Set(problems.map((p) => p.params?.seq))].sort((a, b) => Number(a) - Number(b));
const codesAt = (problems: readonly LogProblem[], seq: number) =>
  problems.filter((p) => p.params?.seq === seq).map((p) => p.code);

function readRecord(db: SqliteDatabase, seq: number): CaptureRecord {
  const row = db
    .prepare('SELECT record FROM captures WHERE site_key = ? AND seq = ?')
    .get(SITE, seq) as { record: string } | undefined;
  if (!row) throw new Error(`no record at seq ${seq}`);
  return JSON.parse(row.record) as CaptureRecord;
}

function deleteRecord(db: SqliteDatabase, seq: number): void {
  // Movements reference the capture (foreign key): they go first, as a careful intruder's would.
  db.prepare(
    'DELETE FROM movements WHERE capture_id = (SELECT capture_id FROM captures WHERE site_key = ? AND seq = ?)',
  ).run(SITE, seq);
  expect(
    db.prepare('DELETE FROM captures WHERE site_key = ? AND seq = ?').run(SITE, seq).changes,
  ).toBe(1);
}

describe('A13: tampering with the stored SQLite database breaks izinli verify log', () => {
  it('A13: the untampered database exports and verifies (exit 0)', async () => {
    const { text, json, lines } = await exportAndVerify(await tamperedCopy(() => undefined));
    expect(text.code, text.stdout).toBe(0);
    expect(text.stdout).toContain(`site ${SITE}: ${CAPTURES} records`);
    expect(text.stdout).toContain('log verified');
    expect(json.problems).toEqual([]);
    // The header, the jwks line, the records and at least the checkpoint signed on shutdown.
    expect(lines.filter((l) => l.includes('"type":"checkpoint"')).length).toBeGreaterThan(0);
  });

  it('A13: an edited stored record makes izinli verify log fail at its seq', async () => {
    const copy = await tamperedCopy((db) => {
      const record = readRecord(db, 3);
      const edited = { ...record, person: { ...record.person, fullName: 'Başka Biri' } };
      db.prepare('UPDATE captures SET record = ? WHERE site_key = ? AND seq = 3').run(
        canonicalJson(edited),
        SITE,
      );
    });
    const { text, json, lineOf } = await exportAndVerify(copy);
    expect(text.code, text.stdout).toBe(1);
    expect(text.stdout).toContain('log NOT verified');
    expect(text.stdout).toContain(`${SITE} #3`);
    // Every problem is at seq 3, on its line: the content no longer has its hash, nor its receipt's.
    expect(seqsOf(json.problems)).toEqual([3]);
    expect(json.problems.every((p) => p.params?.line === lineOf('record', 3))).toBe(true);
    expect(codesAt(json.problems, 3)).toContain('log.receiptMismatch');
    expect(codesAt(json.problems, 3)).toContain('record.hashMismatch');
  });

  it('A13: a deleted stored record makes izinli verify log fail at the gap it leaves', async () => {
    const { text, json, lineOf } = await exportAndVerify(
      await tamperedCopy((db) => deleteRecord(db, 3)),
    );
    expect(text.code, text.stdout).toBe(1);
    expect(text.stdout).toContain(`${SITE} #4: record(s) 3 are missing from the chain`);
    expect(seqsOf(json.problems)).toEqual([4]);
    const gap = json.problems.find((p) => p.code === 'log.seqGap');
    expect(gap?.params).toMatchObject({ seq: 4, missing: '3', line: lineOf('record', 4) });
    // The link across a gap is not checked again: the gap is the one problem.
    expect(codesAt(json.problems, 4)).toEqual(['log.seqGap']);
  });

  it('A13: deleting the newest stored record is caught by the checkpoint signed on shutdown', async () => {
    const { text, json, lineOf } = await exportAndVerify(
      await tamperedCopy((db) => deleteRecord(db, CAPTURES)),
    );
    expect(text.code, text.stdout).toBe(1);
    expect(text.stdout).toContain(`${SITE} #${CAPTURES}: a signed checkpoint lies beyond`);
    const beyond = json.problems.find((p) => p.code === 'log.checkpointBeyondEnd');
    expect(beyond?.params).toMatchObject({
      seq: CAPTURES,
      head: CAPTURES - 1,
      line: lineOf('checkpoint', CAPTURES),
    });
  });

  it('A13: reordered stored records (two seqs swapped) make izinli verify log fail at their seqs', async () => {
    const copy = await tamperedCopy((db) => {
      const move = db.prepare('UPDATE captures SET seq = ? WHERE site_key = ? AND seq = ?');
      move.run(1000, SITE, 2);
      move.run(2, SITE, 4);
      move.run(4, SITE, 1000);
    });
    const { text, json, lineOf } = await exportAndVerify(copy);
    expect(text.code, text.stdout).toBe(1);
    expect(text.stdout).toContain(`${SITE} #2`);
    expect(text.stdout).toContain(`${SITE} #4`);
    // The record now at seq 2 says it is seq 4, and the other way round.
    for (const [at, says] of [
      [2, 4],
      [4, 2],
    ] as const) {
      const moved = json.problems.find(
        (p) => p.code === 'log.digestMismatch' && p.params?.seq === at,
      );
      expect(moved?.params).toMatchObject({ field: 'seq', line: lineOf('record', at) });
      expect(moved?.message).toContain(`received ${says}`);
    }
    // The links around the swapped records are broken; seq 1 and 6 stay sound.
    expect(seqsOf(json.problems)).toEqual([2, 3, 4, 5]);
  });

  it('A13: an edited record_hash makes izinli verify log fail at its seq and the link after it', async () => {
    const copy = await tamperedCopy((db) => {
      const { record_hash: hash } = db
        .prepare('SELECT record_hash FROM captures WHERE site_key = ? AND seq = 3')
        .get(SITE) as { record_hash: string };
      const other = `${hash[0] === '0' ? '1' : '0'}${hash.slice(1)}`;
      db.prepare('UPDATE captures SET record_hash = ? WHERE site_key = ? AND seq = 3').run(
        other,
        SITE,
      );
    });
    const { text, json, lineOf } = await exportAndVerify(copy);
    expect(text.code, text.stdout).toBe(1);
    expect(text.stdout).toContain(`${SITE} #3: the record's recordHash differs`);
    expect(seqsOf(json.problems)).toEqual([3, 4]);
    const digest = json.problems.find((p) => p.code === 'log.digestMismatch');
    expect(digest?.params).toMatchObject({
      seq: 3,
      field: 'recordHash',
      line: lineOf('record', 3),
    });
    expect(codesAt(json.problems, 4)).toEqual(['log.linkBroken']);
  });

  it('A13: a record edited and the chain after it re-hashed is caught by its receipts and the signed checkpoint', async () => {
    // The strongest intruder without the private key: edits seq 3 and re-seals 3..6 so every
    // hash and link is consistent again, head included.
    const copy = await tamperedCopy(async (db) => {
      let prevHash = readRecord(db, 2).recordHash;
      for (let seq = 3; seq <= CAPTURES; seq += 1) {
        const { recordHash: _old, ...rest } = readRecord(db, seq);
        const unsealed = {
          ...rest,
          prevHash,
          ...(seq === 3 ? { person: { ...rest.person, fullName: 'Başka Biri' } } : {}),
        } as UnsealedCaptureRecord;
        const sealed = await sealCaptureRecord(unsealed);
        db.prepare(
          'UPDATE captures SET record = ?, prev_hash = ?, record_hash = ? WHERE site_key = ? AND seq = ?',
        ).run(canonicalJson(sealed), sealed.prevHash, sealed.recordHash, SITE, seq);
        prevHash = sealed.recordHash;
      }
      db.prepare('UPDATE chain_heads SET hash = ? WHERE site_key = ?').run(prevHash, SITE);
    });
    const { text, json, lineOf } = await exportAndVerify(copy);
    expect(text.code, text.stdout).toBe(1);
    expect(text.stdout).toContain(
      `${SITE} #3: the stored record differs from the one its receipt signed`,
    );
    for (let seq = 3; seq <= CAPTURES; seq += 1) {
      expect(codesAt(json.problems, seq), `seq ${seq}`).toContain('log.receiptMismatch');
    }
    const first = json.problems.find((p) => p.code === 'log.receiptMismatch');
    expect(first?.params).toMatchObject({ seq: 3, line: lineOf('record', 3) });
    expect(json.problems.map((p) => p.code)).toContain('log.checkpointMismatch');
    expect(json.problems.map((p) => p.code)).not.toContain('log.linkBroken');
  });
});
