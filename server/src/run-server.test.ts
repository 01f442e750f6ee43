import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfigInput } from '@izinli/core';
import { EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import { fileNoticeConfig } from './config/notice-files.test-support.js';
import { postCaptureTo, validCapture } from './http/app-harness.test-support.js';
import { runServerProcess } from './run-server.js';
import type { RunningServer } from './start-server.js';

const NEW_ORIGIN = 'https://yeni.ornekkitabevi.com.tr';

interface LogLine {
  msg: string;
  problems?: string[];
  noticeVersions?: { id: string; locale: string; version: number }[];
}

/** The example config with `origins` as the site's allowed origins. */
function withOrigins(origins: string[]): ServerConfigInput {
  const config = structuredClone(exampleServerConfig);
  config.tenants[0]!.sites[0]!.allowedOrigins = origins;
  return config;
}

describe('runServerProcess: SIGHUP reloads the config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'izinli-reload-'));
  const configFile = join(dir, 'izinli.config.json');
  const signals = new EventEmitter();
  const lines = new EventEmitter();
  let stderr = '';
  let server: RunningServer;
  let exited: Promise<number>;

  const writeConfig = (config: unknown) => writeFileSync(configFile, JSON.stringify(config));
  /** The next log line whose message starts with `msg`. */
  const nextLog = (msg: string) =>
    new Promise<LogLine>((resolve) => {
      const on = (line: LogLine) => {
        if (!line.msg.startsWith(msg)) return;
        lines.off('line', on);
        resolve(line);
      };
      lines.on('line', on);
    });
  /** Sends SIGHUP and resolves with the reload's outcome, as logged. */
  const hangUp = async () => {
    const outcome = Promise.race([nextLog('config reloaded'), nextLog('config reload refused')]);
    signals.emit('SIGHUP');
    return outcome;
  };
  const capture = (origin: string) =>
    postCaptureTo(server.url, validCapture({ pageUrl: `${origin}/uye-ol` }), { Origin: origin });

  beforeAll(async () => {
    writeConfig(exampleServerConfig);
    let listening!: (value: RunningServer) => void;
    const started = new Promise<RunningServer>((resolve) => (listening = resolve));
    exited = runServerProcess({
      env: { PORT: '0', DATA_DIR: dir, IZINLI_CONFIG: configFile, IYS_PASSWORD: 'demo' },
      signals,
      stderr: new Writable({
        write(chunk: Buffer, _encoding, done) {
          stderr += chunk.toString();
          done();
        },
      }),
      version: '0.0.0-test',
      logTo: new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const text of chunk.toString().split('\n').filter(Boolean))
            lines.emit('line', JSON.parse(text) as LogLine);
          done();
        },
      }),
      onListening: listening,
    });
    server = await Promise.race([
      started,
      exited.then((code) => Promise.reject(new Error(`exited ${code}: ${stderr}`))),
    ]);
  });
  afterAll(async () => {
    signals.emit('SIGTERM');
    expect(await exited).toBe(0);
    expect(signals.listenerCount('SIGHUP')).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a capture from an origin added on disk once SIGHUP reloads the config', async () => {
    expect((await capture(NEW_ORIGIN)).status).toBe(403);
    writeConfig(withOrigins(['https://www.ornekkitabevi.com.tr', NEW_ORIGIN]));
    expect((await hangUp()).msg).toBe('config reloaded');

    const preflight = await fetch(`${server.url}/v1/captures`, {
      method: 'OPTIONS',
      headers: { Origin: NEW_ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(NEW_ORIGIN);
    expect((await capture(NEW_ORIGIN)).status).toBe(201);
  });

  it('refuses a config that fails the check, logs its problems and keeps serving the old one', async () => {
    writeConfig(withOrigins(['https://www.ornekkitabevi.com.tr', NEW_ORIGIN]));
    await hangUp();
    const broken = withOrigins(['http://kotu.example']);
    broken.tenants[0]!.id = 'Kötü Kimlik';
    writeConfig(broken);
    const refused = await hangUp();
    expect(refused.msg).toBe('config reload refused (2 problem(s)); the running config is kept');
    expect(refused.problems).toEqual([
      expect.stringContaining('tenants[0].id'),
      expect.stringContaining('tenants[0].sites[0].allowedOrigins[0]'),
    ]);
    expect((await capture(NEW_ORIGIN)).status).toBe(201);
    writeConfig('{ "tenants": [');
    expect((await hangUp()).msg).toMatch(/^config reload refused/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await capture(NEW_ORIGIN)).status).toBe(201);
  });

  it('serves a changed notice file as a new version and still accepts captures of the old one', async () => {
    writeConfig(fileNoticeConfig(dir, { 'notices/aydinlatma.md': 'Birinci metin.' }));
    expect((await hangUp()).msg).toBe('config reloaded');
    const shown = async () => {
      const response = await fetch(`${server.url}/v1/sites/${EXAMPLE_SITE_KEY}/widget`);
      const view = (await response.json()) as {
        notices: { id: string; version: number; sha256: string; text: string }[];
      };
      return view.notices.map(({ id, version, sha256, text }) => ({ id, version, sha256, text }));
    };
    const before = await shown();
    expect(before.find((n) => n.id === 'kvkk-aydinlatma')).toMatchObject({
      version: 1,
      text: 'Birinci metin.',
    });
    writeFileSync(join(dir, 'notices', 'aydinlatma.md'), 'İkinci metin.');
    const reloaded = await hangUp();
    expect(reloaded).toMatchObject({ noticeVersions: [{ id: 'kvkk-aydinlatma', version: 2 }] });
    expect((await shown()).find((n) => n.id === 'kvkk-aydinlatma')).toMatchObject({
      version: 2,
      text: 'İkinci metin.',
    });
    // A page loaded before the change sends version 1: it was shown, so it is still accepted.
    const response = await postCaptureTo(
      server.url,
      validCapture({
        purposes: { 'kitap-onerileri': false, 'yurt-disi-eposta-hizmeti': false },
        notices: before.map(({ id, version, sha256 }) => ({ id, version, sha256 })),
      }),
    );
    expect(response.status).toBe(201);
  });

  it('lets a request in flight during a reload finish with the config it started with', async () => {
    writeConfig(withOrigins(['https://www.ornekkitabevi.com.tr', NEW_ORIGIN]));
    await hangUp();
    const body = JSON.stringify(validCapture({ pageUrl: `${NEW_ORIGIN}/uye-ol` }));
    const { port } = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/captures',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          Origin: NEW_ORIGIN,
          // Node answers 100 Continue in the same turn in which it hands the request to the app,
          // so on 'continue' the request is inside the app built from the old config.
          Expect: '100-continue',
        },
      });
      req.on('response', (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      req.on('error', reject);
      req.on('continue', () => {
        writeConfig(withOrigins(['https://www.ornekkitabevi.com.tr']));
        hangUp().then((reloaded) => {
          expect(reloaded.msg).toBe('config reloaded');
          req.end(body);
        }, reject);
      });
      req.flushHeaders();
    });
    expect(status).toBe(201);
    // The next request meets the new config, which no longer allows the origin.
    expect((await capture(NEW_ORIGIN)).status).toBe(403);
  });
});
