import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLog, loadKeyRing } from '../proof/index.js';
import type { KeyRing } from '../proof/index.js';
import {
  collect,
  memoryStore,
  signedChain,
  tempDir,
} from '../proof/proof-fixtures.test-support.js';
import type { StoredCapture } from '../store/store.js';
import { startProgress } from './progress.js';
import type { ProgressLine } from './progress.js';
import { EXIT, runCli } from './run.js';

/** A stream that keeps what is written, a terminal or not. */
function stream(isTTY: boolean) {
  let text = '';
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  if (isTTY) {
    out.isTTY = true;
    out.columns = 100;
  }
  return { stream: out as unknown as NodeJS.WriteStream, text: () => text };
}

const progressLines = (text: string): ProgressLine[] =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{"type":"progress"'))
    .map((l) => JSON.parse(l) as ProgressLine);

describe('startProgress', () => {
  it('with json writes one line per interval, always the first and a finished last one', () => {
    const out = stream(true);
    let clock = 0;
    const progress = startProgress({
      label: 'export: records',
      total: 10,
      json: true,
      stream: out.stream,
      intervalMs: 100,
      now: () => clock,
    });
    for (let done = 1; done <= 10; done += 1) {
      clock += 40;
      progress.update(done);
    }
    progress.finish();
    progress.finish();
    expect(progressLines(out.text())).toEqual([
      { type: 'progress', label: 'export: records', done: 1, total: 10, finished: false },
      { type: 'progress', label: 'export: records', done: 4, total: 10, finished: false },
      { type: 'progress', label: 'export: records', done: 7, total: 10, finished: false },
      { type: 'progress', label: 'export: records', done: 10, total: 10, finished: false },
      { type: 'progress', label: 'export: records', done: 10, total: 10, finished: true },
    ]);
    // Nothing but JSON lines: a terminal gets no bar when --json asked for lines.
    expect(out.text().split('\n').filter(Boolean)).toHaveLength(5);
  });

  it('draws a bar on a terminal (total known or not) and writes nothing elsewhere', () => {
    const tty = stream(true);
    const bar = startProgress({ label: 'purge', total: 4, json: false, stream: tty.stream });
    bar.update(2);
    bar.update(4);
    bar.finish();
    expect(tty.text()).toContain('purge [');
    expect(tty.text()).toContain('100% 4/4');

    const counter = stream(true);
    const open = startProgress({ label: 'verify log: lines', json: false, stream: counter.stream });
    open.update(12);
    open.finish();
    expect(counter.text()).toContain('verify log: lines 12');

    const pipe = stream(false);
    const silent = startProgress({ label: 'purge', total: 4, json: false, stream: pipe.stream });
    silent.update(3);
    silent.finish();
    expect(pipe.text()).toBe('');
  });
});

describe('the CLI’s progress', () => {
  let dir: string;
  let ring: KeyRing;
  let chain: StoredCapture[];
  let log: string;

  beforeAll(async () => {
    dir = tempDir('izinli-progress-');
    ring = await loadKeyRing({ dataDir: dir });
    chain = await signedChain(ring, 5);
    log = join(dir, 'log.jsonl');
    writeFileSync(
      log,
      `${(await collect(exportLog(memoryStore(chain), { jwks: ring.jwks() }))).join('\n')}\n`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function izinli(argv: string[], tty: boolean) {
    const out = stream(false);
    const err = stream(tty);
    const code = await runCli(argv, {
      env: {},
      stdin: Readable.from([]),
      stdout: out.stream,
      stderr: err.stream,
      fetch: () => Promise.reject(new Error('no network in this test')),
      openStore: async () => ({
        ...memoryStore(chain),
        chainHead: async (siteKey: string) => ({ siteKey, seq: chain.length, hash: '' }),
        close: async () => undefined,
      }),
    });
    return { code, stdout: out.text(), stderr: err.text() };
  }

  it('export --json: progress lines on stderr up to the records’ total, the log on stdout', async () => {
    const run = await izinli(['export', '--json', '--data-dir', dir], false);
    expect(run.code).toBe(EXIT.ok);
    const lines = progressLines(run.stderr);
    expect(lines[0]).toMatchObject({ label: 'export: records', done: 1, total: 5 });
    expect(lines.at(-1)).toEqual({
      type: 'progress',
      label: 'export: records',
      done: 5,
      total: 5,
      finished: true,
    });
    expect(run.stdout).not.toContain('"type":"progress"');
    expect(run.stdout.trim().split('\n')).toHaveLength(7);
  });

  it('verify log: a bar when stderr is a terminal, nothing more when it is not', async () => {
    const tty = await izinli(['verify', 'log', log], true);
    expect(tty.code).toBe(EXIT.ok);
    // Header, jwks and five records.
    expect(tty.stderr).toContain('verify log: lines 7');
    const pipe = await izinli(['verify', 'log', log], false);
    expect(pipe.code).toBe(EXIT.ok);
    expect(pipe.stderr).not.toContain('verify log: lines');
    expect(pipe.stdout).toBe(tty.stdout);

    const json = await izinli(['verify', 'log', log, '--json'], true);
    expect(progressLines(json.stderr).at(-1)).toEqual({
      type: 'progress',
      label: 'verify log: lines',
      done: 7,
      finished: true,
    });
    expect((JSON.parse(json.stdout) as { ok: boolean }).ok).toBe(true);
  });
});
