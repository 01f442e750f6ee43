import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureRecord } from '@izinli/core';
import { exportLog, loadKeyRing } from '../proof/index.js';
import type { KeyRing } from '../proof/index.js';
import {
  EXAMPLE_SITE_KEY,
  checkpointAt,
  collect,
  memoryStore,
  signedChain,
  tempDir,
} from '../proof/proof-fixtures.test-support.js';
import type { Checkpoint, StoredCapture } from '../store/store.js';
import { HELP } from './args.js';
import { sink } from './cli-run.test-support.js';
import { EXIT, runCli } from './run.js';
import type { CliDeps } from './run.js';

let dir: string;
let ring: KeyRing;
let chain: StoredCapture[];
let checkpoints: Checkpoint[];
const files = { jwks: '', receipt: '', log: '' };
const JWKS_URL = 'https://izinli.example/.well-known/jwks.json';

beforeAll(async () => {
  dir = tempDir('izinli-cli-');
  ring = await loadKeyRing({ dataDir: dir });
  chain = await signedChain(ring, 4);
  checkpoints = [await checkpointAt(ring, chain, 4)];
  files.jwks = join(dir, 'jwks.json');
  files.receipt = join(dir, 'receipt.jws');
  files.log = join(dir, 'log.jsonl');
  writeFileSync(files.jwks, JSON.stringify(ring.jwks()));
  writeFileSync(files.receipt, `${chain[0]!.receipt}\n`);
  const lines = await collect(exportLog(memoryStore(chain, checkpoints)));
  writeFileSync(files.log, `${lines.join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in-process with captured output and a fake network and store. */
async function izinli(argv: string[], options: { stdin?: string; env?: CliDeps['env'] } = {}) {
  const out = sink();
  const err = sink();
  const opened: { closed: boolean }[] = [];
  const code = await runCli(argv, {
    env: options.env ?? {},
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    stdout: out.stream,
    stderr: err.stream,
    fetch: async (url) =>
      String(url) === JWKS_URL
        ? new Response(JSON.stringify(ring.jwks()), { status: 200 })
        : new Response('nope', { status: 404, statusText: 'Not Found' }),
    openStore: async () => {
      const state = { closed: false };
      opened.push(state);
      return {
        ...memoryStore(chain, checkpoints),
        close: async () => {
          state.closed = true;
        },
      };
    },
    now: () => new Date('2025-07-01T00:00:00.000Z'),
  });
  return { code, stdout: out.text(), stderr: err.text(), opened };
}

describe('izinli verify receipt', () => {
  it('verifies a receipt file against a JWKS file and prints its key facts', async () => {
    const run = await izinli(['verify', 'receipt', files.receipt, '--jwks', files.jwks]);
    expect(run).toMatchObject({ code: EXIT.ok, stderr: '' });
    const record = chain[0]!.record as CaptureRecord;
    expect(run.stdout).toContain(`receipt verified: signed by key ${ring.kid}`);
    expect(run.stdout).toContain(`site       ${EXAMPLE_SITE_KEY} #1`);
    expect(run.stdout).toContain('MESAJ ticked (ONAY), ARAMA unticked, EPOSTA ticked (ONAY)');
    expect(run.stdout).toContain(`recordHash ${record.recordHash}`);
    // Key facts only: the person's name and addresses are not printed.
    expect(run.stdout).not.toContain(record.person.fullName!);
  });

  it('reads the capture API’s JSON answer from stdin and a JWKS URL', async () => {
    const answer = JSON.stringify({ captureId: chain[1]!.captureId, receipt: chain[1]!.receipt });
    const run = await izinli(['verify', 'receipt', '-', '--jwks', JWKS_URL, '--json'], {
      stdin: answer,
    });
    expect(run.code).toBe(EXIT.ok);
    const body = JSON.parse(run.stdout) as { ok: boolean; kid: string; record: CaptureRecord };
    expect(body).toEqual({ ok: true, kid: ring.kid, record: chain[1]!.record });
  });

  it('A13: exits 1 and says why for a tampered receipt', async () => {
    const [h, p, s] = chain[0]!.receipt!.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as CaptureRecord;
    const forged = Buffer.from(JSON.stringify({ ...payload, seq: 9 })).toString('base64url');
    const run = await izinli(['verify', 'receipt', '-', '--jwks', files.jwks], {
      stdin: `${h}.${forged}.${s}`,
    });
    expect(run.code).toBe(EXIT.failed);
    expect(run.stdout).toMatch(
      /^receipt NOT verified:\n {2}- \(input\): the signature does not verify/,
    );
    const tr = await izinli(['verify', 'receipt', '-', '--jwks', files.jwks, '--lang', 'tr'], {
      stdin: `${h}.${forged}.${s}`,
    });
    expect(tr.stdout).toContain('imza doğrulanamadı');
  });

  it('exits 2 when the JWKS or the receipt cannot be read', async () => {
    const gone = await izinli([
      'verify',
      'receipt',
      files.receipt,
      '--jwks',
      'https://elsewhere/jwks.json',
    ]);
    expect(gone).toMatchObject({ code: EXIT.usage, stdout: '' });
    expect(gone.stderr).toContain('answered 404 Not Found');
    const notJwks = await izinli(['verify', 'receipt', files.receipt, '--jwks', files.log]);
    expect(notJwks.code).toBe(EXIT.usage);
    expect(notJwks.stderr).toMatch(/is not (JSON|a key set)/);
    const missing = await izinli([
      'verify',
      'receipt',
      join(dir, 'nope.jws'),
      '--jwks',
      files.jwks,
    ]);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toContain('ENOENT');
    const empty = await izinli(['verify', 'receipt', '-', '--jwks', files.jwks], {
      stdin: '{"id":1}',
    });
    expect(empty.code).toBe(EXIT.usage);
    expect(empty.stderr).toContain('holds no receipt');
  });
});

describe('izinli verify log', () => {
  it('verifies an export and sums it up', async () => {
    const run = await izinli(['verify', 'log', files.log, '--jwks', files.jwks]);
    expect(run).toMatchObject({ code: EXIT.ok, stderr: '' });
    expect(run.stdout).toBe(
      `site ${EXAMPLE_SITE_KEY}: 4 records (0 purged), 1 checkpoints, head #4 ${chain[3]!.recordHash}\n` +
        'log verified: 1 site(s), 4 records, 1 checkpoints\n',
    );
  });

  it('A13: exits 1 for a log with a deleted record and says where', async () => {
    const lines = readFileSync(files.log, 'utf8').split('\n');
    const tampered = lines.filter((_, i) => i !== 2).join('\n'); // line 3 is seq 2
    const run = await izinli(['verify', 'log', '-', '--jwks', files.jwks], { stdin: tampered });
    expect(run.code).toBe(EXIT.failed);
    expect(run.stdout).toContain('log NOT verified: 1 problem(s)');
    expect(run.stdout).toContain(
      `  - line 3, seq: ${EXAMPLE_SITE_KEY} #3: record(s) 2 are missing from the chain`,
    );
    const json = await izinli(
      ['verify', 'log', '-', '--jwks', files.jwks, '--json', '--lang', 'tr'],
      {
        stdin: tampered,
      },
    );
    const report = JSON.parse(json.stdout) as {
      ok: boolean;
      problems: { code: string; message: string }[];
    };
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ code: 'log.seqGap' });
    expect(report.problems[0]!.message).toContain('eksik');
  });

  it('warns that a log vouching for itself proves little when it uses the export’s own JWKS', async () => {
    const lines = await collect(exportLog(memoryStore(chain, checkpoints), { jwks: ring.jwks() }));
    const run = await izinli(['verify', 'log', '-'], { stdin: lines.join('\n') });
    expect(run.code).toBe(EXIT.ok);
    expect(run.stderr).toContain('a log that vouches for itself proves little');
  });

  it('exits 1 without any JWKS, since no signature could be checked', async () => {
    const run = await izinli(['verify', 'log', files.log]);
    expect(run.code).toBe(EXIT.failed);
    expect(run.stdout).toContain('pass --jwks');
  });
});

describe('izinli keys rotate and export', () => {
  it('rotates the data folder’s key and keeps the old one verifiable', async () => {
    const keysDir = tempDir('izinli-cli-keys-');
    try {
      const old = await loadKeyRing({ dataDir: keysDir });
      const run = await izinli(['keys', 'rotate', '--data-dir', keysDir]);
      expect(run.code).toBe(EXIT.ok);
      const current = await loadKeyRing({ dataDir: keysDir });
      expect(run.stdout).toContain(`new signing key: ${current.kid}`);
      expect(run.stdout).toContain(`retired key: ${old.kid}`);
      expect(current.jwks().keys.map((k) => k.kid)).toEqual([current.kid, old.kid]);
      // DATA_DIR from the environment works too.
      expect((await izinli(['keys', 'rotate'], { env: { DATA_DIR: keysDir } })).code).toBe(EXIT.ok);
    } finally {
      rmSync(keysDir, { recursive: true, force: true });
    }
  });

  it('refuses to rotate when the server signs with IZINLI_SIGNING_KEY', async () => {
    const run = await izinli(['keys', 'rotate', '--data-dir', dir], {
      env: { IZINLI_SIGNING_KEY: 'x' },
    });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('IZINLI_SIGNING_KEY is set');
  });

  it('exports to a 0600 file that verify log accepts, and closes the store', async () => {
    const out = join(dir, 'export.jsonl');
    const run = await izinli(['export', '--data-dir', dir, '--out', out]);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stderr).toContain(`exported 1 site(s), 7 lines to ${out}`);
    expect(run.opened).toEqual([{ closed: true }]);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[1]!)).toEqual({ type: 'jwks', keys: ring.jwks().keys });
    const verified = await izinli(['verify', 'log', out, '--jwks', files.jwks]);
    expect(verified.code).toBe(EXIT.ok);
  });

  it('exports to stdout, and refuses a site without records', async () => {
    const run = await izinli(['export', '--data-dir', dir, '--site', EXAMPLE_SITE_KEY]);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(7);
    const unknown = await izinli(['export', '--data-dir', dir, '--site', 'yok-boyle-bir-site-01']);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toContain('no records for site(s) yok-boyle-bir-site-01');
    expect(unknown.opened).toEqual([{ closed: true }]);
  });
});

describe('izinli usage', () => {
  it('prints help and exits 0', async () => {
    expect(await izinli(['--help'])).toMatchObject({ code: EXIT.ok, stdout: HELP });
  });

  it('exits 2 with the usage error on stderr', async () => {
    const run = await izinli(['verify', 'receipt', 'x.jws']);
    expect(run).toMatchObject({ code: EXIT.usage, stdout: '' });
    expect(run.stderr).toBe(
      'izinli: verify receipt needs --jwks <file|url>: the keys to verify the receipt with\nRun izinli --help for usage.\n',
    );
  });
});

describe('izinli token', () => {
  it('prints a fresh token and the adminTokens entry whose SHA-256 admits it', async () => {
    const first = await izinli(['token', 'hukuk']);
    const second = await izinli(['token']);
    expect(first.code).toBe(0);
    const token = /^\s+(izn_[A-Za-z0-9_-]{43})$/m.exec(first.stdout)![1]!;
    const entry = JSON.parse(/^\s+(\{.*\})$/m.exec(first.stdout)![1]!) as {
      label: string;
      sha256: string;
    };
    expect(entry.label).toBe('hukuk');
    expect(entry.sha256).toBe(createHash('sha256').update(token).digest('hex'));
    expect(second.stdout).not.toContain(token);
  });

  it('refuses extra arguments', async () => {
    expect((await izinli(['token', 'a', 'b'])).code).toBe(2);
  });
});
