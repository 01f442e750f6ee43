// The crash test: a capture load against a real server process killed with SIGKILL
// mid-way; after a restart every capture that got a 2xx is stored and verifies, and the chain is
// intact. SQLite with synchronous=FULL: an answered capture is on disk.
import { afterAll, describe, expect, it } from 'vitest';
import { checkCaptureChain } from '@izinli/core';
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import { compactVerify, createLocalJWKSet } from 'jose';
import { ORIGIN, adminRecords, captureBody } from './captures.test-support.js';
import { makeDataDir, startServerProcess } from './server-process.test-support.js';
import type { ServerProcess } from './server-process.test-support.js';

const running: ServerProcess[] = [];
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL');
});

describe('crash safety', () => {
  it('A13: after SIGKILL mid-load, every capture that got a 2xx is stored, verifies, and the chain is intact', async () => {
    const { dataDir, configFile } = makeDataDir();
    const env = { DATA_DIR: dataDir, IZINLI_CONFIG: configFile };
    const first = await startServerProcess(env);
    running.push(first);

    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const body = captureBody(sent++);
        try {
          const response = await fetch(`${first.url}/v1/captures`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
            body: JSON.stringify(body),
          });
          if (response.ok) acknowledged.push(body.id);
          else throw new Error(`unexpected ${response.status}: ${await response.text()}`);
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    // Kill once a good number of captures are in, while the others are in flight.
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    first.child.kill('SIGKILL');
    await Promise.allSettled(workers);
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(sent).toBeGreaterThan(acknowledged.length);

    const second = await startServerProcess(env);
    running.push(second);
    const jwks = createLocalJWKSet(
      (await (await fetch(`${second.url}/.well-known/jwks.json`)).json()) as never,
    );
    for (const id of acknowledged) {
      const response = await fetch(`${second.url}/v1/admin/captures/${id}`, {
        headers: { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` },
      });
      expect(response.status, id).toBe(200);
      const stored = (await response.json()) as { receipt: string; record: unknown };
      const { payload } = await compactVerify(stored.receipt, jwks);
      expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(stored.record);
    }
    // The whole chain, page by page through the admin API.
    const records = await adminRecords(second.url);
    expect(records.length).toBeGreaterThanOrEqual(acknowledged.length);
    expect(await checkCaptureChain(records)).toEqual([]);
    // The restarted server goes on appending to the same chain.
    const after = captureBody(999_999);
    const response = await fetch(`${second.url}/v1/captures`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
      body: JSON.stringify(after),
    });
    expect(response.status).toBe(201);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 60_000);
});
